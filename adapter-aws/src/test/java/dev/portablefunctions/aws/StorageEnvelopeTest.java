package dev.portablefunctions.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portablefunctions.StorageEvent;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StorageEnvelopeTest {

  @Test
  void s3PutBecomesACreatedObject() {
    StorageEvent event = StorageEnvelope.s3(Events.tree("s3-put.json")).get(0);

    assertThat(event.bucket()).isEqualTo("mybucket");
    assertThat(event.key()).isEqualTo("HappyFace.jpg");
    assertThat(event.change()).isEqualTo(StorageEvent.Change.CREATED);
    assertThat(event.size()).hasValue(1024);
    assertThat(event.etag()).hasValue("d41d8cd98f00b204e9800998ecf8427e");
    assertThat(event.time()).hasValue(Instant.EPOCH);
  }

  @Test
  void s3KeysAreDecodedAsFormDataWithPlusAsSpace() {
    StorageEvent event = StorageEnvelope.s3(Events.tree("s3-put-special-key.json")).get(0);

    assertThat(event.key()).isEqualTo("photos/my summer (2024) 50% off a+b.jpg");
  }

  @Test
  void s3DeleteBecomesADeletedObjectOfUnknownSize() {
    StorageEvent event = StorageEnvelope.s3(Events.tree("s3-delete.json")).get(0);

    assertThat(event.bucket()).isEqualTo("lambda-artifacts-deafc19498e3f2df");
    assertThat(event.key()).isEqualTo("b21b84d653bb07b05b1e6b33684dc11b");
    assertThat(event.change()).isEqualTo(StorageEvent.Change.DELETED);
    assertThat(event.size()).isEmpty();
    assertThat(event.etag()).isEmpty();
    assertThat(event.time()).hasValue(Instant.parse("2019-09-03T19:37:27.192Z"));
  }

  @Test
  void lifecycleExpirationIsADeletion() {
    ObjectNode event = (ObjectNode) Events.tree("s3-delete.json");
    ((ObjectNode) event.withArray("Records").get(0)).put("eventName", "LifecycleExpiration:Delete");

    assertThat(StorageEnvelope.s3(event).get(0).change()).isEqualTo(StorageEvent.Change.DELETED);
  }

  @Test
  void otherS3EventsAreNotStorageChanges() {
    ObjectNode event = (ObjectNode) Events.tree("s3-put.json");
    ((ObjectNode) event.withArray("Records").get(0)).put("eventName", "ObjectRestore:Completed");

    assertThatThrownBy(() -> StorageEnvelope.s3(event))
        .isInstanceOf(StorageEnvelope.UnsupportedChange.class)
        .hasMessage("an S3 ObjectRestore notification");
  }

  @Test
  void aSizeThatDoesNotFitALongIsBadInputNotAWrappedNumber() {
    ObjectNode event = (ObjectNode) Events.tree("s3-put.json");
    ((ObjectNode) event.withArray("Records").get(0).at("/s3/object"))
        .put("size", new java.math.BigInteger("99999999999999999999"));

    assertThatThrownBy(() -> StorageEnvelope.s3(event))
        .isInstanceOfSatisfying(
            dev.portablefunctions.FunctionException.class,
            e -> {
              assertThat(e.kind())
                  .isEqualTo(dev.portablefunctions.FunctionException.Kind.BAD_INPUT);
              assertThat(e.detail())
                  .isEqualTo(
                      "The S3 event notification is invalid at /Records/0/s3/object/size: expected a"
                          + " whole number from 0 to 9223372036854775807.");
            });
  }

  @Test
  void anUndocumentedEventTypeIsNamedWithoutQuotingIt() {
    ObjectNode event = (ObjectNode) Events.tree("s3-put.json");
    ((ObjectNode) event.withArray("Records").get(0)).put("eventName", "sk_live_secret:Thing");

    assertThatThrownBy(() -> StorageEnvelope.s3(event))
        .isInstanceOf(StorageEnvelope.UnsupportedChange.class)
        .hasMessage("an S3 notification of a type S3 does not document");
  }

  @Test
  void eventBridgeObjectCreated() {
    assertThat(
            StorageEnvelope.isEventBridgeObjectChange(
                Events.tree("eventbridge-s3-object-created.json")))
        .isTrue();
    StorageEvent event =
        StorageEnvelope.eventBridge(Events.tree("eventbridge-s3-object-created.json"));

    assertThat(event.bucket()).isEqualTo("DOC-EXAMPLE-BUCKET1");
    assertThat(event.key()).isEqualTo("example-key");
    assertThat(event.change()).isEqualTo(StorageEvent.Change.CREATED);
    assertThat(event.size()).hasValue(5);
    assertThat(event.etag()).hasValue("b1946ac92492d2347c6235b4d2611184");
    assertThat(event.time()).hasValue(Instant.parse("2021-11-12T00:00:00Z"));
  }

  @Test
  void eventBridgeObjectDeleted() {
    StorageEvent event =
        StorageEnvelope.eventBridge(Events.tree("eventbridge-s3-object-deleted.json"));

    assertThat(event.change()).isEqualTo(StorageEvent.Change.DELETED);
    assertThat(event.size()).isEmpty();
  }

  @Test
  void eventBridgeKeysAreDecodedLikeNotificationKeys() {
    ObjectNode event = (ObjectNode) Events.tree("eventbridge-s3-object-created.json");
    ((ObjectNode) event.at("/detail/object")).put("key", "my+summer+%282024%29.jpg");

    assertThat(StorageEnvelope.eventBridge(event).key()).isEqualTo("my summer (2024).jpg");
  }

  @Test
  void otherEventBridgeEventsAreNotStorageChanges() {
    assertThat(StorageEnvelope.isEventBridgeObjectChange(Events.tree("eventbridge-custom.json")))
        .isFalse();
    ObjectNode restore = (ObjectNode) Events.tree("eventbridge-s3-object-created.json");
    restore.put("detail-type", "Object Restore Completed");
    assertThat(StorageEnvelope.isEventBridgeObjectChange(restore)).isFalse();
  }

  @Test
  void aMalformedKeyIsBadInput() {
    assertThatThrownBy(() -> StorageEnvelope.decodeKey("50%"))
        .isInstanceOf(dev.portablefunctions.FunctionException.class);
  }
}
