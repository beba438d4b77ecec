package dev.portablefunctions.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portablefunctions.aws.testing.FakeLambdaRuntimeApi.Invocation;
import dev.portablefunctions.aws.testing.FakeLambdaRuntimeApi.InvocationResult;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every echo function on every trigger it accepts, and the failure paths, through the real AWS
 * Lambda Java runtime interface client (2.10.1) in a child JVM: one child per function, shared by
 * that function's tests.
 */
class LambdaRuntimeIT {

  private static final String TRACE =
      "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1";

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Serves one function for the tests of a nested class. */
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  abstract static class Serving {
    ServedFunction served;

    abstract String function();

    @BeforeAll
    void start() {
      served = ServedFunction.start(function());
    }

    @AfterAll
    void stop() {
      if (served != null) {
        served.close();
      }
    }

    JsonNode body(JsonNode response) {
      return ServedFunction.parse(response.get("body").asText());
    }

    /**
     * Lambda's error says only that the deployment is wrong; the operator's one ERROR line says
     * which function received what.
     */
    void assertUnsupported(InvocationResult result, String... fragments) {
      assertThat(result.errorType()).isEqualTo("Runtime.UserException");
      JsonNode error = ServedFunction.parse(result.body());
      assertThat(error.get("errorType").asText()).isEqualTo(REPORTED);
      assertThat(error.get("errorMessage").asText())
          .isEqualTo(
              "This function is not deployed for this kind of request or event. Its operator can"
                  + " find the details in the logs under invocation id "
                  + result.requestId()
                  + ".");
      assertThat(error.get("stackTrace")).isEmpty();
      assertThat(served.logLines(result.requestId(), 1))
          .filteredOn(line -> line.get("level").asText().equals("ERROR"))
          .singleElement()
          .satisfies(
              line -> {
                String message = line.get("message").asText();
                assertThat(message).startsWith("Unsupported trigger: function " + function());
                for (String fragment : fragments) {
                  assertThat(message).contains(fragment);
                }
              });
    }
  }

  /** The type Lambda's error reports for every failure thrown out of the handler. */
  static final String REPORTED = "dev.portablefunctions.FunctionException";

  static String internalDetail(String requestId) {
    return "The function failed unexpectedly. Its operator can find the cause in the logs under"
        + " invocation id "
        + requestId
        + ".";
  }

  @Nested
  class EchoHttp extends Serving {

    @Override
    String function() {
      return "echo-http";
    }

    @Test
    void theFirstInvocationOfTheProcessIsRecordedColdAndTheNextOnesWarmWithTheirDuration() {
      Invocation first = Invocation.of(Events.text("apigw-http-v2.json"));
      Invocation second = Invocation.of(Events.text("apigw-http-v2.json"));
      assertThat(served.invoke(first).isSuccess()).isTrue();
      assertThat(served.invoke(second).isSuccess()).isTrue();

      JsonNode record = served.outcomeRecord(second.requestId());
      assertThat(record.get("level").asText()).isEqualTo("INFO");
      assertThat(record.get("function").asText()).isEqualTo("echo-http");
      assertThat(record.get("outcome").asText()).isEqualTo("success");
      assertThat(record.get("trigger").asText()).isEqualTo("http");
      assertThat(record.get("source").asText()).isEqualTo("aws_api_gateway");
      assertThat(record.get("status").asInt()).isEqualTo(200);
      assertThat(record.get("coldStart").asBoolean()).isFalse();
      assertThat(record.get("durationMs").isNumber()).isTrue();
      assertThat(record.get("durationMs").asDouble()).isPositive();
      served.outcomeRecord(first.requestId());
      // The tests of this class share the process, in any order: the process's first record is the
      // cold one, and it is the only one.
      List<JsonNode> records = served.outcomeRecords();
      assertThat(records.get(0).get("coldStart").asBoolean()).isTrue();
      assertThat(records.subList(1, records.size()))
          .allSatisfy(later -> assertThat(later.get("coldStart").asBoolean()).isFalse());
    }

    @Test
    void echoesARestApiRequest() {
      JsonNode response = served.respond(Events.text("apigw-rest-v1.json"));

      assertThat(response.get("statusCode").asInt()).isEqualTo(200);
      assertThat(response.at("/multiValueHeaders/content-type/0").asText())
          .isEqualTo("application/json");
      JsonNode echo = body(response);
      assertThat(echo.get("cloud").asText()).isEqualTo("aws");
      assertThat(echo.get("method").asText()).isEqualTo("GET");
      assertThat(echo.get("path").asText()).isEqualTo("/my/path");
      assertThat(echo.get("query").toString())
          .isEqualTo("{\"parameter1\":[\"value1\",\"value2\"],\"parameter2\":[\"value\"]}");
      assertThat(echo.get("headers").toString())
          .isEqualTo("{\"header1\":[\"value1\"],\"header2\":[\"value1\",\"value2\"]}");
      assertThat(echo.get("body").asText()).isEqualTo(base64("Hello from Lambda!"));
    }

