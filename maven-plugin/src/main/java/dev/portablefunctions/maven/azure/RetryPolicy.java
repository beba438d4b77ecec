package dev.portablefunctions.maven.azure;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Objects;

/**
 * A function-level retry policy, written as the {@code retry} block of a {@code function.json}:
 * when the function fails, the host runs the same invocation again, {@code maxRetryCount} times at
 * most ({@code -1}: until it succeeds). The host honours it for timer and Event Hubs triggers among
 * those this adapter offers; {@link AzureFunction#withRetry} refuses the others.
 *
 * <pre>{@code
 * AzureFunction.of("ingest", FunctionKind.MESSAGE, AzureTrigger.eventHub("telemetry", "EventHubConnection"))
 *     .withRetry(RetryPolicy.fixedDelay(3, Duration.ofSeconds(5)));
 * }</pre>
 *
 * <p>Immutable.
 */
public final class RetryPolicy {

  private final String strategy;
  private final int maxRetryCount;
  private final Duration delay;
  private final Duration maximum;

  private RetryPolicy(String strategy, int maxRetryCount, Duration delay, Duration maximum) {
    if (maxRetryCount < -1) {
      throw new IllegalArgumentException(
          "maxRetryCount must be -1 (retry until it succeeds) or more, was " + maxRetryCount);
    }
    this.strategy = strategy;
    this.maxRetryCount = maxRetryCount;
    this.delay = positive(delay, "delay");
    this.maximum = maximum;
  }

  /**
   * Retries after the same delay each time.
   *
   * @param maxRetryCount retries at most; {@code -1} for no limit
   * @param delay the delay between retries; positive
   * @return the policy
   */
  public static RetryPolicy fixedDelay(int maxRetryCount, Duration delay) {
    return new RetryPolicy("fixedDelay", maxRetryCount, delay, null);
  }

  /**
   * Retries after a delay that grows from {@code minimum} to {@code maximum}.
   *
   * @param maxRetryCount retries at most; {@code -1} for no limit
   * @param minimum the first delay; positive
   * @param maximum the longest delay; at least {@code minimum}
   * @return the policy
   */
  public static RetryPolicy exponentialBackoff(
      int maxRetryCount, Duration minimum, Duration maximum) {
    positive(maximum, "maximum");
    if (maximum.compareTo(positive(minimum, "minimum")) < 0) {
      throw new IllegalArgumentException(
          "maximum (" + maximum + ") must not be less than minimum (" + minimum + ")");
    }
    return new RetryPolicy("exponentialBackoff", maxRetryCount, minimum, maximum);
  }

  /**
   * Returns the strategy as {@code function.json} names it: {@code fixedDelay} or {@code
   * exponentialBackoff}.
   *
   * @return the strategy
   */
  public String strategy() {
    return strategy;
  }

  /**
   * Returns the most retries, {@code -1} for no limit.
   *
   * @return the count
   */
  public int maxRetryCount() {
    return maxRetryCount;
  }

  void write(ObjectNode retry) {
    retry.put("strategy", strategy);
    retry.put("maxRetryCount", maxRetryCount);
    if (maximum == null) {
      retry.put("delayInterval", timeSpan(delay));
    } else {
      retry.put("minimumInterval", timeSpan(delay));
      retry.put("maximumInterval", timeSpan(maximum));
    }
  }

  /** Formats a duration as a .NET {@code TimeSpan}: {@code [d.]hh:mm:ss[.fff]}. */
  static String timeSpan(Duration duration) {
    long days = duration.toDays();
    String text =
        String.format(
            "%02d:%02d:%02d",
            duration.toHoursPart(), duration.toMinutesPart(), duration.toSecondsPart());
    if (duration.toMillisPart() != 0) {
      text += String.format(".%03d", duration.toMillisPart());
    }
    return days == 0 ? text : days + "." + text;
  }

  private static Duration positive(Duration duration, String what) {
    Objects.requireNonNull(duration, what);
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException(what + " must be positive, was " + duration);
    }
    return duration;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof RetryPolicy that
        && that.strategy.equals(strategy)
        && that.maxRetryCount == maxRetryCount
        && that.delay.equals(delay)
        && Objects.equals(that.maximum, maximum);
  }

  @Override
  public int hashCode() {
    return Objects.hash(strategy, maxRetryCount, delay, maximum);
  }

  @Override
  public String toString() {
    return "RetryPolicy["
        + strategy
        + ", "
        + maxRetryCount
        + ", "
        + delay
        + (maximum == null ? "" : "-" + maximum)
        + "]";
  }
}
