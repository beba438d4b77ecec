package dev.portablefunctions.spi;

import dev.portablefunctions.FunctionLogger;
import java.util.Locale;

/**
 * Writes {@link LogRecord}s in one cloud's format. Implementations must be thread-safe and write
 * each record as one line (or one call of the provider's logger), so lines from concurrent
 * invocations never interleave.
 */
@FunctionalInterface
public interface LogWriter {

  /** The environment variable that sets the lowest level written. */
  String LEVEL_VARIABLE = "PORTABLE_LOG_LEVEL";

  /**
   * Writes one record.
   *
   * @param record the record
   */
  void write(LogRecord record);

  /**
   * Returns the lowest level to write, from {@value #LEVEL_VARIABLE} ({@code INFO} when unset or
   * not a level name).
   *
   * @return the threshold
   */
  static FunctionLogger.Level thresholdFromEnvironment() {
    String value = System.getenv(LEVEL_VARIABLE);
    if (value == null || value.isBlank()) {
      return FunctionLogger.Level.INFO;
    }
    String upper = value.trim().toUpperCase(Locale.ROOT);
    if (upper.equals("WARNING")) {
      return FunctionLogger.Level.WARN;
    }
    try {
      return FunctionLogger.Level.valueOf(upper);
    } catch (IllegalArgumentException unknown) {
      return FunctionLogger.Level.INFO;
    }
  }
}
