package dev.portablefunctions.spi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.portablefunctions.FunctionException;
import dev.portablefunctions.internal.LazyJavaTimeModule;
import java.io.IOException;
import java.util.stream.Collectors;

/**
 * The one {@link ObjectMapper} the library uses to bind functions' JSON, shared so that it is built
 * once per process.
 *
 * <p>Configuration: {@code java.time} types as ISO-8601 strings, unknown properties ignored (a
 * provider or client adding a field must not break a function), anything after the first JSON value
 * rejected ({@code {"a":1}xx} is malformed), records supported. Do not
 * reconfigure the returned mapper; copy it if you need other settings.
 */
public final class Json {

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .addModule(new LazyJavaTimeModule())
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
          .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
          .build();

  private Json() {}

  /**
   * Returns the shared mapper.
   *
   * @return the mapper
   */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /**
   * Writes a value as JSON.
   *
   * @param value the value; null writes {@code null}
   * @return UTF-8 JSON
   * @throws IllegalArgumentException if the value cannot be written
   */
  public static byte[] write(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "Cannot write " + value.getClass().getName() + " as JSON: " + e.getOriginalMessage(), e);
    }
  }

  /**
   * Reads JSON into a type, turning every failure into a {@link FunctionException.Kind#BAD_INPUT}
   * whose detail says what was wrong and where, without echoing the input.
   *
   * @param json the JSON
   * @param type the type
   * @param what what the bytes are, such as {@code "request body"}
   * @param <T> the type
   * @return the value; null only for the JSON {@code null}
   * @throws FunctionException if the JSON is empty, malformed or does not fit the type
   */
  public static <T> T read(byte[] json, JavaType type, String what) {
    if (json.length == 0) {
      throw FunctionException.badInput(
          "The " + what + " is empty; expected JSON for " + simpleName(type) + ".");
    }
    try {
      return MAPPER.readValue(json, type);
    } catch (IOException e) {
      throw FunctionException.of(FunctionException.Kind.BAD_INPUT, describe(e, what, type), e);
    }
  }

  /**
   * Describes a Jackson failure for a caller: what, where (line, column and property path), never
   * the input.
   *
   * @param e the failure
   * @param what what was being read
   * @param type the target type
   * @return the description
   */
  public static String describe(IOException e, String what, JavaType type) {
    StringBuilder detail = new StringBuilder();
    if (e instanceof JsonMappingException && !((JsonMappingException) e).getPath().isEmpty()) {
      JsonMappingException mapping = (JsonMappingException) e;
      String path =
          mapping.getPath().stream()
              .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
              .collect(Collectors.joining("."))
              .replace(".[", "[");
      detail
          .append("The ")
          .append(what)
          .append(" does not fit ")
          .append(simpleName(type))
          .append(" at '")
          .append(path)
          .append("'");
    } else if (e instanceof JsonProcessingException
        && !(e instanceof JsonMappingException)) {
      detail.append("The ").append(what).append(" is not valid JSON");
    } else {
      detail.append("The ").append(what).append(" does not fit ").append(simpleName(type));
    }
    if (e instanceof JsonProcessingException) {
      JsonProcessingException processing = (JsonProcessingException) e;
      JsonLocation location = processing.getLocation();
      if (location != null && location.getLineNr() > 0) {
        detail
            .append(" (line ")
            .append(location.getLineNr())
            .append(", column ")
            .append(location.getColumnNr())
            .append(")");
      }
    }
    // Not Jackson's own message: it quotes the offending input (tokens, strings, numbers).
    Class<?> expected =
        e instanceof MismatchedInputException ? ((MismatchedInputException) e).getTargetType() : null;
    if (expected != null) {
      detail.append(": expected ").append(expected.getSimpleName());
    } else if (e instanceof JsonEOFException) {
      detail.append(": unexpected end of input");
    }
    return detail.toString();
  }

  private static String simpleName(JavaType type) {
    return type.getRawClass().getSimpleName();
  }
}
