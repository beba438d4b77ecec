package dev.portablefunctions.gcp;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.portablefunctions.FunctionException;
import dev.portablefunctions.Message;
import dev.portablefunctions.ScheduleEvent;
import dev.portablefunctions.StorageEvent;
import dev.portablefunctions.spi.Json;
import dev.portablefunctions.spi.MalformedInput;
import io.cloudevents.CloudEvent;
import io.cloudevents.CloudEventData;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

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
 * built by {@link MalformedInput}: it says where the data broke (a JSON pointer such as {@code
 * /message/data}, or the line and column of a syntax error) and what was expected, and never quotes
 * the data, an attribute name or the event's {@code datacontenttype}. A number that does not fit (a
 * {@code size} above {@link Long#MAX_VALUE}, a {@code deliveryAttempt} above {@link
 * Integer#MAX_VALUE}) is such a failure too, never a wrapped value.
 */
final class EventCodec {

  static final String PUBSUB_PUBLISHED = "google.cloud.pubsub.topic.v1.messagePublished";
  static final String STORAGE_FINALIZED = "google.cloud.storage.object.v1.finalized";
  static final String STORAGE_DELETED = "google.cloud.storage.object.v1.deleted";

  /**
   * Event types Google documents, named in log lines as they are; any other type is the sender's
   * input, and is not repeated.
   */
  private static final Set<String> KNOWN_TYPES =
      Set.of(
          PUBSUB_PUBLISHED,
          STORAGE_FINALIZED,
          STORAGE_DELETED,
          "google.cloud.storage.object.v1.archived",
          "google.cloud.storage.object.v1.metadataUpdated",
          "google.cloud.audit.log.v1.written",
          "google.cloud.firestore.document.v1.created",
          "google.cloud.firestore.document.v1.updated",
          "google.cloud.firestore.document.v1.deleted",
          "google.cloud.firestore.document.v1.written",
          "google.firebase.database.ref.v1.created",
          "google.firebase.database.ref.v1.updated",
          "google.firebase.database.ref.v1.deleted",
          "google.firebase.database.ref.v1.written");

  private static final String PUBSUB_DATA = "data of the Pub/Sub event";
  private static final String STORAGE_DATA = "data of the Cloud Storage event";
  private static final String TIME = "an RFC 3339 time such as 2024-05-01T00:00:00Z";

  private EventCodec() {}

  /** The Pub/Sub message a {@value #PUBSUB_PUBLISHED} event carries. */
  static Message message(CloudEvent event) {
    PubsubMessage pubsub = pubsub(event);
    Message.Builder message =
        Message.builder(pubsub.id).body(pubsub.data).attributes(pubsub.attributes);
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
      throw new IllegalArgumentException(
          "not a storage finalized or deleted event: " + describe(event));
    }
    String bucket = null;
    String name = null;
    long size = -1;
    String etag = null;
    String contentType = null;
    try (JsonParser json = open(event, "Cloud Storage", STORAGE_DATA)) {
      while (json.nextToken() == JsonToken.FIELD_NAME) {
        String field = json.currentName();
        JsonToken value = json.nextToken();
        switch (field) {
          case "bucket":
            bucket = text(json, value, STORAGE_DATA, "/bucket");
            break;
          case "name":
            name = text(json, value, STORAGE_DATA, "/name");
            break;
          case "size":
            size = size(json, value);
            break;
          case "etag":
            etag = text(json, value, STORAGE_DATA, "/etag");
            break;
          case "contentType":
            contentType = text(json, value, STORAGE_DATA, "/contentType");
            break;
          default:
            json.skipChildren();
        }
      }
    } catch (IOException e) {
      throw MalformedInput.of(STORAGE_DATA, e);
    }
    if (bucket == null || bucket.isEmpty()) {
      throw MalformedInput.at(STORAGE_DATA, "/bucket", "the bucket's name, a non-empty string");
    }
    if (name == null || name.isEmpty()) {
      throw MalformedInput.at(STORAGE_DATA, "/name", "the object's name, a non-empty string");
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

  /**
   * The event's data as a JSON tree, for {@code context.unwrap(JsonNode.class)}: the record the
   * function's value was decoded from ({@code MessagePublishedData}, {@code StorageObjectData}, or
   * any JSON data); null if there is no data or it is not JSON. Never throws.
   */
  static JsonNode dataTree(CloudEvent event) {
    CloudEventData data = event.getData();
    if (data == null) {
      return null;
    }
    try {
      return Json.mapper().readTree(data.toBytes());
    } catch (IOException | RuntimeException notJson) {
      return null;
    }
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
    try (JsonParser json = open(event, "Pub/Sub", PUBSUB_DATA)) {
      while (json.nextToken() == JsonToken.FIELD_NAME) {
        String field = json.currentName();
        JsonToken value = json.nextToken();
        if (field.equals("message") && value == JsonToken.START_OBJECT) {
          sawMessage = true;
          readMessage(json, pubsub);
        } else if (field.equals("deliveryAttempt") && value == JsonToken.VALUE_NUMBER_INT) {
          pubsub.deliveryAttempt = attempt(json);
        } else if (field.equals("message") && value != JsonToken.VALUE_NULL) {
          throw MalformedInput.at(PUBSUB_DATA, "/message", "a Pub/Sub message object");
        } else {
          json.skipChildren();
        }
      }
    } catch (IOException e) {
      throw MalformedInput.of(PUBSUB_DATA, e);
    }
    if (!sawMessage) {
      throw MalformedInput.at(PUBSUB_DATA, "/message", "a Pub/Sub message object");
    }
    if (pubsub.id == null || pubsub.id.isEmpty()) {
      pubsub.id = event.getId(); // Eventarc's event id is the message id
    }
    return pubsub;
  }

  private static void readMessage(JsonParser json, PubsubMessage pubsub) throws IOException {
    while (json.nextToken() == JsonToken.FIELD_NAME) {
      String field = json.currentName();
      JsonToken value = json.nextToken();
      switch (field) {
        case "data":
          String data = text(json, value, PUBSUB_DATA, "/message/data");
          if (data != null) {
            try {
              pubsub.data = Base64.getDecoder().decode(data);
            } catch (IllegalArgumentException e) {
              // Not the decoder's message: it names the offending character.
              throw MalformedInput.at(PUBSUB_DATA, "/message/data", "base64 text");
            }
          }
          break;
        case "attributes":
          readAttributes(json, value, pubsub);
          break;
        case "messageId":
        case "message_id":
          String id = text(json, value, PUBSUB_DATA, "/message/" + field);
          pubsub.id = pubsub.id == null || pubsub.id.isEmpty() ? id : pubsub.id;
          break;
        case "publishTime":
        case "publish_time":
          String time = text(json, value, PUBSUB_DATA, "/message/" + field);
          if (time != null && pubsub.publishTime == null) {
            pubsub.publishTime = instant(time, "/message/" + field);
          }
          break;
        case "orderingKey":
        case "ordering_key":
          String key = text(json, value, PUBSUB_DATA, "/message/" + field);
          pubsub.orderingKey = pubsub.orderingKey == null ? key : pubsub.orderingKey;
          break;
        default:
          json.skipChildren();
      }
    }
  }

  private static void readAttributes(JsonParser json, JsonToken value, PubsubMessage pubsub)
      throws IOException {
    if (value == JsonToken.VALUE_NULL) {
      return;
    }
    if (value != JsonToken.START_OBJECT) {
      throw MalformedInput.at(PUBSUB_DATA, "/message/attributes", "an object of strings");
    }
    while (json.nextToken() == JsonToken.FIELD_NAME) {
      String name = json.currentName();
      if (json.nextToken() != JsonToken.VALUE_STRING) {
        // The attribute's name is the sender's: the pointer shows it as '*'.
        throw MalformedInput.at(PUBSUB_DATA, "/message/attributes/*", "a string value");
      }
      pubsub.attributes.put(name, json.getText());
    }
  }

  /** A parser positioned on the data's opening brace. */
  private static JsonParser open(CloudEvent event, String source, String what) throws IOException {
    CloudEventData data = event.getData();
    if (data == null) {
      throw FunctionException.badInput(
          "The " + source + " event has no data: expected a JSON object.");
    }
    JsonParser json = Json.mapper().getFactory().createParser(data.toBytes());
    JsonToken first;
    try {
      first = json.nextToken();
    } catch (JsonProcessingException notJson) {
      json.close();
      throw MalformedInput.of(what, notJson);
    }
    if (first != JsonToken.START_OBJECT) {
      json.close();
      // Not the event's datacontenttype: it is the sender's input.
      throw MalformedInput.at(what, "", "a JSON object");
    }
    return json;
  }

  private static String text(JsonParser json, JsonToken value, String what, String pointer)
      throws IOException {
    if (value == JsonToken.VALUE_NULL) {
      return null;
    }
    if (value != JsonToken.VALUE_STRING) {
      throw MalformedInput.at(what, pointer, "a string");
    }
    return json.getText();
  }

  /** {@code size}: a JSON string of digits (proto3 JSON, as delivered) or a number. */
  private static long size(JsonParser json, JsonToken value) throws IOException {
    if (value == JsonToken.VALUE_NULL) {
      return -1;
    }
    if (value == JsonToken.VALUE_NUMBER_INT || value == JsonToken.VALUE_STRING) {
      // The number's text, so that one too large for a long is refused rather than wrapped.
      return MalformedInput.nonNegativeLong(json.getText(), STORAGE_DATA, "/size");
    }
    throw MalformedInput.at(STORAGE_DATA, "/size", "a whole number of bytes");
  }

  /** {@code deliveryAttempt}: counted from 1; 0 or less is ignored, too large is refused. */
  private static int attempt(JsonParser json) throws IOException {
    String digits = json.getText();
    if (digits.startsWith("-")) {
      return 0;
    }
    long attempt = MalformedInput.nonNegativeLong(digits, PUBSUB_DATA, "/deliveryAttempt");
    if (attempt > Integer.MAX_VALUE) {
      throw MalformedInput.at(
          PUBSUB_DATA, "/deliveryAttempt", "a whole number from 1 to " + Integer.MAX_VALUE);
    }
    return (int) attempt;
  }

  private static Instant instant(String text, String pointer) {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw MalformedInput.at(PUBSUB_DATA, pointer, TIME);
    }
  }

  /**
   * Names an event for log lines and details: its id (the invocation id) and its type when it is
   * one Google documents; never its data, source or an unknown type.
   */
  static String describe(CloudEvent event) {
    String type = event.getType();
    return "CloudEvent "
        + event.getId()
        + (KNOWN_TYPES.contains(type) ? " (" + type + ")" : " (of a type not listed here)");
  }
}
