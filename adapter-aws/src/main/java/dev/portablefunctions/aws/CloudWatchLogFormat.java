package dev.portablefunctions.aws;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.portablefunctions.FunctionLogger;
import dev.portablefunctions.internal.LogFields;
import dev.portablefunctions.spi.JsonLogWriter;
import dev.portablefunctions.spi.LogRecord;
import dev.portablefunctions.spi.LogWriter;
import dev.portablefunctions.spi.Outcome;
import java.io.IOException;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One JSON object per line on standard output, which Lambda sends to CloudWatch Logs and Logs
 * Insights discovers field by field:
 *
 * <pre>{"timestamp":"2024-05-01T12:00:00.123Z","level":"INFO","message":"…","requestId":"…",
 * "function":"echo-http","traceId":"5759e988bd862e3fe1be46a994272793",
 * "xrayTraceId":"1-5759e988-bd862e3fe1be46a994272793"}</pre>
 *
 * <p>{@code timestamp}, {@code level} (with Lambda's level names), {@code message} and {@code
 * requestId} are named as in Lambda's own JSON log format, so Lambda's application log-level filter
 * applies to these lines and one query finds them next to the runtime's. {@code traceId} is the
 * portable, normalised trace id (32 hex digits, as on every cloud); {@code xrayTraceId} is the same
 * id as X-Ray writes it, for the X-Ray console. A line with an exception adds {@code errorType},
 * {@code errorMessage} and {@code stackTrace} (an array of lines), as Lambda's JSON error lines do.
 * A Jackson exception's message, which quotes the JSON it failed on, is replaced there (and in the
 * line's message) by where it broke: no line quotes an event's bytes.
 *
 * <p>The outcome record that ends each invocation (see {@code Instrumentation}) adds its fields
 * ({@code outcome}, {@code trigger}, {@code source}, {@code status}, {@code errorKind}, {@code
 * durationMs}, {@code coldStart}, batch counts). With {@code PORTABLE_EMF=true} it is also a
 * CloudWatch embedded metric format document: an {@code _aws} member declares the metrics {@code
 * Invocations}, {@code Errors}, {@code ColdStarts}, {@code Duration} (milliseconds) and, for a
 * batch, {@code Messages} and {@code MessagesFailed}, in the namespace {@code
 * PORTABLE_EMF_NAMESPACE} ({@code PortableFunctions} by default), by {@code function} and, for a
 * failed invocation, also by {@code function} and {@code errorKind}; CloudWatch then creates the
 * metrics from the log line, with no agent and no API call.
 */
final class CloudWatchLogFormat {

  /**
   * Lambda's application log level (advanced logging controls), used without PORTABLE_LOG_LEVEL.
   */
  static final String LAMBDA_LEVEL_VARIABLE = "AWS_LAMBDA_LOG_LEVEL";

  /** Turns the outcome record into an embedded metric format document ({@code true}). */
  static final String EMF_VARIABLE = "PORTABLE_EMF";

  /** The CloudWatch namespace of the embedded metrics. */
  static final String EMF_NAMESPACE_VARIABLE = "PORTABLE_EMF_NAMESPACE";

  /** The namespace without {@value #EMF_NAMESPACE_VARIABLE}. */
  static final String DEFAULT_NAMESPACE = "PortableFunctions";

  private CloudWatchLogFormat() {}

  /** A writer of these lines to {@code out}, which must write each line atomically. */
  static LogWriter writer(Consumer<String> out) {
    return writer(out, null);
  }

  /**
   * A writer of these lines to {@code out}; {@code emfNamespace} non-null makes each outcome record
   * an embedded metric format document in that namespace.
   */
  static LogWriter writer(Consumer<String> out, String emfNamespace) {
    return new JsonLogWriter(
        out,
        (record, json) -> {
          write(record, json);
          JsonLogWriter.writeOutcome(record, json);
          if (emfNamespace != null && record.outcome() != null) {
            writeMetrics(record, json, emfNamespace);
          }
        });
  }

