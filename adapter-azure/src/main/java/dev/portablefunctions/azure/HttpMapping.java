package dev.portablefunctions.azure;

import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatus;
import com.microsoft.azure.functions.HttpStatusType;
import dev.portablefunctions.Context;
import dev.portablefunctions.FunctionException;
import dev.portablefunctions.HttpRequest;
import dev.portablefunctions.HttpResponse;
import dev.portablefunctions.internal.SharedBodies;
import dev.portablefunctions.internal.UriPaths;
import dev.portablefunctions.spi.MalformedInput;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;

/** Turns the worker's {@link HttpRequestMessage} into an {@link HttpRequest}, and back. */
final class HttpMapping {

  private HttpMapping() {}

  /**
   * Reads a request.
   *
   * <p><b>Path.</b> The decoded path the client sent, less the platform's mount: the route prefix
   * ({@code api} unless the app sets another), and, for a function on the default route {@code
   * <function name>/{*path}}, the function-name segment, so that {@code /api/echo-http/a/b} reaches
   * the function as {@code /a/b}, as on the local server and Cloud Functions. Segments are compared
   * decoded and case-insensitively, as the host routes. A path that does not start with the prefix
   * is left as it is; what remains of a fully stripped path is {@code /}.
   *
   * <p><b>Query.</b> Read from the URL the host rebuilt from the request line, so repeated
   * parameters stay separate values. The worker's {@code getUri()} parses that URL strictly and
   * throws on characters that clients commonly leave unescaped in a query ({@code ?q=a|b}, {@code
   * ?q={"a":1}}); the URL is then taken from the parse error, split at the first {@code ?}, and
   * read the same way. Only if even that fails does the query come from {@code
   * getQueryParameters()}, where the host has joined repeated values with commas, and the path is
   * unknown ({@code /}); a warning says so.
   *
   * <p><b>Headers.</b> One value per (lower-case) name, as the host sends them: a value it joined
   * from repeated headers stays one comma-joined value. A name or value with a CR, LF or NUL (or an
   * empty name) makes the request a 400 ({@link MalformedInput#addHeader}).
   *
   * @param request the worker's request
   * @param body the body, which the request now owns: the caller neither changes it nor hands it to
   *     anyone else
   * @param routePrefix the route prefix, without slashes at either end; empty for none
   * @param functionSegment the Azure function's name when it has the default route, else null
   * @param context the invocation's context, for the warning
   * @throws FunctionException with {@link FunctionException.Kind#METHOD_NOT_ALLOWED} if the worker
   *     did not recognise the method, {@link FunctionException.Kind#BAD_INPUT} for a header HTTP
   *     does not allow
   */
  static HttpRequest request(
      HttpRequestMessage<?> request,
      byte[] body,
      String routePrefix,
      String functionSegment,
      Context context) {
    HttpMethod method = request.getHttpMethod();
    if (method == null) {
      throw FunctionException.of(
          FunctionException.Kind.METHOD_NOT_ALLOWED,
          "The Azure Functions Java worker does not support this request's method.");
    }
    String rawPath = null;
    String rawQuery = null;
    boolean urlRead = true;
    try {
      URI uri = request.getUri();
      rawPath = uri.getRawPath();
      rawQuery = uri.getRawQuery();
    } catch (RuntimeException unparsable) {
      String url = rejectedUrl(unparsable);
      if (url != null) {
        int question = url.indexOf('?');
        rawPath = pathOf(question < 0 ? url : url.substring(0, question));
        rawQuery = question < 0 ? null : url.substring(question + 1);
      } else {
        urlRead = false;
        // Not the URL nor the exception's message: the query may hold a function key (code=).
        context
            .logger()
            .warn(
                "The request's URL could not be read ("
                    + unparsable.getClass().getName()
                    + "): the path is given as '/' and the query comes from the host's map, where"
                    + " repeated parameters are joined with commas.");
      }
    }
    HttpRequest.Builder builder =
        HttpRequest.builder(method.name(), localPath(rawPath, routePrefix, functionSegment));
    if (urlRead) {
      if (rawQuery != null) {
        builder.rawQuery(rawQuery);
      }
    } else {
      Map<String, String> query = request.getQueryParameters();
      if (query != null) {
        query.forEach(
            (name, value) -> {
              if (name != null && value != null) {
                builder.query(name, value);
              }
            });
      }
    }
    Map<String, String> headers = request.getHeaders();
    if (headers != null) {
      headers.forEach((name, value) -> MalformedInput.addHeader(builder, name, value));
    }
    return SharedBodies.own(builder, body).build(); // the caller's array, given up (see there)
  }

  /**
   * The URL {@code getUri()} refused: the worker calls {@code URI.create(url)}, whose {@link
   * IllegalArgumentException} has the {@link URISyntaxException} with the input as its cause.
   */
  private static String rejectedUrl(RuntimeException failure) {
    if (failure instanceof IllegalArgumentException
        && failure.getCause() instanceof URISyntaxException) {
      return ((URISyntaxException) failure.getCause()).getInput();
    }
    return null;
  }

