package dev.portablefunctions.azure;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portablefunctions.FunctionException;
import dev.portablefunctions.ScheduleEvent;
import dev.portablefunctions.StorageEvent;
import dev.portablefunctions.spi.Json;
import dev.portablefunctions.spi.MalformedInput;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.jackson.JsonFormat;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Set;

/**
 * Decodes the blob, timer and Event Grid trigger values into portable events.
 *
 * <p>A value that cannot be decoded is a {@link FunctionException.Kind#BAD_INPUT} built by {@link
 * MalformedInput}: where (a JSON pointer such as {@code /data/contentLength}, or the line and
 * column of a syntax error) and what was expected, never the value itself. A size that does not fit
 * a {@code long} is such a failure, not a wrapped or rounded number.
 */
final class EventMapping {

  static final String BLOB_CREATED = "Microsoft.Storage.BlobCreated";
  static final String BLOB_DELETED = "Microsoft.Storage.BlobDeleted";

  /** Blob Storage's Event Grid event types, named in log lines; any other type is not repeated. */
  private static final Set<String> STORAGE_TYPES =
      Set.of(
          BLOB_CREATED,
          BLOB_DELETED,
          "Microsoft.Storage.BlobRenamed",
          "Microsoft.Storage.BlobTierChanged",
          "Microsoft.Storage.AsyncOperationInitiated",
          "Microsoft.Storage.DirectoryCreated",
          "Microsoft.Storage.DirectoryRenamed",
          "Microsoft.Storage.DirectoryDeleted",
          "Microsoft.Storage.BlobInventoryPolicyCompleted",
          "Microsoft.Storage.LifecyclePolicyCompleted");

  private static final String EVENT = "Event Grid event";
  private static final String BLOB_PROPERTIES = "blob trigger's Properties metadata";

  /** How far in the future {@code ScheduleStatus.Next} may lie and still be this tick's time. */
  static final Duration SCHEDULE_SKEW = Duration.ofSeconds(5);

  private static final JsonFormat CLOUD_EVENTS_JSON = new JsonFormat();

  private EventMapping() {}

  /**
   * A blob trigger: the container and blob name from {@code BlobTrigger} ({@code
   * container/path/to/blob}); size, content type, ETag and last-modified time from {@code
   * Properties} (the extension's {@code BlobProperties} as JSON, every key optional); the size
   * falls back to the content's length.
   */
  static StorageEvent blob(String blobTrigger, String properties, byte[] content) {
    String path = Metadata.text(blobTrigger);
    int slash = path == null ? -1 : path.indexOf('/');
    if (slash <= 0 || slash == path.length() - 1) {
      // Not the path itself: it is the blob's name, the uploader's input.
      throw MalformedInput.at("blob trigger's BlobTrigger metadata", "", "'container/blob name'");
    }
    StorageEvent.Builder event =
        StorageEvent.builder(
            path.substring(0, slash), path.substring(slash + 1), StorageEvent.Change.CREATED);
    JsonNode props = Metadata.tree(properties);
    long size =
        MalformedInput.nonNegativeLong(
                props.get("ContentLength"), BLOB_PROPERTIES, "/ContentLength")
            .orElse(-1);
    if (size < 0) {
      size =
          MalformedInput.nonNegativeLong(props.get("Length"), BLOB_PROPERTIES, "/Length")
              .orElse(-1);
    }
    if (size < 0 && content != null) {
      size = content.length;
    }
    if (size >= 0) {
      event.size(size);
    }
    String contentType = Metadata.field(props, "ContentType");
    if (contentType != null && !contentType.isEmpty()) {
      event.contentType(contentType);
    }
    String etag = Metadata.field(props, "ETag");
    if (etag != null && !etag.isEmpty()) {
      event.etag(etag);
    }
    Instant modified = Metadata.instant(Metadata.field(props, "LastModified"));
    if (modified != null) {
      event.time(modified);
    }
    return event.build();
  }

  /**
   * A timer tick. The time is {@code ScheduleStatus.Next} of the {@code TimerInfo} JSON, which
   * while the host runs an occurrence is that occurrence (also when it runs late, {@code
   * IsPastDue}); if it lies more than {@link #SCHEDULE_SKEW} in the future (a run on start-up or a
   * manual run) or there is no schedule status (monitoring off, as for sub-minute schedules), the
   * time is now.
   */
  static ScheduleEvent timer(String timerInfo, String name, Clock clock) {
    Instant now = clock.instant();
    JsonNode status = Metadata.tree(timerInfo).path("ScheduleStatus");
    Instant next = Metadata.instant(Metadata.field(status, "Next"));
    Instant time = next != null && !next.isAfter(now.plus(SCHEDULE_SKEW)) ? next : now;
    return ScheduleEvent.of(time, name);
  }

  /** One Event Grid event, in either schema, as a CloudEvent. */
  static CloudEvent cloudEvent(String json) {
    JsonNode event = parse(json);
    if (event.has("specversion")) {
      return fromCloudEventsSchema(event, json);
    }
    if (event.has("eventType")) {
      return fromEventGridSchema(event);
    }
    throw MalformedInput.at(
        EVENT,
        "",
        "the Event Grid schema (with eventType) or the CloudEvents schema (with specversion)");
  }

