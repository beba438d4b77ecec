package dev.portablefunctions.samples.telemetry;

import java.time.Instant;

/**
 * A device ran hotter than the threshold within a minute. At most one per device and minute.
 *
 * @param deviceId the device
 * @param minute the start of the minute
 * @param celsius the hottest reading of the minute so far
 * @param thresholdCelsius the threshold it passed
 */
public record Alert(String deviceId, Instant minute, double celsius, double thresholdCelsius) {}
