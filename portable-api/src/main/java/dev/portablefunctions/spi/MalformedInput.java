package dev.portablefunctions.spi;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.PropertyBindingException;
import dev.portablefunctions.FunctionException;
import dev.portablefunctions.Headers;
import dev.portablefunctions.HttpRequest;
import io.cloudevents.CloudEvent;
import io.cloudevents.rw.CloudEventRWException;
import io.cloudevents.rw.CloudEventRWException.CloudEventRWExceptionKind;
import java.math.BigInteger;
import java.time.temporal.Temporal;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * The one rule every adapter and the local server apply to input they cannot decode: the caller
 * gets a {@link FunctionException.Kind#BAD_INPUT} (400) whose detail says <em>where</em> the input
 * broke (a JSON pointer such as {@code /items/0/qty}, and the line and column) and <em>what</em>
 * was expected, and never a byte of the input itself.
 *
 * <p>Jackson's own messages quote the input ({@code Unrecognized token 'sk_live_...'}, up to 256
 * characters), and so do the CloudEvents SDK's and {@code Base64}'s. Nothing here ever reads such a
 * message into a detail: the kind of failure is recognised from the exception's type and location
 * and described in a fixed vocabulary. The exception returned carries no cause either, so the
 * {@code WARN} line the shared pipeline logs for a bad input ({@link FunctionRunner#logFailure})
 * quotes nothing. In a JSON pointer, a member name is shown only when it is a property the target
 * type declares; a key of a map (or of an unknown property) is input, and is shown as {@code *}.
 *
 * <pre>{@code
 * try {
 *   JsonNode event = Json.mapper().readTree(body);
 * } catch (JsonProcessingException e) {
 *   throw MalformedInput.of("S3 event", e);
 *   // The S3 event is not valid JSON (line 1, column 12): expected a JSON value (...).
 * }
 * long size = MalformedInput.nonNegativeLong(object.get("size"), "S3 event", "/Records/0/s3/object/size")
 *     .orElse(-1);
 * // 99999999999999999999: The S3 event is invalid at /Records/0/s3/object/size: expected a whole
 * // number from 0 to 9223372036854775807.
 * MalformedInput.addHeader(headers, name, value); // a CR, LF or NUL: a 400, not an IllegalArgumentException
 * }</pre>
 *
 * <p>{@code what} is always a fixed phrase naming the input, such as {@code "request body"} or
 * {@code "Pub/Sub message"}, never a value taken from the input. Stateless and thread-safe.
 */
public final class MalformedInput {

  /** The detail for a header that {@link Headers} refuses. */
  static final String HEADER_DETAIL =
      "The request has a header that HTTP does not allow: a CR, LF or NUL character in its name or"
          + " value, or an empty name or one with ':'.";

  private static final String ANY_VALUE =
      "a JSON value (a string, number, object, array, true, false or null)";

  /** Jackson's fixed phrases (never the quoted input around them), and what to say instead. */
  private static final List<String[]> SYNTAX =
      List.of(
          new String[] {"Trailing token", "nothing after the first JSON value"},
          new String[] {"No content to map", ANY_VALUE + "; the input is empty"},
          new String[] {"end-of-input", "more input; it ends before the JSON value is complete"},
          new String[] {"double-quote to start field name", "a field name in double quotes"},
          new String[] {"comma to separate Object entries", "',' or '}' after an object member"},
          new String[] {"comma to separate Array entries", "',' or ']' after an array element"},
          new String[] {"colon to separate field name and value", "':' after a field name"},
          new String[] {"close marker", "a closing bracket that matches the opening one"},
          new String[] {
            "Illegal unquoted character", "control characters in strings escaped with a backslash"
          },
          new String[] {
            "character escape",
            "a valid escape (\\\", \\\\, \\/, \\b, \\f, \\n, \\r, \\t or \\uXXXX)"
          },
          new String[] {"Invalid UTF-8", "UTF-8 text"},
          new String[] {"Invalid UTF-32", "UTF-8 text"},
          new String[] {"numeric value", "a valid JSON number"},
          new String[] {"Unrecognized token", ANY_VALUE},
          new String[] {"Unexpected character", ANY_VALUE});

  private MalformedInput() {}

  /**
   * Returns the {@link FunctionException.Kind#BAD_INPUT} failure for input that could not be
   * decoded: a Jackson {@link JsonProcessingException} (syntax, binding, numbers out of range), a
   * CloudEvents {@link CloudEventRWException}, or any other decoding failure. Its detail is {@link
   * #describe}'s; it has no cause, so that logging it quotes nothing.
   *
   * @param what a fixed phrase naming the input, such as {@code "request body"}
   * @param failure what the decoder threw
   * @return the failure to throw
   */
  public static FunctionException of(String what, Throwable failure) {
    return FunctionException.badInput(describe(what, failure));
  }

  /**
   * Describes a decoding failure for a caller: what failed to decode, where (JSON pointer, line and
   * column), and what was expected; never the input, and never the exception's message.
   *
   * <ul>
   *   <li>{@code The request body is not valid JSON (line 1, column 11): expected a JSON value
   *       (…).}
   *   <li>{@code The request body does not fit Order at /items/0/qty (line 1, column 18): expected
   *       a whole number that fits in int.}
   *   <li>{@code The CloudEvent is not a valid CloudEvent: expected specversion 1.0 or 0.3.}
   *   <li>{@code The request body is malformed.} (a failure of no known kind)
   * </ul>
   *
   * @param what a fixed phrase naming the input, such as {@code "request body"}
   * @param failure what the decoder threw
   * @return the detail, one sentence
   */
  public static String describe(String what, Throwable failure) {
    Objects.requireNonNull(what, "what");
    Objects.requireNonNull(failure, "failure");
    StringBuilder detail = new StringBuilder("The ").append(what);
    JsonProcessingException jackson = find(failure, JsonProcessingException.class);
    if (jackson != null) {
      return describeJackson(detail, jackson);
    }
    CloudEventRWException cloudEvent = find(failure, CloudEventRWException.class);
    if (cloudEvent != null) {
      return detail
          .append(" is not a valid CloudEvent: expected ")
          .append(expected(cloudEvent.getKind()))
          .append('.')
          .toString();
    }
    if (find(failure, java.io.IOException.class) != null) {
      return detail.append(" cannot be read.").toString();
    }
    return detail.append(" is malformed.").toString();
  }

  /**
   * Returns the {@link FunctionException.Kind#BAD_INPUT} failure for a value that decoded as JSON
   * but is not what the format says, found by the adapter's own checks: {@code The Pub/Sub message
   * is invalid at /message/data: expected base64.}
   *
   * @param what a fixed phrase naming the input
   * @param pointer the JSON pointer of the value, made of names the format declares (never a key
   *     taken from the input); empty for the whole input
   * @param expected what the format expects there, a fixed phrase
   * @return the failure to throw
   */
  public static FunctionException at(String what, String pointer, String expected) {
    Objects.requireNonNull(what, "what");
    Objects.requireNonNull(pointer, "pointer");
    Objects.requireNonNull(expected, "expected");
    return FunctionException.badInput(
        "The "
            + what
            + " is invalid"
            + (pointer.isEmpty() ? "" : " at " + pointer)
            + ": expected "
            + expected
            + ".");
  }

  /**
   * Reads a count (a size in bytes, an attempt number): a JSON integer, or a string of decimal
   * digits (proto3 JSON writes 64-bit integers as strings), from 0 to {@link Long#MAX_VALUE}.
   * Anything else, including a number too large for a {@code long}, is a 400 ({@link #at}), never a
   * value that silently wrapped or was rounded.
   *
   * @param value the value; null, missing or JSON null mean absent
   * @param what a fixed phrase naming the input
   * @param pointer the JSON pointer of the value
   * @return the number, or empty when absent
   * @throws FunctionException of kind {@link FunctionException.Kind#BAD_INPUT} if present and not
   *     such a number
   */
  public static OptionalLong nonNegativeLong(JsonNode value, String what, String pointer) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return OptionalLong.empty();
    }
    if (value.isIntegralNumber()) {
      BigInteger number = value.bigIntegerValue();
      if (number.signum() >= 0 && number.bitLength() < 64) {
        return OptionalLong.of(number.longValue());
      }
    } else if (value.isTextual()) {
      return OptionalLong.of(nonNegativeLong(value.textValue(), what, pointer));
    }
    throw at(what, pointer, WHOLE_NUMBER);
  }

  /**
   * Reads a count written as decimal digits (surrounding blanks allowed), from 0 to {@link
   * Long#MAX_VALUE}; see {@link #nonNegativeLong(JsonNode, String, String)}.
   *
   * @param digits the text
   * @param what a fixed phrase naming the input
   * @param pointer the JSON pointer of the value
   * @return the number
   * @throws FunctionException of kind {@link FunctionException.Kind#BAD_INPUT} if it is not such a
   *     number
   */
  public static long nonNegativeLong(String digits, String what, String pointer) {
    Objects.requireNonNull(digits, "digits");
    String text = digits.trim();
    boolean allDigits = !text.isEmpty() && text.length() <= 19;
    for (int i = 0; allDigits && i < text.length(); i++) {
      char c = text.charAt(i);
      allDigits = c >= '0' && c <= '9';
    }
    if (allDigits) {
      try {
        return Long.parseLong(text);
      } catch (NumberFormatException tooLarge) {
        // 19 digits above Long.MAX_VALUE: reported below
      }
    }
    throw at(what, pointer, WHOLE_NUMBER);
  }

  private static final String WHOLE_NUMBER = "a whole number from 0 to " + Long.MAX_VALUE;

  /**
   * Adds a header that a provider delivered, as {@link Headers.Builder#add} does, except that a
   * name or value {@link Headers} refuses (a CR, LF or NUL; an empty name or one with {@code ':'})
   * is the caller's bad request, a 400 that names neither the header nor its value, rather than an
   * {@link IllegalArgumentException} (a 500). A null name or value means the header is absent and
   * is skipped.
   *
   * <p>Every adapter rejects such a request (none drops the header silently), so a request either
   * reaches the function with every header it carried, or not at all.
   *
   * @param headers the headers being built
   * @param name the name as the provider delivered it
   * @param value the value as the provider delivered it
   * @throws FunctionException of kind {@link FunctionException.Kind#BAD_INPUT} if {@link Headers}
   *     refuses the name or value
   */
  public static void addHeader(Headers.Builder headers, String name, String value) {
    Objects.requireNonNull(headers, "headers");
    if (name == null || value == null) {
      return;
    }
    try {
      headers.add(name, value);
    } catch (IllegalArgumentException refused) {
      throw FunctionException.badInput(HEADER_DETAIL);
    }
  }

  /**
   * Adds a header that a provider delivered straight to a request being built, with the same checks
   * and the same 400 as {@link #addHeader(Headers.Builder, String, String)}, for an adapter that
   * needs no {@link Headers} of its own.
   *
   * @param request the request being built
   * @param name the name as the provider delivered it
   * @param value the value as the provider delivered it
   * @throws FunctionException of kind {@link FunctionException.Kind#BAD_INPUT} if {@link Headers}
   *     refuses the name or value
   */
  public static void addHeader(HttpRequest.Builder request, String name, String value) {
    Objects.requireNonNull(request, "request");
    if (name == null || value == null) {
      return;
    }
    try {
      request.header(name, value);
    } catch (IllegalArgumentException refused) {
      throw FunctionException.badInput(HEADER_DETAIL);
    }
  }

  private static String describeJackson(StringBuilder detail, JsonProcessingException e) {
    // A syntax error found while binding arrives wrapped in a JsonMappingException with the path;
    // the root cause says what kind of failure it is.
    StreamReadException syntax = find(e, StreamReadException.class);
    JsonMappingException mapping = e instanceof JsonMappingException binding ? binding : null;
    String pointer = mapping == null ? "" : pointer(mapping);
    String expected;
    if (syntax instanceof InputCoercionException coercion) {
      Class<?> target = coercion.getTargetType();
      detail.append(doesNotFit(mapping));
      expected = "a number that fits in " + (target == null ? "its type" : name(target));
    } else if (find(e, StreamConstraintsException.class) != null) {
      detail.append(" is too large or too deeply nested");
      expected = "JSON within the reader's limits on nesting depth and on number and string length";
    } else if (syntax != null || isSyntax(e)) {
      detail.append(" is not valid JSON");
      expected = syntaxExpected(syntax != null ? syntax : e);
    } else {
      detail.append(doesNotFit(mapping));
      Class<?> target =
          e instanceof MismatchedInputException
              ? ((MismatchedInputException) e).getTargetType()
              : null;
      expected = target == null ? null : kindOf(target);
    }
    if (!pointer.isEmpty()) {
      detail.append(" at ").append(pointer);
    }
    JsonLocation location = e.getLocation();
    if (location == null && syntax != null) {
      location = syntax.getLocation();
    }
    if (location != null && location.getLineNr() > 0) {
      detail.append(" (line ").append(location.getLineNr());
      if (location.getColumnNr() > 0) {
        detail.append(", column ").append(location.getColumnNr());
      }
      detail.append(')');
    }
    if (expected != null) {
      detail.append(": expected ").append(expected);
    }
    return detail.append('.').toString();
  }

  /** Syntax failures Jackson reports as mapping ones: trailing tokens, empty input. */
  private static boolean isSyntax(JsonProcessingException e) {
    String message = e.getOriginalMessage();
    return e instanceof MismatchedInputException
        && message != null
        && (message.startsWith("Trailing token") || message.startsWith("No content to map"));
  }

  private static String syntaxExpected(JsonProcessingException e) {
    if (e instanceof JsonEOFException) {
      return "more input; it ends before the JSON value is complete";
    }
    // Only Jackson's fixed phrases are looked for, and only the replacement text is used: whatever
    // the quoted input around them says, the detail is one of these fixed strings.
    String message = e.getOriginalMessage();
    if (message != null) {
      for (String[] phrase : SYNTAX) {
        if (message.contains(phrase[0])) {
          return phrase[1];
        }
      }
    }
    return "valid JSON";
  }

  /**
   * The JSON pointer of a binding failure. Member names are shown where the type declares them; a
   * map key, a name an any-setter took, or an unknown property's name is input, shown as {@code *}.
   */
  static String pointer(JsonMappingException e) {
    List<JsonMappingException.Reference> path = e.getPath();
    StringBuilder pointer = new StringBuilder();
    for (int i = 0; i < path.size(); i++) {
      JsonMappingException.Reference reference = path.get(i);
      pointer.append('/');
      String field = reference.getFieldName();
      if (field == null) {
        if (reference.getIndex() >= 0) {
          pointer.append(reference.getIndex());
        } else {
          pointer.append('*');
        }
      } else if (declared(reference)
          && !(i == path.size() - 1 && e instanceof PropertyBindingException)) {
        pointer.append(field.replace("~", "~0").replace("/", "~1"));
      } else {
        pointer.append('*');
      }
    }
    return pointer.toString();
  }

  /** Whether a reference's name is a property of a type (rather than a key of a map or tree). */
  private static boolean declared(JsonMappingException.Reference reference) {
    Object from = reference.getFrom();
    if (from == null) {
      return false;
    }
    Class<?> type = from instanceof Class<?> c ? c : from.getClass();
    return !Map.class.isAssignableFrom(type)
        && !Collection.class.isAssignableFrom(type)
        && !JsonNode.class.isAssignableFrom(type);
  }

  /** " does not fit Order", naming the target type where it is a type of the function's own. */
  private static String doesNotFit(JsonMappingException mapping) {
    if (mapping == null) {
      return " is invalid";
    }
    Class<?> type = null;
    if (!mapping.getPath().isEmpty()) {
      Object from = mapping.getPath().get(0).getFrom();
      type = from instanceof Class<?> c ? c : from == null ? null : from.getClass();
    } else if (mapping instanceof MismatchedInputException mismatched) {
      type = mismatched.getTargetType();
    }
    if (type == null
        || Map.class.isAssignableFrom(type)
        || Collection.class.isAssignableFrom(type)
        || JsonNode.class.isAssignableFrom(type)) {
      return " is invalid";
    }
    if (CloudEvent.class.isAssignableFrom(type)) {
      return " is not a valid CloudEvent";
    }
    return " does not fit " + name(type);
  }

  /** What JSON a Java type takes, for "expected …". */
  private static String kindOf(Class<?> type) {
    if (type == String.class || type == Character.class || type == char.class) {
      return "a string";
    }
    if (type == boolean.class || type == Boolean.class) {
      return "true or false";
    }
    if (type == int.class
        || type == Integer.class
        || type == long.class
        || type == Long.class
        || type == short.class
        || type == Short.class
        || type == byte.class
        || type == Byte.class
        || type == BigInteger.class) {
      return "a whole number that fits in " + name(type);
    }
    if (type.isPrimitive() || Number.class.isAssignableFrom(type)) {
      return "a number";
    }
    if (type.isArray() || Collection.class.isAssignableFrom(type)) {
      return "an array";
    }
    if (Map.class.isAssignableFrom(type)) {
      return "an object";
    }
    if (type.isEnum()) {
      return "one of the constants of " + name(type);
    }
    if (CloudEvent.class.isAssignableFrom(type)) {
      return "the required attributes id, source, specversion and type, each of its type";
    }
    if (Temporal.class.isAssignableFrom(type)) {
      return "an ISO-8601 string for " + name(type);
    }
    return "an object for " + name(type);
  }

  private static String name(Class<?> type) {
    return type.getSimpleName().isEmpty() ? type.getName() : type.getSimpleName();
  }

  private static String expected(CloudEventRWExceptionKind kind) {
    if (kind == CloudEventRWExceptionKind.INVALID_SPEC_VERSION) {
      return "specversion 1.0 or 0.3";
    }
    if (kind == CloudEventRWExceptionKind.INVALID_ATTRIBUTE_NAME
        || kind == CloudEventRWExceptionKind.INVALID_EXTENSION_NAME) {
      return "attribute and extension names of lower-case letters and digits";
    }
    if (kind == CloudEventRWExceptionKind.INVALID_ATTRIBUTE_TYPE
        || kind == CloudEventRWExceptionKind.INVALID_ATTRIBUTE_VALUE) {
      return "attribute values of their specified types (id, source, type, time, …)";
    }
    if (kind == CloudEventRWExceptionKind.INVALID_DATA_TYPE
        || kind == CloudEventRWExceptionKind.DATA_CONVERSION) {
      return "data that matches its datacontenttype";
    }
    if (kind == CloudEventRWExceptionKind.UNKNOWN_ENCODING) {
      return "binary mode (ce-* headers) or structured mode (application/cloudevents+json)";
    }
    return "the required attributes id, source, specversion and type";
  }

  private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
    int depth = 0;
    for (Throwable cause = failure;
        cause != null && depth < 16;
        cause = cause.getCause(), depth++) {
      if (type.isInstance(cause)) {
        return type.cast(cause);
      }
    }
    return null;
  }
}
