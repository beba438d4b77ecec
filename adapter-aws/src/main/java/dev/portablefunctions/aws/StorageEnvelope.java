package dev.portablefunctions.aws;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portablefunctions.FunctionException;
import dev.portablefunctions.StorageEvent;
import dev.portablefunctions.spi.MalformedInput;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes S3 event notifications ({@code Records[]}) and EventBridge S3 events into portable {@link
 * StorageEvent}s.
 *
 * <p>S3 sends object keys URL-encoded as form data ({@code red flower.jpg} arrives as {@code
 * red+flower.jpg}, a literal {@code +} as {@code %2B}); keys are decoded that way, so {@link
 * StorageEvent#key()} is the object's real name. The S3 guide documents this for notifications
 * only; keys of EventBridge S3 events are decoded the same way, as AWS's own Powertools for Lambda
 * does.
 *
 * <p>Changes: {@code ObjectCreated:*} and {@code Object Created} are {@link
 * StorageEvent.Change#CREATED}; {@code ObjectRemoved:*}, {@code LifecycleExpiration:*} and {@code
 * Object Deleted} are {@link StorageEvent.Change#DELETED}. Any other S3 event (restore, tagging,
 * ACL, replication, ...) is an unsupported trigger for a storage function.
 *
 * <p>A {@code size} that is not a whole number from 0 to {@link Long#MAX_VALUE} is bad input (400),
 * never a value that wrapped. Unsupported events are named by their documented family in the
 * adapter's words; no value of the event is quoted.
 */
final class StorageEnvelope {

  private StorageEnvelope() {}

  /** The events of an S3 notification, one per record (S3 sends one). */
  static List<StorageEvent> s3(JsonNode event) {
    JsonNode records = JsonNodes.array(event, "Records");
    List<StorageEvent> events = new ArrayList<>(records.size());
    for (int i = 0; i < records.size(); i++) {
      events.add(s3Record(records.get(i), i));
    }
    return events;
  }

  /** The event of one record of an S3 notification. */
  static StorageEvent s3Record(JsonNode record, int i) {
    String where = "S3 record " + i;
    String eventName = JsonNodes.required(record, "eventName", where);
    StorageEvent.Change change = notificationChange(eventName);
    if (change == null) {
      throw new UnsupportedChange(notificationKind(eventName));
    }
    JsonNode s3 = JsonNodes.object(record, "s3");
    String bucket =
        JsonNodes.required(JsonNodes.object(s3, "bucket"), "name", where + "'s s3.bucket");
    JsonNode object = JsonNodes.object(s3, "object");
    String key = decodeKey(JsonNodes.required(object, "key", where + "'s s3.object"));
    StorageEvent.Builder storage = StorageEvent.builder(bucket, key, change);
    MalformedInput.nonNegativeLong(
            object.get("size"), "S3 event notification", "/Records/" + i + "/s3/object/size")
        .ifPresent(storage::size);
    String etag = JsonNodes.text(object, "eTag");
    if (etag != null && !etag.isEmpty()) {
      storage.etag(etag);
    }
    Instant time = JsonNodes.instant(JsonNodes.text(record, "eventTime"));
    if (time != null) {
      storage.time(time);
    }
    return storage.build();
  }

  /** Whether an EventBridge event is an S3 object creation or deletion. */
  static boolean isEventBridgeObjectChange(JsonNode event) {
    return "aws.s3".equals(JsonNodes.text(event, "source"))
        && eventBridgeChange(JsonNodes.text(event, "detail-type")) != null;
  }

  /** The event of an EventBridge S3 {@code Object Created} or {@code Object Deleted} event. */
  static StorageEvent eventBridge(JsonNode event) {
    String detailType = JsonNodes.text(event, "detail-type");
    StorageEvent.Change change = eventBridgeChange(detailType);
    if (!"aws.s3".equals(JsonNodes.text(event, "source")) || change == null) {
      throw new UnsupportedChange(
          "aws.s3".equals(JsonNodes.text(event, "source"))
              ? "an EventBridge S3 event other than \"Object Created\" or \"Object Deleted\""
              : "an EventBridge event that is not from S3");
    }
    JsonNode detail = JsonNodes.object(event, "detail");
    String where = "The EventBridge S3 event's detail";
    String bucket =
        JsonNodes.required(JsonNodes.object(detail, "bucket"), "name", where + ".bucket");
    JsonNode object = JsonNodes.object(detail, "object");
    String key = decodeKey(JsonNodes.required(object, "key", where + ".object"));
    StorageEvent.Builder storage = StorageEvent.builder(bucket, key, change);
    MalformedInput.nonNegativeLong(
            object.get("size"), "EventBridge S3 event", "/detail/object/size")
        .ifPresent(storage::size);
    String etag = JsonNodes.text(object, "etag");
    if (etag != null && !etag.isEmpty()) {
      storage.etag(etag);
    }
    Instant time = JsonNodes.instant(JsonNodes.text(event, "time"));
    if (time != null) {
      storage.time(time);
    }
    return storage.build();
  }

  private static StorageEvent.Change notificationChange(String eventName) {
    String name = eventName.startsWith("s3:") ? eventName.substring(3) : eventName;
    if (name.startsWith("ObjectCreated:")) {
      return StorageEvent.Change.CREATED;
    }
    if (name.startsWith("ObjectRemoved:") || name.startsWith("LifecycleExpiration:")) {
      return StorageEvent.Change.DELETED;
    }
    return null;
  }

  /**
   * Names an S3 notification that is not a creation or deletion by its documented event type
   * family, in the adapter's own words: the event name itself is input and is not quoted.
   */
  private static String notificationKind(String eventName) {
    String name = eventName.startsWith("s3:") ? eventName.substring(3) : eventName;
    String[][] families = {
      {"ObjectRestore:", "an S3 ObjectRestore notification"},
      {"ObjectTagging:", "an S3 ObjectTagging notification"},
      {"ObjectAcl:", "an S3 ObjectAcl notification"},
      {"Replication:", "an S3 Replication notification"},
      {"LifecycleTransition", "an S3 LifecycleTransition notification"},
      {"IntelligentTiering", "an S3 IntelligentTiering notification"},
      {"ReducedRedundancyLostObject", "an S3 ReducedRedundancyLostObject notification"},
    };
    for (String[] family : families) {
      if (name.startsWith(family[0])) {
        return family[1];
      }
    }
    return "an S3 notification of a type S3 does not document";
  }

  private static StorageEvent.Change eventBridgeChange(String detailType) {
    if ("Object Created".equals(detailType)) {
      return StorageEvent.Change.CREATED;
    }
    if ("Object Deleted".equals(detailType)) {
      return StorageEvent.Change.DELETED;
    }
    return null;
  }

  /** Decodes a key as form data: {@code +} is a space, {@code %2B} a plus. */
  static String decodeKey(String key) {
    try {
      return URLDecoder.decode(key, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException malformed) {
      throw FunctionException.badInput("The S3 object key is not URL-encoded as S3 sends it.");
    }
  }

  /** An S3 event that is neither a creation nor a deletion. */
  static final class UnsupportedChange extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UnsupportedChange(String what) {
      super(what, null, false, false);
    }
  }
}
