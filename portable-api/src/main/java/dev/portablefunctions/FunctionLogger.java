package dev.portablefunctions;

/**
 * Writes log lines that the cloud's log service can query: one line per call, in that cloud's
 * structured format (JSON for CloudWatch Logs Insights and Cloud Logging, the worker's logger on
 * Azure, JSON lines locally), each carrying the function name, the invocation id and the trace id.
 *
 * <p>Lines below the level set by the {@code PORTABLE_LOG_LEVEL} environment variable ({@code
 * DEBUG}, {@code INFO} (the default), {@code WARN}, {@code ERROR}) are dropped. Thread-safe.
 *
 * <p>Log what you need to find a failure, never payloads with credentials in them: the library
 * itself never logs request bodies or header values.
 */
public interface FunctionLogger {

  /** Severity of a line. */
  enum Level {
    /** Detail for diagnosis. */
    DEBUG,
    /** Normal operation. */
    INFO,
    /** Something unexpected that the function handled. */
    WARN,
    /** A failure. */
    ERROR
  }

  /**
   * Writes one line.
   *
   * @param level the level
   * @param message the message
   * @param error an exception whose class, message and stack trace go in the same line, or null
   */
  void log(Level level, String message, Throwable error);

  /**
   * Writes a {@code DEBUG} line.
   *
   * @param message the message
   */
  default void debug(String message) {
    log(Level.DEBUG, message, null);
  }

  /**
   * Writes an {@code INFO} line.
   *
   * @param message the message
   */
  default void info(String message) {
    log(Level.INFO, message, null);
  }

  /**
   * Writes a {@code WARN} line.
   *
   * @param message the message
   */
  default void warn(String message) {
    log(Level.WARN, message, null);
  }

  /**
   * Writes an {@code ERROR} line.
   *
   * @param message the message
   */
  default void error(String message) {
    log(Level.ERROR, message, null);
  }

  /**
   * Writes an {@code ERROR} line with an exception and its stack trace.
   *
   * @param message the message
   * @param error the exception
   */
  default void error(String message, Throwable error) {
    log(Level.ERROR, message, error);
  }
}
