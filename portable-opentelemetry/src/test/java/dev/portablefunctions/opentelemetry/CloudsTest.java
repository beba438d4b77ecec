package dev.portablefunctions.opentelemetry;

import static dev.portablefunctions.opentelemetry.Telemetry.attribute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portablefunctions.Context;
import dev.portablefunctions.Message;
import dev.portablefunctions.MessageFunction;
import dev.portablefunctions.aws.LambdaInvocations;
import dev.portablefunctions.gcp.EventInvocations;
import dev.portablefunctions.spi.FunctionDefinition;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The same observer under the AWS and Google Cloud adapters, with their own trace formats. */
class CloudsTest {

  @BeforeEach
  void reset() {
    Telemetry.reset();
  }

  /** Fails on a message whose body is "poison". */
  public static final class QueueOrders implements MessageFunction {
    @Override
    public void handle(Message message, Context context) {
      if (message.bodyAsString().equals("poison")) {
        throw new IllegalStateException("poison message " + message.id());
      }
    }
  }

  /**
   * An SQS event in the shape AWS documents (Lambda developer guide, "Using Lambda with Amazon
   * SQS").
   */
  private static final String SQS =
      "{\"Records\":["
          + record(
              "059f36b4-87a3-44ab-83d2-661975830a7d",
              "Test message.",
              ",\"AWSTraceHeader\":\"Root=1-0af76519-16cd43dd8448eb211c80319c;Parent=b7ad6b7169203331;Sampled=1\"")
          + ","
          + record("2e1424d4-f796-459a-8184-9c92662be6da", "poison", "")
          + "]}";

  private static String record(String id, String body, String traceHeader) {
    return "{\"messageId\":\""
        + id
        + "\",\"receiptHandle\":\"AQEBzWwaftRI0KuVm4tP+/7q1rGgNqicHq...\","
        + "\"body\":\""
        + body
        + "\",\"attributes\":{\"ApproximateReceiveCount\":\"1\","
        + "\"SentTimestamp\":\"1545082650636\",\"SenderId\":\"AIDAIENQZJOLO23YVJ4VO\","
        + "\"ApproximateFirstReceiveTimestamp\":\"1545082650649\""
        + traceHeader
        + "},"
        + "\"messageAttributes\":{},\"md5OfBody\":\"098f6bcd4621d373cade4e832627b4f6\","
        + "\"eventSource\":\"aws:sqs\",\"eventSourceARN\":\"arn:aws:sqs:us-east-1:123456789012:my-queue\","
        + "\"awsRegion\":\"us-east-1\"}";
  }

  @Test
  void onLambdaTheParentIsTheXRayTraceAndEachSqsMessageIsASpan() throws Exception {
    List<String> logs = new ArrayList<>();
    byte[] answer =
        LambdaInvocations.invoke(
            FunctionDefinition.of(new QueueOrders()),
            SQS.getBytes(StandardCharsets.UTF_8),
            "req-sqs-1",
            "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1",
            logs::add);

    assertThat(new String(answer, StandardCharsets.UTF_8))
        .contains("2e1424d4-f796-459a-8184-9c92662be6da");
    SpanData batch = Telemetry.spansNamed("queue-orders").get(0);
    assertThat(batch.getKind()).isEqualTo(SpanKind.CONSUMER);
    assertThat(batch.getTraceId()).isEqualTo("5759e988bd862e3fe1be46a994272793");
    assertThat(batch.getParentSpanId()).isEqualTo("53995c3f42cd8ad8");
    assertThat(attribute(batch, "cloud.provider")).isEqualTo("aws");
    assertThat(attribute(batch, "cloud.platform")).isEqualTo("aws_lambda");
    assertThat(attribute(batch, "faas.invocation_id")).isEqualTo("req-sqs-1");
    assertThat(attribute(batch, "faas.trigger")).isEqualTo("pubsub");
    assertThat(attribute(batch, "messaging.system")).isEqualTo("aws_sqs");
    assertThat(batch.getAttributes().get(AttributeKey.longKey("messaging.batch.message_count")))
        .isEqualTo(2L);

    Map<String, SpanData> messages =
        Telemetry.spansNamed("process").stream()
            .collect(
                Collectors.toMap(span -> attribute(span, "messaging.message.id"), span -> span));
    SpanData fine = messages.get("059f36b4-87a3-44ab-83d2-661975830a7d");
    SpanData poison = messages.get("2e1424d4-f796-459a-8184-9c92662be6da");
    assertThat(fine.getParentSpanId()).isEqualTo(batch.getSpanId());
    assertThat(fine.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    assertThat(fine.getLinks())
        .singleElement()
        .satisfies(
            link ->
                assertThat(link.getSpanContext().getTraceId())
                    .isEqualTo("0af7651916cd43dd8448eb211c80319c"));
    assertThat(poison.getParentSpanId()).isEqualTo(batch.getSpanId());
    assertThat(poison.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(attribute(poison, "error.type")).isEqualTo("INTERNAL");
    // The outcome record is still written beside the spans.
    assertThat(logs).anyMatch(line -> line.contains("\"outcome\":\"partial\""));
  }

  @Test
  void onCloudFunctionsTheParentIsTheCloudEventsTraceparentExtension() {
    CloudEvent event =
        CloudEventBuilder.v1()
            .withId("1234567890")
            .withSource(URI.create("//pubsub.googleapis.com/projects/my-project/topics/orders"))
            .withType("google.cloud.pubsub.topic.v1.messagePublished")
            .withTime(OffsetDateTime.parse("2024-05-01T12:00:00Z"))
            .withDataContentType("application/json")
            .withExtension("traceparent", "00-5759e988bd862e3fe1be46a994272793-53995c3f42cd8ad8-01")
            .withData(
                ("{\"message\":{\"data\":\"cG9pc29u\",\"messageId\":\"1234567890\","
                        + "\"publishTime\":\"2024-05-01T12:00:00Z\"},"
                        + "\"subscription\":\"projects/my-project/subscriptions/orders\"}")
                    .getBytes(StandardCharsets.UTF_8))
            .build();

    assertThatThrownBy(
            () ->
                EventInvocations.accept(
                    FunctionDefinition.of(new QueueOrders()), event, line -> {}))
        .isInstanceOf(RuntimeException.class);

    SpanData invocation = Telemetry.spansNamed("queue-orders").get(0);
    assertThat(invocation.getTraceId()).isEqualTo("5759e988bd862e3fe1be46a994272793");
    assertThat(invocation.getParentSpanId()).isEqualTo("53995c3f42cd8ad8");
    assertThat(attribute(invocation, "cloud.provider")).isEqualTo("gcp");
    assertThat(attribute(invocation, "messaging.system")).isEqualTo("gcp_pubsub");
    assertThat(attribute(invocation, "faas.invocation_id")).isEqualTo("1234567890");
    assertThat(attribute(invocation, "portable.outcome")).isEqualTo("error");
    assertThat(invocation.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    SpanData message = Telemetry.spansNamed("process").get(0);
    assertThat(message.getParentSpanId()).isEqualTo(invocation.getSpanId());
    assertThat(message.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
  }
}
