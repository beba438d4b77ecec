package dev.portablefunctions.samples.shop;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/** A fresh in-memory shop per test, with a small catalog and a fixed clock. */
final class TestShops {

  static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");

  private TestShops() {}

  static Shop fresh() {
    return Shop.inMemory(
        List.of(
            new Product("CUP-ESP", "Espresso cup", 450, "EUR"),
            new Product("MUG-TALL", "Tall mug", 900, "EUR"),
            new Product("MUG-USD", "Mug priced in dollars", 1000, "USD")),
        Map.of("CUP-ESP", 10, "MUG-TALL", 3),
        Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @SuppressWarnings("unchecked")
  static <T> InMemoryPublisher<T> published(Publisher<T> publisher) {
    return (InMemoryPublisher<T>) publisher;
  }
}
