package dev.portablefunctions.gcp;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.portablefunctions.FunctionLogger;
import dev.portablefunctions.TraceContext;
import dev.portablefunctions.internal.LogFields;
import dev.portablefunctions.spi.JsonLogWriter;
import dev.portablefunctions.spi.LogRecord;
import java.io.IOException;
import java.io.OutputStream;
import java.util.function.Consumer;

/**
 * Log lines in Cloud Logging's structured format: one JSON object per line on stdout, which the
 * Cloud Run functions runtime turns into a {@code LogEntry}. The special fields used are {@code
 * severity}, {@code message}, {@code time}, {@code logging.googleapis.com/trace} ({@code
 * projects/<project>/traces/<id>} when the project is known, else the bare trace id), {@code
 * logging.googleapis.com/spanId}, {@code logging.googleapis.com/trace_sampled} and {@code
 * logging.googleapis.com/labels} (string values: {@code function}, the portable function's name,
 * and {@code execution_id}, the invocation id, under the key Cloud Functions uses for it). An
 * exception goes in {@code stack_trace}, the first field Error Reporting reads, so that each
 * failure is one error event. The outcome record that ends each invocation adds its fields ({@code
 * outcome}, {@code trigger}, {@code source}, {@code status}, {@code errorKind}, {@code durationMs},
 * {@code coldStart}, batch counts), which Cloud Logging keeps in {@code jsonPayload}.
 */
final class CloudLogging {

  static final String TRACE = "logging.googleapis.com/trace";
  static final String SPAN_ID = "logging.googleapis.com/spanId";
  static final String TRACE_SAMPLED = "logging.googleapis.com/trace_sampled";
  static final String LABELS = "logging.googleapis.com/labels";
  static final String EXECUTION_ID = "execution_id";

  private CloudLogging() {}

  /**
   * Returns a writer of Cloud Logging lines.
   *
   * @param out where lines go
   * @param projectId the Google Cloud project, or null if unknown
   */
  static JsonLogWriter writer(Consumer<String> out, String projectId) {
    return new JsonLogWriter(out, (record, json) -> write(record, json, projectId));
  }

  /**
   * Returns a writer of Cloud Logging lines as UTF-8 bytes, each line in one write.
   *
   * @param out where lines go
   * @param projectId the Google Cloud project, or null if unknown
   */
  static JsonLogWriter writer(OutputStream out, String projectId) {
    return new JsonLogWriter(out, (record, json) -> write(record, json, projectId));
  }

  private static void write(LogRecord record, JsonGenerator json, String projectId)
      throws IOException {
    json.writeStringField("severity", severity(record.level()));
    json.writeStringField("message", record.message());
    LogFields.writeIso(json, "time", record.time());
    TraceContext trace = record.trace();
    String id = trace.traceId().orElse(null);
    if (id != null) {
      if (projectId == null) {
        json.writeStringField(TRACE, id);
      } else {
        LogFields.writeString(
            json,
            TRACE,
            LogFields.text().append("projects/").append(projectId).append("/traces/").append(id));
      }
      String spanId = trace.spanId().orElse(null);
      if (spanId != null) {
        json.writeStringField(SPAN_ID, spanId);
      }
      json.writeBooleanField(TRACE_SAMPLED, trace.sampled());
    }
    json.writeObjectFieldStart(LABELS);
    json.writeStringField("function", record.functionName());
    if (!record.invocationId().isEmpty()) {
      json.writeStringField(EXECUTION_ID, record.invocationId());
    }
    json.writeEndObject();
    if (record.error() != null) {
      json.writeStringField("stack_trace", JsonLogWriter.stackTrace(record.error()));
    }
    JsonLogWriter.writeOutcome(record, json); // jsonPayload.outcome, jsonPayload.durationMs, ...
  }

  /** Cloud Logging's {@code LogSeverity} name for a level. */
  static String severity(FunctionLogger.Level level) {
    switch (level) {
      case DEBUG:
        return "DEBUG";
      case INFO:
        return "INFO";
      case WARN:
        return "WARNING";
      default:
        return "ERROR";
    }
  }
}
