package dev.portablefunctions.azure;

import dev.portablefunctions.FunctionLogger;
import dev.portablefunctions.spi.JsonLogWriter;
import dev.portablefunctions.spi.LogRecord;
import dev.portablefunctions.spi.LogWriter;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Writes each record as one JSON line through the Java worker's per-invocation {@link Logger}
 * ({@code ExecutionContext.getLogger()}), which forwards it to the host with the invocation id, so
 * it reaches Application Insights as a trace of that invocation. The line itself carries the
 * function, invocation id and trace id too, for log streams that lose the host's dimensions.
 *
 * <p>Levels map to {@code java.util.logging} as the worker expects: {@code DEBUG} to {@code FINE},
 * {@code INFO} to {@code INFO}, {@code WARN} to {@code WARNING}, {@code ERROR} to {@code SEVERE}.
 * An exception goes into the line's {@code error} field, not to the JUL record, so the worker does
 * not print its stack trace a second time. The outcome record that ends each invocation adds its
 * fields ({@code outcome}, {@code trigger}, {@code source}, {@code errorKind}, {@code durationMs},
 * {@code coldStart}, ...) to the line.
 */
final class AzureLogWriter implements LogWriter {

  private static final JsonLogWriter FORMAT =
      new JsonLogWriter(
          line -> {},
          (record, json) -> {
            json.writeStringField("level", record.level().name());
            json.writeStringField("function", record.functionName());
            json.writeStringField("invocationId", record.invocationId());
            String traceId = record.trace().traceId().orElse(null);
            if (traceId != null) {
              json.writeStringField("traceId", traceId);
            }
            json.writeStringField("message", record.message());
            if (record.error() != null) {
              json.writeStringField("error", JsonLogWriter.stackTrace(record.error()));
            }
            JsonLogWriter.writeOutcome(record, json);
          });

  private final Logger logger;

  AzureLogWriter(Logger logger) {
    this.logger = Objects.requireNonNull(logger, "logger");
  }

  @Override
  public void write(LogRecord record) {
    logger.log(level(record.level()), FORMAT.format(record));
  }

  static Level level(FunctionLogger.Level level) {
    switch (level) {
      case DEBUG:
        return Level.FINE;
      case WARN:
        return Level.WARNING;
      case ERROR:
        return Level.SEVERE;
      default:
        return Level.INFO;
    }
  }
}