    @Test
    void passesARestApiBinaryBodyByteForByte() {
      JsonNode echo = body(served.respond(Events.text("apigw-rest-v1-binary.json")));

      assertThat(Base64.getDecoder().decode(echo.get("body").asText()))
          .isEqualTo(HttpEnvelopeTest.PNG_BYTES);
    }

    @Test
    void toleratesAProxyEventWithoutIsBase64Encoded() {
      JsonNode echo = body(served.respond(Events.text("apigw-rest-v1-proxy-resource.json")));

      assertThat(echo.get("method").asText()).isEqualTo("POST");
      assertThat(echo.get("path").asText()).isEqualTo("/hello/world");
      assertThat(echo.at("/headers/content-type/0").asText()).isEqualTo("application/json");
    }

    @Test
    void echoesAnHttpApiRequestWithItsCookies() {
      JsonNode response = served.respond(Events.text("apigw-http-v2.json"));

      assertThat(response.get("statusCode").asInt()).isEqualTo(200);
      assertThat(response.at("/headers/content-type").asText()).isEqualTo("application/json");
      assertThat(response.has("multiValueHeaders")).isFalse();
      JsonNode echo = body(response);
      assertThat(echo.get("method").asText()).isEqualTo("POST");
      assertThat(echo.get("query").toString())
          .isEqualTo("{\"parameter1\":[\"value1\",\"value2\"],\"parameter2\":[\"value\"]}");
      assertThat(echo.at("/headers/cookie").toString()).isEqualTo("[\"cookie1; cookie2\"]");
      assertThat(echo.at("/headers/header2").toString()).isEqualTo("[\"value1,value2\"]");
    }

    @Test
    void echoesAFunctionUrlRequest() {
      JsonNode echo = body(served.respond(Events.text("function-url.json")));

      assertThat(echo.get("path").asText()).isEqualTo("/my/path");
      assertThat(echo.get("body").asText()).isEqualTo(base64("Hello from client!"));
    }

    @Test
    void passesAFunctionUrlBinaryBodyByteForByte() {
      String event =
          Events.variant(
              "function-url.json",
              tree -> {
                tree.put("body", Base64.getEncoder().encodeToString(HttpEnvelopeTest.PNG_BYTES));
                tree.put("isBase64Encoded", true);
              });
      JsonNode echo = body(served.respond(event));

      assertThat(Base64.getDecoder().decode(echo.get("body").asText()))
          .isEqualTo(HttpEnvelopeTest.PNG_BYTES);
    }

    @Test
    void decodesAFunctionUrlPathAsEverySourceDoes() {
      String event =
          Events.variant(
              "function-url.json",
              tree -> tree.put("rawPath", "/files/my%20report%2Fv2/caf%C3%A9/100%25"));

      assertThat(body(served.respond(event)).get("path").asText())
          .isEqualTo("/files/my report/v2/café/100%");
    }

    @Test
    void leavesOutAnHttpApiStage() {
      String event =
          Events.variant(
              "apigw-http-v2.json",
              tree -> {
                tree.put("rawPath", "/prod/my/path");
                ((ObjectNode) tree.get("requestContext")).put("stage", "prod");
              });

      assertThat(body(served.respond(event)).get("path").asText()).isEqualTo("/my/path");
    }

    @Test
    void answersTheLoadBalancerInSingleValueMode() {
      JsonNode response = served.respond(Events.text("alb.json"));

      assertThat(response.get("statusDescription").asText()).isEqualTo("200 OK");
      assertThat(response.at("/headers/content-type").asText()).isEqualTo("application/json");
      JsonNode echo = body(response);
      assertThat(echo.get("path").asText()).isEqualTo("/lambda");
      assertThat(echo.get("query").toString()).isEqualTo("{\"query\":[\"1234ABCD\"]}");
    }

    @Test
    void answersTheLoadBalancerInMultiValueMode() {
      JsonNode response = served.respond(Events.text("alb-multi-value.json"));

      assertThat(response.at("/multiValueHeaders/content-type/0").asText())
          .isEqualTo("application/json");
      assertThat(response.has("headers")).isFalse();
      assertThat(body(response).at("/headers/x-myheader/0").asText()).isEqualTo("123");
    }

    @Test
    void directInvocationIsAnUnsupportedTrigger() {
      assertUnsupported(served.fail(Events.text("direct-invoke.json")), "not a direct invocation");
    }

    @Test
    void anAuthorizerIsNeverAnsweredAsAProxyRequest() {
      assertUnsupported(
          served.fail(Events.text("apigw-authorizer-request.json")),
          "not an API Gateway REQUEST authorizer request");
    }

    @Test
    void aWebSocketRouteIsNeverServedAsARestRequest() {
      assertUnsupported(
          served.fail(Events.text("apigw-websocket-connect.json")),
          "not an API Gateway WebSocket API event");
    }

