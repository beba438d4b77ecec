package dev.portablefunctions.local;

import dev.portablefunctions.internal.LogFields;
import dev.portablefunctions.spi.JsonLogWriter;
import dev.portablefunctions.spi.LogRecord;
import dev.portablefunctions.spi.LogWriter;
import java.util.function.Consumer;

/**
 * JSON lines: time, level, function, invocationId, traceId, message, error, and the outcome
 * record's fields.
 */
final class LocalLogWriter {

  private LocalLogWriter() {}

  static LogWriter to(Consumer<String> out) {
    return new JsonLogWriter(
        out,
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
        });
  }

  static String format(LogRecord record) {
    StringBuilder line = new StringBuilder();
    to(line::append).write(record);
    return line.toString();
  }
}
