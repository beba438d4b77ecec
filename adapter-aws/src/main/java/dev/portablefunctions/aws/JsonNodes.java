package dev.portablefunctions.aws;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portablefunctions.FunctionException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;

/** Null-tolerant reads from the Jackson tree of an AWS event. */
final class JsonNodes {

  private JsonNodes() {}

  /** The text of a field, or null when it is absent, JSON {@code null} or not a scalar. */
  static String text(JsonNode node, String field) {
    if (node == null) {
      return null;
    }
    JsonNode value = node.get(field);
    return value == null || !value.isValueNode() || value.isNull() ? null : value.asText();
  }

  /** A child object, or null when it is absent or not an object. */
  static JsonNode object(JsonNode node, String field) {
    if (node == null) {
      return null;
    }
    JsonNode value = node.get(field);
    return value != null && value.isObject() ? value : null;
  }

  /** A child array, or null when it is absent or not an array. */
  static JsonNode array(JsonNode node, String field) {
    if (node == null) {
      return null;
    }
    JsonNode value = node.get(field);
    return value != null && value.isArray() ? value : null;
  }

  /** The text of a required field. */
  static String required(JsonNode node, String field, String where) {
    String value = text(node, field);
    if (value == null || value.isEmpty()) {
      throw FunctionException.badInput(where + " has no " + field + ".");
    }
    return value;
  }

  /** Decodes base64 (standard alphabet), as AWS sends bodies and record data. */
  static byte[] base64(String text, String what) {
    try {
      return Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException malformed) {
      throw FunctionException.badInput("The " + what + " is not valid base64.");
    }
  }

  /** An ISO-8601 instant, or null when absent or malformed (a timestamp never fails an event). */
  static Instant instant(String text) {
    if (text == null) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException malformed) {
      return null;
    }
  }

  /** Epoch seconds with an optional fraction (Kinesis, DynamoDB), or null. */
  static Instant epochSeconds(JsonNode value) {
    if (value == null || !value.isNumber()) {
      return null;
    }
    long millis = Math.round(value.asDouble() * 1000);
    return Instant.ofEpochMilli(millis);
  }

  /** Epoch milliseconds given as text (SQS attributes), or null. */
  static Instant epochMillis(String text) {
    if (text == null) {
      return null;
    }
    try {
      return Instant.ofEpochMilli(Long.parseLong(text));
    } catch (NumberFormatException malformed) {
      return null;
    }
  }
}
