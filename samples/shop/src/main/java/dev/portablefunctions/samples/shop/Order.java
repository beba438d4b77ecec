package dev.portablefunctions.samples.shop;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An order, as stored and as the order API answers it.
 *
 * @param id the order's id
 * @param customerId who placed it
 * @param lines what was ordered, priced
 * @param totalCents the sum of the lines, in the currency's minor unit
 * @param currency an ISO 4217 code
 * @param status where the order stands
 * @param createdAt when it was placed
 */
public record Order(
    String id,
    String customerId,
    List<OrderLine> lines,
    long totalCents,
    String currency,
    Status status,
    Instant createdAt) {

  /** Where an order stands. */
  public enum Status {
    /** Placed; the payment provider has not confirmed a payment yet. */
    AWAITING_PAYMENT,
    /** Paid: stock is reserved by {@link ReserveStock}. */
    PAID
  }

  /**
   * Checks and copies the components.
   *
   * @param id the order's id
   * @param customerId who placed it
   * @param lines what was ordered, not empty
   * @param totalCents the sum of the lines
   * @param currency the currency code
   * @param status where the order stands
   * @param createdAt when it was placed
   */
  public Order {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(customerId, "customerId");
    Objects.requireNonNull(currency, "currency");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(createdAt, "createdAt");
    lines = List.copyOf(lines);
    if (lines.isEmpty()) {
      throw new IllegalArgumentException("an order has at least one line");
    }
  }

  /**
   * Returns this order, paid.
   *
   * @return the paid order
   */
  public Order paid() {
    return new Order(id, customerId, lines, totalCents, currency, Status.PAID, createdAt);
  }
}
