package dev.portablefunctions.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portablefunctions.FunctionException;
import dev.portablefunctions.Message;
import dev.portablefunctions.ScheduleEvent;
import dev.portablefunctions.StorageEvent;
import dev.portablefunctions.spi.BatchResult;
import dev.portablefunctions.spi.FunctionRunner;
import dev.portablefunctions.spi.Json;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/** The local server's JSON forms of messages, storage and schedule events, and batch reports. */
final class LocalCodec {

  private LocalCodec() {}

  static JsonNode readTree(byte[] body, String what) {
    if (body.length == 0) {
      throw FunctionException.badInput("The " + what + " is empty; expected JSON.");
    }
    try {
      return Json.mapper().readTree(body);
    } catch (JsonProcessingException e) {
      throw FunctionException.badInput(
          Json.describe(e, what, Json.mapper().constructType(JsonNode.class)));
    } catch (IOException e) {
      throw FunctionException.badInput("The " + what + " cannot be read: " + e.getMessage());
    }
  }

  /** Decodes one message object or an array of them. */
  static List<Message> messages(JsonNode json) {
    List<Message> messages = new ArrayList<>();
    if (json.isArray()) {
      for (int i = 0; i < json.size(); i++) {
        messages.add(message(json.get(i), "message [" + i + "]"));
      }
      if (messages.isEmpty()) {
        throw FunctionException.badInput("The batch is empty; send at least one message.");
      }
    } else {
      messages.add(message(json, "the message"));
    }
    return messages;
  }

  private static final Set<String> MESSAGE_FIELDS =
      Set.of("id", "data", "text", "attributes", "publishTime", "deliveryAttempt", "orderingKey");
  private static final Set<String> STORAGE_FIELDS =
      Set.of("bucket", "key", "change", "size", "etag", "contentType", "time");
  private static final Set<String> SCHEDULE_FIELDS = Set.of("time", "name");

  private static Message message(JsonNode json, String where) {
    if (!json.isObject()) {
      throw FunctionException.badInput(
          "Expected " + where + " to be a JSON object like {\"id\":\"m1\",\"data\":\"<base64>\"}.");
    }
    rejectUnknown(json, MESSAGE_FIELDS, where);
    String id = optionalText(json, "id", where);
    if (id != null && id.isEmpty()) {
      throw FunctionException.badInput("'id' of " + where + " must not be empty.");
    }
    Message.Builder message = Message.builder(id == null ? UUID.randomUUID().toString() : id);
    String label = id == null ? where : "message " + id;
    String data = optionalText(json, "data", label);
    String text = optionalText(json, "text", label);
    if (data != null && text != null) {
      throw FunctionException.badInput(label + " has both 'data' and 'text'; send one.");
    }
    if (data != null) {
      message.body(base64(data, "'data' of " + label));
    } else if (text != null) {
      message.body(text);
    }
    JsonNode attributes = json.get("attributes");
    if (attributes != null && !attributes.isNull()) {
      if (!attributes.isObject()) {
        throw FunctionException.badInput("'attributes' of " + label + " must be an object of strings.");
      }
      attributes
          .fields()
          .forEachRemaining(
              entry -> {
                if (!entry.getValue().isTextual()) {
                  throw FunctionException.badInput(
                      "Attribute '" + entry.getKey() + "' of " + label + " must be a string.");
                }
                message.attribute(entry.getKey(), entry.getValue().asText());
              });
    }
    String publishTime = optionalText(json, "publishTime", label);
    if (publishTime != null) {
      message.publishTime(instant(publishTime, "'publishTime' of " + label));
    }
    JsonNode attempt = json.get("deliveryAttempt");
    if (attempt != null && !attempt.isNull()) {
      if (!attempt.canConvertToInt() || !attempt.isIntegralNumber() || attempt.asInt() < 1) {
        throw FunctionException.badInput("'deliveryAttempt' of " + label + " must be a whole number from 1.");
      }
      message.deliveryAttempt(attempt.asInt());
    }
    String orderingKey = optionalText(json, "orderingKey", label);
    if (orderingKey != null) {
      message.orderingKey(orderingKey);
    }
    return message.build();
  }