  /**
   * One Event Grid event, in either schema, as a storage event, or null if it is not a {@code
   * BlobCreated} or {@code BlobDeleted} event.
   */
  static StorageEvent storage(String json) {
    JsonNode event = parse(json);
    boolean cloudEvents = event.has("specversion");
    String type = Metadata.field(event, cloudEvents ? "type" : "eventType");
    StorageEvent.Change change;
    if (BLOB_CREATED.equals(type)) {
      change = StorageEvent.Change.CREATED;
    } else if (BLOB_DELETED.equals(type)) {
      change = StorageEvent.Change.DELETED;
    } else {
      return null;
    }
    String subject = Metadata.field(event, "subject");
    String containers = "/containers/";
    String blobs = "/blobs/";
    int container = subject == null ? -1 : subject.indexOf(containers);
    int blob = container < 0 ? -1 : subject.indexOf(blobs, container + containers.length());
    if (blob < 0 || blob + blobs.length() >= subject.length()) {
      throw MalformedInput.at(
          EVENT, "/subject", "'/blobServices/default/containers/<container>/blobs/<blob>'");
    }
    StorageEvent.Builder storage =
        StorageEvent.builder(
            subject.substring(container + containers.length(), blob),
            subject.substring(blob + blobs.length()),
            change);
    JsonNode data = event.path("data");
    MalformedInput.nonNegativeLong(data.get("contentLength"), EVENT, "/data/contentLength")
        .ifPresent(storage::size);
    String contentType = Metadata.field(data, "contentType");
    if (contentType != null && !contentType.isEmpty()) {
      storage.contentType(contentType);
    }
    String etag = Metadata.field(data, "eTag");
    if (etag != null && !etag.isEmpty()) {
      storage.etag(etag);
    }
    Instant time = Metadata.instant(Metadata.field(event, cloudEvents ? "time" : "eventTime"));
    if (time != null) {
      storage.time(time);
    }
    return storage.build();
  }

  /**
   * Names the type of an Event Grid event in either schema for a log line: the type itself when it
   * is one of Blob Storage's, else only that it is another (the type is the sender's input); never
   * throws.
   */
  static String describeType(String json) {
    String type;
    try {
      JsonNode event = parse(json);
      type = Metadata.field(event, event.has("specversion") ? "type" : "eventType");
    } catch (RuntimeException unreadable) {
      type = null;
    }
    return type != null && STORAGE_TYPES.contains(type)
        ? "a '" + type + "' event"
        : "an event of another type";
  }

  private static CloudEvent fromEventGridSchema(JsonNode event) {
    String id = required(event, "id");
    String type = required(event, "eventType");
    CloudEventBuilder builder =
        CloudEventBuilder.v1()
            .withId(id)
            .withSource(uri(required(event, "topic"), "/topic"))
            .withType(type);
    String subject = Metadata.field(event, "subject");
    if (subject != null) {
      builder.withSubject(subject);
    }
    String time = Metadata.field(event, "eventTime");
    if (time != null) {
      try {
        builder.withTime(OffsetDateTime.parse(time));
      } catch (DateTimeParseException malformed) {
        throw MalformedInput.at(EVENT, "/eventTime", "an ISO-8601 time with an offset");
      }
    }
    JsonNode data = event.get("data");
    if (data != null && !data.isNull()) {
      builder.withData("application/json", data.toString().getBytes(StandardCharsets.UTF_8));
    }
    return builder.build();
  }

  private static CloudEvent fromCloudEventsSchema(JsonNode event, String json) {
    try {
      return CLOUD_EVENTS_JSON.deserialize(json.getBytes(StandardCharsets.UTF_8));
    } catch (RuntimeException malformed) {
      // The documentation's samples hold placeholders such as {subscription-id} in source, which
      // are not legal in a URI: escape them and try once more before giving up.
      ObjectNode copy = event.deepCopy();
      String source = Metadata.field(copy, "source");
      if (source != null) {
        copy.put("source", uri(source, "/source").toString());
      }
      try {
        return CLOUD_EVENTS_JSON.deserialize(copy.toString().getBytes(StandardCharsets.UTF_8));
      } catch (RuntimeException stillMalformed) {
        // Not the SDK's message: it quotes the attribute's value.
        throw MalformedInput.of(EVENT, malformed);
      }
    }
  }

  private static JsonNode parse(String json) {
    if (json == null || json.isBlank()) {
      throw FunctionException.badInput("The Event Grid trigger delivered no event.");
    }
    JsonNode node;
    try {
      node = Json.mapper().readTree(json);
    } catch (JsonProcessingException malformed) {
      throw MalformedInput.of(EVENT, malformed);
    }
    if (node == null || !node.isObject()) {
      throw MalformedInput.at(EVENT, "", "a JSON object");
    }
    return node;
  }

  private static String required(JsonNode event, String field) {
    String value = Metadata.field(event, field);
    if (value == null || value.isEmpty()) {
      throw MalformedInput.at(EVENT, "/" + field, "a non-empty string");
    }
    return value;
  }

  /** A URI, escaping characters that are not legal in one rather than failing. */
  static URI uri(String text, String pointer) {
    try {
      return new URI(text);
    } catch (URISyntaxException illegal) {
      try {
        return new URI(null, null, text, null);
      } catch (URISyntaxException stillIllegal) {
        throw MalformedInput.at(EVENT, pointer, "a URI reference");
      }
    }
  }
}
