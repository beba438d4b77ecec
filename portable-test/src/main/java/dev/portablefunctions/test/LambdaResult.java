package dev.portablefunctions.test;

import static dev.portablefunctions.test.internal.Edits.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portablefunctions.HttpResponse;
import dev.portablefunctions.test.internal.Catalogue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What AWS Lambda gets back from one invocation of {@code LambdaHandler}: the response the handler
 * wrote (an API Gateway or load balancer response, a {@code batchItemFailures} partial batch
 * response, a typed function's output), or the error the runtime reports when the handler throws;
 * and the log lines the adapter wrote for the invocation.
 *
 * <pre>{@code
 * LambdaResult result = Replay.function("signup").aws(AwsEvent.sqs().withMessages("{}", "not json"));
 * assertEquals(List.of("2e1424d4-f796-459a-8184-9c92662be6da"), result.batchItemFailures());
 * assertTrue(result.error().isEmpty());
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class LambdaResult {

  static final String OCTET_STREAM = "application/octet-stream";

  /**
   * Lambda's function error, for an invocation whose handler threw, as the runtime interface client
   * reports it: {@code errorType} the exception's class, {@code errorMessage} its message, {@code
   * stackTrace} its frames (empty for the failures the adapter reports). Lambda then applies its
   * retries, dead-letter queue or on-failure destination.
   *
   * @param errorType the exception's class name
   * @param errorMessage its message; empty if it had none
   * @param stackTrace its frames
   */
  public record FunctionError(String errorType, String errorMessage, List<String> stackTrace) {
    /**
     * An error.
     *
     * @param errorType the exception's class name
     * @param errorMessage its message; empty if it had none
     * @param stackTrace its frames
     */
    public FunctionError {
      Objects.requireNonNull(errorType, "errorType");
      Objects.requireNonNull(errorMessage, "errorMessage");
      stackTrace = List.copyOf(stackTrace);
    }
  }

  private final AwsEvent event;
  private final String requestId;
  private final byte[] output;
  private final FunctionError error;
  private final List<JsonNode> logs;

  LambdaResult(
      AwsEvent event, String requestId, byte[] output, FunctionError error, List<String> lines) {
    this.event = event;
    this.requestId = requestId;
    this.output = output;
    this.error = error;
    this.logs = Catalogue.logLines(lines);
  }

  static FunctionError error(Throwable failure) {
    List<String> frames = new ArrayList<>();
    for (StackTraceElement frame : failure.getStackTrace()) {
      frames.add(frame.toString());
    }
    String message = failure.getLocalizedMessage();
    return new FunctionError(failure.getClass().getName(), message == null ? "" : message, frames);
  }

  /**
   * The invocation's request id ({@code Context.getAwsRequestId()}), which the adapter's log lines
   * and error details name.
   *
   * @return the request id
   */
  public String requestId() {
    return requestId;
  }

  /**
   * What the handler wrote as the invocation's response, as text (JSON); empty when it wrote
   * nothing (events, whose return value Lambda discards) or threw.
   *
   * @return the response
   */
  public Optional<String> output() {
    return output == null || output.length == 0
        ? Optional.empty()
        : Optional.of(new String(output, StandardCharsets.UTF_8));
  }

  /**
   * The error Lambda records when the handler threw.
   *
   * @return the error, or empty if the handler returned
   */
  public Optional<FunctionError> error() {
    return Optional.ofNullable(error);
  }

  /**
   * The {@code itemIdentifier}s of the partial batch response (message ids for SQS, sequence
   * numbers for Kinesis and DynamoDB Streams), in order: the messages Lambda makes visible again or
   * retries from. Empty for a batch that fully succeeded.
   *
   * @return the identifiers
   * @throws IllegalStateException if the handler threw (Lambda then retries the whole batch; see
   *     {@link #error()}) or wrote something other than a partial batch response
   */
  public List<String> batchItemFailures() {
    if (error != null) {
      throw new IllegalStateException(
          "The invocation failed, so Lambda retries the whole batch: " + error);
    }
    JsonNode response = outputTree();
    JsonNode failures = response == null ? null : response.get("batchItemFailures");
    if (failures == null || !failures.isArray()) {
      throw new IllegalStateException(
          "The handler wrote no partial batch response for "
              + event
              + ": "
              + output().orElse("nothing"));
    }
    List<String> ids = new ArrayList<>(failures.size());
    for (JsonNode failure : failures) {
      ids.add(text(failure, "itemIdentifier"));
    }
    return List.copyOf(ids);
  }

  /**
   * The HTTP response the source sends to the client, read from the handler's response in the
   * source's format: {@code statusCode}; {@code headers} and {@code multiValueHeaders} (merged,
   * {@code multiValueHeaders} winning, as API Gateway does); {@code cookies} as {@code Set-Cookie};
   * the body, base64-decoded when {@code isBase64Encoded} (a body sent without a {@code
   * Content-Type} gets {@code application/octet-stream}, as HTTP tells a client to assume).
   *
   * @return the response
   * @throws IllegalStateException if the handler threw (API Gateway then answers 502) or wrote no
   *     HTTP response
   */
  public HttpResponse httpResponse() {
    if (error != null) {
      throw new IllegalStateException(
          "The invocation failed, so API Gateway answers 502 Bad Gateway: " + error);
    }
    JsonNode response = outputTree();
    if (response == null || !response.has("statusCode")) {
      throw new IllegalStateException(
          "The handler wrote no HTTP response for " + event + ": " + output().orElse("nothing"));
    }
    HttpResponse http = HttpResponse.status(response.path("statusCode").asInt());
    JsonNode multi = response.get("multiValueHeaders");
    JsonNode single = response.get("headers");
    if (single != null && single.isObject()) {
      for (Map.Entry<String, JsonNode> header : single.properties()) {
        if (multi == null || !multi.has(header.getKey())) {
          http = http.header(header.getKey(), header.getValue().asText());
        }
      }
    }
    if (multi != null && multi.isObject()) {
      for (Map.Entry<String, JsonNode> header : multi.properties()) {
        for (JsonNode value : header.getValue()) {
          http = http.header(header.getKey(), value.asText());
        }
      }
    }
    for (JsonNode cookie : response.path("cookies")) {
      http = http.header("Set-Cookie", cookie.asText());
    }
    String body = text(response, "body");
    if (body != null && !body.isEmpty()) {
      byte[] bytes =
          response.path("isBase64Encoded").asBoolean(false)
              ? Base64.getDecoder().decode(body)
              : body.getBytes(StandardCharsets.UTF_8);
      http = http.body(bytes, http.headers().first("content-type").orElse(OCTET_STREAM));
    }
    return http;
  }

  private JsonNode outputTree() {
    Optional<String> text = output();
    if (text.isEmpty()) {
      return null;
    }
    try {
      return Catalogue.parse(text.get(), "the handler's response");
    } catch (IllegalArgumentException notJson) {
      return null;
    }
  }

  /**
   * The log lines the adapter wrote for the invocation (CloudWatch's JSON format: {@code
   * timestamp}, {@code level}, {@code message}, {@code requestId}, {@code function}, {@code
   * traceId}, and {@code errorType}, {@code errorMessage}, {@code stackTrace} for a failure), each
   * parsed; a line that is not JSON is a text node.
   *
   * @return the lines, in order
   */
  public List<JsonNode> logs() {
    return logs;
  }

  /**
   * Describes the outcome: the event, and the response or error.
   *
   * @return the description
   */
  @Override
  public String toString() {
    return "Lambda answered "
        + event
        + " with "
        + (error != null
            ? "error " + error.errorType() + ": " + error.errorMessage()
            : output().orElse("no response"));
  }
}
