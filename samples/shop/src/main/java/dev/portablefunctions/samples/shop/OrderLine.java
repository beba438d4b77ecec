package dev.portablefunctions.samples.shop;

import java.util.Objects;

/**
 * One line of an order, priced when the order was placed.
 *
 * @param sku the product
 * @param quantity how many, at least 1
 * @param unitPriceCents the unit price when the order was placed, in the currency's minor unit
 */
public record OrderLine(String sku, int quantity, long unitPriceCents) {

  /**
   * Checks the components.
   *
   * @param sku the product
   * @param quantity how many, at least 1
   * @param unitPriceCents the unit price, not negative
   */
  public OrderLine {
    Objects.requireNonNull(sku, "sku");
    if (quantity < 1) {
      throw new IllegalArgumentException("quantity must be at least 1, was " + quantity);
    }
    if (unitPriceCents < 0) {
      throw new IllegalArgumentException("unitPriceCents must not be negative");
    }
  }

  /**
   * Returns the line's total.
   *
   * @return quantity times unit price
   */
  public long totalCents() {
    return Math.multiplyExact(unitPriceCents, (long) quantity);
  }
}
