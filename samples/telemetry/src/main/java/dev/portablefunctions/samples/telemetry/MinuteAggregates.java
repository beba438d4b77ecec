package dev.portablefunctions.samples.telemetry;

import java.time.Instant;
import java.util.List;

/**
 * Each device's readings per minute. Implementations must be thread-safe, and {@link #add}
 * idempotent per reading: a redelivered record must not count twice.
 *
 * <p>In production: a DynamoDB table keyed by device and minute, updated with an {@code UpdateItem}
 * that adds to the counters under the condition that the reading's id is not yet in the item's id
 * set, with a TTL of a few days; a Cosmos DB container partitioned by device, patched in a
 * transactional batch; a Firestore document per device and minute, updated in a transaction.
 */
public interface MinuteAggregates {

  /**
   * Adds a reading to its device's minute, unless a reading with this id was already added.
   *
   * @param readingId the stream's id of the reading, unique per device
   * @param deviceId the device
   * @param time when the device measured
   * @param celsius the temperature
   * @return the minute with the reading in it
   * @throws Exception if the store cannot be reached
   */
  MinuteAggregate add(String readingId, String deviceId, Instant time, double celsius)
      throws Exception;

  /**
   * Records that a minute's alert went out.
   *
   * @param deviceId the device
   * @param minute the start of the minute
   * @throws Exception if the store cannot be reached
   */
  void markAlerted(String deviceId, Instant minute) throws Exception;

  /**
   * Returns every device's minutes within an hour.
   *
   * @param hour the start of the hour
   * @return the minutes, in no particular order
   * @throws Exception if the store cannot be reached
   */
  List<MinuteAggregate> inHour(Instant hour) throws Exception;
}
