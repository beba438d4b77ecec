package dev.portablefunctions.samples.shop;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps what is published, for tests and local runs. Thread-safe. */
final class InMemoryPublisher<T> implements Publisher<T> {

  /** One published message and its key. */
  record Published<T>(String key, T message) {}

  private final List<Published<T>> published = new CopyOnWriteArrayList<>();

  @Override
  public void publish(String key, T message) {
    published.add(new Published<>(key, message));
  }

  /** Returns what was published, in order. */
  List<Published<T>> published() {
    return List.copyOf(published);
  }
}
