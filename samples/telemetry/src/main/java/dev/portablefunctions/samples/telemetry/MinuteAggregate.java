package dev.portablefunctions.samples.telemetry;

import java.time.Instant;

/**
 * One device's readings within one minute.
 *
 * @param deviceId the device
 * @param minute the start of the minute (UTC)
 * @param count how many readings
 * @param min the lowest temperature
 * @param max the highest temperature
 * @param sum the sum of the temperatures
 * @param alerted whether an {@link Alert} went out for this minute
 */
public record MinuteAggregate(
    String deviceId,
    Instant minute,
    long count,
    double min,
    double max,
    double sum,
    boolean alerted) {

  /**
   * Returns the aggregate of one reading.
   *
   * @param deviceId the device
   * @param minute the start of the minute
   * @param celsius the temperature
   * @return the aggregate
   */
  public static MinuteAggregate of(String deviceId, Instant minute, double celsius) {
    return new MinuteAggregate(deviceId, minute, 1, celsius, celsius, celsius, false);
  }

  /**
   * Returns this aggregate with one more reading.
   *
   * @param celsius the temperature
   * @return the new aggregate
   */
  public MinuteAggregate plus(double celsius) {
    return new MinuteAggregate(
        deviceId,
        minute,
        count + 1,
        Math.min(min, celsius),
        Math.max(max, celsius),
        sum + celsius,
        alerted);
  }

  /**
   * Returns this aggregate, marked alerted.
   *
   * @return the new aggregate
   */
  public MinuteAggregate withAlert() {
    return new MinuteAggregate(deviceId, minute, count, min, max, sum, true);
  }

  /**
   * Returns the mean temperature.
   *
   * @return sum divided by count
   */
  public double mean() {
    return sum / count;
  }
}
