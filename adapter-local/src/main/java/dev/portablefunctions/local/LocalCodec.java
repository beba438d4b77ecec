package dev.portablefunctions.local;

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
import dev.portablefunctions.spi.MalformedInput;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The local server's JSON forms of messages, storage and schedule events, and batch reports.
 *
 * <p>Input that does not fit is a 400 from {@link MalformedInput}: the detail says where (a JSON
 * pointer such as {@code /2/data}) and what the format expects there, and never repeats a value or
 * an unknown field's name.
 */
final class LocalCodec {

  private static final String STORAGE = "storage event";
  private static final String SCHEDULE = "schedule event";
  private static final String INSTANT = "an ISO-8601 instant such as 2024-05-01T00:00:00Z";

  private LocalCodec() {}

  static JsonNode readTree(byte[] body, String what) {
    if (body.length == 0) {
      throw FunctionException.badInput("The " + what + " is empty; expected JSON.");
    }
    try {
      return Json.mapper().readTree(body);
    } catch (IOException e) {
      throw MalformedInput.of(what, e);
    }
  }

  /** Decodes one message object or an array of them. */
  static List<Message> messages(JsonNode json) {
    List<Message> messages = new ArrayList<>();
    if (json.isArray()) {
      for (int i = 0; i < json.size(); i++) {
        messages.add(message(json.get(i), "message batch", "/" + i));
      }
      if (messages.isEmpty()) {
        throw FunctionException.badInput("The batch is empty; send at least one message.");
      }
    } else {
      messages.add(message(json, "message", ""));
    }
    return messages;
  }

  private static final Set<String> MESSAGE_FIELDS =
      Set.of("id", "data", "text", "attributes", "publishTime", "deliveryAttempt", "orderingKey");
  private static final Set<String> STORAGE_FIELDS =
      Set.of("bucket", "key", "change", "size", "etag", "contentType", "time");
  private static final Set<String> SCHEDULE_FIELDS = Set.of("time", "name");

  private static Message message(JsonNode json, String what, String at) {
    if (!json.isObject()) {
      throw MalformedInput.at(
          what, at, "a message object like {\"id\":\"m1\",\"data\":\"<base64>\"}");
    }
    rejectUnknown(json, MESSAGE_FIELDS, what, at);
    String id = optionalText(json, "id", what, at);
    if (id != null && id.isEmpty()) {
      throw MalformedInput.at(what, at + "/id", "a non-empty string");
    }
    Message.Builder message = Message.builder(id == null ? UUID.randomUUID().toString() : id);
    String data = optionalText(json, "data", what, at);
    String text = optionalText(json, "text", what, at);
    if (data != null && text != null) {
      throw MalformedInput.at(what, at, "'data' or 'text', not both");
    }
    if (data != null) {
      message.body(base64(data, what, at + "/data"));
    } else if (text != null) {
      message.body(text);
    }
    JsonNode attributes = json.get("attributes");
    if (attributes != null && !attributes.isNull()) {
      if (!attributes.isObject()) {
        throw MalformedInput.at(what, at + "/attributes", "an object of strings");
      }
      attributes
          .properties()
          .forEach(
              entry -> {
                if (!entry.getValue().isTextual()) {
                  // The attribute's name is the caller's: the pointer shows it as '*'.
                  throw MalformedInput.at(what, at + "/attributes/*", "a string value");
                }
                message.attribute(entry.getKey(), entry.getValue().asText());
              });
    }
    String publishTime = optionalText(json, "publishTime", what, at);
    if (publishTime != null) {
      message.publishTime(instant(publishTime, what, at + "/publishTime"));
    }
    JsonNode attempt = json.get("deliveryAttempt");
    if (attempt != null && !attempt.isNull()) {
      if (!attempt.isIntegralNumber() || !attempt.canConvertToInt() || attempt.asInt() < 1) {
        throw MalformedInput.at(
            what, at + "/deliveryAttempt", "a whole number from 1 to " + Integer.MAX_VALUE);
      }
      message.deliveryAttempt(attempt.asInt());
    }
    String orderingKey = optionalText(json, "orderingKey", what, at);
    if (orderingKey != null) {
      message.orderingKey(orderingKey);
    }
    return message.build();
  }

