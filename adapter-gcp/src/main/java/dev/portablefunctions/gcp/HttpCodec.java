package dev.portablefunctions.gcp;

import dev.portablefunctions.Headers;
import dev.portablefunctions.HttpRequest;
import dev.portablefunctions.HttpResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Decodes the Functions Framework's HTTP request into a portable {@link HttpRequest}, and encodes a
 * portable {@link HttpResponse} into the framework's response.
 *
 * <p>The framework's request has two traps, both avoided here: {@code getQueryParameters()} is the
 * servlet's parameter map, which also parses (and consumes) an {@code
 * application/x-www-form-urlencoded} body and fails on a malformed escape, so the query is parsed
 * from the raw {@code getQuery()}; and {@code getPath()} is the raw request path, percent-encoded,
 * so it is decoded here (as UTF-8; {@code +} stays a plus sign in a path).
 */
final class HttpCodec {

  private HttpCodec() {}

  /** Reads the framework's headers, keeping every value in order. */
  static Headers headers(com.google.cloud.functions.HttpRequest request) {
    Headers.Builder headers = Headers.builder();
    for (Map.Entry<String, List<String>> header : request.getHeaders().entrySet()) {
      for (String value : header.getValue()) {
        headers.add(header.getKey(), value);
      }
    }
    return headers.build();
  }

  /**
   * Decodes a request whose headers were already read.
   *
   * @throws IOException if the body cannot be read (the client went away)
   */
  static HttpRequest decode(com.google.cloud.functions.HttpRequest request, Headers headers)
      throws IOException {
    HttpRequest.Builder portable =
        HttpRequest.builder(request.getMethod(), decodePath(request.getPath()))
            .rawQuery(request.getQuery().orElse(""))
            .headers(headers);
    try (InputStream body = request.getInputStream()) {
      portable.body(body.readAllBytes());
    }
    return portable.build();
  }

  /**
   * Percent-decodes a raw path as UTF-8. A malformed escape is kept as sent (Jetty already answers
   * a path with one 400, so this is defensive).
   */
  static String decodePath(String rawPath) {
    String path = rawPath == null || rawPath.isEmpty() ? "/" : rawPath;
    if (!path.startsWith("/")) {
      path = "/" + path;
    }
    if (path.indexOf('%') < 0) {
      return path;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(path.length());
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c == '%' && hex(path, i + 1) >= 0) {
        bytes.write(hex(path, i + 1));
        i += 2;
      } else if (c < 0x80) {
        bytes.write(c);
      } else {
        byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        bytes.write(encoded, 0, encoded.length);
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  /** The byte that two hex digits at {@code index} spell, or -1. */
  private static int hex(String text, int index) {
    if (index + 1 >= text.length()) {
      return -1;
    }
    int high = Character.digit(text.charAt(index), 16);
    int low = Character.digit(text.charAt(index + 1), 16);
    return high < 0 || low < 0 ? -1 : high * 16 + low;
  }

  /**
   * Writes a portable response: status, every header value, and the body (with its {@code
   * Content-Length} unless the function set one; none for 204 and 304).
   */
  static void encode(HttpResponse response, com.google.cloud.functions.HttpResponse out)
      throws IOException {
    int status = response.statusCode();
    out.setStatusCode(status);
    for (Map.Entry<String, List<String>> header : response.headers().asMap().entrySet()) {
      String name = header.getKey();
      for (String value : header.getValue()) {
        if (name.equals("content-type")) {
          out.setContentType(value);
        } else {
          out.appendHeader(name, value);
        }
      }
    }
    byte[] body = response.body();
    if (status == 204 || status == 304 || body.length == 0) {
      return;
    }
    if (!response.headers().contains("content-length")) {
      out.appendHeader("content-length", Integer.toString(body.length));
    }
    try (OutputStream stream = out.getOutputStream()) {
      stream.write(body);
    }
  }
}
