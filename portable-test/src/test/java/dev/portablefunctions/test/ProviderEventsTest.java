package dev.portablefunctions.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portablefunctions.Cloud;
import dev.portablefunctions.HttpRequest;
import dev.portablefunctions.HttpResponse;
import dev.portablefunctions.test.internal.Catalogue;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.opentest4j.AssertionFailedError;

/** One test per event kind, run against every cloud's version of it. */
class ProviderEventsTest {

  @ParameterizedTest(name = "{0}")
  @ProviderEvents(EventKind.HTTP_REQUEST)
  void anHttpRequestReachesTheFunctionAsSentOnEveryCloud(ProviderTrigger trigger) {
    HttpRequest request =
        HttpRequest.builder("PUT", "/orders/7")
            .query("tag", "a b")
            .header("Content-Type", "text/plain")
            .body("hello")
            .build();

    Delivery delivery = trigger.http(Replay.function("echo"), request);

    delivery.assertSucceeded();
    HttpResponse response = delivery.response();
    assertThat(response.headers().first("x-echo")).contains("yes");
    JsonNode echoed = Catalogue.parse(response.bodyAsString(), "body");
    assertThat(echoed.path("method").asText()).isEqualTo("PUT");
    assertThat(echoed.path("path").asText()).isEqualTo("/orders/7");
    assertThat(echoed.path("query").path("tag").get(0).asText()).isEqualTo("a b");
    assertThat(echoed.path("body").asText()).isEqualTo("hello");
    assertThat(echoed.path("cloud").asText()).isEqualTo(trigger.cloud().id());
  }

  @ParameterizedTest(name = "{0}")
  @ProviderEvents(EventKind.HTTP_REQUEST)
  void aPathAndQueryThatNeedEncodingArriveDecodedOnEveryCloud(ProviderTrigger trigger) {
    HttpRequest request = HttpRequest.builder("GET", "/files/a b/100%").query("q", "x&y=z").build();

    JsonNode echoed =
        Catalogue.parse(
            trigger.http(Replay.function("echo"), request).response().bodyAsString(), "body");

    assertThat(echoed.path("path").asText()).isEqualTo("/files/a b/100%");
    assertThat(echoed.path("query").path("q").get(0).asText()).isEqualTo("x&y=z");
  }

  @ParameterizedTest(name = "{0}")
  @ProviderEvents(EventKind.HTTP_REQUEST)
  void aFailingFunctionIsAProblemResponseOnEveryCloud(ProviderTrigger trigger) {
    Delivery delivery =
        trigger.http(Replay.function("echo"), HttpRequest.builder("GET", "/boom").build());

    assertThat(delivery.succeeded()).isFalse();
    assertThat(delivery.response().statusCode()).isEqualTo(500);
    assertThat(delivery.response().bodyAsString()).doesNotContain("hunter2");
    assertThatThrownBy(delivery::assertSucceeded).isInstanceOf(AssertionFailedError.class);
  }

