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
 * @param outcome for the outcome record that ends an invocation, how it ended (layouts write its
 *     fields with {@link JsonLogWriter#writeOutcome}); null for any other line
 */
public record LogRecord(
    Instant time,
    FunctionLogger.Level level,
    String message,
    Throwable error,
    String functionName,
    String invocationId,
    TraceContext trace,
    Outcome outcome) {

  /**
   * A line that is not an outcome record.
   *
   * @param time when it was logged
   * @param level its level
   * @param message the message
   * @param error the exception, or null
   * @param functionName the function's name
   * @param invocationId the invocation id
   * @param trace the trace
   */
  public LogRecord(
      Instant time,
      FunctionLogger.Level level,
      String message,
      Throwable error,
      String functionName,
      String invocationId,
      TraceContext trace) {
    this(time, level, message, error, functionName, invocationId, trace, null);
  }

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
   * @param outcome the outcome, or null
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

  /**
   * Returns the outcome, for the record that ends an invocation.
   *
   * @return the outcome, or empty for any other line
   */
  public Optional<Outcome> outcomeIfAny() {
    return Optional.ofNullable(outcome);
  }
}
