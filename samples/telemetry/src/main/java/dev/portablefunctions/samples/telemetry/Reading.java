package dev.portablefunctions.samples.telemetry;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One temperature reading, as a device publishes it (the body of one stream record):
 *
 * <pre>{@code
 * {"deviceId": "boiler-7", "time": "2024-05-01T12:00:03Z", "celsius": 71.5}
 * }</pre>
 *
 * <p>Components are null when the JSON leaves them out; {@link #problems} says what is wrong.
 *
 * @param deviceId the device, 1 to 128 letters, digits, {@code . _ : -}
 * @param time when the device measured
 * @param celsius the temperature
 */
public record Reading(String deviceId, Instant time, Double celsius) {

  /** The lowest temperature the sensors report. */
  public static final double MIN_CELSIUS = -80;

  /** The highest temperature the sensors report. */
  public static final double MAX_CELSIUS = 200;

  /** How far ahead of the clock a device's time may be. */
  public static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

  /** How old a reading may be: a stream's default retention. */
  public static final Duration MAX_AGE = Duration.ofHours(24);

  private static final Pattern DEVICE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

  /**
   * Lists what is wrong with this reading.
   *
   * @param now the current time
   * @return the problems; empty if the reading is valid
   */
  public List<String> problems(Instant now) {
    List<String> problems = new ArrayList<>();
    if (deviceId == null || !DEVICE.matcher(deviceId).matches()) {
      problems.add("deviceId: 1 to 128 letters, digits, '.', '_', ':' or '-'");
    }
    if (time == null) {
      problems.add("time: required, an ISO-8601 instant");
    } else if (time.isAfter(now.plus(CLOCK_SKEW))) {
      problems.add("time: more than " + CLOCK_SKEW.toMinutes() + " minutes in the future");
    } else if (time.isBefore(now.minus(MAX_AGE))) {
      problems.add("time: older than " + MAX_AGE.toHours() + " hours");
    }
    if (celsius == null || celsius.isNaN() || celsius < MIN_CELSIUS || celsius > MAX_CELSIUS) {
      problems.add("celsius: a number from " + MIN_CELSIUS + " to " + MAX_CELSIUS);
    }
    return problems;
  }
}
