package dev.portablefunctions.samples.shop;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Receipts by order id in a concurrent map. Thread-safe. */
final class InMemoryReceipts implements Receipts {

  private final ConcurrentMap<String, Receipt> byOrder = new ConcurrentHashMap<>();

  @Override
  public void save(Receipt receipt) {
    byOrder.put(receipt.orderId(), receipt);
  }

  @Override
  public Optional<Receipt> find(String orderId) {
    return Optional.ofNullable(byOrder.get(orderId));
  }

  @Override
  public void remove(String orderId, String bucket, String key) {
    byOrder.computeIfPresent(
        orderId,
        (id, receipt) ->
            receipt.bucket().equals(bucket) && receipt.key().equals(key) ? null : receipt);
  }
}
