package dev.portablefunctions.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** The one decoding of request paths, for the adapters. */
public final class UriPaths {

  private UriPaths() {}

  /**
   * Decodes a raw, percent-encoded path as a provider sends it: {@code %XX} escapes are decoded as
   * UTF-8, {@code +} stays a plus (it means a space only in query strings), and a malformed escape
   * is kept as sent rather than failing the request. Every adapter uses it, so that a function's
   * path is decoded the same way on every cloud.
   *
   * @param rawPath the raw path, such as {@code /files/my%20report.pdf}
   * @return the decoded path, such as {@code /files/my report.pdf}
   */
  public static String decode(String rawPath) {
    Objects.requireNonNull(rawPath, "rawPath");
    if (rawPath.indexOf('%') < 0) {
      return rawPath;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(rawPath.length());
    for (int i = 0; i < rawPath.length(); i++) {
      char c = rawPath.charAt(i);
      if (c == '%'
          && i + 2 < rawPath.length()
          && Character.digit(rawPath.charAt(i + 1), 16) >= 0
          && Character.digit(rawPath.charAt(i + 2), 16) >= 0
          && rawPath.charAt(i + 1) < 128
          && rawPath.charAt(i + 2) < 128) {
        bytes.write(Integer.parseInt(rawPath.substring(i + 1, i + 3), 16));
        i += 2;
      } else {
        int codePoint = rawPath.codePointAt(i);
        byte[] encoded = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8);
        bytes.write(encoded, 0, encoded.length);
        i += Character.charCount(codePoint) - 1;
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  /**
   * Tells whether a decoded path has a {@code .} or {@code ..} segment ({@code /a/../b}, {@code
   * /./a}, {@code /a/..}), which {@code FunctionRunner} refuses on every cloud and server rather
   * than hand a function a path that climbs out of where it was routed.
   *
   * @param path a decoded path
   * @return whether a segment is {@code .} or {@code ..}
   */
  public static boolean hasDotSegment(String path) {
    int start = 0;
    int length = path.length();
    while (start < length) {
      int end = path.indexOf('/', start + 1);
      if (end < 0) {
        end = length;
      }
      int segment = end - start - 1; // without its leading slash
      if ((segment == 1 && path.charAt(start + 1) == '.')
          || (segment == 2 && path.charAt(start + 1) == '.' && path.charAt(start + 2) == '.')) {
        return true;
      }
      start = end;
    }
    return false;
  }
}
