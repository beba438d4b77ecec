package dev.portablefunctions.local;

import dev.portablefunctions.internal.LogFields;
import dev.portablefunctions.spi.JsonLogWriter;
import dev.portablefunctions.spi.LogRecord;
import dev.portablefunctions.spi.LogWriter;
import java.io.OutputStream;
import java.util.function.Consumer;

/**
 * JSON lines: time, level, function, invocationId, traceId, message, error, and the outcome
 * record's fields.
 */
final class LocalLogWriter {

  private LocalLogWriter() {}

  /** The fields of a line. */
  private static final JsonLogWriter.Layout LAYOUT =
      (record, json) -> {
        LogFields.writeIso(json, "time", record.time());
        json.writeStringField("level", record.level().name());
        json.writeStringField("function", record.functionName());
        json.writeStringField("invocationId", record.invocationId());
        if (record.trace().traceId().isPresent()) {
          json.writeStringField("traceId", record.trace().traceId().get());
        }
        json.writeStringField("message", record.message());
        if (record.error() != null) {
          json.writeStringField("error", JsonLogWriter.stackTrace(record.error()));
        }
        JsonLogWriter.writeOutcome(record, json);
      };

  /** Hands each line, without its newline, to {@code out}. */
  static LogWriter to(Consumer<String> out) {
    return new JsonLogWriter(out, LAYOUT);
  }

  /**
   * Writes each line and its newline to {@code out} as UTF-8 bytes, in one write: no string per
   * line, which a server writing a line per request notices.
   */
  static LogWriter to(OutputStream out) {
    return new JsonLogWriter(out, LAYOUT);
  }

  static String format(LogRecord record) {
    StringBuilder line = new StringBuilder();
    to(line::append).write(record);
    return line.toString();
  }
}
