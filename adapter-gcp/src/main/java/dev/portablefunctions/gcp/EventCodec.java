package dev.portablefunctions.gcp;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.portablefunctions.FunctionException;
import dev.portablefunctions.Message;
import dev.portablefunctions.ScheduleEvent;
import dev.portablefunctions.StorageEvent;
import dev.portablefunctions.spi.Json;
import io.cloudevents.CloudEvent;
import io.cloudevents.CloudEventData;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Decodes the CloudEvents that Eventarc delivers into portable values, reading their JSON data in
 * one streaming pass and ignoring members it does not use (the schemas allow more).
 *
 * <ul>
 *   <li>{@value #PUBSUB_PUBLISHED}: data {@code {"message":{"data":"<base64>","attributes":{…},
 *       "messageId":…,"publishTime":…,"orderingKey":…},"subscription":…}} (the {@code
 *       MessagePublishedData} of google-cloudevents). A top-level {@code deliveryAttempt}, which
 *       Pub/Sub puts in push bodies when dead-lettering is on, is read when present; Eventarc's
 *       events documented so far do not carry it.
 *   <li>{@value #STORAGE_FINALIZED} and {@value #STORAGE_DELETED}: data is the object's {@code
 *       StorageObjectData}; {@code size} is read whether it is a JSON string (proto3 JSON, as
 *       delivered) or a number (as the JSON schema says).
 * </ul>
 *
 * <p>Every failure is a {@link FunctionException} of kind {@link FunctionException.Kind#BAD_INPUT}
 * that names the event and what is wrong, never its data.
 */
final class EventCodec {

  static final String PUBSUB_PUBLISHED = "google.cloud.pubsub.topic.v1.messagePublished";
  static final String STORAGE_FINALIZED = "google.cloud.storage.object.v1.finalized";
  static final String STORAGE_DELETED = "google.cloud.storage.object.v1.deleted";

  private EventCodec() {}

  /** The Pub/Sub message a {@value #PUBSUB_PUBLISHED} event carries. */
  static Message message(CloudEvent event) {
    PubsubMessage pubsub = pubsub(event);
    Message.Builder message = Message.builder(pubsub.id).body(pubsub.data).attributes(pubsub.attributes);
    if (pubsub.publishTime != null) {
      message.publishTime(pubsub.publishTime);
    }
    if (pubsub.orderingKey != null && !pubsub.orderingKey.isEmpty()) {
      message.orderingKey(pubsub.orderingKey);
    }
    if (pubsub.deliveryAttempt > 0) {
      message.deliveryAttempt(pubsub.deliveryAttempt);
    }
    return message.build();
  }

  /**
   * The tick a Cloud Scheduler job with a Pub/Sub target publishes: a plain {@value
   * #PUBSUB_PUBLISHED} event whose message is the job's data and attributes. Scheduler adds neither
   * the schedule time nor the job name, so the time is the message's publish time (the event's
   * time, or the arrival time, when absent) and the tick has no name.
   */
  static ScheduleEvent schedule(CloudEvent event, Instant now) {
    PubsubMessage pubsub = pubsub(event);
    if (pubsub.publishTime != null) {
      return ScheduleEvent.of(pubsub.publishTime);
    }
    return ScheduleEvent.of(event.getTime() != null ? event.getTime().toInstant() : now);
  }

  /** The object change a Cloud Storage finalized or deleted event reports. */
  static StorageEvent storage(CloudEvent event) {
    StorageEvent.Change change;
    if (event.getType().equals(STORAGE_FINALIZED)) {
      change = StorageEvent.Change.CREATED;
    } else if (event.getType().equals(STORAGE_DELETED)) {
      change = StorageEvent.Change.DELETED;
    } else {
      throw new IllegalArgumentException("not a storage finalized or deleted event: " + event.getType());
    }
    String bucket = null;
    String name = null;
    long size = -1;
    String etag = null;
    String contentType = null;
    try (JsonParser json = open(event)) {
      while (json.nextToken() == JsonToken.FIELD_NAME) {
        String field = json.currentName();
        JsonToken value = json.nextToken();
        switch (field) {
          case "bucket":
            bucket = text(json, value, event, "bucket");
            break;
          case "name":
            name = text(json, value, event, "name");
            break;
          case "size":
            size = size(json, value, event);
            break;
          case "etag":
            etag = text(json, value, event, "etag");
            break;
          case "contentType":
            contentType = text(json, value, event, "contentType");
            break;
          default:
            json.skipChildren();
        }
      }
    } catch (JsonProcessingException e) {
      throw malformed(event, e);
    } catch (IOException e) {
      throw unreadable(event, e);
    }
    if (bucket == null || bucket.isEmpty() || name == null || name.isEmpty()) {
      throw bad(event, "needs a non-empty 'bucket' and 'name' in its data");
    }
    StorageEvent.Builder storage = StorageEvent.builder(bucket, name, change);
    if (size >= 0) {
      storage.size(size);
    }
    if (etag != null) {
      storage.etag(etag);
    }
    if (contentType != null) {
      storage.contentType(contentType);
    }
    if (event.getTime() != null) {
      storage.time(event.getTime().toInstant());
    }
    return storage.build();
  }

  private static final class PubsubMessage {
    String id;
    byte[] data = new byte[0];
    final Map<String, String> attributes = new LinkedHashMap<>();
    Instant publishTime;
    String orderingKey;
    int deliveryAttempt;
  }

  private static PubsubMessage pubsub(CloudEvent event) {
    PubsubMessage pubsub = new PubsubMessage();
    boolean sawMessage = false;
    try (JsonParser json = open(event)) {
      while (json.nextToken() == JsonToken.FIELD_NAME) {
        String field = json.currentName();
        JsonToken value = json.nextToken();
        if (field.equals("message") && value == JsonToken.START_OBJECT) {
          sawMessage = true;
          readMessage(json, pubsub, event);
        } else if (field.equals("deliveryAttempt") && value == JsonToken.VALUE_NUMBER_INT) {
          pubsub.deliveryAttempt = Math.max(0, json.getIntValue());
        } else if (field.equals("message") && value != JsonToken.VALUE_NULL) {
          throw bad(event, "has a 'message' that is not an object");
        } else {
          json.skipChildren();
        }
      }
    } catch (JsonProcessingException e) {
      throw malformed(event, e);
    } catch (IOException e) {
      throw unreadable(event, e);
    }
    if (!sawMessage) {
      throw bad(event, "has no 'message' in its data");
    }
    if (pubsub.id == null || pubsub.id.isEmpty()) {
      pubsub.id = event.getId(); // Eventarc's event id is the message id
    }
    return pubsub;
  }

  private static void readMessage(JsonParser json, PubsubMessage pubsub, CloudEvent event)
      throws IOException {
    while (json.nextToken() == JsonToken.FIELD_NAME) {
      String field = json.currentName();
      JsonToken value = json.nextToken();
      switch (field) {
        case "data":
          String data = text(json, value, event, "message.data");
          if (data != null) {
            try {
              pubsub.data = Base64.getDecoder().decode(data);
            } catch (IllegalArgumentException e) {
              throw bad(event, "has a 'message.data' that is not valid base64: " + e.getMessage());
            }
          }
          break;
        case "attributes":
          readAttributes(json, value, pubsub, event);
          break;
        case "messageId":
        case "message_id":
          String id = text(json, value, event, "message.messageId");
          pubsub.id = pubsub.id == null || pubsub.id.isEmpty() ? id : pubsub.id;
          break;
        case "publishTime":
        case "publish_time":
          String time = text(json, value, event, "message.publishTime");
          if (time != null && pubsub.publishTime == null) {
            pubsub.publishTime = instant(time, event, "message.publishTime");
          }
          break;
        case "orderingKey":
        case "ordering_key":
          String key = text(json, value, event, "message.orderingKey");
          pubsub.orderingKey = pubsub.orderingKey == null ? key : pubsub.orderingKey;
          break;
        default:
          json.skipChildren();
      }
    }
  }

  private static void readAttributes(
      JsonParser json, JsonToken value, PubsubMessage pubsub, CloudEvent event) throws IOException {
    if (value == JsonToken.VALUE_NULL) {
      return;
    }
    if (value != JsonToken.START_OBJECT) {
      throw bad(event, "has a 'message.attributes' that is not an object of strings");
    }
    while (json.nextToken() == JsonToken.FIELD_NAME) {
      String name = json.currentName();
      if (json.nextToken() != JsonToken.VALUE_STRING) {
        throw bad(event, "has a 'message.attributes." + name + "' that is not a string");
      }
      pubsub.attributes.put(name, json.getText());
    }
  }

  private static JsonParser open(CloudEvent event) throws IOException {
    CloudEventData data = event.getData();
    if (data == null) {
      throw bad(event, "has no data");
    }
    JsonParser json = Json.mapper().getFactory().createParser(data.toBytes());
    JsonToken first;
    try {
      first = json.nextToken();
    } catch (JsonProcessingException notJson) {
      first = null;
    }
    if (first != JsonToken.START_OBJECT) {
      json.close();
      throw bad(
          event,
          "has data that is not a JSON object"
              + (event.getDataContentType() == null ? "" : " (" + event.getDataContentType() + ")"));
    }
    return json;
  }

  private static String text(JsonParser json, JsonToken value, CloudEvent event, String field)
      throws IOException {
    if (value == JsonToken.VALUE_NULL) {
      return null;
    }
    if (value != JsonToken.VALUE_STRING) {
      throw bad(event, "has a '" + field + "' that is not a string");
    }
    return json.getText();
  }

  private static long size(JsonParser json, JsonToken value, CloudEvent event) throws IOException {
    if (value == JsonToken.VALUE_NULL) {
      return -1;
    }
    try {
      long size;
      if (value == JsonToken.VALUE_NUMBER_INT) {
        size = json.getLongValue();
      } else if (value == JsonToken.VALUE_STRING) {
        size = Long.parseLong(json.getText().trim());
      } else {
        size = -1;
      }
      if (size >= 0) {
        return size;
      }
    } catch (NumberFormatException | JsonProcessingException e) {
      // reported below
    }
    throw bad(event, "has a 'size' that is not a whole number of bytes");
  }

  private static Instant instant(String text, CloudEvent event, String field) {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw bad(event, "has a '" + field + "' that is not an RFC 3339 time");
    }
  }

  private static FunctionException bad(CloudEvent event, String what) {
    return FunctionException.badInput(describe(event) + " " + what + ".");
  }

  private static FunctionException malformed(CloudEvent event, JsonProcessingException e) {
    StringBuilder detail = new StringBuilder(describe(event)).append(" has data that is not valid JSON");
    JsonLocation location = e.getLocation();
    if (location != null && location.getLineNr() > 0) {
      detail.append(" (line ").append(location.getLineNr()).append(", column ").append(location.getColumnNr()).append(')');
    }
    String original = e.getOriginalMessage();
    if (original != null) {
      int newline = original.indexOf('\n');
      detail.append(": ").append(newline < 0 ? original : original.substring(0, newline));
    }
    return FunctionException.of(FunctionException.Kind.BAD_INPUT, detail.append('.').toString(), e);
  }

  private static FunctionException unreadable(CloudEvent event, IOException e) {
    return FunctionException.of(
        FunctionException.Kind.BAD_INPUT, describe(event) + " has data that cannot be read: " + e, e);
  }

  /** Names an event for messages: its type and id, never its data. */
  static String describe(CloudEvent event) {
    return "CloudEvent " + event.getId() + " (" + event.getType() + ")";
  }
}
