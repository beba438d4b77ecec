package dev.portablefunctions.test.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/** Small helpers the event builders share: JSON edits, query strings, ids and digests. */
public final class Edits {

  private Edits() {}

  /** The node factory for new values. */
  public static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /**
   * The object at {@code name} in {@code parent}, created (or replacing a non-object) if needed.
   *
   * @param parent the parent
   * @param name the field
   * @return the object
   */
  public static ObjectNode object(ObjectNode parent, String name) {
    return parent.get(name) instanceof ObjectNode child ? child : parent.putObject(name);
  }

  /**
   * A field's text, or null when absent, null or not a value.
   *
   * @param node the object, or null
   * @param name the field
   * @return the text, or null
   */
  public static String text(JsonNode node, String name) {
    if (node == null) {
      return null;
    }
    JsonNode value = node.get(name);
    return value == null || value.isNull() || value.isContainerNode() ? null : value.asText();
  }

  /**
   * Removes every field whose name equals {@code name} ignoring case.
   *
   * @param object the object
   * @param name the name
   */
  public static void removeIgnoringCase(ObjectNode object, String name) {
    for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
      if (names.next().equalsIgnoreCase(name)) {
        names.remove();
      }
    }
  }

  /**
   * Splits a request target into its raw path and raw query.
   *
   * @param target such as {@code /a/b?x=1}
   * @return the path and the query (null when there is none)
   * @throws IllegalArgumentException if the path does not start with {@code /}
   */
  public static String[] target(String target) {
    Objects.requireNonNull(target, "pathAndQuery");
    if (!target.startsWith("/")) {
      throw new IllegalArgumentException(
          "pathAndQuery must start with '/', such as /orders?status=open: " + target);
    }
    int question = target.indexOf('?');
    return question < 0
        ? new String[] {target, null}
        : new String[] {target.substring(0, question), target.substring(question + 1)};
  }

  /**
   * Parses a raw query into names and values, in order.
   *
   * @param rawQuery the query, or null
   * @param decode whether to percent-decode names and values (form encoding)
   * @return each name with its values
   */
  public static Map<String, List<String>> query(String rawQuery, boolean decode) {
    Map<String, List<String>> parameters = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return parameters;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String name = equals < 0 ? pair : pair.substring(0, equals);
      String value = equals < 0 ? "" : pair.substring(equals + 1);
      parameters
          .computeIfAbsent(decode ? decode(name) : name, k -> new ArrayList<>())
          .add(decode ? decode(value) : value);
    }
    return parameters;
  }

  /**
   * Form-decodes text; a stray {@code %} is kept.
   *
   * @param text the text
   * @return the decoded text
   */
  public static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException malformed) {
      return text;
    }
  }

  /**
   * Form-encodes text ({@code +} for a space).
   *
   * @param text the text
   * @return the encoded text
   */
  public static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  /**
   * Percent-encodes a query component for a URL ({@code %20} for a space).
   *
   * @param text the text
   * @return the encoded text
   */
  public static String encodeComponent(String text) {
    return encode(text).replace("+", "%20");
  }

  /**
   * Percent-encodes a decoded path for a URL, keeping its slashes.
   *
   * @param path the decoded path
   * @return the encoded path
   */
  public static String encodePath(String path) {
    StringBuilder encoded = new StringBuilder(path.length() + 8);
    for (String segment : path.split("/", -1)) {
      if (encoded.length() > 0 || path.startsWith("/")) {
        encoded.append('/');
      }
      encoded.append(encodeComponent(segment).replace("%7E", "~"));
    }
    String result = encoded.toString();
    return result.startsWith("//") ? result.substring(1) : result;
  }

  /**
   * Builds a raw query from names and values.
   *
   * @param parameters each name with its values, decoded
   * @return the query, without {@code ?}; empty when there are none
   */
  public static String rawQuery(Map<String, List<String>> parameters) {
    StringBuilder query = new StringBuilder();
    parameters.forEach(
        (name, values) -> {
          for (String value : values) {
            if (query.length() > 0) {
              query.append('&');
            }
            query.append(encodeComponent(name)).append('=').append(encodeComponent(value));
          }
        });
    return query.toString();
  }

  /**
   * An object node mapping each name to its last value.
   *
   * @param parameters the parameters
   * @return the node
   */
  public static ObjectNode lastValues(Map<String, List<String>> parameters) {
    ObjectNode node = NODES.objectNode();
    parameters.forEach((name, values) -> node.put(name, values.get(values.size() - 1)));
    return node;
  }

  /**
   * An object node mapping each name to the array of its values.
   *
   * @param parameters the parameters
   * @return the node
   */
  public static ObjectNode allValues(Map<String, List<String>> parameters) {
    ObjectNode node = NODES.objectNode();
    parameters.forEach(
        (name, values) -> {
          ArrayNode array = node.putArray(name);
          values.forEach(array::add);
        });
    return node;
  }

  /**
   * A stable id derived from a recorded one, in the same UUID shape, for a copied record.
   *
   * @param recorded the recorded id
   * @param index the copy's position
   * @return the id
   */
  public static String derivedUuid(String recorded, int index) {
    return UUID.nameUUIDFromBytes((recorded + "#" + index).getBytes(StandardCharsets.UTF_8))
        .toString();
  }

  /**
   * The MD5 digest of text's UTF-8 bytes, in lower-case hex (SQS's {@code md5OfBody}).
   *
   * @param text the text
   * @return the digest
   */
  public static String md5(String text) {
    try {
      MessageDigest md5 = MessageDigest.getInstance("MD5");
      return HexFormat.of().formatHex(md5.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has MD5", e);
    }
  }

  /**
   * Lower-cases a header name.
   *
   * @param name the name
   * @return the lower-case name
   */
  public static String lower(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  /**
   * Checks a header for what HTTP does not allow in it.
   *
   * @param name the name
   * @param value the value
   */
  public static void checkHeader(String name, String value) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    if (name.isEmpty()) {
      throw new IllegalArgumentException("A header name must not be empty");
    }
  }
}
