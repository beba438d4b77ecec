package dev.portablefunctions.azure;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.portablefunctions.spi.Json;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads trigger metadata as the Java worker hands it to a {@code @BindingName} parameter of type
 * {@code String}: a metadata entry the host sent as a string arrives as is, an entry it sent as
 * JSON (numbers, dates, dictionaries) arrives as the JSON text, so a date comes with its quotes
 * ({@code "\"2019-10-09T17:58:31+00:00\""}). Every method here accepts both forms and never throws:
 * odd metadata must not fail a message.
 */
final class Metadata {

  private Metadata() {}

  /** Returns the text of a metadata value, unquoting a JSON string; null stays null. */
  static String text(String raw) {
    if (raw == null) {
      return null;
    }
    String trimmed = raw.trim();
    if (trimmed.length() >= 2 && trimmed.startsWith("\"") && trimmed.endsWith("\"")) {
      try {
        return Json.mapper().readValue(trimmed, String.class);
      } catch (JsonProcessingException malformed) {
        return trimmed.substring(1, trimmed.length() - 1);
      }
    }
    return trimmed;
  }

  /**
   * Returns a metadata value as a long, or {@code fallback} if absent, not a whole number ({@code
   * 3.0} is one, {@code 3.5} is not), or too large for a {@code long}: never a rounded or saturated
   * value.
   */
  static long number(String raw, long fallback) {
    String text = text(raw);
    if (text == null || text.isEmpty() || text.length() > 40) {
      return fallback;
    }
    try {
      return new BigDecimal(text).longValueExact();
    } catch (NumberFormatException | ArithmeticException notALong) {
      return fallback;
    }
  }

  /**
   * Returns a metadata time as an instant. Accepts ISO-8601 with an offset or {@code Z}, and the
   * zone-less form .NET writes for a {@code DateTime} of unspecified kind (Service Bus {@code
   * EnqueuedTimeUtc}, Event Hubs {@code EnqueuedTimeUtc}), which is read as UTC.
   *
   * @return the instant, or null if absent or unparsable
   */
  static Instant instant(String raw) {
    String text = text(raw);
    if (text == null || text.isEmpty()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException withoutOffset) {
      try {
        return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException unparsable) {
        return null;
      }
    }
  }

  /**
   * Parses a JSON metadata value (a dictionary or an array); missing node if absent or malformed.
   */
  static JsonNode tree(String raw) {
    if (raw == null || raw.isBlank()) {
      return MissingNode.getInstance();
    }
    try {
      JsonNode node = Json.mapper().readTree(raw);
      return node == null ? MissingNode.getInstance() : node;
    } catch (JsonProcessingException malformed) {
      return MissingNode.getInstance();
    }
  }

  /**
   * Returns a metadata value as JSON, for the record {@code context.unwrap(JsonNode.class)} gives:
   * an entry the host sent as JSON (numbers, dates in quotes, dictionaries) as that JSON, any other
   * text as a JSON string; null stays null. Never throws.
   */
  static JsonNode value(String raw) {
    if (raw == null) {
      return null;
    }
    String trimmed = raw.trim();
    if (!trimmed.isEmpty()) {
      char first = trimmed.charAt(0);
      if (first == '{'
          || first == '['
          || first == '"'
          || first == '-'
          || Character.isDigit(first)
          || trimmed.equals("true")
          || trimmed.equals("false")) {
        try {
          JsonNode node = Json.mapper().readTree(trimmed);
          if (node != null && !node.isMissingNode()) {
            return node;
          }
        } catch (JsonProcessingException notJson) {
          // text, below
        }
      }
    }
    return Json.mapper().getNodeFactory().textNode(raw);
  }

  /**
   * Turns a JSON dictionary (Service Bus application properties, Event Hubs properties) into string
   * attributes: strings as they are, numbers and booleans as their JSON text, objects and arrays as
   * compact JSON; null values are left out.
   */
  static Map<String, String> attributes(JsonNode dictionary) {
    Map<String, String> attributes = new LinkedHashMap<>();
    if (dictionary == null || !dictionary.isObject()) {
      return attributes;
    }
    dictionary
        .properties()
        .forEach(
            field -> {
              JsonNode value = field.getValue();
              if (value == null || value.isNull() || value.isMissingNode()) {
                return;
              }
              attributes.put(
                  field.getKey(), value.isValueNode() ? value.asText() : value.toString());
            });
    return attributes;
  }

  /** Returns a text field of a JSON object, or null when absent, null or not a value. */
  static String field(JsonNode object, String name) {
    JsonNode value = object == null ? null : object.get(name);
    return value == null || value.isNull() || !value.isValueNode() ? null : value.asText();
  }
}
