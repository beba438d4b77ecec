package dev.portablefunctions.gcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portablefunctions.FunctionException;
import dev.portablefunctions.Message;
import dev.portablefunctions.ScheduleEvent;
import dev.portablefunctions.StorageEvent;
import dev.portablefunctions.gcp.testing.RecordedEvents;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** Each mapping, on the recorded payloads of {@code src/test/resources/events/gcp}. */
class EventCodecTest {

  private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

  private static CloudEvent withData(String file, String json) {
    return CloudEventBuilder.from(RecordedEvents.event(file))
        .withData("application/json", json.getBytes(StandardCharsets.UTF_8))
        .build();
  }

  private static void assertBadInput(ThrowingCallable call, String... fragments) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            FunctionException.class,
            e -> assertThat(e.kind()).isEqualTo(FunctionException.Kind.BAD_INPUT))
        .hasMessageContainingAll(fragments);
  }

  @Test
  void pubsubMessageCarriesEveryField() {
    Message message = EventCodec.message(RecordedEvents.event("pubsub-message-published.json"));

    assertThat(message.id()).isEqualTo("message-id");
    assertThat(message.bodyAsString()).isEqualTo("test message 3");
    assertThat(message.attributes()).isEqualTo(Map.of("attr1", "attr1-value"));
    assertThat(message.publishTime()).contains(Instant.parse("2021-02-05T04:06:14.109Z"));
    assertThat(message.orderingKey()).contains("ordering-key");
    assertThat(message.deliveryAttempt()).isEmpty();
  }

  @Test
  void pubsubMessageWithoutAttributesOrOrderingKeyHasNone() {
    Message message = EventCodec.message(RecordedEvents.event("pubsub-scheduler.json"));

    assertThat(message.id()).isEqualTo("8236145932876544");
    assertThat(message.bodyAsString()).isEqualTo("{\"job\":\"nightly-report\"}");
    assertThat(message.attributes()).isEmpty();
    assertThat(message.orderingKey()).isEmpty();
  }

  @Test
  void unknownMembersSuchAsTheProtobufTypeAreIgnored() {
    Message message = EventCodec.message(RecordedEvents.event("pubsub-with-poison.json"));

    assertThat(message.id()).isEqualTo("3103425958877999");
    assertThat(message.bodyAsString()).isEqualTo("poison message: the handler must reject this");
  }

  @Test
  void deliveryAttemptIsReadWhenPresent() {
    Message message =
        EventCodec.message(
            withData(
                "pubsub-message-published.json",
                "{\"deliveryAttempt\":5,\"message\":{\"data\":\"aGk=\",\"messageId\":\"m1\"},"
                    + "\"subscription\":\"projects/p/subscriptions/s\"}"));

    assertThat(message.deliveryAttempt()).hasValue(5);
    assertThat(message.bodyAsString()).isEqualTo("hi");
  }

  @Test
  void snakeCaseMemberNamesAreRead() {
    Message message =
        EventCodec.message(
            withData(
                "pubsub-message-published.json",
                "{\"message\":{\"message_id\":\"m2\",\"publish_time\":\"2021-02-05T04:06:14Z\","
                    + "\"ordering_key\":\"k\"}}"));

    assertThat(message.id()).isEqualTo("m2");
    assertThat(message.publishTime()).contains(Instant.parse("2021-02-05T04:06:14Z"));
    assertThat(message.orderingKey()).contains("k");
    assertThat(message.body()).isEmpty();
  }

  @Test
  void withoutAMessageIdTheEventIdIsTheMessageId() {
    Message message =
        EventCodec.message(
            withData("pubsub-message-published.json", "{\"message\":{\"data\":\"aGk=\"}}"));

    assertThat(message.id()).isEqualTo("3103425958877813");
  }

  @Test
  void malformedPubsubDataIsBadInputSayingWhereAndWhat() {
    String file = "pubsub-message-published.json";
    assertBadInput(
        () -> EventCodec.message(withData(file, "{\"message\":{\"data\":\"not base64!\"}}")),
        "The data of the Pub/Sub event is invalid at /message/data: expected base64 text.");
    assertBadInput(
        () -> EventCodec.message(withData(file, "{\"subscription\":\"s\"}")),
        "at /message: expected a Pub/Sub message object");
    assertBadInput(
        () -> EventCodec.message(withData(file, "{\"message\":{")),
        "not valid JSON (line 1, column 13)");
    assertBadInput(() -> EventCodec.message(withData(file, "[1]")), "expected a JSON object");
    assertBadInput(
        () -> EventCodec.message(withData(file, "{\"message\":{\"attributes\":{\"a\":1}}}")),
        "at /message/attributes/*: expected a string value");
    assertBadInput(
        () -> EventCodec.message(withData(file, "{\"message\":{\"publishTime\":\"noon\"}}")),
        "at /message/publishTime: expected an RFC 3339 time");
    assertBadInput(
        () ->
            EventCodec.message(
                CloudEventBuilder.from(RecordedEvents.event(file)).withoutData().build()),
        "has no data");
  }

  @Test
  void malformedDataIsNeverQuotedBack() {
    String file = "pubsub-message-published.json";
    String secret = "sk_live_51Hx9secret";
    for (String data :
        new String[] {
          "{\"message\":" + secret + "}",
          "{\"message\":{\"data\":\"" + secret + "!\"}}",
          "{\"message\":{\"attributes\":{\"" + secret + "\":1}}}",
          "{\"message\":{\"publishTime\":\"" + secret + "\"}}",
          "{\"deliveryAttempt\":99999999999999999999,\"message\":{}}",
          secret
        }) {
      assertThatThrownBy(() -> EventCodec.message(withData(file, data)))
          .isInstanceOf(FunctionException.class)
          .hasMessageNotContaining(secret)
          .hasMessageNotContaining("99999")
          .hasNoCause();
    }
  }

  @Test
  void protobufDataIsNotAPubsubMessageAndItsContentTypeIsNotRepeated() {
    CloudEvent firestore = RecordedEvents.event("firestore-document-written.json");

    assertThatThrownBy(() -> EventCodec.message(firestore))
        .isInstanceOf(FunctionException.class)
        .hasMessageNotContaining("application/protobuf");
  }

  @Test
  void aSizeThatDoesNotFitALongIsBadInputNotAWrappedValue() {
    String file = "storage-object-finalized.json";
    for (String size : new String[] {"99999999999999999999", "\"99999999999999999999\""}) {
      assertBadInput(
          () ->
              EventCodec.storage(
                  withData(file, "{\"bucket\":\"b\",\"name\":\"k\",\"size\":" + size + "}")),
          "The data of the Cloud Storage event is invalid at /size: expected a whole number from 0 to"
              + " 9223372036854775807.");
    }
  }

  @Test
  void theDataIsTheRecordsJson() {
    CloudEvent event = RecordedEvents.event("storage-object-finalized.json");

    assertThat(EventCodec.dataTree(event).path("bucket").asText()).isEqualTo("some-bucket");
    assertThat(EventCodec.dataTree(RecordedEvents.event("firestore-document-written.json")))
        .isNull();
  }

  @Test
  void storageFinalizedIsACreatedObject() {
    StorageEvent event = EventCodec.storage(RecordedEvents.event("storage-object-finalized.json"));

    assertThat(event)
        .isEqualTo(
            StorageEvent.builder("some-bucket", "folder/Test.cs", StorageEvent.Change.CREATED)
                .size(352)
                .etag("CNHZkbuF/ugCEAE=")
                .contentType("text/plain")
                .time(Instant.parse("2020-09-29T11:32:00Z"))
                .build());
  }

  @Test
  void storageDeletedIsADeletedObject() {
    StorageEvent event = EventCodec.storage(RecordedEvents.event("storage-object-deleted.json"));

    assertThat(event.change()).isEqualTo(StorageEvent.Change.DELETED);
    assertThat(event.key()).isEqualTo("folder/Test.cs");
    assertThat(event.size()).hasValue(352);
    assertThat(event.time()).contains(Instant.parse("2020-09-29T12:05:41Z"));
  }

  @Test
  void storageSizeMayBeANumberOrAbsent() {
    String file = "storage-object-finalized.json";
    assertThat(
            EventCodec.storage(withData(file, "{\"bucket\":\"b\",\"name\":\"k\",\"size\":0}"))
                .size())
        .hasValue(0);
    assertThat(
            EventCodec.storage(
                    withData(file, "{\"bucket\":\"b\",\"name\":\"k\",\"size\":\"12345678901\"}"))
                .size())
        .hasValue(12_345_678_901L);
    StorageEvent bare =
        EventCodec.storage(withData(file, "{\"bucket\":\"b\",\"name\":\"a b/ü.txt\"}"));
    assertThat(bare.size()).isEmpty();
    assertThat(bare.etag()).isEmpty();
    assertThat(bare.contentType()).isEmpty();
    assertThat(bare.key()).isEqualTo("a b/ü.txt");
  }

  @Test
  void malformedStorageDataIsBadInput() {
    String file = "storage-object-finalized.json";
    assertBadInput(
        () ->
            EventCodec.storage(
                withData(file, "{\"bucket\":\"b\",\"name\":\"k\",\"size\":\"big\"}")),
        "at /size: expected a whole number");
    assertBadInput(
        () -> EventCodec.storage(withData(file, "{\"bucket\":\"b\",\"name\":\"k\",\"size\":-1}")),
        "at /size");
    assertBadInput(() -> EventCodec.storage(withData(file, "{\"bucket\":\"b\"}")), "at /name");
    assertBadInput(
        () -> EventCodec.storage(withData(file, "{\"bucket\":7,\"name\":\"k\"}")),
        "at /bucket: expected a string");
  }

  @Test
  void schedulerPubsubTargetTicksAtThePublishTime() {
    ScheduleEvent tick = EventCodec.schedule(RecordedEvents.event("pubsub-scheduler.json"), NOW);

    assertThat(tick.time()).isEqualTo(Instant.parse("2021-02-06T02:00:00.412Z"));
    assertThat(tick.name()).isEmpty();
  }

  @Test
  void withoutAPublishTimeTheTickIsTheEventTime() {
    ScheduleEvent tick =
        EventCodec.schedule(
            withData("pubsub-scheduler.json", "{\"message\":{\"data\":\"e30=\"}}"), NOW);

    assertThat(tick.time()).isEqualTo(Instant.parse("2021-02-06T02:00:00.412Z"));
  }
}
