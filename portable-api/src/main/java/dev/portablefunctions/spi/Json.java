package dev.portablefunctions.spi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.portablefunctions.FunctionException;
import dev.portablefunctions.internal.LazyJavaTimeModule;
import java.io.IOException;

/**
 * The one {@link ObjectMapper} the library uses to bind functions' JSON, shared so that it is built
 * once per process.
 *
 * <p>Configuration: {@code java.time} types as ISO-8601 strings, unknown properties ignored (a
 * provider or client adding a field must not break a function), anything after the first JSON value
 * rejected ({@code {"a":1}xx} is malformed), records supported. Do not reconfigure the returned
 * mapper; copy it if you need other settings.
 */
public final class Json {

  private static final ObjectMapper MAPPER = configured().build();

  private Json() {}

  /**
   * Returns a builder with the shared mapper's configuration, for a mapper of one's own (the public
   * {@code dev.portablefunctions.Jackson.newObjectMapper()} builds one for functions).
   *
   * @return a new builder
   */
  public static JsonMapper.Builder configured() {
    return JsonMapper.builder()
        .addModule(new LazyJavaTimeModule())
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
        .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
  }

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
   * whose detail says what was wrong and where, without echoing the input ({@link MalformedInput}).
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
      throw MalformedInput.of(what, e);
    }
  }

  /**
   * Describes a Jackson failure for a caller: what, where (JSON pointer, line and column), never
   * the input. The same as {@link MalformedInput#describe}, which new code calls directly.
   *
   * @param e the failure
   * @param what what was being read
   * @param type the target type (the failure names it where it matters)
   * @return the description
   */
  public static String describe(IOException e, String what, JavaType type) {
    return MalformedInput.describe(what, e);
  }

  private static String simpleName(JavaType type) {
    return type.getRawClass().getSimpleName();
  }
}
