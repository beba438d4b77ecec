package dev.portablefunctions.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portablefunctions.FunctionException;
import dev.portablefunctions.FunctionLogger.Level;
import dev.portablefunctions.HttpResponse;
import dev.portablefunctions.ScheduleEvent;
import dev.portablefunctions.StorageEvent;
import dev.portablefunctions.aws.testfunctions.ContextProbe;
import dev.portablefunctions.aws.testfunctions.FailingEvent;
import dev.portablefunctions.aws.testfunctions.FailingHttp;
import dev.portablefunctions.samples.echo.EchoEvent;
import dev.portablefunctions.samples.echo.EchoHttp;
import dev.portablefunctions.samples.echo.EchoMessage;
import dev.portablefunctions.samples.echo.EchoSchedule;
import dev.portablefunctions.samples.echo.EchoStorage;
import dev.portablefunctions.samples.echo.EchoTyped;
import dev.portablefunctions.spi.FunctionDefinition;
import dev.portablefunctions.spi.FunctionRegistry;
import dev.portablefunctions.spi.Json;
import dev.portablefunctions.spi.LogRecord;
import io.cloudevents.CloudEvent;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class LambdaHandlerTest {

  private final List<LogRecord> logs = new ArrayList<>();

  private LambdaHandler handler(Object function) {
    return handler(FunctionDefinition.of(function));
  }

  private LambdaHandler handler(FunctionDefinition function) {
    return new LambdaHandler(function, logs::add, Level.DEBUG);
  }

  private static byte[] invoke(LambdaHandler handler, String event) throws IOException {
    return invoke(handler, event, FakeLambdaContext.of("req-1"));
  }

  private static byte[] invoke(LambdaHandler handler, String event, FakeLambdaContext context)
      throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(
        new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, context);
    return out.toByteArray();
  }

  private static JsonNode json(byte[] bytes) throws IOException {
    return Json.mapper().readTree(bytes);
  }

  private List<String> echoes() {
    return logs.stream()
        .map(LogRecord::message)
        .filter(message -> message.startsWith("ECHO "))
        .map(message -> message.substring(5))
        .collect(Collectors.toList());
  }

  private List<LogRecord> errors() {
    return logs.stream().filter(r -> r.level() == Level.ERROR).collect(Collectors.toList());
  }

  /** What Lambda's error says of an unsupported trigger: nothing but where the details are. */
  static final String UNSUPPORTED =
      "This function is not deployed for this kind of request or event. Its operator can find the"
          + " details in the logs under invocation id req-1.";

  /** What Lambda's error says of an unexpected failure. */
  static final String INTERNAL =
      "The function failed unexpectedly. Its operator can find the cause in the logs under"
          + " invocation id req-1.";

  /**
   * Asserts that the invocation failed as an unsupported trigger: Lambda gets the generic detail,
   * and one ERROR line tells the operator the rest.
   */
  private void assertUnsupported(String function, String event, String... logged) {
    assertThatThrownBy(() -> invoke(handler(function), event))
        .isInstanceOfSatisfying(
            FunctionException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(FunctionException.Kind.INTERNAL);
              assertThat(e).hasMessage(UNSUPPORTED).hasNoCause();
              assertThat(e.getStackTrace()).isEmpty();
            });
    assertThat(errors())
        .singleElement()
        .satisfies(
            line -> {
              assertThat(line.message()).startsWith("Unsupported trigger: function ");
              for (String fragment : logged) {
                assertThat(line.message()).contains(fragment);
              }
              assertThat(line.invocationId()).isEqualTo("req-1");
            });
  }

  private LambdaHandler handler(String indexedName) {
    return handler(
        FunctionRegistry.load(getClass().getClassLoader()).find(indexedName).orElseThrow());
  }

  @Nested
  class Http {

    @Test
    void echoHttpAnswersARestApiRequestInPayload1() throws Exception {
      JsonNode response = json(invoke(handler(new EchoHttp()), Events.text("apigw-rest-v1.json")));

      assertThat(response.get("statusCode").asInt()).isEqualTo(200);
      assertThat(response.at("/multiValueHeaders/content-type/0").asText())
          .isEqualTo("application/json");
      assertThat(response.get("isBase64Encoded").asBoolean()).isFalse();
      JsonNode echo = Json.mapper().readTree(response.get("body").asText());
      assertThat(echo.get("cloud").asText()).isEqualTo("aws");
      assertThat(echo.get("method").asText()).isEqualTo("GET");
      assertThat(echo.get("path").asText()).isEqualTo("/my/path");
      assertThat(echo.at("/query/parameter1").toString()).isEqualTo("[\"value1\",\"value2\"]");
      assertThat(echo.at("/headers/header2").toString()).isEqualTo("[\"value1\",\"value2\"]");
      assertThat(echo.get("body").asText())
          .isEqualTo(
              Base64.getEncoder()
                  .encodeToString("Hello from Lambda!".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aBinaryRequestBodyReachesTheFunctionByteForByte() throws Exception {
      JsonNode response =
          json(invoke(handler(new EchoHttp()), Events.text("apigw-rest-v1-binary.json")));
      JsonNode echo = Json.mapper().readTree(response.get("body").asText());

      assertThat(Base64.getDecoder().decode(echo.get("body").asText()))
          .isEqualTo(HttpEnvelopeTest.PNG_BYTES);
    }

    @Test
    void aBinaryResponseBodyGoesOutAsBase64() throws Exception {
      FunctionDefinition png =
          FunctionDefinition.http(
              "png",
              (request, context) ->
                  HttpResponse.ok().body(HttpEnvelopeTest.PNG_BYTES, "image/png"));
      JsonNode response = json(invoke(handler(png), Events.text("apigw-http-v2.json")));

      assertThat(response.get("isBase64Encoded").asBoolean()).isTrue();
      assertThat(Base64.getDecoder().decode(response.get("body").asText()))
          .isEqualTo(HttpEnvelopeTest.PNG_BYTES);
      assertThat(response.at("/headers/content-type").asText()).isEqualTo("image/png");
    }

    @Test
    void httpApiCookiesReachTheFunctionAsACookieHeader() throws Exception {
      JsonNode response = json(invoke(handler(new EchoHttp()), Events.text("apigw-http-v2.json")));
      JsonNode echo = Json.mapper().readTree(response.get("body").asText());

      assertThat(echo.at("/headers/cookie").toString()).isEqualTo("[\"cookie1; cookie2\"]");
      assertThat(response.has("multiValueHeaders")).isFalse();
      assertThat(response.at("/headers/content-type").asText()).isEqualTo("application/json");
    }

    @Test
    void albAnswersInTheModeOfTheRequest() throws Exception {
      JsonNode single = json(invoke(handler(new EchoHttp()), Events.text("alb.json")));
      JsonNode multi = json(invoke(handler(new EchoHttp()), Events.text("alb-multi-value.json")));

      assertThat(single.get("statusDescription").asText()).isEqualTo("200 OK");
      assertThat(single.at("/headers/content-type").asText()).isEqualTo("application/json");
      assertThat(single.has("multiValueHeaders")).isFalse();
      assertThat(multi.at("/multiValueHeaders/content-type/0").asText())
          .isEqualTo("application/json");
      assertThat(multi.has("headers")).isFalse();
    }

    @Test
    void aFailingHttpFunctionAnswersAProblemWithoutItsSecrets() throws Exception {
      JsonNode response =
          json(invoke(handler(new FailingHttp()), Events.text("apigw-http-v2.json")));

      assertThat(response.get("statusCode").asInt()).isEqualTo(500);
      assertThat(response.at("/headers/content-type").asText())
          .isEqualTo("application/problem+json");
      JsonNode problem = Json.mapper().readTree(response.get("body").asText());
      assertThat(problem.get("status").asInt()).isEqualTo(500);
      assertThat(problem.get("invocationId").asText()).isEqualTo("req-1");
      assertThat(response.toString()).doesNotContain("hunter2").doesNotContain("at dev.");
      assertThat(errors())
          .singleElement()
          .satisfies(
              line -> {
                assertThat(line.error()).hasMessage("database password is hunter2");
                assertThat(line.invocationId()).isEqualTo("req-1");
              });
    }

    @Test
    void aFunctionExceptionKeepsItsStatusInTheSourcesFormat() throws Exception {
      String event = Events.variant("alb-multi-value.json", tree -> tree.put("path", "/orders/7"));
      JsonNode response = json(invoke(handler(new FailingHttp()), event));

      assertThat(response.get("statusCode").asInt()).isEqualTo(404);
      assertThat(response.get("statusDescription").asText()).isEqualTo("404 Not Found");
      assertThat(response.at("/multiValueHeaders/content-type/0").asText())
          .isEqualTo("application/problem+json");
      assertThat(Json.mapper().readTree(response.get("body").asText()).get("detail").asText())
          .isEqualTo("There is no order 7.");
    }

    @Test
    void aMalformedRequestIsABadRequestInTheSourcesFormat() throws Exception {
      String event = Events.variant("apigw-rest-v1-binary.json", tree -> tree.put("body", "%%%"));
      JsonNode response = json(invoke(handler(new EchoHttp()), event));

      assertThat(response.get("statusCode").asInt()).isEqualTo(400);
      assertThat(response.has("multiValueHeaders")).isTrue();
    }

    @Test
    void anHttpFunctionInvokedDirectlyIsAnUnsupportedTrigger() {
      assertUnsupported(
          "echo-http",
          Events.text("direct-invoke.json"),
          "function echo-http is an HTTP function",
          "API Gateway",
          "not a direct invocation");
    }

    @Test
    void anHttpFunctionOnAQueueIsAnUnsupportedTrigger() {
      assertUnsupported("echo-http", Events.text("sqs.json"), "not an SQS message batch");
    }

    @Test
    void anEncodedRestApiPathReachesTheFunctionDecoded() throws Exception {
      String event =
          Events.variant(
              "apigw-rest-v1-proxy-resource.json",
              tree -> tree.put("path", "/files/my%20report%2Fv2/caf%C3%A9/100%25"));
      JsonNode response = json(invoke(handler(new EchoHttp()), event));

      assertThat(Json.mapper().readTree(response.get("body").asText()).get("path").asText())
          .isEqualTo("/files/my report/v2/café/100%");
    }

    @Test
    void anHttpApiStageIsNotPartOfThePath() throws Exception {
      String event =
          Events.variant(
              "apigw-http-v2.json",
              tree -> {
                tree.put("rawPath", "/prod/my/path");
                ((ObjectNode) tree.get("requestContext")).put("stage", "prod");
              });
      JsonNode response = json(invoke(handler(new EchoHttp()), event));

      assertThat(Json.mapper().readTree(response.get("body").asText()).get("path").asText())
          .isEqualTo("/my/path");
    }

    @Test
    void aFunctionThatInterruptsItselfGetsAGatewayTimeoutAndTheThreadIsClearedForTheNextInvocation()
        throws Exception {
      FunctionDefinition interrupting =
          FunctionDefinition.http(
              "interrupting",
              (request, context) -> {
                Thread.currentThread().interrupt();
                Thread.sleep(10_000); // throws at once: the thread is interrupted
                return HttpResponse.noContent();
              });
      LambdaHandler handler = handler(interrupting);
      JsonNode response = json(invoke(handler, Events.text("apigw-http-v2.json")));

      assertThat(response.get("statusCode").asInt()).isEqualTo(504);
      assertThat(Thread.currentThread().isInterrupted()).isFalse();
      assertThat(errors())
          .singleElement()
          .satisfies(
              line ->
                  assertThat(line.message())
                      .contains("interrupted while function interrupting ran"));
    }
  }

  @Nested
  class Typed {

    @Test
    void directInvocationReturnsTheOutputAsJson() throws Exception {
      byte[] output = invoke(handler(new EchoTyped()), Events.text("direct-invoke.json"));

      assertThat(new String(output, StandardCharsets.UTF_8))
          .isEqualTo("{\"greeting\":\"Hello, Ada\"}");
    }

    @Test
    void aPostThroughAFunctionUrlReturnsTheOutput() throws Exception {
      String event =
          Events.variant(
              "function-url.json",
              tree -> {
                tree.put("body", "{\"name\":\"Ada\"}");
                ((ObjectNode) tree.get("headers")).put("content-type", "application/json");
              });
      JsonNode response = json(invoke(handler(new EchoTyped()), event));

      assertThat(response.get("statusCode").asInt()).isEqualTo(200);
      assertThat(response.get("body").asText()).isEqualTo("{\"greeting\":\"Hello, Ada\"}");
    }

    @Test
    void aGetThroughApiGatewayIsMethodNotAllowed() throws Exception {
      JsonNode response = json(invoke(handler(new EchoTyped()), Events.text("apigw-rest-v1.json")));

      assertThat(response.get("statusCode").asInt()).isEqualTo(405);
      assertThat(response.at("/multiValueHeaders/allow/0").asText()).isEqualTo("POST");
    }

    @Test
    void inputThatIsNotJsonIsLambdasErrorWithBadInput() {
      assertThatThrownBy(() -> invoke(handler(new EchoTyped()), "{not json"))
          .isInstanceOfSatisfying(
              FunctionException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(FunctionException.Kind.BAD_INPUT);
                assertThat(e.getMessage()).contains("not valid JSON");
                assertThat(e.getStackTrace()).isEmpty();
              });
      assertThat(logs).filteredOn(r -> r.level() == Level.WARN).hasSize(1);
      assertThat(errors()).isEmpty();
    }

    @Test
    void anUnexpectedFailureReachesLambdaWithoutItsMessageAndIsLoggedOnce() {
      FunctionDefinition failing =
          FunctionDefinition.typed(
              "failing-typed",
              Object.class,
              (input, context) -> {
                throw new IllegalStateException("database password is hunter2");
              });

      assertThatThrownBy(() -> invoke(handler(failing), Events.text("direct-invoke.json")))
          .isInstanceOfSatisfying(
              FunctionException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(FunctionException.Kind.INTERNAL);
                assertThat(e).hasMessage(INTERNAL).hasNoCause();
                assertThat(e.getStackTrace()).isEmpty();
              });
      assertThat(errors())
          .singleElement()
          .satisfies(line -> assertThat(line.error()).hasMessage("database password is hunter2"));
    }

    @Test
    void aQueueIsAnUnsupportedTrigger() {
      assertUnsupported(
          "echo-typed",
          Events.text("kinesis.json"),
          "function echo-typed is a typed function",
          "not a Kinesis record batch");
    }
  }

  @Nested
  class Messages {

    @Test
    void aPoisonMessageIsExactlyTheOneFailedItem() throws Exception {
      JsonNode response =
          json(invoke(handler(new EchoMessage()), Events.text("sqs-with-poison.json")));

      assertThat(response.toString())
          .isEqualTo(
              "{\"batchItemFailures\":[{\"itemIdentifier\":\"2e1424d4-f796-459a-8184-9c92662be6da\"}]}");
      assertThat(echoes()).hasSize(2);
      assertThat(errors())
          .singleElement()
          .satisfies(
              line -> assertThat(line.message()).contains("2e1424d4-f796-459a-8184-9c92662be6da"));
    }

    @Test
    void aHealthyBatchHasNoFailedItems() throws Exception {
      JsonNode response = json(invoke(handler(new EchoMessage()), Events.text("sqs.json")));

      assertThat(response.toString()).isEqualTo("{\"batchItemFailures\":[]}");
      assertThat(echoes())
          .containsExactly(
              "{\"id\":\"059f36b4-87a3-44ab-83d2-661975830a7d\",\"body\":\"VGVzdCBtZXNzYWdlLg==\",\"attributes\":{}}",
              "{\"id\":\"2e1424d4-f796-459a-8184-9c92662be6da\",\"body\":\"VGVzdCBtZXNzYWdlLg==\",\"attributes\":{}}");
    }

    @Test
    void aFifoFailureFailsTheRestOfItsGroupOnly() throws Exception {
      String event =
          Events.variant(
              "sqs-fifo.json",
              tree -> ((ObjectNode) tree.withArray("Records").get(0)).put("body", "poison"));
      JsonNode response = json(invoke(handler(new EchoMessage()), event));

      assertThat(response.findValuesAsText("itemIdentifier"))
          .containsExactly(
              "11d6ee51-4cc7-4302-9e22-7cd8afdaadf5", "11d6ee51-4cc7-4302-9e22-7cd8afdaadf6");
      assertThat(echoes())
          .extracting(echo -> echo.substring(7, 43))
          .containsExactly(
              "11d6ee51-4cc7-4302-9e22-7cd8afdaadf5", "11d6ee51-4cc7-4302-9e22-7cd8afdaadf7");
    }

    @Test
    void kinesisStopsAtTheFirstFailureAndReportsEveryUnprocessedSequenceNumber() throws Exception {
      String event =
          Events.variant(
              "kinesis.json",
              tree ->
                  ((ObjectNode) tree.withArray("Records").get(0).get("kinesis"))
                      .put(
                          "data",
                          Base64.getEncoder()
                              .encodeToString("poison".getBytes(StandardCharsets.UTF_8))));
      JsonNode response = json(invoke(handler(new EchoMessage()), event));

      assertThat(response.findValuesAsText("itemIdentifier"))
          .containsExactly(
              "49590338271490256608559692538361571095921575989136588898",
              "49590338271490256608559692540925702759324208523137515618");
      assertThat(echoes()).hasSize(1);
    }

    @Test
    void dynamoDbRecordsAreReportedBySequenceNumber() throws Exception {
      String event =
          Events.variant(
              "dynamodb-streams.json",
              tree ->
                  ((ObjectNode) tree.withArray("Records").get(1).at("/dynamodb/NewImage/Message"))
                      .put("S", "poison"));
      JsonNode response = json(invoke(handler(new EchoMessage()), event));

      assertThat(response.findValuesAsText("itemIdentifier"))
          .containsExactly("4421584500000000017450439092", "4421584500000000017450439093");
      assertThat(echoes()).hasSize(2);
    }

    @Test
    void snsSuccessWritesNothing() throws Exception {
      byte[] output = invoke(handler(new EchoMessage()), Events.text("sns.json"));

      assertThat(output).isEmpty();
      assertThat(echoes())
          .containsExactly(
              "{\"id\":\"95df01b4-ee98-5cb9-9903-4c221d41eb5e\",\"body\":\"SGVsbG8gZnJvbSBTTlMh\","
                  + "\"attributes\":{\"Test\":\"TestString\",\"TestBinary\":\"TestBinary\"}}");
    }

    @Test
    void anSnsFailureFailsTheInvocationWithoutTheFunctionsMessage() {
      String event =
          Events.variant(
              "sns.json",
              tree ->
                  ((ObjectNode) tree.withArray("Records").get(0).get("Sns"))
                      .put("Message", "poison"));

      assertThatThrownBy(() -> invoke(handler(new EchoMessage()), event))
          .isInstanceOfSatisfying(
              FunctionException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(FunctionException.Kind.INTERNAL);
                assertThat(e).hasMessage(INTERNAL);
              });
      assertThat(errors())
          .singleElement()
          .satisfies(
              line ->
                  assertThat(line.error())
                      .hasMessage("poison message 95df01b4-ee98-5cb9-9903-4c221d41eb5e"));
    }

    @Test
    void anHttpRequestIsAnUnsupportedTriggerAnsweredWithAProblem() throws Exception {
      JsonNode response =
          json(invoke(handler(new EchoMessage()), Events.text("apigw-http-v2.json")));

      assertThat(response.get("statusCode").asInt()).isEqualTo(500);
      assertThat(response.at("/headers/content-type").asText())
          .isEqualTo("application/problem+json");
      JsonNode problem = Json.mapper().readTree(response.get("body").asText());
      assertThat(problem.get("detail").asText()).isEqualTo(UNSUPPORTED);
      assertThat(problem.get("invocationId").asText()).isEqualTo("req-1");
      assertThat(errors())
          .singleElement()
          .satisfies(
              line ->
                  assertThat(line.message())
                      .startsWith(
                          "Unsupported trigger: function echo-message is a message function")
                      .contains("SQS, SNS, Kinesis or DynamoDB Streams records")
                      .contains("not an API Gateway HTTP API (payload 2.0) request"));
    }

    @Test
    void aKinesisRecordThatCannotBeDecodedFailsAloneAndStopsTheStream() throws Exception {
      String event =
          Events.variant(
              "kinesis.json",
              tree ->
                  ((ObjectNode) tree.withArray("Records").get(1).get("kinesis"))
                      .put("data", "%%%"));
      JsonNode response = json(invoke(handler(new EchoMessage()), event));

      assertThat(response.findValuesAsText("itemIdentifier"))
          .containsExactly("49590338271490256608559692540925702759324208523137515618");
      assertThat(echoes()).hasSize(1);
      assertThat(logs)
          .filteredOn(r -> r.level() == Level.WARN)
          .singleElement()
          .satisfies(
              line ->
                  assertThat(line.message())
                      .contains("49590338271490256608559692540925702759324208523137515618")
                      .contains("not valid base64"));
    }

    @Test
    void aRecordWithoutAnIdFailsTheInvocationBeforeAnyMessageRuns() {
      String event =
          Events.variant(
              "sqs.json",
              tree -> ((ObjectNode) tree.withArray("Records").get(1)).remove("messageId"));

      assertThatThrownBy(() -> invoke(handler(new EchoMessage()), event))
          .isInstanceOfSatisfying(
              FunctionException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(FunctionException.Kind.BAD_INPUT);
                assertThat(e).hasMessageContaining("SQS record 1 has no messageId");
              });
      assertThat(echoes()).isEmpty();
      assertThat(logs)
          .filteredOn(line -> line.level() != Level.DEBUG)
          .singleElement()
          .satisfies(line -> assertThat(line.level()).isEqualTo(Level.WARN));
    }

    @Test
    void aMessageThatInterruptsItsThreadStopsTheBatchAndTheNextInvocationRunsInFull()
        throws Exception {
      List<String> ran = new ArrayList<>();
      FunctionDefinition interrupting =
          FunctionDefinition.message(
              "interrupting",
              (message, context) -> {
                ran.add(message.id());
                if (message.bodyAsString().contains("poison")) {
                  Thread.currentThread().interrupt();
                  throw new InterruptedException("stop");
                }
              });
      LambdaHandler handler = handler(interrupting);
      String event =
          Events.variant(
              "kinesis.json",
              tree ->
                  ((ObjectNode) tree.withArray("Records").get(0).get("kinesis"))
                      .put(
                          "data",
                          Base64.getEncoder()
                              .encodeToString("poison".getBytes(StandardCharsets.UTF_8))));

      JsonNode first = json(invoke(handler, event));

      assertThat(first.findValuesAsText("itemIdentifier")).hasSize(2);
      assertThat(Thread.currentThread().isInterrupted()).isFalse();
      assertThat(errors())
          .singleElement()
          .satisfies(
              line ->
                  assertThat(line.message())
                      .contains("interrupted while function interrupting ran"));

      ran.clear();
      JsonNode second = json(invoke(handler, Events.text("kinesis.json")));

      assertThat(second.toString()).isEqualTo("{\"batchItemFailures\":[]}");
      assertThat(ran).hasSize(2);
    }
  }

  @Nested
  class Storage {

    @Test
    void s3KeysArriveDecoded() throws Exception {
      byte[] output = invoke(handler(new EchoStorage()), Events.text("s3-put-special-key.json"));

      assertThat(output).isEmpty();
      assertThat(echoes())
          .containsExactly(
              "{\"bucket\":\"mybucket\",\"key\":\"photos/my summer (2024) 50% off a+b.jpg\","
                  + "\"size\":1024,\"change\":\"created\"}");
    }

    @Test
    void eventBridgeObjectDeletedIsADeletion() throws Exception {
      invoke(handler(new EchoStorage()), Events.text("eventbridge-s3-object-deleted.json"));

      assertThat(echoes())
          .containsExactly(
              "{\"bucket\":\"DOC-EXAMPLE-BUCKET1\",\"key\":\"example-key\",\"size\":null,\"change\":\"deleted\"}");
    }

    @Test
    void aFailureFailsTheInvocation() {
      FunctionDefinition failing =
          FunctionDefinition.event(
              "failing-storage",
              StorageEvent.class,
              (event, context) -> {
                throw new java.io.IOException("disk full");
              });

      assertThatThrownBy(() -> invoke(handler(failing), Events.text("s3-put.json")))
          .isInstanceOf(FunctionException.class)
          .hasMessage(INTERNAL);
      assertThat(errors())
          .singleElement()
          .satisfies(
              line ->
                  assertThat(line.error())
                      .isInstanceOf(java.io.IOException.class)
                      .hasMessage("disk full"));
    }

    @Test
    void aFunctionExceptionKeepsItsKindAndDetail() {
      FunctionDefinition refusing =
          FunctionDefinition.event(
              "refusing-storage",
              StorageEvent.class,
              (event, context) -> {
                throw FunctionException.of(
                    FunctionException.Kind.UNPROCESSABLE,
                    "Object " + event.key() + " is not an image.");
              });

      assertThatThrownBy(() -> invoke(handler(refusing), Events.text("s3-put.json")))
          .isInstanceOfSatisfying(
              FunctionException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(FunctionException.Kind.UNPROCESSABLE);
                assertThat(e).hasMessage("Object HappyFace.jpg is not an image.");
              });
      assertThat(logs)
          .filteredOn(line -> line.level() != Level.DEBUG)
          .singleElement()
          .satisfies(line -> assertThat(line.level()).isEqualTo(Level.WARN));
    }

    @Test
    void aMalformedEventIsBadInputLoggedOnce() {
      String event =
          Events.variant(
              "s3-put.json",
              tree ->
                  ((ObjectNode) tree.withArray("Records").get(0).at("/s3/object")).remove("key"));

      assertThatThrownBy(() -> invoke(handler(new EchoStorage()), event))
          .isInstanceOfSatisfying(
              FunctionException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(FunctionException.Kind.BAD_INPUT);
                assertThat(e).hasMessage("S3 record 0's s3.object has no key.");
              });
      assertThat(logs)
          .filteredOn(line -> line.level() != Level.DEBUG)
          .singleElement()
          .satisfies(
              line -> {
                assertThat(line.level()).isEqualTo(Level.WARN);
                assertThat(line.message()).contains("could not take an S3 event notification");
              });
    }

    @Test
    void aCustomEventIsAnUnsupportedTrigger() {
      assertUnsupported(
          "echo-storage",
          Events.text("eventbridge-custom.json"),
          "function echo-storage is a storage event function",
          "not an EventBridge event other than an S3 \"Object Created\" or \"Object Deleted\"");
      assertThat(errors().get(0).message())
          .doesNotContain("com.mycompany.myapp")
          .doesNotContain("myDetailType");
    }

    @Test
    void anS3RestoreIsAnUnsupportedTrigger() {
      String event =
          Events.variant(
              "s3-put.json",
              tree ->
                  ((ObjectNode) tree.withArray("Records").get(0))
                      .put("eventName", "ObjectRestore:Post"));

      assertUnsupported("echo-storage", event, "not an S3 ObjectRestore notification");
    }
  }

  @Nested
  class Schedule {

    @Test
    void scheduledRuleAndSchedulerTicksArriveWithTheirScheduledTimes() throws Exception {
      invoke(handler(new EchoSchedule()), Events.text("eventbridge-scheduled-rule.json"));
      invoke(handler(new EchoSchedule()), Events.text("eventbridge-scheduler.json"));

      assertThat(echoes())
          .containsExactly(
              "{\"time\":\"2019-03-01T01:23:45Z\"}", "{\"time\":\"2024-05-07T15:58:34Z\"}");
    }

    @Test
    void theTickCarriesTheRuleName() throws Exception {
      AtomicReference<ScheduleEvent> received = new AtomicReference<>();
      FunctionDefinition probe =
          FunctionDefinition.event(
              "probe", ScheduleEvent.class, (tick, context) -> received.set(tick));
      invoke(handler(probe), Events.text("eventbridge-scheduled-rule.json"));

      assertThat(received.get().name()).hasValue("my-schedule");
    }

    @Test
    void anS3EventIsAnUnsupportedTrigger() {
      assertUnsupported(
          "echo-schedule",
          Events.text("s3-put.json"),
          "a schedule event function",
          "not an S3 event notification");
    }
  }

  @Nested
  class AnyCloudEvent {

    @Test
    void anEventBridgeEventArrivesAsACloudEvent() throws Exception {
      invoke(handler(new EchoEvent()), Events.text("eventbridge-custom.json"));

      assertThat(echoes())
          .containsExactly(
              "{\"id\":\"6a7e8feb-b491-4cf7-a9f1-bf3703467718\",\"source\":\"com.mycompany.myapp\","
                  + "\"type\":\"myDetailType\",\"subject\":null,\"data\":\""
                  + Base64.getEncoder()
                      .encodeToString(
                          "{\"key1\":\"value1\",\"key2\":\"value2\"}"
                              .getBytes(StandardCharsets.UTF_8))
                  + "\"}");
    }

    @Test
    void aStructuredCloudEventCanBeInvokedDirectly() throws Exception {
      AtomicReference<CloudEvent> received = new AtomicReference<>();
      FunctionDefinition probe =
          FunctionDefinition.event(
              "probe", CloudEvent.class, (event, context) -> received.set(event));
      invoke(
          handler(probe),
          "{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"/demo\",\"type\":\"demo.created\",\"data\":\"hi\"}");

      assertThat(received.get().getType()).isEqualTo("demo.created");
    }

    @Test
    void aFailingFunctionFailsTheInvocationWithoutItsMessage() {
      assertThatThrownBy(
              () -> invoke(handler(new FailingEvent()), Events.text("eventbridge-custom.json")))
          .isInstanceOf(FunctionException.class)
          .hasMessage(INTERNAL);
      assertThat(errors())
          .singleElement()
          .satisfies(
              line ->
                  assertThat(line.error())
                      .isInstanceOf(IllegalStateException.class)
                      .hasMessage(
                          "cannot handle event 6a7e8feb-b491-4cf7-a9f1-bf3703467718: database password hunter2"
                              + " was refused"));
    }

    @Test
    void anSqsBatchIsAnUnsupportedTrigger() {
      assertUnsupported(
          "echo-event", Events.text("sqs.json"), "any EventBridge event, or a CloudEvent in JSON");
    }
  }

  @Nested
  class TheContext {

    @Test
    void carriesTheLambdaRequestDeadlineAndXRayTrace() throws Exception {
      FakeLambdaContext lambda =
          new FakeLambdaContext(
              "c6af9ac6-7b61-11e6-9a41-93e8deadbeef",
              "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1",
              12_000);
      JsonNode response =
          json(invoke(handler(new ContextProbe()), Events.text("apigw-http-v2.json"), lambda));
      JsonNode probe = Json.mapper().readTree(response.get("body").asText());

      assertThat(probe.get("invocationId").asText())
          .isEqualTo("c6af9ac6-7b61-11e6-9a41-93e8deadbeef");
      assertThat(probe.get("functionName").asText()).isEqualTo("context-probe");
      assertThat(probe.get("cloud").asText()).isEqualTo("aws");
      assertThat(probe.get("remainingMillis").asLong()).isBetween(10_000L, 12_000L);
      assertThat(probe.get("traceId").asText()).isEqualTo("5759e988bd862e3fe1be46a994272793");
      assertThat(probe.get("lambdaArn").asText())
          .isEqualTo("arn:aws:lambda:us-east-1:123456789012:function:test-function");
      assertThat(probe.get("eventRouteKey").asText()).isEqualTo("$default");
      assertThat(logs)
          .filteredOn(r -> r.message().startsWith("probe"))
          .allSatisfy(
              r -> {
                assertThat(r.invocationId()).isEqualTo("c6af9ac6-7b61-11e6-9a41-93e8deadbeef");
                assertThat(r.trace().traceId()).hasValue("5759e988bd862e3fe1be46a994272793");
              });
    }

    @Test
    void withoutAnXRayTraceAnHttpRequestsOwnTraceHeaderCounts() throws Exception {
      assumeThat(System.getProperty(LambdaHandler.XRAY_PROPERTY)).isNull();
      assumeThat(System.getenv(LambdaHandler.XRAY_VARIABLE)).isNull();
      JsonNode response = json(invoke(handler(new ContextProbe()), Events.text("alb.json")));
      JsonNode probe = Json.mapper().readTree(response.get("body").asText());

      assertThat(probe.get("traceId").asText()).isEqualTo("5c5363483d683b8b04734faae651f476");
    }

    @Test
    void theRuntimesTracePropertyIsTheFallback() {
      assumeThat(System.getenv(LambdaHandler.XRAY_VARIABLE)).isNull();
      String header = "Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=0";
      System.setProperty(LambdaHandler.XRAY_PROPERTY, header);
      try {
        assertThat(LambdaHandler.xray(FakeLambdaContext.of("r"))).isEqualTo(header);
      } finally {
        System.clearProperty(LambdaHandler.XRAY_PROPERTY);
      }
      assertThat(LambdaHandler.xray(FakeLambdaContext.of("r"))).isNull();
    }
  }

  @Nested
  class Starting {

    @Test
    void aFunctionWhoseConstructorThrowsFailsTheStart() {
      FunctionDefinition broken =
          FunctionRegistry.load(getClass().getClassLoader())
              .find("broken-constructor")
              .orElseThrow();

      assertThatThrownBy(() -> new LambdaHandler(broken, logs::add, Level.INFO))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageStartingWith(
              "LambdaHandler cannot start: Cannot create function broken-constructor ")
          .hasMessageContaining("DATABASE_URL is not set");
    }

    @Test
    void withoutASelectionAmongSeveralFunctionsTheStartNamesThemAndTheVariable() {
      assumeThat(System.getenv(FunctionRegistry.SELECTION_VARIABLE)).isNull();

      assertThatThrownBy(LambdaHandler::new)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageStartingWith("LambdaHandler cannot start: ")
          .hasMessageContaining("PORTABLE_FUNCTION")
          .hasMessageContaining("echo-http (an HTTP function)")
          .hasMessageContaining("echo-message (a message function)");
    }
  }
}
