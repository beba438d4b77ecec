package dev.portablefunctions.samples.telemetry;

import java.time.Instant;
import java.util.Optional;

/**
 * The hourly summaries. Implementations must be thread-safe; saving a summary replaces the one of
 * the same device and hour, so a rollup that runs twice changes nothing.
 *
 * <p>In production: a DynamoDB table keyed by device and hour; a Cosmos DB container; a Firestore
 * collection; or a time-series or analytics store that dashboards read.
 */
public interface HourlySummaries {

  /**
   * Saves a summary, replacing an earlier one of its device and hour.
   *
   * @param summary the summary
   * @throws Exception if the store cannot be reached
   */
  void save(HourlySummary summary) throws Exception;

  /**
   * Finds a summary.
   *
   * @param deviceId the device
   * @param hour the start of the hour
   * @return the summary, or empty
   * @throws Exception if the store cannot be reached
   */
  Optional<HourlySummary> find(String deviceId, Instant hour) throws Exception;
}
