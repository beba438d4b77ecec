package dev.portablefunctions.test;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portablefunctions.Headers;
import dev.portablefunctions.HttpResponse;
import dev.portablefunctions.test.internal.Catalogue;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * What the Functions Framework invoker sends back for one request: the status, headers and body.
 * For a CloudEvent that is 200 with no body when the function took it, and 500 when the entry point
 * threw (the adapter's failure) or the invoker could not read the event (then the adapter never
 * ran); Pub/Sub and Eventarc redeliver on anything but a 2xx. For a plain HTTP request it is the
 * function's response. Also the log lines the adapter wrote for the request.
 *
 * <pre>{@code
 * GcpResult result = Replay.function("greet").gcp(GcpEvent.http("GET", "/?name=Ada"));
 * assertEquals(200, result.statusCode());
 * assertEquals("{\"message\":\"Hello, Ada\"}", result.bodyAsString());
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class GcpResult {

  private final GcpEvent event;
  private final int status;
  private final Headers headers;
  private final byte[] body;
  private final List<JsonNode> logs;

  GcpResult(
      GcpEvent event,
      int status,
      Map<String, List<String>> headers,
      byte[] body,
      List<String> lines) {
    this.event = event;
    this.status = status;
    this.headers = Headers.of(headers);
    this.body = body.clone();
    this.logs = Catalogue.logLines(lines);
  }

  /**
   * The status sent.
   *
   * @return the status code
   */
  public int statusCode() {
    return status;
  }

  /**
   * The headers the function or adapter set (the invoker's server adds its own, such as {@code
   * Date}, which are not here).
   *
   * @return the headers
   */
  public Headers headers() {
    return headers;
  }

  /**
   * The body sent.
   *
   * @return a copy of the bytes; empty if none
   */
  public byte[] body() {
    return body.clone();
  }

  /**
   * The body as UTF-8 text.
   *
   * @return the text
   */
  public String bodyAsString() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /**
   * The same answer as a portable {@link HttpResponse} (a body sent without a {@code Content-Type}
   * gets {@code application/octet-stream}, as HTTP tells a client to assume).
   *
   * @return the response
   */
  public HttpResponse httpResponse() {
    HttpResponse response = HttpResponse.status(status);
    for (Map.Entry<String, List<String>> header : headers.asMap().entrySet()) {
      for (String value : header.getValue()) {
        response = response.header(header.getKey(), value);
      }
    }
    if (body.length > 0) {
      response =
          response.body(body, headers.first("content-type").orElse(LambdaResult.OCTET_STREAM));
    }
    return response;
  }

  /**
   * The log lines the adapter wrote for the request (Cloud Logging's structured format: {@code
   * severity}, {@code message}, {@code time}, {@code logging.googleapis.com/trace}, the {@code
   * logging.googleapis.com/labels} {@code function} and {@code execution_id}, and {@code
   * stack_trace} for a failure), each parsed; a line that is not JSON is a text node.
   *
   * @return the lines, in order
   */
  public List<JsonNode> logs() {
    return logs;
  }

  /**
   * Describes the outcome: the event and the status.
   *
   * @return the description
   */
  @Override
  public String toString() {
    return "the Functions Framework answered "
        + event
        + " with "
        + status
        + (body.length == 0 ? "" : " " + bodyAsString());
  }
}