  /** Standard output, looked up per line: the runtime replaces {@code System.out} at start-up. */
  static LogWriter stdout() {
    return writer(line -> System.out.println(line), emfNamespace(System::getenv));
  }

  /** The embedded metrics' namespace when {@value #EMF_VARIABLE} is {@code true}, else null. */
  static String emfNamespace(Function<String, String> environment) {
    String on = environment.apply(EMF_VARIABLE);
    if (on == null || !on.trim().equalsIgnoreCase("true")) {
      return null;
    }
    String namespace = environment.apply(EMF_NAMESPACE_VARIABLE);
    return namespace == null || namespace.isBlank() ? DEFAULT_NAMESPACE : namespace.trim();
  }

  /**
   * The embedded metric format members of an outcome record (its dimension values, {@code function}
   * and {@code errorKind}, are fields of the line already).
   */
  private static void writeMetrics(LogRecord record, JsonGenerator json, String namespace)
      throws IOException {
    Outcome outcome = record.outcome();
    boolean failed = outcome.isError() && outcome.errorKind().isPresent();
    boolean batch = outcome.batchSize().isPresent();
    json.writeObjectFieldStart("_aws");
    json.writeNumberField("Timestamp", record.time().toEpochMilli());
    json.writeArrayFieldStart("CloudWatchMetrics");
    json.writeStartObject();
    json.writeStringField("Namespace", namespace);
    json.writeArrayFieldStart("Dimensions");
    json.writeStartArray();
    json.writeString("function");
    json.writeEndArray();
    if (failed) {
      json.writeStartArray();
      json.writeString("function");
      json.writeString("errorKind");
      json.writeEndArray();
    }
    json.writeEndArray();
    json.writeArrayFieldStart("Metrics");
    metric(json, "Invocations", "Count");
    metric(json, "Errors", "Count");
    metric(json, "ColdStarts", "Count");
    metric(json, "Duration", "Milliseconds");
    if (batch) {
      metric(json, "Messages", "Count");
      metric(json, "MessagesFailed", "Count");
    }
    json.writeEndArray();
    json.writeEndObject();
    json.writeEndArray();
    json.writeEndObject();
    json.writeNumberField("Invocations", 1);
    json.writeNumberField("Errors", outcome.isError() ? 1 : 0);
    json.writeNumberField("ColdStarts", outcome.coldStart() ? 1 : 0);
    LogFields.writeNumber(json, "Duration", Outcome.millis(outcome.durationNanos()));
    if (batch) {
      json.writeNumberField("Messages", outcome.batchSize().getAsInt());
      json.writeNumberField("MessagesFailed", outcome.failedCount());
    }
  }

  private static void metric(JsonGenerator json, String name, String unit) throws IOException {
    json.writeStartObject();
    json.writeStringField("Name", name);
    json.writeStringField("Unit", unit);
    json.writeEndObject();
  }

  private static void write(LogRecord record, JsonGenerator json) throws IOException {
    LogFields.writeIsoMillis(json, "timestamp", record.time());
    json.writeStringField("level", record.level().name());
    json.writeStringField("message", safeMessage(record));
    json.writeStringField("requestId", record.invocationId());
    json.writeStringField("function", record.functionName());
    String id = record.trace().traceId().orElse(null);
    if (id != null) {
      json.writeStringField("traceId", id);
      LogFields.writeString(
          json,
          "xrayTraceId",
          LogFields.text().append("1-").append(id, 0, 8).append('-').append(id, 8, id.length()));
    }
    if (record.error() != null) {
      Throwable error = record.error();
      json.writeStringField("errorType", error.getClass().getName());
      json.writeStringField("errorMessage", String.valueOf(message(error)));
      json.writeArrayFieldStart("stackTrace");
      for (String line : stackTrace(error).split("\\R")) {
        if (!line.isBlank()) {
          json.writeString(line.strip());
        }
      }
      json.writeEndArray();
    }
  }

