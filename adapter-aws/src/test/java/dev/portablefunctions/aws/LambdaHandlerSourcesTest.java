package dev.portablefunctions.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portablefunctions.FunctionException;
import dev.portablefunctions.FunctionLogger.Level;
import dev.portablefunctions.HttpResponse;
import dev.portablefunctions.Message;
import dev.portablefunctions.StorageEvent;
import dev.portablefunctions.samples.echo.EchoTyped;
import dev.portablefunctions.spi.FunctionDefinition;
import dev.portablefunctions.spi.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every source {@link Trigger} recognises, through {@link LambdaHandler}: the message sources this
 * adapter maps (Kafka, Amazon MQ, CloudWatch Logs), the sources it refuses by name, per-record
 * native access, and input that is never quoted back. Log lines are the real CloudWatch format.
 */
class LambdaHandlerSourcesTest {

  private final List<String> lines = new ArrayList<>();

  private LambdaHandler handler(FunctionDefinition function) {
    return handler(function, false);
  }

  private LambdaHandler handler(FunctionDefinition function, boolean rawEvents) {
    return new LambdaHandler(
        function, CloudWatchLogFormat.writer(lines::add), Level.DEBUG, rawEvents);
  }

  private static byte[] invoke(LambdaHandler handler, String event) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(
        new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)),
        out,
        FakeLambdaContext.of("req-1"));
    return out.toByteArray();
  }

  private List<JsonNode> logLines() {
    List<JsonNode> parsed = new ArrayList<>();
    for (String line : lines) {
      parsed.add(ServedFunction.parse(line));
    }
    return parsed;
  }

  private List<JsonNode> errorLines() {
    return logLines().stream().filter(line -> line.path("level").asText().equals("ERROR")).toList();
  }

  /** Records each message and the record JSON its context unwraps to; fails on a body "poison". */
  private static final class Recorder {
    final List<Message> messages = new ArrayList<>();
    final List<JsonNode> records = new ArrayList<>();

    FunctionDefinition function() {
      return FunctionDefinition.message(
          "recorder",
          (message, context) -> {
            messages.add(message);
            records.add(context.unwrap(JsonNode.class).orElse(null));
            if (message.bodyAsString().contains("poison")) {
              throw new IllegalStateException("poison " + message.id());
            }
          });
    }
  }

  @Nested
  class Kafka {

    @Test
    void eachMskRecordIsAMessageNamedByTopicPartitionAndOffset() throws Exception {
      Recorder recorder = new Recorder();
      byte[] output = invoke(handler(recorder.function()), Events.text("msk.json"));

      assertThat(output).isEmpty();
      Message message = recorder.messages.get(0);
      assertThat(message.id()).isEqualTo("mytopic-0@15");
      assertThat(message.bodyAsString()).isEqualTo("Hello from Kafka !!");
      assertThat(message.orderingKey()).hasValue("mytopic-0");
      assertThat(message.attributes())
          .containsExactly(
              Map.entry("topic", "mytopic"),
              Map.entry("partition", "0"),
              Map.entry("offset", "15"));
      assertThat(message.publishTime()).hasValue(Instant.ofEpochMilli(1596480920837L));
      assertThat(recorder.records.get(0).get("offset").asLong()).isEqualTo(15);
    }

    @Test
    void keysAndHeadersArriveDecoded() throws Exception {
      Recorder recorder = new Recorder();
      invoke(handler(recorder.function()), Events.text("self-managed-kafka.json"));

      Message message = recorder.messages.get(0);
      assertThat(message.bodyAsString()).isEqualTo("{\"key\":\"value\"}");
      assertThat(message.attribute("key")).hasValue("recordKey");
      assertThat(message.attribute("header.headerKey")).hasValue("headerValue");
    }

    @Test
    void aFailureFailsTheInvocationAndTheRestOfItsPartitionDoesNotRun() throws Exception {
      String event =
          Events.variant(
              "msk-batch.json",
              tree ->
                  ((ObjectNode) tree.at("/records/mytopic-0/0"))
                      .put(
                          "value",
                          Base64.getEncoder()
                              .encodeToString("poison".getBytes(StandardCharsets.UTF_8))));
      Recorder recorder = new Recorder();

      assertThatThrownBy(() -> invoke(handler(recorder.function()), event))
          .isInstanceOfSatisfying(
              FunctionException.class,
              e -> assertThat(e.kind()).isEqualTo(FunctionException.Kind.INTERNAL));
      assertThat(recorder.messages).extracting(Message::id).containsExactly("mytopic-0@0");
      assertThat(errorLines())
          .singleElement()
          .satisfies(
              line ->
                  assertThat(line.path("message").asText())
                      .contains("failed on message mytopic-0@0"));
    }
  }

  @Nested
  class AmazonMq {

    @Test
    void activeMqMessagesAreDecodedFromBase64() throws Exception {
      Recorder recorder = new Recorder();
      invoke(handler(recorder.function()), Events.text("activemq.json"));

      assertThat(recorder.messages).hasSize(2);
      assertThat(recorder.messages.get(0).bodyAsString()).isEqualTo("ABC:AAAA");
      assertThat(recorder.messages.get(0).id())
          .startsWith("ID:b-9bcfa592-423a-4942-879d-eb284b418fc8");
      assertThat(recorder.messages.get(0).publishTime())
          .hasValue(Instant.ofEpochMilli(1598827811958L));
      assertThat(recorder.records.get(1).get("messageType").asText())
          .isEqualTo("jms/bytes-message");
    }

    @Test
    void rabbitMqMessagesCarryTheirQueueAndHeaders() throws Exception {
      Recorder recorder = new Recorder();
      invoke(handler(recorder.function()), Events.text("rabbitmq.json"));

      Message message = recorder.messages.get(0);
      // The documented message has no message-id property: it is named by queue and position.
      assertThat(message.id()).isEqualTo("pizzaQueue::/#0");
      assertThat(message.bodyAsString())
          .isEqualTo("{\"timeout\":0,\"data\":\"CZrmf0Gw8Ov4bqLQxD4E\"}");
      assertThat(message.attributes())
          .containsEntry("queue", "pizzaQueue::/")
          .containsEntry("contentType", "text/plain")
          .containsEntry("header.header1", "value1")
          .containsEntry("header.header2", "value2")
          .containsEntry("header.numberInHeader", "10");
    }

    @Test
    void aFailureFailsTheInvocationSoThatTheBrokerRedeliversTheBatch() {
      String event =
          Events.variant(
              "activemq.json",
              tree ->
                  ((ObjectNode) tree.at("/messages/1"))
                      .put(
                          "data",
                          Base64.getEncoder()
                              .encodeToString("poison".getBytes(StandardCharsets.UTF_8))));
      Recorder recorder = new Recorder();

      assertThatThrownBy(() -> invoke(handler(recorder.function()), event))
          .isInstanceOf(FunctionException.class);
      assertThat(recorder.messages).hasSize(2);
    }
  }

  @Nested
  class CloudWatchLogs {

    @Test
    void eachLogEventIsAMessage() throws Exception {
      Recorder recorder = new Recorder();
      invoke(handler(recorder.function()), Events.text("cloudwatch-logs.json"));

      assertThat(recorder.messages).extracting(Message::id).containsExactly("eventId1", "eventId2");
      Message first = recorder.messages.get(0);
      assertThat(first.bodyAsString()).isEqualTo("[ERROR] First test message");
      assertThat(first.attributes())
          .containsExactly(
              Map.entry("logGroup", "testLogGroup"),
              Map.entry("logStream", "testLogStream"),
              Map.entry("owner", "123456789123"));
      assertThat(first.publishTime()).hasValue(Instant.ofEpochMilli(1440442987000L));
      assertThat(recorder.records.get(1).get("id").asText()).isEqualTo("eventId2");
    }

    @Test
    void aControlMessageRunsNothing() throws Exception {
      Recorder recorder = new Recorder();
      invoke(
          handler(recorder.function()),
          logsEvent(
              "{\"messageType\":\"CONTROL_MESSAGE\",\"logEvents\":[{\"id\":\"x\",\"message\":\"m\"}]}"));

      assertThat(recorder.messages).isEmpty();
    }

    @Test
    void dataThatIsNotGzipIsBadInputThatQuotesNothing() {
      String event =
          "{\"awslogs\":{\"data\":\""
              + Base64.getEncoder()
                  .encodeToString("sk_live_secret".getBytes(StandardCharsets.UTF_8))
              + "\"}}";

      assertThatThrownBy(() -> invoke(handler(new Recorder().function()), event))
          .isInstanceOfSatisfying(
              FunctionException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(FunctionException.Kind.BAD_INPUT);
                assertThat(e.getMessage()).contains("/awslogs/data").contains("gzip");
              });
      assertThat(lines).allSatisfy(line -> assertThat(line).doesNotContain("sk_live"));
    }

    @Test
    void decompressedJsonThatIsMalformedSaysWhereAndQuotesNothing() {
      assertThatThrownBy(
              () ->
                  invoke(
                      handler(new Recorder().function()),
                      logsEvent("{\"logEvents\": sk_live_secret}")))
          .isInstanceOfSatisfying(
              FunctionException.class,
              e -> assertThat(e.getMessage()).contains("line 1, column").doesNotContain("sk_live"));
      assertThat(lines).isNotEmpty().allSatisfy(line -> assertThat(line).doesNotContain("sk_live"));
    }

    private String logsEvent(String json) throws IOException {
      ByteArrayOutputStream gzip = new ByteArrayOutputStream();
      try (GZIPOutputStream out = new GZIPOutputStream(gzip)) {
        out.write(json.getBytes(StandardCharsets.UTF_8));
      }
      return "{\"awslogs\":{\"data\":\""
          + Base64.getEncoder().encodeToString(gzip.toByteArray())
          + "\"}}";
    }
  }

  @Nested
  class RefusedSources {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
      "activemq.json, an Amazon MQ for ActiveMQ message batch",
      "rabbitmq.json, an Amazon MQ for RabbitMQ message batch",
      "msk.json, an Amazon MSK record batch",
      "self-managed-kafka.json, a self-managed Apache Kafka record batch",
      "firehose.json, a Kinesis Data Firehose transformation batch",
      "cloudwatch-logs.json, a CloudWatch Logs subscription event",
      "apigw-authorizer-token.json, an API Gateway TOKEN authorizer request",
      "apigw-authorizer-request.json, an API Gateway REQUEST authorizer request",
      "apigw-http-authorizer-v2.json, an API Gateway HTTP API Lambda authorizer request (payload 2.0)",
      "apigw-websocket-connect.json, an API Gateway WebSocket API event",
      "cognito-user-pool-pre-sign-up.json, an Amazon Cognito user pool trigger",
      "cloudformation-custom-resource.json, a CloudFormation custom resource request",
      "ses.json, an Amazon SES receipt rule event",
      "connect.json, an Amazon Connect contact flow event",
      "lex-v1.json, an Amazon Lex V1 code hook event",
      "lex-v2.json, an Amazon Lex V2 code hook event",
      "appsync-direct-resolver.json, an AWS AppSync direct Lambda resolver request",
      "appsync-authorizer.json, an AWS AppSync Lambda authorizer request",
      "config-rule-scheduled.json, an AWS Config rule evaluation event",
      "codecommit.json, an AWS CodeCommit trigger event",
      "secrets-manager-rotation.json, a Secrets Manager rotation request",
      "sqs.json, an SQS message batch",
      "eventbridge-custom.json, an EventBridge event"
    })
    void aTypedFunctionRefusesAKnownSourceByNameInsteadOfBindingIt(String file, String source) {
      assertThatThrownBy(
              () -> invoke(handler(FunctionDefinition.of(new EchoTyped())), Events.text(file)))
          .isInstanceOfSatisfying(
              FunctionException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(FunctionException.Kind.INTERNAL);
                assertThat(e.getMessage())
                    .startsWith("This function is not deployed for this kind");
              });
      assertThat(errorLines())
          .singleElement()
          .satisfies(
              line ->
                  assertThat(line.path("message").asText())
                      .startsWith("Unsupported trigger: function echo-typed is a typed function")
                      .contains(", not " + source)
                      .contains("PORTABLE_RAW_EVENTS=true"));
    }

    @Test
    void withRawEventsATypedFunctionTakesAnyEventsJsonAsItIs() throws Exception {
      AtomicReference<JsonNode> received = new AtomicReference<>();
      FunctionDefinition raw =
          FunctionDefinition.typed(
              "raw",
              JsonNode.class,
              (event, context) -> {
                received.set(event);
                return Map.of("principalId", "user", "ok", true);
              });

      byte[] output = invoke(handler(raw, true), Events.text("apigw-authorizer-token.json"));

      assertThat(received.get().get("methodArn").asText()).startsWith("arn:aws:execute-api:");
      assertThat(Json.mapper().readTree(output).get("principalId").asText()).isEqualTo("user");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
      "apigw-authorizer-request.json, an API Gateway REQUEST authorizer request",
      "apigw-http-authorizer-v2.json, an API Gateway HTTP API Lambda authorizer request (payload 2.0)",
      "apigw-websocket-connect.json, an API Gateway WebSocket API event"
    })
    void anHttpFunctionNeverAnswersAnAuthorizerOrAWebSocketRouteAsAProxyRequest(
        String file, String source) throws Exception {
      List<String> ran = new ArrayList<>();
      FunctionDefinition http =
          FunctionDefinition.http(
              "web",
              (request, context) -> {
                ran.add(request.path());
                return HttpResponse.ok().text("proxy answer");
              });

      assertThatThrownBy(() -> invoke(handler(http), Events.text(file)))
          .isInstanceOf(FunctionException.class);
      assertThat(ran).isEmpty();
      assertThat(errorLines())
          .singleElement()
          .satisfies(
              line ->
                  assertThat(line.path("message").asText())
                      .contains("is an HTTP function")
                      .contains(", not " + source));
    }

    @Test
    void aMessageFunctionRefusesAFirehoseTransformation() {
      assertThatThrownBy(
              () -> invoke(handler(new Recorder().function()), Events.text("firehose.json")))
          .isInstanceOf(FunctionException.class);
      assertThat(errorLines())
          .singleElement()
          .satisfies(
              line ->
                  assertThat(line.path("message").asText())
                      .contains("is a message function")
                      .contains("Amazon MQ (ActiveMQ or RabbitMQ) messages")
                      .contains(", not a Kinesis Data Firehose transformation batch"));
    }
  }

  @Nested
  class PerRecordNativeAccess {

    @Test
    void eachSqsMessageUnwrapsToItsOwnRecord() throws Exception {
      Recorder recorder = new Recorder();
      invoke(handler(recorder.function()), Events.text("sqs.json"));

      assertThat(recorder.records)
          .extracting(record -> record.get("messageId").asText())
          .containsExactly(
              "059f36b4-87a3-44ab-83d2-661975830a7d", "2e1424d4-f796-459a-8184-9c92662be6da");
    }

    @Test
    void anS3EventUnwrapsToItsOwnRecord() throws Exception {
      AtomicReference<JsonNode> record = new AtomicReference<>();
      FunctionDefinition storage =
          FunctionDefinition.event(
              "storage",
              StorageEvent.class,
              (event, context) -> record.set(context.unwrap(JsonNode.class).orElseThrow()));
      invoke(handler(storage), Events.text("s3-put.json"));

      assertThat(record.get().get("eventSource").asText()).isEqualTo("aws:s3");
      assertThat(record.get().has("Records")).isFalse();
    }

    @Test
    void theLambdaContextStaysReachable() throws Exception {
      List<Object> lambda = new ArrayList<>();
      FunctionDefinition message =
          FunctionDefinition.message(
              "m",
              (m, context) ->
                  lambda.add(
                      context
                          .unwrap(com.amazonaws.services.lambda.runtime.Context.class)
                          .orElseThrow()));
      invoke(handler(message), Events.text("kinesis.json"));

      assertThat(lambda)
          .hasSize(2)
          .allSatisfy(c -> assertThat(c).isInstanceOf(FakeLambdaContext.class));
    }
  }

  @Nested
  class InputNeverQuotedBack {

    @Test
    void aHeaderWithCrLfIsABadRequestNotAServerError() throws Exception {
      String event =
          "{\"requestContext\":{},\"httpMethod\":\"GET\",\"multiValueHeaders\":{\"user-agent\":[\"a\\r\\nb: c\"]}}";
      JsonNode response =
          Json.mapper()
              .readTree(
                  invoke(
                      handler(FunctionDefinition.http("web", (r, c) -> HttpResponse.noContent())),
                      event));

      assertThat(response.get("statusCode").asInt()).isEqualTo(400);
      JsonNode problem = Json.mapper().readTree(response.get("body").asText());
      assertThat(problem.get("detail").asText()).contains("CR, LF or NUL").doesNotContain("b: c");
      assertThat(errorLines()).isEmpty();
    }

    @Test
    void aMethodThatIsNotATokenIsABadRequest() throws Exception {
      String event =
          Events.variant("apigw-rest-v1.json", tree -> tree.put("httpMethod", "GET /x\r\n"));
      JsonNode response =
          Json.mapper()
              .readTree(
                  invoke(
                      handler(FunctionDefinition.http("web", (r, c) -> HttpResponse.noContent())),
                      event));

      assertThat(response.get("statusCode").asInt()).isEqualTo(400);
    }

    @Test
    void malformedTypedInputSaysWhereButQuotesNothingToTheCallerOrTheLog() {
      assertThatThrownBy(
              () ->
                  invoke(
                      handler(FunctionDefinition.of(new EchoTyped())),
                      "{\"name\": sk_live_51HsecretKey}"))
          .isInstanceOfSatisfying(
              FunctionException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(FunctionException.Kind.BAD_INPUT);
                assertThat(e.getMessage()).contains("line 1, column").doesNotContain("sk_live");
              });
      assertThat(lines).isNotEmpty().allSatisfy(line -> assertThat(line).doesNotContain("sk_live"));
    }

    @Test
    void aJacksonExceptionAFunctionThrowsIsLoggedWithoutItsQuote() {
      FunctionDefinition parsing =
          FunctionDefinition.typed(
              "parsing",
              JsonNode.class,
              (input, context) -> Json.mapper().readTree("{\"token\": sk_live_51HsecretKey}"));

      assertThatThrownBy(() -> invoke(handler(parsing), "{}"))
          .isInstanceOf(FunctionException.class);
      assertThat(errorLines())
          .singleElement()
          .satisfies(
              line -> {
                assertThat(line.path("errorType").asText()).contains("JsonParseException");
                assertThat(line.path("errorMessage").asText()).contains("line 1");
              });
      assertThat(lines).allSatisfy(line -> assertThat(line).doesNotContain("sk_live"));
    }
  }
}
