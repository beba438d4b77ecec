package dev.portablefunctions.gcp;

import dev.portablefunctions.FunctionException;
import dev.portablefunctions.Headers;
import dev.portablefunctions.HttpRequest;
import dev.portablefunctions.HttpResponse;
import dev.portablefunctions.internal.SharedBodies;
import dev.portablefunctions.internal.UriPaths;
import dev.portablefunctions.spi.MalformedInput;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;

/**
 * Decodes the Functions Framework's HTTP request into a portable {@link HttpRequest}, and encodes a
 * portable {@link HttpResponse} into the framework's response.
 *
 * <p>The framework's request has two traps, both avoided here: {@code getQueryParameters()} is the
 * servlet's parameter map, which also parses (and consumes) an {@code
 * application/x-www-form-urlencoded} body and fails on a malformed escape, so the query is parsed
 * from the raw {@code getQuery()}; and {@code getPath()} is the raw request path, percent-encoded,
 * so it is decoded here with the shared {@link UriPaths#decode} (as UTF-8; {@code +} stays a plus
 * sign in a path).
 */
final class HttpCodec {

  private static final String UNREADABLE_BODY =
      "The request body could not be read: its chunked framing is malformed, or the connection"
          + " ended before all of it arrived.";

  private HttpCodec() {}

  /**
   * Reads the framework's headers, keeping every value in order.
   *
   * @throws dev.portablefunctions.FunctionException a 400 ({@link MalformedInput#addHeader}) if a
   *     name or value holds a CR, LF or NUL
   */
  static Headers headers(com.google.cloud.functions.HttpRequest request) {
    Headers.Builder headers = Headers.builder();
    for (Map.Entry<String, List<String>> header : request.getHeaders().entrySet()) {
      List<String> values = header.getValue();
      if (values == null) {
        continue;
      }
      if (values instanceof RandomAccess) { // by index: no iterator per header
        for (int i = 0; i < values.size(); i++) {
          MalformedInput.addHeader(headers, header.getKey(), values.get(i));
        }
      } else {
        for (String value : values) {
          MalformedInput.addHeader(headers, header.getKey(), value);
        }
      }
    }
    return headers.build();
  }

  /**
   * Decodes a request whose headers were already read.
   *
   * @throws FunctionException {@code BAD_INPUT} if the body cannot be read: the server found its
   *     chunked framing malformed, or the client left before sending all of it. The function does
   *     not run, and this is not its failure.
   */
  static HttpRequest decode(com.google.cloud.functions.HttpRequest request, Headers headers) {
    HttpRequest.Builder portable =
        HttpRequest.builder(request.getMethod(), path(request.getPath()))
            .rawQuery(request.getQuery().orElse(""))
            .headers(headers);
    byte[] bytes;
    try (InputStream body = request.getInputStream()) {
      bytes = body.readAllBytes();
    } catch (IOException | RuntimeException unreadable) {
      // Jetty reports bad chunking as an IOException or its (unchecked) BadMessageException
      throw FunctionException.badInput(UNREADABLE_BODY);
    }
    SharedBodies.own(portable, bytes); // read here: no one else holds it
    return portable.build();
  }

  /**
   * The decoded path of a raw request path: percent-decoded as on every cloud ({@link
   * UriPaths#decode}), and starting with {@code /} (which a servlet's request URI always does; this
   * is defensive).
   */
  static String path(String rawPath) {
    String path = rawPath == null || rawPath.isEmpty() ? "/" : rawPath;
    return UriPaths.decode(path.startsWith("/") ? path : "/" + path);
  }

  /**
   * Writes a portable response: status, every header value, and the body (with its {@code
   * Content-Length} unless the function set one; none for 204 and 304).
   */
  static void encode(HttpResponse response, com.google.cloud.functions.HttpResponse out)
      throws IOException {
    int status = response.statusCode();
    out.setStatusCode(status);
    response
        .headers()
        .asMap()
        .forEach( // not the entry set, whose iteration allocates its views and iterators
            (name, values) -> {
              for (int i = 0; i < values.size(); i++) { // immutable lists: random access
                if (name.equals("content-type")) {
                  out.setContentType(values.get(i));
                } else {
                  out.appendHeader(name, values.get(i));
                }
              }
            });
    byte[] body = SharedBodies.body(response); // written out as it is
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