  /**
   * An exception's message for a log line: Jackson's messages quote the JSON they failed on (up to
   * 256 characters of a token, a string or a number: a secret a caller sent, say), so for a {@link
   * JsonProcessingException} the line carries only where it broke; any other message as it is.
   */
  static String message(Throwable error) {
    if (error instanceof JsonProcessingException processing) {
      JsonLocation location = processing.getLocation();
      return location == null || location.getLineNr() < 1
          ? "(JSON could not be processed; the input is not quoted)"
          : "(JSON could not be processed at line "
              + location.getLineNr()
              + ", column "
              + location.getColumnNr()
              + "; the input is not quoted)";
    }
    return error.getMessage();
  }

  /**
   * The record's message, with any Jackson exception's own text in it replaced as {@link #message}
   * does.
   */
  private static String safeMessage(LogRecord record) {
    String message = record.message();
    for (Throwable cause = record.error(), seen = null;
        cause != null && cause != seen;
        cause = cause.getCause()) {
      seen = cause;
      if (cause instanceof JsonProcessingException && cause.getMessage() != null) {
        message = message.replace(cause.getMessage(), message(cause));
      }
    }
    return message;
  }

  /**
   * The exception's stack trace as {@link Throwable#printStackTrace()} prints it (causes and
   * suppressed exceptions included), with each message as {@link #message} gives it.
   */
  static String stackTrace(Throwable error) {
    StringBuilder text = new StringBuilder(1024);
    java.util.Set<Throwable> seen =
        java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    append(text, error, "", "", seen, null);
    return text.toString();
  }

  private static void append(
      StringBuilder text,
      Throwable error,
      String caption,
      String indent,
      java.util.Set<Throwable> seen,
      StackTraceElement[] enclosing) {
    if (!seen.add(error)) {
      text.append(indent)
          .append(caption)
          .append("[CIRCULAR REFERENCE: ")
          .append(error.getClass().getName())
          .append("]\n");
      return;
    }
    String message = message(error);
    text.append(indent).append(caption).append(error.getClass().getName());
    if (message != null) {
      text.append(": ").append(message);
    }
    text.append('\n');
    StackTraceElement[] frames = error.getStackTrace();
    int inCommon = 0;
    if (enclosing != null) {
      int m = frames.length - 1;
      int n = enclosing.length - 1;
      while (m >= 0 && n >= 0 && frames[m].equals(enclosing[n])) {
        m--;
        n--;
      }
      inCommon = frames.length - 1 - m;
    }
    for (int i = 0; i < frames.length - inCommon; i++) {
      text.append(indent).append("\tat ").append(frames[i]).append('\n');
    }
    if (inCommon != 0) {
      text.append(indent).append("\t... ").append(inCommon).append(" more\n");
    }
    for (Throwable suppressed : error.getSuppressed()) {
      append(text, suppressed, "Suppressed: ", indent + "\t", seen, frames);
    }
    Throwable cause = error.getCause();
    if (cause != null) {
      append(text, cause, "Caused by: ", indent, seen, frames);
    }
  }

  /**
   * The lowest level written: {@code PORTABLE_LOG_LEVEL} when set, else Lambda's {@value
   * #LAMBDA_LEVEL_VARIABLE} ({@code TRACE} counts as {@code DEBUG}, {@code FATAL} as {@code
   * ERROR}), else {@code INFO}.
   */
  static FunctionLogger.Level threshold(Function<String, String> environment) {
    String portable = environment.apply(LogWriter.LEVEL_VARIABLE);
    String value =
        portable != null && !portable.isBlank()
            ? portable
            : environment.apply(LAMBDA_LEVEL_VARIABLE);
    if (value == null || value.isBlank()) {
      return FunctionLogger.Level.INFO;
    }
    switch (value.trim().toUpperCase(Locale.ROOT)) {
      case "TRACE":
      case "DEBUG":
        return FunctionLogger.Level.DEBUG;
      case "WARN":
      case "WARNING":
        return FunctionLogger.Level.WARN;
      case "ERROR":
      case "FATAL":
        return FunctionLogger.Level.ERROR;
      default:
        return FunctionLogger.Level.INFO;
    }
  }
}
