package dev.portablefunctions.samples.telemetry;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Minutes in a concurrent map, each changed atomically with the ids of its readings. */
final class InMemoryMinuteAggregates implements MinuteAggregates {

  private record Key(String deviceId, Instant minute) {}

  private record Window(MinuteAggregate aggregate, Set<String> readingIds) {}

  private final ConcurrentMap<Key, Window> windows = new ConcurrentHashMap<>();

  @Override
  public MinuteAggregate add(String readingId, String deviceId, Instant time, double celsius) {
    Instant minute = time.truncatedTo(ChronoUnit.MINUTES);
    return windows
        .compute(
            new Key(deviceId, minute),
            (key, window) -> {
              if (window == null) {
                Set<String> ids = new HashSet<>();
                ids.add(readingId);
                return new Window(MinuteAggregate.of(deviceId, minute, celsius), ids);
              }
              if (!window.readingIds().add(readingId)) {
                return window; // a redelivery: counted already
              }
              return new Window(window.aggregate().plus(celsius), window.readingIds());
            })
        .aggregate();
  }

  @Override
  public void markAlerted(String deviceId, Instant minute) {
    windows.computeIfPresent(
        new Key(deviceId, minute),
        (key, window) -> new Window(window.aggregate().withAlert(), window.readingIds()));
  }

  @Override
  public List<MinuteAggregate> inHour(Instant hour) {
    Instant end = hour.plus(1, ChronoUnit.HOURS);
    return windows.values().stream()
        .map(Window::aggregate)
        .filter(aggregate -> !aggregate.minute().isBefore(hour) && aggregate.minute().isBefore(end))
        .toList();
  }
}
