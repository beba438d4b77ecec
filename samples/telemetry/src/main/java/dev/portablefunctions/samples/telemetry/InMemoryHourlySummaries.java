package dev.portablefunctions.samples.telemetry;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Summaries in a concurrent map by device and hour. */
final class InMemoryHourlySummaries implements HourlySummaries {

  private record Key(String deviceId, Instant hour) {}

  private final ConcurrentMap<Key, HourlySummary> summaries = new ConcurrentHashMap<>();

  @Override
  public void save(HourlySummary summary) {
    summaries.put(new Key(summary.deviceId(), summary.hour()), summary);
  }

  @Override
  public Optional<HourlySummary> find(String deviceId, Instant hour) {
    return Optional.ofNullable(summaries.get(new Key(deviceId, hour)));
  }
}