  static StorageEvent storage(JsonNode json) {
    String where = "the storage event";
    if (!json.isObject()) {
      throw FunctionException.badInput(
          "Expected the storage event as a JSON object like"
              + " {\"bucket\":\"b\",\"key\":\"k\",\"change\":\"created\"}.");
    }
    rejectUnknown(json, STORAGE_FIELDS, where);
    String bucket = requiredText(json, "bucket", where);
    String key = requiredText(json, "key", where);
    String change = requiredText(json, "change", where);
    StorageEvent.Change parsed;
    switch (change.toLowerCase(Locale.ROOT)) {
      case "created":
        parsed = StorageEvent.Change.CREATED;
        break;
      case "deleted":
        parsed = StorageEvent.Change.DELETED;
        break;
      default:
        throw FunctionException.badInput(
            "'change' of the storage event must be \"created\" or \"deleted\", not \"" + change + "\".");
    }
    StorageEvent.Builder event;
    try {
      event = StorageEvent.builder(bucket, key, parsed);
    } catch (IllegalArgumentException e) {
      throw FunctionException.badInput(e.getMessage());
    }
    JsonNode size = json.get("size");
    if (size != null && !size.isNull()) {
      if (!size.isIntegralNumber() || size.asLong() < 0) {
        throw FunctionException.badInput("'size' of the storage event must be a whole number of bytes.");
      }
      event.size(size.asLong());
    }
    String etag = optionalText(json, "etag", where);
    if (etag != null) {
      event.etag(etag);
    }
    String contentType = optionalText(json, "contentType", where);
    if (contentType != null) {
      event.contentType(contentType);
    }
    String time = optionalText(json, "time", where);
    if (time != null) {
      event.time(instant(time, "'time' of the storage event"));
    }
    return event.build();
  }

  static ScheduleEvent schedule(JsonNode json, Instant fallbackTime) {
    if (json == null || json.isNull()) {
      return ScheduleEvent.of(fallbackTime);
    }
    if (!json.isObject()) {
      throw FunctionException.badInput(
          "Expected the schedule event as a JSON object like {\"time\":\"2024-05-01T00:00:00Z\"}.");
    }
    String where = "the schedule event";
    rejectUnknown(json, SCHEDULE_FIELDS, where);
    String time = optionalText(json, "time", where);
    Instant instant = time == null ? fallbackTime : instant(time, "'time' of the schedule event");
    String name = optionalText(json, "name", where);
    return name == null ? ScheduleEvent.of(instant) : ScheduleEvent.of(instant, name);
  }

  static byte[] report(BatchResult result, String invocationId, java.util.function.Function<Throwable, String> detail) {
    ObjectNode json = Json.mapper().createObjectNode();
    json.put("received", result.size());
    ArrayNode failed = json.putArray("failed");
    for (BatchResult.Failure failure : result.failures()) {
      FunctionException.Kind kind =
          failure.error() instanceof FunctionException
              ? ((FunctionException) failure.error()).kind()
              : FunctionException.Kind.INTERNAL;
      ObjectNode item = failed.addObject();
      item.put("id", failure.message().id());
      item.put("status", kind.httpStatus());
      item.put("title", kind.title());
      item.put("detail", detail.apply(failure.error()));
    }
    json.put("invocationId", invocationId);
    return Json.write(json);
  }

  static byte[] decodeBase64(String text, String what) {
    return base64(text, what);
  }

  private static byte[] base64(String text, String what) {
    try {
      return Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw FunctionException.badInput(what + " is not valid base64: " + e.getMessage() + ".");
    }
  }

  private static Instant instant(String text, String what) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw FunctionException.badInput(
          what + " must be an ISO-8601 instant such as 2024-05-01T00:00:00Z, not \"" + text + "\".");
    }
  }

  /** Unknown fields are most likely a typo or another format; silently dropping them loses data. */
  private static void rejectUnknown(JsonNode json, Set<String> known, String where) {
    List<String> unknown = new ArrayList<>();
    json.fieldNames().forEachRemaining(name -> {
      if (!known.contains(name)) {
        unknown.add(name);
      }
    });
    if (!unknown.isEmpty()) {
      throw FunctionException.badInput(
          where.substring(0, 1).toUpperCase(Locale.ROOT)
              + where.substring(1)
              + " has unknown fields "
              + unknown
              + "; the fields are "
              + new TreeSet<>(known)
              + ".");
    }
  }

  private static String requiredText(JsonNode json, String field, String where) {
    String value = optionalText(json, field, where);
    if (value == null || value.isEmpty()) {
      throw FunctionException.badInput(where + " needs a non-empty string '" + field + "'.");
    }
    return value;
  }

  private static String optionalText(JsonNode json, String field, String where) {
    JsonNode value = json.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw FunctionException.badInput("'" + field + "' of " + where + " must be a string.");
    }
    return value.asText();
  }

  static boolean isJsonOrAbsent(String contentType) {
    return contentType.isEmpty() || FunctionRunner.isJson(contentType);
  }
}