    @Test
    void aHeaderWithCrLfIsABadRequest() {
      JsonNode response =
          served.respond(
              "{\"requestContext\":{},\"httpMethod\":\"GET\",\"multiValueHeaders\":{\"user-agent\":[\"a\\r\\nb: c\"]}}");

      assertThat(response.get("statusCode").asInt()).isEqualTo(400);
    }

    @Test
    void queueIsAnUnsupportedTrigger() {
      assertUnsupported(served.fail(Events.text("sqs.json")), "not an SQS message batch");
    }
  }

  @Nested
  class EchoTyped extends Serving {

    @Override
    String function() {
      return "echo-typed";
    }

    @Test
    void returnsTheOutputOfADirectInvocation() {
      InvocationResult result = served.invoke(Events.text("direct-invoke.json"));

      assertThat(result.body()).isEqualTo("{\"greeting\":\"Hello, Ada\"}");
    }

    @Test
    void answersAPostThroughTheHttpApi() {
      String event =
          Events.variant(
              "apigw-http-v2.json",
              tree -> {
                tree.put("body", "{\"name\":\"Ada\"}");
                ((ObjectNode) tree.get("headers")).put("content-type", "application/json");
              });
      JsonNode response = served.respond(event);

      assertThat(response.get("statusCode").asInt()).isEqualTo(200);
      assertThat(response.get("body").asText()).isEqualTo("{\"greeting\":\"Hello, Ada\"}");
    }

    @Test
    void getThroughRestApiIsMethodNotAllowed() {
      JsonNode response = served.respond(Events.text("apigw-rest-v1.json"));

      assertThat(response.get("statusCode").asInt()).isEqualTo(405);
      assertThat(response.at("/multiValueHeaders/content-type/0").asText())
          .isEqualTo("application/problem+json");
    }

    @Test
    void inputThatIsNotJsonIsLambdasError() {
      InvocationResult result = served.fail("not json");

      JsonNode error = ServedFunction.parse(result.body());
      assertThat(error.get("errorType").asText()).isEqualTo(REPORTED);
      assertThat(error.get("errorMessage").asText()).contains("not valid JSON");
    }

    @Test
    void snsIsAnUnsupportedTrigger() {
      assertUnsupported(served.fail(Events.text("sns.json")), "not an SNS notification");
    }

    @Test
    void anAmazonMqBatchIsRefusedByNameInsteadOfAcknowledgedAsADirectInvocation() {
      assertUnsupported(
          served.fail(Events.text("activemq.json")),
          "not an Amazon MQ for ActiveMQ message batch",
          "PORTABLE_RAW_EVENTS=true");
    }

    @Test
    void malformedInputSaysWhereAndQuotesNothing() {
      InvocationResult result = served.fail("{\"name\": sk_live_51HsecretKey}");

      JsonNode error = ServedFunction.parse(result.body());
      assertThat(error.get("errorMessage").asText())
          .contains("line 1, column")
          .doesNotContain("sk_live");
      assertThat(served.logLines(result.requestId(), 1))
          .allSatisfy(line -> assertThat(line.toString()).doesNotContain("sk_live"));
    }
  }

  @Nested
  class EchoMessage extends Serving {

    @Override
    String function() {
      return "echo-message";
    }

    @Test
    void handlesEachMessageOfAnSqsBatch() {
      Invocation invocation = Invocation.of(Events.text("sqs.json"));
      JsonNode response = ServedFunction.parse(served.invoke(invocation).body());

      assertThat(response.toString()).isEqualTo("{\"batchItemFailures\":[]}");
      assertThat(served.echoes(invocation.requestId(), 2))
          .containsExactly(
              "{\"id\":\"059f36b4-87a3-44ab-83d2-661975830a7d\",\"body\":\"VGVzdCBtZXNzYWdlLg==\",\"attributes\":{}}",
              "{\"id\":\"2e1424d4-f796-459a-8184-9c92662be6da\",\"body\":\"VGVzdCBtZXNzYWdlLg==\",\"attributes\":{}}");
    }

    @Test
    void sqsBatchWithAPoisonMessageReportsExactlyIt() {
      Invocation invocation = Invocation.of(Events.text("sqs-with-poison.json"));
      InvocationResult result = served.invoke(invocation);

      assertThat(result.body())
          .isEqualTo(
              "{\"batchItemFailures\":[{\"itemIdentifier\":\"2e1424d4-f796-459a-8184-9c92662be6da\"}]}");
      assertThat(served.echoes(invocation.requestId(), 2)).hasSize(2);
      List<JsonNode> lines = served.logLines(invocation.requestId(), 3);
      assertThat(lines)
          .filteredOn(line -> line.get("level").asText().equals("ERROR"))
          .singleElement()
          .satisfies(
              line -> {
                assertThat(line.get("message").asText())
                    .contains("2e1424d4-f796-459a-8184-9c92662be6da");
                assertThat(line.get("errorType").asText())
                    .isEqualTo("java.lang.IllegalStateException");
              });
      JsonNode record = served.outcomeRecord(invocation.requestId());
      assertThat(record.get("outcome").asText()).isEqualTo("partial");
      assertThat(record.get("source").asText()).isEqualTo("aws_sqs");
      assertThat(record.get("batchSize").asInt()).isEqualTo(2);
      assertThat(record.get("failed").asInt()).isEqualTo(1);
      assertThat(record.get("errorKind").asText()).isEqualTo("INTERNAL");
      assertThat(record.get("durationMs").asDouble()).isPositive();
    }

