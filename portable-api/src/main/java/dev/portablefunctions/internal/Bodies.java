package dev.portablefunctions.internal;

import dev.portablefunctions.spi.Json;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/** Body helpers shared by the value types. */
public final class Bodies {

  private Bodies() {}

  /**
   * Returns the charset named by a content type's {@code charset} parameter, or UTF-8.
   *
   * @param contentType the content type, if any
   * @return the charset
   */
  public static Charset charset(Optional<String> contentType) {
    String name = contentType.map(Bodies::charsetParameter).orElse(null);
    if (name == null) {
      return StandardCharsets.UTF_8;
    }
    try {
      return Charset.forName(name);
    } catch (IllegalArgumentException unknown) {
      return StandardCharsets.UTF_8;
    }
  }

  /**
   * Returns the value of a content type's {@code charset} parameter, unquoted, as written: the one
   * reading of that parameter for every adapter.
   *
   * @param contentType a content type, such as {@code text/plain; charset="ISO-8859-1"}
   * @return the charset's name, or null if there is no such parameter
   */
  public static String charsetParameter(String contentType) {
    int start = contentType.indexOf(';');
    while (start >= 0) {
      int end = contentType.indexOf(';', start + 1);
      String parameter =
          contentType.substring(start + 1, end < 0 ? contentType.length() : end).trim();
      if (parameter.regionMatches(true, 0, "charset=", 0, "charset=".length())) {
        return parameter.substring("charset=".length()).replace("\"", "").trim();
      }
      start = end;
    }
    return null;
  }

  /**
   * Binds JSON bytes, turning any failure into a 400 that says what and where.
   *
   * @param body the JSON
   * @param type the target type
   * @param what what the bytes are, for the message ("request body")
   * @param <T> the type
   * @return the value
   */
  public static <T> T bindJson(byte[] body, Class<T> type, String what) {
    return Json.read(body, Json.mapper().constructType(Objects.requireNonNull(type, "type")), what);
  }
}
