package dev.portablefunctions.samples.shop;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Stock levels in a map, changed under one lock, so a reservation is all or nothing. */
final class InMemoryInventory implements Inventory {

  private final Map<String, Integer> stock;
  private final Set<String> reserved = new HashSet<>();

  InMemoryInventory(Map<String, Integer> stock) {
    this.stock = new HashMap<>(stock);
  }

  @Override
  public synchronized List<Shortage> reserve(String orderId, List<OrderLine> lines) {
    if (reserved.contains(orderId)) {
      return List.of();
    }
    List<Shortage> shortages = new ArrayList<>();
    for (OrderLine line : lines) {
      int available = stock.getOrDefault(line.sku(), 0);
      if (available < line.quantity()) {
        shortages.add(new Shortage(line.sku(), line.quantity(), available));
      }
    }
    if (shortages.isEmpty()) {
      lines.forEach(line -> stock.merge(line.sku(), -line.quantity(), Integer::sum));
      reserved.add(orderId);
    }
    return shortages;
  }

  /** Returns the stock on hand of a product. */
  synchronized int available(String sku) {
    return stock.getOrDefault(sku, 0);
  }
}