  static StorageEvent storage(JsonNode json) {
    if (!json.isObject()) {
      throw MalformedInput.at(
          STORAGE,
          "",
          "a JSON object like {\"bucket\":\"b\",\"key\":\"k\",\"change\":\"created\"}");
    }
    rejectUnknown(json, STORAGE_FIELDS, STORAGE, "");
    String bucket = requiredText(json, "bucket", STORAGE);
    String key = requiredText(json, "key", STORAGE);
    String change = requiredText(json, "change", STORAGE);
    StorageEvent.Change parsed =
        switch (change.toLowerCase(Locale.ROOT)) {
          case "created" -> StorageEvent.Change.CREATED;
          case "deleted" -> StorageEvent.Change.DELETED;
          default ->
              // Not the value sent: it is the caller's input.
              throw MalformedInput.at(STORAGE, "/change", "\"created\" or \"deleted\"");
        };
    StorageEvent.Builder event = StorageEvent.builder(bucket, key, parsed);
    // A size too large for a long is refused, never wrapped.
    MalformedInput.nonNegativeLong(json.get("size"), STORAGE, "/size").ifPresent(event::size);
    String etag = optionalText(json, "etag", STORAGE, "");
    if (etag != null) {
      event.etag(etag);
    }
    String contentType = optionalText(json, "contentType", STORAGE, "");
    if (contentType != null) {
      event.contentType(contentType);
    }
    String time = optionalText(json, "time", STORAGE, "");
    if (time != null) {
      event.time(instant(time, STORAGE, "/time"));
    }
    return event.build();
  }

  static ScheduleEvent schedule(JsonNode json, Instant fallbackTime) {
    if (json == null || json.isNull()) {
      return ScheduleEvent.of(fallbackTime);
    }
    if (!json.isObject()) {
      throw MalformedInput.at(
          SCHEDULE, "", "a JSON object like {\"time\":\"2024-05-01T00:00:00Z\"}");
    }
    rejectUnknown(json, SCHEDULE_FIELDS, SCHEDULE, "");
    String time = optionalText(json, "time", SCHEDULE, "");
    Instant instant = time == null ? fallbackTime : instant(time, SCHEDULE, "/time");
    String name = optionalText(json, "name", SCHEDULE, "");
    return name == null ? ScheduleEvent.of(instant) : ScheduleEvent.of(instant, name);
  }

  static byte[] report(
      BatchResult result,
      String invocationId,
      java.util.function.Function<Throwable, String> detail) {
    ObjectNode json = Json.mapper().createObjectNode();
    json.put("received", result.size());
    ArrayNode failed = json.putArray("failed");
    for (BatchResult.Failure failure : result.failures()) {
      FunctionException.Kind kind =
          failure.error() instanceof FunctionException functionException
              ? functionException.kind()
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
    return base64(text, what, "");
  }

  private static byte[] base64(String text, String what, String pointer) {
    try {
      return Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      // Not the decoder's message: it names the offending character.
      throw MalformedInput.at(what, pointer, "base64 text");
    }
  }

  private static Instant instant(String text, String what, String pointer) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw MalformedInput.at(what, pointer, INSTANT);
    }
  }

  /**
   * Unknown fields are most likely a typo or another format; silently dropping them loses data. The
   * detail lists the fields the format has, not the unknown ones (they are the caller's input).
   */
  private static void rejectUnknown(JsonNode json, Set<String> known, String what, String at) {
    for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
      if (!known.contains(names.next())) {
        throw MalformedInput.at(
            what,
            at,
            "only the fields "
                + String.join(", ", new TreeSet<>(known))
                + " (an unknown field is most likely a typo)");
      }
    }
  }

  private static String requiredText(JsonNode json, String field, String what) {
    String value = optionalText(json, field, what, "");
    if (value == null || value.isEmpty()) {
      throw MalformedInput.at(what, "/" + field, "a non-empty string");
    }
    return value;
  }

  private static String optionalText(JsonNode json, String field, String what, String at) {
    JsonNode value = json.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw MalformedInput.at(what, at + "/" + field, "a string");
    }
    return value.asText();
  }

  static boolean isJsonOrAbsent(String contentType) {
    return contentType.isEmpty() || FunctionRunner.isJson(contentType);
  }
}
