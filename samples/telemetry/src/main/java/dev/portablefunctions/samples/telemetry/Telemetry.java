package dev.portablefunctions.samples.telemetry;

import java.time.Clock;
import java.util.Objects;

/**
 * Everything the telemetry functions need from outside: the stores, the publishers, the alert
 * threshold and the clock. A function takes one in its constructor, so a test hands it fresh
 * in-memory stores, and its public no-argument constructor (the one the adapters call, once per
 * process) takes {@link #defaults()}.
 *
 * @param minutes each device's readings per minute
 * @param summaries the hourly summaries
 * @param alerts where alerts go
 * @param rejects where malformed readings are reported
 * @param alertCelsius a minute whose hottest reading is above this raises an alert
 * @param clock the time
 */
public record Telemetry(
    MinuteAggregates minutes,
    HourlySummaries summaries,
    Publisher<Alert> alerts,
    Publisher<RejectedReading> rejects,
    double alertCelsius,
    Clock clock) {

  /** The environment variable that sets {@link #alertCelsius()} of the default wiring. */
  public static final String ALERT_CELSIUS_VARIABLE = "TELEMETRY_ALERT_CELSIUS";

  /** The threshold when {@value #ALERT_CELSIUS_VARIABLE} is not set. */
  public static final double DEFAULT_ALERT_CELSIUS = 60;

  /**
   * Checks the components.
   *
   * @param minutes the minute store
   * @param summaries the summary store
   * @param alerts the alert publisher
   * @param rejects the reject publisher
   * @param alertCelsius the alert threshold
   * @param clock the time
   */
  public Telemetry {
    Objects.requireNonNull(minutes, "minutes");
    Objects.requireNonNull(summaries, "summaries");
    Objects.requireNonNull(alerts, "alerts");
    Objects.requireNonNull(rejects, "rejects");
    Objects.requireNonNull(clock, "clock");
    if (!Double.isFinite(alertCelsius)) {
      throw new IllegalArgumentException("alertCelsius must be a finite number");
    }
  }

  /**
   * Returns stores and publishers held in this process's memory: thread-safe, lost when the process
   * ends, and not shared between the instances a cloud runs. For tests and {@code mvn
   * portable:run}.
   *
   * @param alertCelsius the alert threshold
   * @param clock the time
   * @return the wiring
   */
  public static Telemetry inMemory(double alertCelsius, Clock clock) {
    return new Telemetry(
        new InMemoryMinuteAggregates(),
        new InMemoryHourlySummaries(),
        new InMemoryPublisher<>(),
        new InMemoryPublisher<>(),
        alertCelsius,
        clock);
  }

  /**
   * Returns the wiring every function of this process shares, created on first use, with the
   * threshold from {@value #ALERT_CELSIUS_VARIABLE}.
   *
   * <p><b>This is the one place to change for a deployment</b>: it is {@linkplain #inMemory in
   * memory}, so that {@code mvn portable:run} works with nothing else running. Return stores backed
   * by DynamoDB, Cosmos DB or Firestore and publishers on SNS, Event Grid or Pub/Sub instead, each
   * client created once here.
   *
   * @return the shared wiring
   * @throws IllegalStateException if {@value #ALERT_CELSIUS_VARIABLE} is not a number
   */
  public static Telemetry defaults() {
    return Defaults.TELEMETRY;
  }

  static double alertCelsius(String value) {
    if (value == null || value.isBlank()) {
      return DEFAULT_ALERT_CELSIUS;
    }
    try {
      return Double.parseDouble(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalStateException(
          ALERT_CELSIUS_VARIABLE + " must be a number of degrees Celsius, such as 60");
    }
  }

  /** Holds the default wiring: created when first asked for, once. */
  private static final class Defaults {
    static final Telemetry TELEMETRY =
        inMemory(alertCelsius(System.getenv(ALERT_CELSIUS_VARIABLE)), Clock.systemUTC());
  }
}
