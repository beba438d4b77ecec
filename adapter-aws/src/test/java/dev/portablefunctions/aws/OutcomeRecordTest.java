package dev.portablefunctions.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portablefunctions.FunctionException;
import dev.portablefunctions.FunctionLogger.Level;
import dev.portablefunctions.samples.echo.EchoHttp;
import dev.portablefunctions.samples.echo.EchoMessage;
import dev.portablefunctions.spi.FunctionDefinition;
import dev.portablefunctions.spi.Instrumentation;
import dev.portablefunctions.spi.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The outcome record each invocation ends with, in CloudWatch's format, and the DEBUG lines. */
class OutcomeRecordTest {

  private final List<String> lines = new CopyOnWriteArrayList<>();

  private LambdaHandler handler(Object function, Level threshold, String emfNamespace) {
    return new LambdaHandler(
        FunctionDefinition.of(function),
        CloudWatchLogFormat.writer(lines::add, emfNamespace),
        threshold,
        false,
        Instrumentation.of(true, List.of()));
  }

  private static void invoke(LambdaHandler handler, String event, String requestId)
      throws IOException {
    handler.handleRequest(
        new ByteArrayInputStream(Events.bytes(event)),
        new ByteArrayOutputStream(),
        FakeLambdaContext.of(requestId));
  }

  private List<JsonNode> records() {
    return lines.stream()
        .map(OutcomeRecordTest::tree)
        .filter(line -> line.has("outcome"))
        .collect(Collectors.toList());
  }

  private static JsonNode tree(String line) {
    try {
      return Json.mapper().readTree(line);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void eachHttpInvocationEndsWithOneRecordAndOnlyTheFirstIsCold() throws IOException {
    LambdaHandler handler = handler(new EchoHttp(), Level.INFO, null);
    invoke(handler, "apigw-http-v2.json", "req-1");
    invoke(handler, "apigw-http-v2.json", "req-2");

    List<JsonNode> records = records();
    assertThat(records).hasSize(2);
    JsonNode first = records.get(0);
    assertThat(first.get("level").asText()).isEqualTo("INFO");
    assertThat(first.get("requestId").asText()).isEqualTo("req-1");
    assertThat(first.get("function").asText()).isEqualTo("echo-http");
    assertThat(first.get("outcome").asText()).isEqualTo("success");
    assertThat(first.get("trigger").asText()).isEqualTo("http");
    assertThat(first.get("source").asText()).isEqualTo("aws_api_gateway");
    assertThat(first.get("status").asInt()).isEqualTo(200);
    assertThat(first.has("errorKind")).isFalse();
    assertThat(first.get("durationMs").isNumber()).isTrue();
    assertThat(first.get("durationMs").asDouble()).isPositive();
    assertThat(first.get("coldStart").asBoolean()).isTrue();
    assertThat(first.get("message").asText())
        .startsWith("Invocation succeeded in ")
        .contains("HTTP 200", "cold start");
    assertThat(first.has("_aws")).isFalse();
    assertThat(records.get(1).get("coldStart").asBoolean()).isFalse();
    assertThat(records.get(1).get("requestId").asText()).isEqualTo("req-2");
  }

  @Test
  void aBatchRecordCountsItsFailures() throws IOException {
    invoke(handler(new EchoMessage(), Level.INFO, null), "sqs-with-poison.json", "req-3");

    JsonNode record = records().get(0);
    assertThat(record.get("outcome").asText()).isEqualTo("partial");
    assertThat(record.get("trigger").asText()).isEqualTo("pubsub");
    assertThat(record.get("source").asText()).isEqualTo("aws_sqs");
    assertThat(record.get("errorKind").asText()).isEqualTo("INTERNAL");
    assertThat(record.get("batchSize").asInt()).isGreaterThan(1);
    assertThat(record.get("failed").asInt()).isEqualTo(1);
    assertThat(record.get("skipped").asInt()).isZero();
    assertThat(record.has("status")).isFalse();
  }

  @Test
  void anUnsupportedTriggerIsARefusal() {
    LambdaHandler handler = handler(new EchoHttp(), Level.INFO, null);
    assertThatThrownBy(() -> invoke(handler, "sqs.json", "req-4"))
        .isInstanceOf(FunctionException.class);

    JsonNode record = records().get(0);
    assertThat(record.get("outcome").asText()).isEqualTo("refused");
    assertThat(record.get("errorKind").asText()).isEqualTo("UNSUPPORTED_TRIGGER");
  }

  @Test
  void withEmfTheRecordDeclaresItsMetrics() throws IOException {
    invoke(handler(new EchoMessage(), Level.INFO, "Shop"), "sqs-with-poison.json", "req-5");

    JsonNode record = records().get(0);
    JsonNode directive = record.get("_aws").get("CloudWatchMetrics").get(0);
    assertThat(record.get("_aws").get("Timestamp").isIntegralNumber()).isTrue();
    assertThat(directive.get("Namespace").asText()).isEqualTo("Shop");
    assertThat(directive.get("Dimensions").toString())
        .isEqualTo("[[\"function\"],[\"function\",\"errorKind\"]]");
    assertThat(directive.get("Metrics").findValuesAsText("Name"))
        .containsExactly(
            "Invocations", "Errors", "ColdStarts", "Duration", "Messages", "MessagesFailed");
    assertThat(record.get("Invocations").asInt()).isEqualTo(1);
    assertThat(record.get("Errors").asInt()).isEqualTo(1);
    assertThat(record.get("ColdStarts").asInt()).isEqualTo(1);
    assertThat(record.get("Duration").asDouble()).isEqualTo(record.get("durationMs").asDouble());
    assertThat(record.get("MessagesFailed").asInt()).isEqualTo(1);
    assertThat(
            CloudWatchLogFormat.emfNamespace(name -> name.equals("PORTABLE_EMF") ? "true" : null))
        .isEqualTo("PortableFunctions");
    assertThat(CloudWatchLogFormat.emfNamespace(name -> null)).isNull();
  }

  @Test
  void atDebugTheClassificationNamesTheSourceAndItsFieldsButNoValue() throws IOException {
    LambdaHandler handler = handler(new EchoHttp(), Level.DEBUG, null);
    assertThatThrownBy(() -> invoke(handler, "sqs.json", "req-6"))
        .isInstanceOf(FunctionException.class);

    List<String> debug =
        lines.stream()
            .filter(line -> line.contains("\"level\":\"DEBUG\""))
            .collect(Collectors.toList());
    assertThat(debug)
        .anyMatch(
            line ->
                line.contains(
                    "Classified the event as an SQS message batch (source aws_sqs) by its fields: Records[0].eventSource."));
    assertThat(debug).anyMatch(line -> line.contains("Refused without running function echo-http"));
    assertThat(String.join("\n", debug)).doesNotContain("arn:aws:sqs", "Test message", "059f36b4");
  }

  @Test
  void atInfoThereIsNoClassificationLine() throws IOException {
    invoke(handler(new EchoHttp(), Level.INFO, null), "apigw-http-v2.json", "req-7");

    assertThat(lines).noneMatch(line -> line.contains("Classified"));
  }
}
