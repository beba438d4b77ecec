package dev.portablefunctions.internal;

import dev.portablefunctions.spi.Json;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
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
    if (contentType.isEmpty()) {
      return StandardCharsets.UTF_8;
    }
    for (String param : contentType.get().split(";")) {
      String trimmed = param.trim();
      if (trimmed.toLowerCase(Locale.ROOT).startsWith("charset=")) {
        String name = trimmed.substring("charset=".length()).replace("\"", "").trim();
        try {
          return Charset.forName(name);
        } catch (IllegalArgumentException unknown) {
          return StandardCharsets.UTF_8;
        }
      }
    }
    return StandardCharsets.UTF_8;
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
