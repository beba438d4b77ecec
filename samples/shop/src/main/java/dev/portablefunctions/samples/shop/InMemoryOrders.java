package dev.portablefunctions.samples.shop;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Orders in two concurrent maps: by id, and by customer and idempotency key. Thread-safe. */
final class InMemoryOrders implements OrderRepository {

  private final ConcurrentMap<String, Order> byId = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, Created> byKey = new ConcurrentHashMap<>();

  @Override
  public Created create(String idempotencyKey, String fingerprint, Order order) {
    String scoped = order.customerId() + '\u0000' + idempotencyKey;
    Created stored =
        byKey.computeIfAbsent(
            scoped,
            key -> {
              byId.put(order.id(), order);
              return new Created(order, fingerprint, false);
            });
    if (stored.order() == order) {
      return stored;
    }
    // The key was taken: answer with the order as it is now (it may have been paid since).
    return new Created(byId.get(stored.order().id()), stored.fingerprint(), true);
  }

  @Override
  public Optional<Order> find(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  @Override
  public List<Order> byCustomer(String customerId, int limit) {
    return byId.values().stream()
        .filter(order -> order.customerId().equals(customerId))
        .sorted(Comparator.comparing(Order::createdAt).thenComparing(Order::id).reversed())
        .limit(limit)
        .toList();
  }

  @Override
  public Optional<Order> markPaid(String id) {
    return Optional.ofNullable(byId.computeIfPresent(id, (key, order) -> order.paid()));
  }
}