    @Test
    void sqsFifoFailureFailsTheRestOfItsGroup() {
      String event =
          Events.variant(
              "sqs-fifo.json",
              tree -> ((ObjectNode) tree.withArray("Records").get(0)).put("body", "poison"));
      Invocation invocation = Invocation.of(event);
      JsonNode response = ServedFunction.parse(served.invoke(invocation).body());

      assertThat(response.findValuesAsText("itemIdentifier"))
          .containsExactly(
              "11d6ee51-4cc7-4302-9e22-7cd8afdaadf5", "11d6ee51-4cc7-4302-9e22-7cd8afdaadf6");
      assertThat(served.echoes(invocation.requestId(), 2))
          .extracting(echo -> ServedFunction.parse(echo).get("id").asText())
          .containsExactly(
              "11d6ee51-4cc7-4302-9e22-7cd8afdaadf5", "11d6ee51-4cc7-4302-9e22-7cd8afdaadf7");
    }

    @Test
    void handlesTheDocumentedFifoRecord() {
      assertThat(served.invoke(Events.text("sqs-fifo-documented.json")).body())
          .isEqualTo("{\"batchItemFailures\":[]}");
    }

    @Test
    void handlesAnSnsNotificationAndAnswersNothing() {
      Invocation invocation = Invocation.of(Events.text("sns.json"));
      InvocationResult result = served.invoke(invocation);

      assertThat(result.isSuccess()).isTrue();
      assertThat(result.body()).isEmpty();
      assertThat(served.echoes(invocation.requestId(), 1))
          .containsExactly(
              "{\"id\":\"95df01b4-ee98-5cb9-9903-4c221d41eb5e\",\"body\":\""
                  + base64("Hello from SNS!")
                  + "\",\"attributes\":{\"Test\":\"TestString\",\"TestBinary\":\"TestBinary\"}}");
    }

    @Test
    void snsPoisonFailsTheInvocationSoLambdaRetries() {
      String event =
          Events.variant(
              "sns.json",
              tree ->
                  ((ObjectNode) tree.withArray("Records").get(0).get("Sns"))
                      .put("Message", "poison"));
      InvocationResult result = served.fail(event);
      JsonNode error = ServedFunction.parse(result.body());

      assertThat(error.get("errorType").asText()).isEqualTo(REPORTED);
      assertThat(error.get("errorMessage").asText()).isEqualTo(internalDetail(result.requestId()));
      assertThat(result.body()).doesNotContain("poison").doesNotContain("IllegalStateException");
      assertThat(served.logLines(result.requestId(), 2))
          .filteredOn(line -> line.get("level").asText().equals("ERROR"))
          .singleElement()
          .satisfies(
              line ->
                  assertThat(line.get("errorMessage").asText())
                      .isEqualTo("poison message 95df01b4-ee98-5cb9-9903-4c221d41eb5e"));
    }

    @Test
    void decodesKinesisData() {
      Invocation invocation = Invocation.of(Events.text("kinesis.json"));

      assertThat(served.invoke(invocation).body()).isEqualTo("{\"batchItemFailures\":[]}");
      assertThat(served.echoes(invocation.requestId(), 2))
          .extracting(echo -> ServedFunction.parse(echo).get("body").asText())
          .containsExactly(base64("Hello, this is a test."), base64("This is only a test."));
    }

    @Test
    void kinesisStopsAtTheFirstFailure() {
      String event =
          Events.variant(
              "kinesis.json",
              tree ->
                  ((ObjectNode) tree.withArray("Records").get(0).get("kinesis"))
                      .put("data", base64("poison")));
      Invocation invocation = Invocation.of(event);
      JsonNode response = ServedFunction.parse(served.invoke(invocation).body());

      assertThat(response.findValuesAsText("itemIdentifier"))
          .containsExactly(
              "49590338271490256608559692538361571095921575989136588898",
              "49590338271490256608559692540925702759324208523137515618");
      assertThat(served.logLines(invocation.requestId(), 3))
          .extracting(line -> line.get("message").asText())
          .filteredOn(message -> message.startsWith("ECHO "))
          .hasSize(1);
    }

    @Test
    void kinesisRecordThatCannotBeDecodedFailsOnItsOwn() {
      String event =
          Events.variant(
              "kinesis.json",
              tree ->
                  ((ObjectNode) tree.withArray("Records").get(1).get("kinesis"))
                      .put("data", "not*base64"));
      Invocation invocation = Invocation.of(event);
      JsonNode response = ServedFunction.parse(served.invoke(invocation).body());

      assertThat(response.findValuesAsText("itemIdentifier"))
          .containsExactly("49590338271490256608559692540925702759324208523137515618");
      assertThat(served.echoes(invocation.requestId(), 1)).hasSize(1);
    }

