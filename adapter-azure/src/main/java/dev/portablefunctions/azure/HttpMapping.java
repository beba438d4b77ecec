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
import java.net.URI;
import java.util.List;
import java.util.Map;

/** Turns the worker's {@link HttpRequestMessage} into an {@link HttpRequest}, and back. */
final class HttpMapping {

  private HttpMapping() {}

  /**
   * Reads a request. The path and the query come from {@code getUri()}, which the host rebuilds
   * from the request line, so repeated query parameters stay separate values; only if the URI
   * cannot be read does the query fall back to {@code getQueryParameters()}, where the host has
   * already joined repeated values with commas and dropped empty ones. Headers are one value per
   * (lower-case) name, as the host sends them: a value it joined from repeated headers stays one
   * comma-joined value.
   *
   * @throws FunctionException with {@link FunctionException.Kind#METHOD_NOT_ALLOWED} if the worker
   *     did not recognise the method
   */
  static HttpRequest request(HttpRequestMessage<?> request, byte[] body) {
    HttpMethod method = request.getHttpMethod();
    if (method == null) {
      throw FunctionException.of(
          FunctionException.Kind.METHOD_NOT_ALLOWED,
          "The Azure Functions Java worker does not support this request's method.");
    }
    URI uri;
    try {
      uri = request.getUri();
    } catch (RuntimeException unreadable) {
      uri = null;
    }
    String path = uri == null || uri.getPath() == null || uri.getPath().isEmpty() ? "/" : uri.getPath();
    HttpRequest.Builder builder =
        HttpRequest.builder(method.name(), path.startsWith("/") ? path : "/" + path);
    if (uri != null) {
      if (uri.getRawQuery() != null) {
        builder.rawQuery(uri.getRawQuery());
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
      headers.forEach(
          (name, value) -> {
            if (name != null && !name.isEmpty() && value != null) {
              builder.header(name, value);
            }
          });
    }
    return builder.body(body).build();
  }

  /**
   * Writes a response through the request's response builder. The worker keeps one value per
   * response header name: several values of a header are joined with {@code ", "}, except {@code
   * Set-Cookie}, where joining would corrupt the cookies, so only the first is sent and a warning is
   * logged. An empty body is left unset.
   */
  static HttpResponseMessage response(
      HttpRequestMessage<?> request, HttpResponse response, Context context) {
    HttpResponseMessage.Builder builder = request.createResponseBuilder(status(response.statusCode()));
    for (Map.Entry<String, List<String>> header : response.headers().asMap().entrySet()) {
      List<String> values = header.getValue();
      if (values.size() == 1) {
        builder.header(header.getKey(), values.get(0));
      } else if (header.getKey().equals("set-cookie")) {
        builder.header(header.getKey(), values.get(0));
        context
            .logger()
            .warn(
                "Azure Functions' Java worker sends one value per response header: only the first of "
                    + values.size()
                    + " Set-Cookie values was sent.");
      } else {
        builder.header(header.getKey(), String.join(", ", values));
      }
    }
    byte[] body = response.body();
    if (body.length > 0) {
      builder.body(body);
    }
    return builder.build();
  }

  static HttpStatusType status(int code) {
    try {
      return HttpStatus.valueOf(code);
    } catch (IllegalArgumentException unnamed) {
      return HttpStatusType.custom(code);
    }
  }
}
