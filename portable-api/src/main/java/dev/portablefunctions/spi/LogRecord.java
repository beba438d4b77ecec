package dev.portablefunctions.spi;

import dev.portablefunctions.FunctionLogger;
import dev.portablefunctions.TraceContext;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One log line, before an adapter formats it for its cloud.
 *
 * @param time when it was logged
 * @param level its level
 * @param message the message
 * @param error the exception logged with it, or null
 * @param functionName the function's name
 * @param invocationId the invocation id
 * @param trace the invocation's trace
 */
public record LogRecord(
    Instant time,
    FunctionLogger.Level level,
    String message,
    Throwable error,
    String functionName,
    String invocationId,
    TraceContext trace) {

  /**
   * Checks the required components.
   *
   * @param time when it was logged
   * @param level its level
   * @param message the message
   * @param error the exception, or null
   * @param functionName the function's name
   * @param invocationId the invocation id
   * @param trace the trace
   */
  public LogRecord {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(functionName, "functionName");
    Objects.requireNonNull(invocationId, "invocationId");
    Objects.requireNonNull(trace, "trace");
  }

  /**
   * Returns the exception, if any.
   *
   * @return the exception
   */
  public Optional<Throwable> errorIfAny() {
    return Optional.ofNullable(error);
  }
}