    @Test
    void handlesDynamoDbStreamRecords() {
      Invocation invocation = Invocation.of(Events.text("dynamodb-streams.json"));

      assertThat(served.invoke(invocation).body()).isEqualTo("{\"batchItemFailures\":[]}");
      assertThat(served.echoes(invocation.requestId(), 3))
          .extracting(echo -> ServedFunction.parse(echo).at("/attributes/eventName").asText())
          .containsExactly("INSERT", "MODIFY", "REMOVE");
    }

    @Test
    void dynamoDbStreamsReportTheFailureAndWhatFollows() {
      String event =
          Events.variant(
              "dynamodb-streams.json",
              tree ->
                  ((ObjectNode) tree.withArray("Records").get(1).at("/dynamodb/NewImage/Message"))
                      .put("S", "poison"));
      JsonNode response = ServedFunction.parse(served.invoke(event).body());

      assertThat(response.findValuesAsText("itemIdentifier"))
          .containsExactly("4421584500000000017450439092", "4421584500000000017450439093");
    }

    @Test
    void httpRequestIsAnUnsupportedTriggerAnsweredWithAProblem() {
      Invocation invocation = Invocation.of(Events.text("apigw-http-v2.json"));
      InvocationResult result = served.invoke(invocation);
      assertThat(result.isSuccess()).isTrue();
      JsonNode response = ServedFunction.parse(result.body());

      assertThat(response.get("statusCode").asInt()).isEqualTo(500);
      assertThat(response.at("/headers/content-type").asText())
          .isEqualTo("application/problem+json");
      assertThat(body(response).get("detail").asText())
          .isEqualTo(
              "This function is not deployed for this kind of request or event. Its operator can"
                  + " find the details in the logs under invocation id "
                  + invocation.requestId()
                  + ".");
      assertThat(served.logLines(invocation.requestId(), 1))
          .singleElement()
          .satisfies(
              line -> {
                assertThat(line.get("level").asText()).isEqualTo("ERROR");
                assertThat(line.get("message").asText())
                    .startsWith("Unsupported trigger: function echo-message is a message function")
                    .contains("not an API Gateway HTTP API (payload 2.0) request");
              });
    }

    @Test
    void handlesEachRecordOfAKafkaBatchAndAnswersNothing() {
      Invocation invocation = Invocation.of(Events.text("self-managed-kafka.json"));
      InvocationResult result = served.invoke(invocation);

      assertThat(result.isSuccess()).isTrue();
      assertThat(result.body()).isEmpty();
      assertThat(served.echoes(invocation.requestId(), 1))
          .singleElement()
          .satisfies(
              echo ->
                  assertThat(echo)
                      .startsWith(
                          "{\"id\":\"mytopic-0@15\",\"body\":\""
                              + base64("{\"key\":\"value\"}")
                              + "\"")
                      .contains("\"key\":\"recordKey\"")
                      .contains("\"header.headerKey\":\"headerValue\""));
    }

    @Test
    void kafkaPoisonFailsTheInvocationSoLambdaRetriesTheBatch() {
      String event =
          Events.variant(
              "msk.json",
              tree ->
                  ((ObjectNode) tree.at("/records/mytopic-01/0")).put("value", base64("poison")));
      InvocationResult result = served.fail(event);

      JsonNode error = ServedFunction.parse(result.body());
      assertThat(error.get("errorType").asText()).isEqualTo(REPORTED);
      assertThat(error.get("errorMessage").asText()).isEqualTo(internalDetail(result.requestId()));
    }

    @Test
    void handlesEachLogEventOfACloudWatchLogsSubscription() {
      Invocation invocation = Invocation.of(Events.text("cloudwatch-logs.json"));
      InvocationResult result = served.invoke(invocation);

      assertThat(result.isSuccess()).isTrue();
      assertThat(served.echoes(invocation.requestId(), 2))
          .extracting(echo -> ServedFunction.parse(echo).get("id").asText())
          .containsExactly("eventId1", "eventId2");
    }

    @Test
    void handlesARabbitMqBatch() {
      Invocation invocation = Invocation.of(Events.text("rabbitmq.json"));
      InvocationResult result = served.invoke(invocation);

      assertThat(result.isSuccess()).isTrue();
      assertThat(served.echoes(invocation.requestId(), 1))
          .singleElement()
          .satisfies(echo -> assertThat(echo).contains("\"id\":\"pizzaQueue::/#0\""));
    }

    @Test
    void aFirehoseTransformationIsAnUnsupportedTrigger() {
      assertUnsupported(
          served.fail(Events.text("firehose.json")),
          "not a Kinesis Data Firehose transformation batch");
    }