  /** The raw path of a URL without its query: what follows {@code scheme://authority}. */
  private static String pathOf(String url) {
    int scheme = url.indexOf("://");
    if (scheme < 0) {
      return url;
    }
    int path = url.indexOf('/', scheme + 3);
    return path < 0 ? "" : url.substring(path);
  }

  /**
   * Decodes a raw path and removes the platform's mount from it: the route prefix's segments, then,
   * if given and next, the function-name segment. A path that does not start with the prefix is
   * only decoded.
   *
   * @param rawPath the raw path; null or empty for {@code /}
   * @param routePrefix the prefix, without slashes at either end; empty for none
   * @param functionSegment the function-name segment to remove after the prefix, or null
   * @return the decoded path, starting with {@code /}
   */
  static String localPath(String rawPath, String routePrefix, String functionSegment) {
    String raw =
        rawPath == null || rawPath.isEmpty()
            ? "/"
            : rawPath.startsWith("/") ? rawPath : "/" + rawPath;
    int end = skip(raw, 0, routePrefix);
    if (end < 0) {
      return UriPaths.decode(raw);
    }
    if (functionSegment != null) {
      int afterFunction = skip(raw, end, functionSegment);
      if (afterFunction >= 0) {
        end = afterFunction;
      }
    }
    String rest = raw.substring(end);
    return UriPaths.decode(rest.isEmpty() ? "/" : rest);
  }

  /**
   * Matches the {@code /}-separated segments at {@code from} of a raw path (decoded, ignoring case)
   * and returns where they end, or -1 if they do not match.
   */
  private static int skip(String raw, int from, String segments) {
    if (segments.isEmpty()) {
      return from;
    }
    int at = from;
    int start = 0;
    while (start <= segments.length()) {
      int stop = segments.indexOf('/', start);
      if (stop < 0) {
        stop = segments.length();
      }
      if (at >= raw.length() || raw.charAt(at) != '/') {
        return -1;
      }
      int next = raw.indexOf('/', at + 1);
      if (next < 0) {
        next = raw.length();
      }
      if (!segmentMatches(raw, at + 1, next, segments, start, stop)) {
        return -1;
      }
      at = next;
      start = stop + 1;
    }
    return at;
  }

  /**
   * Whether the raw segment {@code raw[from, to)}, decoded, equals {@code expected[start, stop)}
   * ignoring case; compared in place when it has no escape.
   */
  private static boolean segmentMatches(
      String raw, int from, int to, String expected, int start, int stop) {
    int escape = raw.indexOf('%', from);
    if (escape < 0 || escape >= to) {
      return to - from == stop - start && raw.regionMatches(true, from, expected, start, to - from);
    }
    return UriPaths.decode(raw.substring(from, to))
        .equalsIgnoreCase(expected.substring(start, stop));
  }

  /**
   * Writes a response through the request's response builder. The worker keeps one value per
   * response header name: several values of a header are joined with {@code ", "}, except {@code
   * Set-Cookie}, where joining would corrupt the cookies, so only the first is sent and a warning
   * is logged. An empty body is left unset.
   */
  static HttpResponseMessage response(
      HttpRequestMessage<?> request, HttpResponse response, Context context) {
    HttpResponseMessage.Builder builder =
        request.createResponseBuilder(status(response.statusCode()));
    response
        .headers()
        .asMap()
        .forEach( // not the entry set, whose iteration allocates its views and iterators
            (name, values) -> {
              if (values.size() == 1) {
                builder.header(name, values.get(0));
              } else if (name.equals("set-cookie")) {
                builder.header(name, values.get(0));
                context
                    .logger()
                    .warn(
                        "Azure Functions' Java worker sends one value per response header: only"
                            + " the first of "
                            + values.size()
                            + " Set-Cookie values was sent.");
              } else {
                builder.header(name, String.join(", ", values));
              }
            });
    byte[] body = SharedBodies.body(response); // written out as it is
    if (body.length > 0) {
      builder.body(body);
    }
    return builder.build();
  }

  static HttpStatusType status(int code) {
    HttpStatusType named = code >= 100 && code < 600 ? STATUSES[code - 100] : null;
    return named != null ? named : HttpStatusType.custom(code);
  }

  /**
   * The worker's named statuses by code, from 100: {@code HttpStatus.valueOf} copies its {@code
   * values()} on every call.
   */
  private static final HttpStatusType[] STATUSES = new HttpStatusType[500];

  static {
    for (HttpStatus status : HttpStatus.values()) {
      int code = status.value();
      if (code >= 100 && code < 600 && STATUSES[code - 100] == null) {
        STATUSES[code - 100] = status;
      }
    }
  }
}
