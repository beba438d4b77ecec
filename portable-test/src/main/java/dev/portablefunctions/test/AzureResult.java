package dev.portablefunctions.test;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.azure.functions.HttpResponseMessage;
import dev.portablefunctions.HttpResponse;
import dev.portablefunctions.azure.fakes.FakeHttpResponse;
import dev.portablefunctions.spi.Json;
import dev.portablefunctions.test.internal.Catalogue;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the Azure Functions Java worker gets back from one call of an entry method: the {@link
 * HttpResponseMessage} an HTTP trigger returns, or the exception a trigger throws (the host then
 * retries, abandons or dead-letters as the trigger does), and the log lines the adapter wrote
 * through the invocation's {@code ExecutionContext} logger.
 *
 * <pre>{@code
 * AzureResult result = Replay.function("signup").azure(AzureEvent.eventHub().withMessages("{}", "not json"));
 * assertTrue(result.failure().orElseThrow().getMessage().contains("sequence numbers 13"));
 * }</pre>
 *
 * <p>Immutable and thread-safe (the response it holds is the kit's own, and is never changed).
 */
public final class AzureResult {

  private final AzureEvent event;
  private final Object returned;
  private final RuntimeException failure;
  private final List<JsonNode> logs;

  AzureResult(AzureEvent event, Object returned, RuntimeException failure, List<String> lines) {
    this.event = event;
    this.returned = returned;
    this.failure = failure;
    this.logs = Catalogue.logLines(lines);
  }

  /**
   * The HTTP response an HTTP trigger's entry method returned.
   *
   * @return the response; empty for other triggers, which return nothing, and when it threw
   */
  public Optional<HttpResponseMessage> response() {
    return returned instanceof HttpResponseMessage message
        ? Optional.of(message)
        : Optional.empty();
  }

  /**
   * The exception the entry method threw to the worker: a {@code FunctionException} for a failed
   * function (its message is what the host records), or whatever else escaped.
   *
   * @return the exception; empty when the method returned
   */
  public Optional<RuntimeException> failure() {
    return Optional.ofNullable(failure);
  }

  /**
   * The HTTP response as a portable {@link HttpResponse}: the status, each header (one value per
   * name, as the worker sends them), and the body ({@code byte[]} as is, a {@code String} as UTF-8,
   * anything else as JSON, as the worker writes it; without a {@code Content-Type}, {@code
   * application/octet-stream}).
   *
   * @return the response
   * @throws IllegalStateException if the entry method returned no HTTP response
   */
  public HttpResponse httpResponse() {
    HttpResponseMessage message =
        response().orElseThrow(() -> new IllegalStateException("No HTTP response: " + this));
    HttpResponse response = HttpResponse.status(message.getStatusCode());
    if (message instanceof FakeHttpResponse worker) {
      for (Map.Entry<String, String> header : worker.headers().entrySet()) {
        response = response.header(header.getKey(), header.getValue());
      }
    }
    Object body = message.getBody();
    if (body != null) {
      byte[] bytes =
          body instanceof byte[] raw
              ? raw
              : body instanceof String text
                  ? text.getBytes(StandardCharsets.UTF_8)
                  : Json.write(body);
      response =
          response.body(
              bytes, response.headers().first("content-type").orElse(LambdaResult.OCTET_STREAM));
    }
    return response;
  }

  /**
   * The log lines the adapter wrote for the invocation (one JSON object each: {@code level}, {@code
   * function}, {@code invocationId}, {@code traceId}, {@code message}, and {@code error} for a
   * failure), each parsed; a line that is not JSON is a text node.
   *
   * @return the lines, in order
   */
  public List<JsonNode> logs() {
    return logs;
  }

  /**
   * Describes the outcome: the input, and the response or exception.
   *
   * @return the description
   */
  @Override
  public String toString() {
    String outcome;
    if (failure != null) {
      outcome = "threw " + failure.getClass().getName() + ": " + failure.getMessage();
    } else if (returned instanceof HttpResponseMessage message) {
      outcome =
          "returned "
              + message
              + (message.getBody() instanceof byte[] body
                  ? " " + new String(body, StandardCharsets.UTF_8)
                  : "");
    } else {
      outcome = "returned";
    }
    return "the Azure entry method for " + event + " " + outcome;
  }
}
