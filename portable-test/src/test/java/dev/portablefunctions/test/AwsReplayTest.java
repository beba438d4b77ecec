package dev.portablefunctions.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portablefunctions.HttpResponse;
import dev.portablefunctions.test.internal.Catalogue;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every AWS event of the catalogue, replayed through {@code LambdaHandler}, answered as AWS
 * documents for its source (the response shapes are in the adapter's {@code SOURCES.md}, "What each
 * source expects back").
 */
class AwsReplayTest {

  private static final String SECOND_SQS_ID = "2e1424d4-f796-459a-8184-9c92662be6da";

  private final Replay echo = Replay.function("echo");
  private final Replay inbox = Replay.function("inbox");
  private final Replay uploads = Replay.function("uploads");
  private final Replay ticks = Replay.function("ticks");

  private static JsonNode json(String text) {
    return Catalogue.parse(text, "response");
  }

  @Test
  void aRestApiRequestIsAnsweredWithStatusMultiValueHeadersAndBody() {
    LambdaResult result = echo.aws(AwsEvent.apiGatewayRest());

    JsonNode response = json(result.output().orElseThrow());
    assertThat(response.path("statusCode").asInt()).isEqualTo(200);
    assertThat(response.path("multiValueHeaders").path("x-echo").get(0).asText()).isEqualTo("yes");
    assertThat(response.path("isBase64Encoded").asBoolean()).isFalse();
    JsonNode echoed = json(response.path("body").asText());
    assertThat(echoed.path("path").asText()).isEqualTo("/my/path");
    assertThat(echoed.path("query").path("parameter1").toString())
        .isEqualTo("[\"value1\",\"value2\"]");
    assertThat(echoed.path("body").asText()).isEqualTo("Hello from Lambda!");
    assertThat(echoed.path("cloud").asText()).isEqualTo("aws");
  }

  @Test
  void anHttpApiRequestIsAnsweredWithJoinedHeadersAndNoMultiValueHeaders() {
    LambdaResult result = echo.aws(AwsEvent.apiGatewayHttp());

    JsonNode response = json(result.output().orElseThrow());
    assertThat(response.path("statusCode").asInt()).isEqualTo(200);
    assertThat(response.has("multiValueHeaders")).isFalse();
    assertThat(response.path("headers").path("x-echo").asText()).isEqualTo("yes");
    assertThat(json(response.path("body").asText()).path("method").asText()).isEqualTo("POST");
  }

  @Test
  void aLoadBalancerRequestIsAnsweredWithAStatusDescriptionInItsHeaderMode() {
    JsonNode single = json(echo.aws(AwsEvent.loadBalancer()).output().orElseThrow());
    JsonNode multi = json(echo.aws(AwsEvent.loadBalancerMultiValue()).output().orElseThrow());

    assertThat(single.path("statusDescription").asText()).isEqualTo("200 OK");
    assertThat(single.path("headers").path("x-echo").asText()).isEqualTo("yes");
    assertThat(single.has("multiValueHeaders")).isFalse();
    assertThat(multi.path("statusDescription").asText()).isEqualTo("200 OK");
    assertThat(multi.path("multiValueHeaders").path("x-echo").get(0).asText()).isEqualTo("yes");
    assertThat(multi.has("headers")).isFalse();
  }

  @Test
  void aFunctionUrlRequestReachesTheFunctionWithItsPathAndQuery() {
    HttpResponse response =
        echo.aws(
                AwsEvent.functionUrl()
                    .withMethod("GET")
                    .withPath("/orders/7?expand=items&expand=notes"))
            .httpResponse();

    JsonNode echoed = json(response.bodyAsString());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(echoed.path("method").asText()).isEqualTo("GET");
    assertThat(echoed.path("path").asText()).isEqualTo("/orders/7");
    assertThat(echoed.path("query").path("expand").toString()).isEqualTo("[\"items\",\"notes\"]");
  }

  @Test
  void aFailingHttpFunctionIsAProblemResponseWithoutItsMessage() {
    LambdaResult result = echo.aws(AwsEvent.apiGatewayHttp().withPath("/boom"));

    HttpResponse response = result.httpResponse();
    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(response.headers().first("content-type")).contains("application/problem+json");
    assertThat(response.bodyAsString()).contains(result.requestId()).doesNotContain("hunter2");
    assertThat(result.logs())
        .anySatisfy(
            line -> {
              assertThat(line.path("level").asText()).isEqualTo("ERROR");
              assertThat(line.path("requestId").asText()).isEqualTo(result.requestId());
              assertThat(line.path("errorMessage").asText()).contains("hunter2");
            });
  }

  @Test
  void anSqsBatchWithOnePoisonMessageReportsItAloneInBatchItemFailures() {
    LambdaResult result = inbox.aws(AwsEvent.sqs().withMessages("{\"n\":1}", "poison"));

    assertThat(result.error()).isEmpty();
    assertThat(result.batchItemFailures()).containsExactly(SECOND_SQS_ID);
    assertThat(result.output())
        .contains("{\"batchItemFailures\":[{\"itemIdentifier\":\"" + SECOND_SQS_ID + "\"}]}");
  }

  @Test
  void theRecordedSqsBatchSucceedsWithAnEmptyPartialResponse() {
    LambdaResult result = inbox.aws(AwsEvent.sqs());

    assertThat(result.batchItemFailures()).isEmpty();
    assertThat(result.logs())
        .filteredOn(line -> line.path("message").asText().startsWith("got "))
        .extracting(line -> line.path("message").asText())
        .containsExactly(
            "got 059f36b4-87a3-44ab-83d2-661975830a7d: Test message. {}",
            "got " + SECOND_SQS_ID + ": Test message. {}");
  }

  @Test
  void aFifoFailureAlsoFailsTheRestOfItsMessageGroup() {
    AwsEvent batch = AwsEvent.sqsFifo().withMessages("a", "poison", "c");

    LambdaResult result = inbox.aws(batch);

    List<String> ids = batch.messageIds();
    assertThat(AwsEvent.sqsFifo().messageIds())
        .containsExactly("11d6ee51-4cc7-4302-9e22-7cd8afdaadf5");
    assertThat(result.batchItemFailures()).containsExactly(ids.get(1), ids.get(2));
  }

  @Test
  void aKinesisFailureReportsItsSequenceNumberAndEveryLaterOne() {
    AwsEvent recorded = AwsEvent.kinesis();

    assertThat(inbox.aws(recorded).batchItemFailures()).isEmpty();
    assertThat(inbox.aws(recorded.withMessages("poison", "fine")).batchItemFailures())
        .containsExactlyElementsOf(recorded.messageIds());
  }

  @Test
  void dynamoDbStreamRecordsReachAMessageFunction() {
    LambdaResult result = inbox.aws(AwsEvent.dynamoDbStreams());

    assertThat(result.batchItemFailures()).isEmpty();
    assertThat(result.logs())
        .filteredOn(line -> line.path("message").asText().startsWith("got "))
        .hasSize(3);
  }

  @Test
  void anSnsNotificationReturnsNothingAndAPoisonOneIsLambdasError() {
    LambdaResult ok = inbox.aws(AwsEvent.sns().withAttribute("tenant", "acme"));
    LambdaResult poison = inbox.aws(AwsEvent.sns().withMessages("poison"));

    assertThat(ok.output()).isEmpty();
    assertThat(ok.error()).isEmpty();
    assertThat(ok.logs())
        .anySatisfy(line -> assertThat(line.path("message").asText()).contains("tenant=acme"));
    assertThat(poison.error())
        .hasValueSatisfying(
            error -> {
              assertThat(error.errorType()).isEqualTo("dev.portablefunctions.FunctionException");
              assertThat(error.errorMessage())
                  .contains(poison.requestId())
                  .doesNotContain("poison");
              assertThat(error.stackTrace()).isEmpty();
            });
    assertThatThrownBy(poison::batchItemFailures).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void s3NotificationsReachAStorageFunctionWithTheKeyDecoded() {
    LambdaResult created =
        uploads.aws(AwsEvent.s3ObjectCreated().withObject("photos", "2024/my summer+fun.jpg"));
    LambdaResult removed = uploads.aws(AwsEvent.s3ObjectRemoved());

    assertThat(created.error()).isEmpty();
    assertThat(created.output()).isEmpty();
    assertThat(messages(created)).contains("CREATED photos/2024/my summer+fun.jpg");
    assertThat(removed.error()).isEmpty();
    assertThat(messages(removed)).anyMatch(message -> message.startsWith("DELETED "));
  }

  @Test
  void eventBridgeS3EventsReachAStorageFunction() {
    assertThat(messages(uploads.aws(AwsEvent.eventBridgeS3ObjectCreated())))
        .contains("CREATED DOC-EXAMPLE-BUCKET1/example-key");
    assertThat(messages(uploads.aws(AwsEvent.eventBridgeS3ObjectDeleted().withObject("b", "k"))))
        .contains("DELETED b/k");
  }

  @Test
  void aFailingStorageFunctionIsLambdasErrorSoTheAsyncInvocationIsRetried() {
    LambdaResult result = uploads.aws(AwsEvent.s3ObjectCreated().withObject("b", "poison.txt"));

    assertThat(result.error()).isPresent();
  }

  @Test
  void scheduledEventsReachAScheduleFunction() {
    assertThat(messages(ticks.aws(AwsEvent.eventBridgeScheduledRule())))
        .anyMatch(message -> message.startsWith("tick 2019-03-01T01:23:45Z"));
    assertThat(ticks.aws(AwsEvent.eventBridgeScheduler()).error()).isEmpty();
  }

  @Test
  void aCustomEventBridgeEventReachesACloudEventFunction() {
    LambdaResult result =
        Replay.function("events").aws(AwsEvent.eventBridgeCustom().withDetail("{\"orderId\":7}"));

    assertThat(messages(result))
        .anyMatch(
            message ->
                message.startsWith("event myDetailType com.mycompany.myapp")
                    && message.contains("\"orderId\":7"));
  }

  @Test
  void aDirectInvocationReturnsTheTypedOutputOrLambdasError() {
    Replay greeting = Replay.function("greeting");

    assertThat(greeting.aws(AwsEvent.directInvocation("{\"name\":\"Ada\"}")).output())
        .contains("{\"greeting\":\"Hello, Ada\"}");
    assertThat(greeting.aws(AwsEvent.directInvocation("{}")).error())
        .hasValueSatisfying(
            error -> assertThat(error.errorMessage()).isEqualTo("'name' is required."));
  }

  @Test
  void anEventTheFunctionDoesNotTakeIsLambdasErrorThatSaysOnlyTheDeploymentIsWrong() {
    LambdaResult result = echo.aws(AwsEvent.sqs());

    assertThat(result.error())
        .hasValueSatisfying(
            error -> assertThat(error.errorMessage()).contains("not deployed for this kind"));
    assertThat(result.logs())
        .anySatisfy(
            line ->
                assertThat(line.path("message").asText())
                    .startsWith("Unsupported trigger: function echo"));
  }

  @Test
  void anyRecordedEventIsReplayedByteForByte() {
    String recorded = AwsEvent.sqs().json();

    AwsEvent event = AwsEvent.of(recorded);

    assertThat(event.json()).isSameAs(recorded);
    assertThat(inbox.aws(event.withMessages("poison")).batchItemFailures())
        .containsExactly("059f36b4-87a3-44ab-83d2-661975830a7d");
  }

  @Test
  void everyLineCarriesTheRequestIdAndTheXRayTrace() {
    LambdaResult result = inbox.aws(AwsEvent.sqs());

    assertThat(result.logs())
        .isNotEmpty()
        .allSatisfy(
            line -> {
              assertThat(line.path("requestId").asText()).isEqualTo(result.requestId());
              assertThat(line.path("function").asText()).isEqualTo("inbox");
              assertThat(line.path("xrayTraceId").asText()).startsWith("1-");
            });
  }

  static List<String> messages(LambdaResult result) {
    return result.logs().stream().map(line -> line.path("message").asText()).toList();
  }
}
