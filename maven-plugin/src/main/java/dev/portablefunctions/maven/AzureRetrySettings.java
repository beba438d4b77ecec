package dev.portablefunctions.maven;

import java.util.Optional;

/**
 * A function's Azure retry policy: the {@code <retry>} element of its {@code <azure>} settings,
 * written as the {@code retry} block of its {@code function.json}. When the function fails, the
 * host runs the same invocation again, {@code maxRetryCount} times at most. The host honours it for
 * the {@code eventHub} and {@code timer} triggers only, so it is allowed only with those.
 *
 * <pre>{@code
 * <azure>
 *   <trigger>eventHub</trigger><eventHub>telemetry</eventHub><connection>EventHubConnection</connection>
 *   <retry><strategy>fixedDelay</strategy><maxRetryCount>3</maxRetryCount><delayInterval>PT5S</delayInterval></retry>
 * </azure>
 * <azure>
 *   <retry>
 *     <strategy>exponentialBackoff</strategy><maxRetryCount>-1</maxRetryCount>
 *     <minimumInterval>PT10S</minimumInterval><maximumInterval>00:15:00</maximumInterval>
 *   </retry>
 * </azure>
 * }</pre>
 *
 * <table>
 *   <caption>Retry settings</caption>
 *   <tr><th>setting</th><th>value</th></tr>
 *   <tr><td>{@code strategy}</td><td>{@code fixedDelay} or {@code exponentialBackoff}, in any
 *       case; required</td></tr>
 *   <tr><td>{@code maxRetryCount}</td><td>the most retries, {@code -1} for no limit;
 *       required</td></tr>
 *   <tr><td>{@code delayInterval}</td><td>{@code fixedDelay} only, and required there: the delay
 *       between retries</td></tr>
 *   <tr><td>{@code minimumInterval}, {@code maximumInterval}</td><td>{@code exponentialBackoff}
 *       only, and both required there: the first and the longest delay (not less than the
 *       first)</td></tr>
 * </table>
 *
 * <p>An interval is positive and written either as an ISO-8601 duration ({@code PT5S}, {@code
 * PT1M30S}, {@code P1DT2H}, as {@link java.time.Duration#parse} reads it) or in the form {@code
 * function.json} itself uses, a .NET {@code TimeSpan} {@code [d.]hh:mm:ss[.fff]} ({@code 00:00:05},
 * {@code 1.02:00:00}; hours below 24, minutes and seconds below 60). Either way it is written to
 * {@code function.json} as {@code [d.]hh:mm:ss[.fff]}, so it must be a whole number of
 * milliseconds.
 */
public class AzureRetrySettings {

  private String strategy;
  private Integer maxRetryCount;
  private String delayInterval;
  private String minimumInterval;
  private String maximumInterval;

  /** For Maven. */
  public AzureRetrySettings() {}

  Optional<String> strategy() {
    return FunctionSettings.text(strategy);
  }

  Optional<Integer> maxRetryCount() {
    return Optional.ofNullable(maxRetryCount);
  }

  Optional<String> delayInterval() {
    return FunctionSettings.text(delayInterval);
  }

  Optional<String> minimumInterval() {
    return FunctionSettings.text(minimumInterval);
  }

  Optional<String> maximumInterval() {
    return FunctionSettings.text(maximumInterval);
  }

  AzureRetrySettings strategy(String value) {
    this.strategy = value;
    return this;
  }

  AzureRetrySettings maxRetryCount(int value) {
    this.maxRetryCount = value;
    return this;
  }

  AzureRetrySettings delayInterval(String value) {
    this.delayInterval = value;
    return this;
  }

  AzureRetrySettings minimumInterval(String value) {
    this.minimumInterval = value;
    return this;
  }

  AzureRetrySettings maximumInterval(String value) {
    this.maximumInterval = value;
    return this;
  }
}
