package dev.portablefunctions.azure;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portablefunctions.FunctionException;
import dev.portablefunctions.ScheduleEvent;
import dev.portablefunctions.StorageEvent;
import dev.portablefunctions.spi.Json;
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

/** Decodes the blob, timer and Event Grid trigger values into portable events. */
final class EventMapping {

  static final String BLOB_CREATED = "Microsoft.Storage.BlobCreated";
  static final String BLOB_DELETED = "Microsoft.Storage.BlobDeleted";

  /** How far in the future {@code ScheduleStatus.Next} may lie and still be this tick's time. */
  static final Duration SCHEDULE_SKEW = Duration.ofSeconds(5);

  private static final JsonFormat CLOUD_EVENTS_JSON = new JsonFormat();

  private EventMapping() {}

  /**
   * A blob trigger: the container and blob name from {@code BlobTrigger} ({@code
   * container/path/to/blob}); size, content type, ETag and last-modified time from {@code
   * Properties} (the extension's {@code BlobProperties} as JSON, every key optional); the size falls
   * back to the content's length.
   */
  static StorageEvent blob(String blobTrigger, String properties, byte[] content) {
    String path = Metadata.text(blobTrigger);
    int slash = path == null ? -1 : path.indexOf('/');
    if (slash <= 0 || slash == path.length() - 1) {
      throw FunctionException.badInput(
          "The blob trigger's path '" + path + "' is not 'container/blob name'.");
    }
    StorageEvent.Builder event =
        StorageEvent.builder(
            path.substring(0, slash), path.substring(slash + 1), StorageEvent.Change.CREATED);
    JsonNode props = Metadata.tree(properties);
    long size = Metadata.number(Metadata.field(props, "ContentLength"), -1);
    if (size < 0) {
      size = Metadata.number(Metadata.field(props, "Length"), -1);
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
    throw FunctionException.badInput(
        "The Event Grid event is in neither the Event Grid schema (eventType) nor the CloudEvents"
            + " schema (specversion).");
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
      throw FunctionException.badInput(
          "The " + type + " event's subject '" + subject
              + "' is not '/blobServices/default/containers/<container>/blobs/<blob>'.");
    }
    StorageEvent.Builder storage =
        StorageEvent.builder(
            subject.substring(container + containers.length(), blob),
            subject.substring(blob + blobs.length()),
            change);
    JsonNode data = event.path("data");
    JsonNode length = data.get("contentLength");
    if (length != null && length.canConvertToLong() && length.asLong() >= 0) {
      storage.size(length.asLong());
    }
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

  /** The type of an Event Grid event in either schema, or null if it has none; never throws. */
  static String type(String json) {
    try {
      JsonNode event = parse(json);
      return Metadata.field(event, event.has("specversion") ? "type" : "eventType");
    } catch (RuntimeException unreadable) {
      return null;
    }
  }

  private static CloudEvent fromEventGridSchema(JsonNode event) {
    String id = required(event, "id");
    String type = required(event, "eventType");
    CloudEventBuilder builder =
        CloudEventBuilder.v1()
            .withId(id)
            .withSource(uri(required(event, "topic")))
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
        throw FunctionException.badInput("The Event Grid event's eventTime '" + time + "' is not ISO-8601.");
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
        copy.put("source", uri(source).toString());
      }
      try {
        return CLOUD_EVENTS_JSON.deserialize(copy.toString().getBytes(StandardCharsets.UTF_8));
      } catch (RuntimeException stillMalformed) {
        throw FunctionException.of(
            FunctionException.Kind.BAD_INPUT,
            "Malformed CloudEvent from Event Grid: " + rootMessage(malformed),
            malformed);
      }
    }
  }

  private static JsonNode parse(String json) {
    if (json == null || json.isBlank()) {
      throw FunctionException.badInput("The Event Grid trigger delivered no event.");
    }
    try {
      JsonNode node = Json.mapper().readTree(json);
      if (node == null || !node.isObject()) {
        throw FunctionException.badInput("The Event Grid event is not a JSON object.");
      }
      return node;
    } catch (JsonProcessingException malformed) {
      throw FunctionException.of(
          FunctionException.Kind.BAD_INPUT, "The Event Grid event is not valid JSON.", malformed);
    }
  }

  private static String required(JsonNode event, String field) {
    String value = Metadata.field(event, field);
    if (value == null || value.isEmpty()) {
      throw FunctionException.badInput("The Event Grid event has no '" + field + "'.");
    }
    return value;
  }

  /** A URI, escaping characters that are not legal in one rather than failing. */
  static URI uri(String text) {
    try {
      return new URI(text);
    } catch (URISyntaxException illegal) {
      try {
        return new URI(null, null, text, null);
      } catch (URISyntaxException stillIllegal) {
        throw FunctionException.badInput("'" + text + "' is not a URI reference.");
      }
    }
  }

  private static String rootMessage(Throwable error) {
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }
}