    @Test
    void s3IsAnUnsupportedTrigger() {
      assertUnsupported(
          served.fail(Events.text("s3-put.json")), "SQS, SNS, Kinesis or DynamoDB Streams");
    }
  }

  @Nested
  class EchoStorage extends Serving {

    @Override
    String function() {
      return "echo-storage";
    }

    private List<String> echoesOf(String event) {
      Invocation invocation = Invocation.of(event);
      InvocationResult result = served.invoke(invocation);
      assertThat(result.isSuccess()).as(result.toString()).isTrue();
      return served.echoes(invocation.requestId(), 1);
    }

    @Test
    void receivesAnS3Put() {
      assertThat(echoesOf(Events.text("s3-put.json")))
          .containsExactly(
              "{\"bucket\":\"mybucket\",\"key\":\"HappyFace.jpg\",\"size\":1024,\"change\":\"created\"}");
    }

    @Test
    void receivesS3KeysWithPlusAndPercentEscapesDecoded() {
      assertThat(echoesOf(Events.text("s3-put-special-key.json")))
          .containsExactly(
              "{\"bucket\":\"mybucket\",\"key\":\"photos/my summer (2024) 50% off a+b.jpg\",\"size\":1024,\"change\":\"created\"}");
    }

    @Test
    void receivesAnS3DeleteWithoutSize() {
      assertThat(echoesOf(Events.text("s3-delete.json")))
          .containsExactly(
              "{\"bucket\":\"lambda-artifacts-deafc19498e3f2df\",\"key\":\"b21b84d653bb07b05b1e6b33684dc11b\",\"size\":null,\"change\":\"deleted\"}");
    }

    @Test
    void receivesEventBridgeObjectCreated() {
      assertThat(echoesOf(Events.text("eventbridge-s3-object-created.json")))
          .containsExactly(
              "{\"bucket\":\"DOC-EXAMPLE-BUCKET1\",\"key\":\"example-key\",\"size\":5,\"change\":\"created\"}");
    }

    @Test
    void receivesEventBridgeObjectDeleted() {
      assertThat(echoesOf(Events.text("eventbridge-s3-object-deleted.json")))
          .containsExactly(
              "{\"bucket\":\"DOC-EXAMPLE-BUCKET1\",\"key\":\"example-key\",\"size\":null,\"change\":\"deleted\"}");
    }

    @Test
    void customEventIsAnUnsupportedTrigger() {
      assertUnsupported(
          served.fail(Events.text("eventbridge-custom.json")),
          "a storage event function",
          "not an EventBridge event other than an S3 \"Object Created\" or \"Object Deleted\"");
    }
  }

  @Nested
  class EchoSchedule extends Serving {

    @Override
    String function() {
      return "echo-schedule";
    }

    @ParameterizedTest
    @ValueSource(strings = {"eventbridge-scheduled-rule.json", "eventbridge-scheduler.json"})
    void receivesTheScheduledTime(String file) {
      Invocation invocation = Invocation.of(Events.text(file));
      assertThat(served.invoke(invocation).isSuccess()).isTrue();

      String time = Events.tree(file).get("time").asText();
      assertThat(served.echoes(invocation.requestId(), 1))
          .containsExactly("{\"time\":\"" + time + "\"}");
    }

    @Test
    void customEventIsAnUnsupportedTrigger() {
      assertUnsupported(
          served.fail(Events.text("eventbridge-custom.json")), "EventBridge scheduled rule");
    }
  }

  @Nested
  class EchoEvent extends Serving {

    @Override
    String function() {
      return "echo-event";
    }

    private JsonNode echoOf(String event) {
      Invocation invocation = Invocation.of(event);
      InvocationResult result = served.invoke(invocation);
      assertThat(result.isSuccess()).as(result.toString()).isTrue();
      return ServedFunction.parse(served.echoes(invocation.requestId(), 1).get(0));
    }

    @Test
    void receivesACustomEventAsACloudEvent() {
      JsonNode echo = echoOf(Events.text("eventbridge-custom.json"));

      assertThat(echo.toString())
          .isEqualTo(
              "{\"id\":\"6a7e8feb-b491-4cf7-a9f1-bf3703467718\",\"source\":\"com.mycompany.myapp\","
                  + "\"type\":\"myDetailType\",\"subject\":null,\"data\":\""
                  + base64("{\"key1\":\"value1\",\"key2\":\"value2\"}")
                  + "\"}");
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "eventbridge-scheduled-rule.json",
          "eventbridge-scheduler.json",
          "eventbridge-s3-object-created.json",
          "eventbridge-s3-object-deleted.json"
        })
    void receivesAnyEventBridgeEventAsACloudEvent(String file) {
      JsonNode event = Events.tree(file);
      JsonNode echo = echoOf(Events.text(file));

      assertThat(echo.get("id").asText()).isEqualTo(event.get("id").asText());
      assertThat(echo.get("source").asText()).isEqualTo(event.get("source").asText());
      assertThat(echo.get("type").asText()).isEqualTo(event.get("detail-type").asText());
    }