  @ParameterizedTest(name = "{0}")
  @ProviderEvents(EventKind.TYPED_INVOCATION)
  void aTypedInputGivesTheSameOutputOnEveryCloud(ProviderTrigger trigger) {
    Replay greeting = Replay.function("greeting");

    assertThat(trigger.invoke(greeting, "{\"name\":\"Ada\"}").output())
        .contains("{\"greeting\":\"Hello, Ada\"}");
    assertThat(trigger.invoke(greeting, "{}").succeeded()).isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @ProviderEvents(EventKind.MESSAGE_BATCH)
  void aPoisonMessageIsReportedTheProvidersWay(ProviderTrigger trigger) {
    Delivery delivery =
        trigger.messages(Replay.function("inbox"), "{\"n\":1}", "poison", "{\"n\":3}");

    delivery.assertFailed(1);
    assertThat(delivery.messageIds()).hasSize(3).doesNotHaveDuplicates();
    assertThat(delivery.succeeded()).isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @ProviderEvents(EventKind.MESSAGE_BATCH)
  void aHealthyBatchReportsNoFailure(ProviderTrigger trigger) {
    Delivery delivery = trigger.messages(Replay.function("inbox"), "one", "two");

    delivery.assertFailed();
    delivery.assertSucceeded();
    assertThat(delivery.logs())
        .extracting(line -> line.path("message").asText())
        .filteredOn(message -> message.startsWith("got "))
        .hasSize(2);
  }

  @ParameterizedTest(name = "{0}")
  @ProviderEvents(EventKind.STORAGE_CHANGE)
  void aCreatedObjectReachesTheStorageFunctionOnEveryCloud(ProviderTrigger trigger) {
    Delivery delivery = trigger.storage(Replay.function("uploads"), "photos", "2024/summer.jpg");

    delivery.assertSucceeded();
    assertThat(delivery.logs())
        .extracting(line -> line.path("message").asText())
        .contains("CREATED photos/2024/summer.jpg");
    assertThat(trigger.storage(Replay.function("uploads"), "photos", "poison.jpg").succeeded())
        .isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @ProviderEvents(EventKind.SCHEDULE_TICK)
  void aTickReachesTheScheduleFunctionOnEveryCloud(ProviderTrigger trigger) {
    Delivery delivery = trigger.tick(Replay.function("ticks"));

    delivery.assertSucceeded();
    assertThat(delivery.logs())
        .extracting(line -> line.path("message").asText())
        .anyMatch(message -> message.startsWith("tick "));
  }

  @ParameterizedTest(name = "{0}")
  @ProviderEvents(EventKind.CLOUD_EVENT)
  void anEventReachesTheCloudEventFunctionWithItsDataOnEveryCloud(ProviderTrigger trigger) {
    Delivery delivery = trigger.cloudEvent(Replay.function("events"), "{\"orderId\":7}");

    delivery.assertSucceeded();
    assertThat(delivery.logs())
        .extracting(line -> line.path("message").asText())
        .anyMatch(message -> message.startsWith("event ") && message.contains("{\"orderId\":7}"));
    assertThat(trigger.cloudEvent(Replay.function("events"), "{\"poison\":true}").succeeded())
        .isFalse();
  }

  @Test
  void everyKindHasATriggerOnEveryCloud() {
    for (EventKind kind : EventKind.values()) {
      assertThat(
              ProviderTrigger.all(kind).stream()
                  .map(ProviderTrigger::cloud)
                  .collect(Collectors.toSet()))
          .as(kind.toString())
          .containsExactlyInAnyOrder(Cloud.AWS, Cloud.GCP, Cloud.AZURE);
    }
    assertThat(ProviderTrigger.all(EventKind.MESSAGE_BATCH))
        .extracting(ProviderTrigger::name)
        .containsExactly(
            "AWS SQS",
            "AWS SQS FIFO",
            "AWS SNS",
            "AWS Kinesis",
            "Google Cloud Pub/Sub",
            "Azure Queue Storage",
            "Azure Service Bus",
            "Azure Event Hubs");
  }

  @Test
  void theFailureAssertionSaysWhatTheProviderReported() {
    ProviderTrigger sqs = ProviderTrigger.all(EventKind.MESSAGE_BATCH).get(0);
    Delivery delivery = sqs.messages(Replay.function("inbox"), "poison", "fine");

    assertThatThrownBy(() -> delivery.assertFailed(1))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageContaining("AWS SQS: the provider's failure report should name")
        .hasMessageContaining("batchItemFailures");
    assertThatThrownBy(() -> delivery.assertFailed(2)).isInstanceOf(IllegalArgumentException.class);
    assertThat(delivery.failedMessageIds()).containsExactly("059f36b4-87a3-44ab-83d2-661975830a7d");
  }

  @Test
  void anOrderedSourceAlsoReportsTheMessagesAfterAFailure() {
    ProviderTrigger kinesis =
        ProviderTrigger.all(EventKind.MESSAGE_BATCH).stream()
            .filter(trigger -> trigger.name().equals("AWS Kinesis"))
            .findFirst()
            .orElseThrow();

    Delivery delivery = kinesis.messages(Replay.function("inbox"), "a", "poison", "c", "d");

    delivery.assertFailed(1);
    assertThat(delivery.failedMessageIds())
        .containsExactlyElementsOf(delivery.messageIds().subList(1, 4));
  }

  @Test
  void aTriggerRefusesAKindItDoesNotDeliver() {
    ProviderTrigger sqs = ProviderTrigger.all(EventKind.MESSAGE_BATCH).get(0);

    assertThatThrownBy(() -> sqs.tick(Replay.function("ticks")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("AWS SQS delivers [MESSAGE_BATCH]");
    List<ProviderTrigger> http = ProviderTrigger.all(EventKind.HTTP_REQUEST);
    assertThatThrownBy(() -> http.get(0).messages(Replay.function("inbox"), "x"))
        .isInstanceOf(IllegalStateException.class);
  }
}
