package dev.portablefunctions.samples.telemetry;

import java.time.Instant;

/**
 * One device's hour, rolled up from its minutes by {@link HourlyRollup}.
 *
 * @param deviceId the device
 * @param hour the start of the hour (UTC)
 * @param count how many readings
 * @param min the lowest temperature
 * @param max the highest temperature
 * @param mean the mean temperature over all readings
 * @param minutesWithData how many minutes had a reading
 * @param alertMinutes how many minutes raised an alert
 */
public record HourlySummary(
    String deviceId,
    Instant hour,
    long count,
    double min,
    double max,
    double mean,
    int minutesWithData,
    int alertMinutes) {}