    @Test
    void receivesAStructuredCloudEventByDirectInvocation() {
      JsonNode echo =
          echoOf(
              "{\"specversion\":\"1.0\",\"id\":\"7\",\"source\":\"/orders\",\"type\":\"order.created\","
                  + "\"subject\":\"order-7\",\"datacontenttype\":\"text/plain\",\"data\":\"hello\"}");

      assertThat(echo.toString())
          .isEqualTo(
              "{\"id\":\"7\",\"source\":\"/orders\",\"type\":\"order.created\",\"subject\":\"order-7\",\"data\":\""
                  + base64("hello")
                  + "\"}");
    }

    @Test
    void sqsIsAnUnsupportedTrigger() {
      assertUnsupported(served.fail(Events.text("sqs.json")), "any EventBridge event");
    }
  }

  @Nested
  class FunctionsThatThrow {

    @Nested
    class OverHttp extends Serving {

      @Override
      String function() {
        return "failing-http";
      }

      @Test
      void unexpectedFailureIsAProblemWithoutDetailsAndOneLogLine() {
        Invocation invocation = Invocation.of(Events.text("apigw-http-v2.json")).withTraceId(TRACE);
        InvocationResult result = served.invoke(invocation);
        assertThat(result.isSuccess()).isTrue();
        JsonNode response = ServedFunction.parse(result.body());

        assertThat(response.get("statusCode").asInt()).isEqualTo(500);
        assertThat(response.at("/headers/content-type").asText())
            .isEqualTo("application/problem+json");
        JsonNode problem = body(response);
        assertThat(problem.get("title").asText()).isEqualTo("Internal Server Error");
        assertThat(problem.get("invocationId").asText()).isEqualTo(invocation.requestId());
        assertThat(result.body()).doesNotContain("hunter2").doesNotContain("IllegalStateException");

        List<JsonNode> lines = served.logLines(invocation.requestId(), 1);
        assertThat(lines)
            .singleElement()
            .satisfies(
                line -> {
                  assertThat(line.get("level").asText()).isEqualTo("ERROR");
                  assertThat(line.get("function").asText()).isEqualTo("failing-http");
                  assertThat(line.get("xrayTraceId").asText())
                      .isEqualTo("1-5759e988-bd862e3fe1be46a994272793");
                  assertThat(line.get("errorMessage").asText())
                      .isEqualTo("database password is hunter2");
                });
        // In everything the runtime printed, the secret and the stack trace are in that line only.
        assertThat(served.runtime().lines())
            .filteredOn(line -> line.contains("hunter2") || line.contains("FailingHttp.handle("))
            .singleElement()
            .satisfies(line -> assertThat(line).contains(invocation.requestId()));
      }

      @Test
      void functionExceptionKeepsItsStatus() {
        String event =
            Events.variant("alb-multi-value.json", tree -> tree.put("path", "/orders/7"));
        JsonNode response = served.respond(event);

        assertThat(response.get("statusCode").asInt()).isEqualTo(404);
        assertThat(response.get("statusDescription").asText()).isEqualTo("404 Not Found");
        assertThat(body(response).get("detail").asText()).isEqualTo("There is no order 7.");
      }
    }

    @Nested
    class OnAnEvent {

      /**
       * Two failing invocations through one runtime, which is then stopped so that everything it
       * printed has been read: each failure is logged once, by the adapter, with its stack trace,
       * and Lambda's error carries neither the stack trace nor the exception's message.
       */
      @Test
      void failureGoesToLambdasErrorPathOnceAndWithoutItsSecrets() {
        Invocation first = Invocation.of(Events.text("eventbridge-custom.json"));
        Invocation second = Invocation.of(Events.text("eventbridge-custom.json"));
        String output;
        InvocationResult result;
        try (ServedFunction served = ServedFunction.start("failing-event")) {
          result = served.invoke(first);
          assertThat(served.invoke(second).outcome()).isEqualTo(InvocationResult.Outcome.ERROR);
          assertThat(served.runtime().isAlive()).isTrue();
          served.logLines(second.requestId(), 1);
          served.runtime().close(); // stops the child and reads the rest of what it printed
          output = served.runtime().output();
        }

        // The whole output of the runtime, not only the adapter's JSON lines: the runtime prints
        // what it reports, and that must add no stack trace and no internal message.
        List<String> lines = List.of(output.split("\n"));
        assertThat(lines)
            .as("stack frames printed outside the adapter's log lines in:%n%s", output)
            .filteredOn(line -> !line.startsWith("{") && line.strip().matches("at \\S+\\(.*\\)"))
            .isEmpty();
        assertThat(lines)
            .as("what the runtime printed of the failures in:%n%s", output)
            .filteredOn(line -> line.contains(REPORTED))
            .isNotEmpty()
            .allSatisfy(line -> assertThat(line).doesNotContain("IllegalStateException"));
        for (Invocation invocation : List.of(first, second)) {
          assertThat(lines)
              .as("lines with the stack trace of %s in:%n%s", invocation.requestId(), output)
              .filteredOn(
                  line ->
                      line.contains("FailingEvent.handle(")
                          && line.contains(invocation.requestId()))
              .hasSize(1);
        }
        assertThat(lines)
            .as("lines with a stack frame of the function in:%n%s", output)
            .filteredOn(line -> line.contains("FailingEvent.handle("))
            .hasSize(2)
            .allSatisfy(
                line -> {
                  JsonNode json = ServedFunction.parse(line);
                  assertThat(json.get("level").asText()).isEqualTo("ERROR");
                  assertThat(json.get("errorType").asText())
                      .isEqualTo("java.lang.IllegalStateException");
                });
        assertThat(lines)
            .as("lines with the secret in:%n%s", output)
            .filteredOn(line -> line.contains("hunter2"))
            .hasSize(2)
            .allSatisfy(line -> assertThat(line).contains("FailingEvent.handle("));

        assertThat(result.outcome()).isEqualTo(InvocationResult.Outcome.ERROR);
        assertThat(result.errorType()).isEqualTo("Runtime.UserException");
        JsonNode error = ServedFunction.parse(result.body());
        assertThat(error.get("errorType").asText()).isEqualTo(REPORTED);
        assertThat(error.get("errorMessage").asText()).isEqualTo(internalDetail(first.requestId()));
        assertThat(error.get("stackTrace")).isEmpty();
        assertThat(result.body())
            .doesNotContain("hunter2")
            .doesNotContain("IllegalStateException")
            .doesNotContain("FailingEvent");
      }
    }
  }

  @Nested
  class TheContext extends Serving {

    @Override
    String function() {
      return "context-probe";
    }

    @Override
    @BeforeAll
    void start() {
      // Lambda's advanced logging controls: JSON format, application log level DEBUG.
      served =
          ServedFunction.start(
              function(),
              builder ->
                  builder
                      .env("AWS_LAMBDA_LOG_FORMAT", "JSON")
                      .env("AWS_LAMBDA_LOG_LEVEL", "DEBUG"));
    }

    @Test
    void carriesRequestIdDeadlineTraceAndTheLambdaContext() {
      Invocation invocation =
          Invocation.of(Events.text("apigw-http-v2.json"))
              .withRequestId("probe-" + System.nanoTime())
              .withTraceId(TRACE)
              .withFunctionTimeout(Duration.ofSeconds(9));
      InvocationResult result = served.invoke(invocation);
      assertThat(result.isSuccess()).as(result.toString()).isTrue();
      JsonNode probe = body(ServedFunction.parse(result.body()));

      assertThat(probe.get("cloud").asText()).isEqualTo("aws");
      assertThat(probe.get("functionName").asText()).isEqualTo("context-probe");
      assertThat(probe.get("invocationId").asText()).isEqualTo(invocation.requestId());
      assertThat(probe.get("remainingMillis").asLong()).isBetween(1L, 9_000L);
      assertThat(probe.get("traceId").asText()).isEqualTo("5759e988bd862e3fe1be46a994272793");
      assertThat(probe.get("xray").asText()).isEqualTo(TRACE);
      assertThat(probe.get("lambdaArn").asText())
          .isEqualTo("arn:aws:lambda:us-east-1:123456789012:function:test-function");
      assertThat(probe.get("eventRouteKey").asText()).isEqualTo("$default");
    }

    @Test
    void everyLogLineCarriesTheRequestAndTraceIds() {
      Invocation invocation = Invocation.of(Events.text("alb.json")).withTraceId(TRACE);
      assertThat(served.invoke(invocation).isSuccess()).isTrue();

      List<JsonNode> lines = served.logLines(invocation.requestId(), 4);
      // At DEBUG the adapter's classification comes first: the source, and the fields that decided
      // it.
      assertThat(lines)
          .extracting(line -> line.get("message").asText())
          .containsExactly(
              "Classified the event as an Application Load Balancer request (source aws_alb) by its"
                  + " fields: requestContext.elb. Function context-probe is an HTTP function and"
                  + " accepts "
                  + LambdaHandler.accepts(dev.portablefunctions.spi.FunctionKind.HTTP)
                  + ".",
              "probe debug",
              "probe info",
              "probe warn");
      assertThat(lines.get(0).get("level").asText()).isEqualTo("DEBUG");
      assertThat(lines)
          .allSatisfy(
              line -> {
                assertThat(line.get("requestId").asText()).isEqualTo(invocation.requestId());
                assertThat(line.get("traceId").asText())
                    .isEqualTo("5759e988bd862e3fe1be46a994272793");
                assertThat(line.get("xrayTraceId").asText())
                    .isEqualTo("1-5759e988-bd862e3fe1be46a994272793");
                assertThat(line.get("function").asText()).isEqualTo("context-probe");
                assertThat(line.get("timestamp").asText())
                    .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
              });
    }
  }
}
