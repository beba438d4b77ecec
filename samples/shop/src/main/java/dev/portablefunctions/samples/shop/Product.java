package dev.portablefunctions.samples.shop;

import java.util.Objects;

/**
 * A product the shop sells.
 *
 * @param sku the stock-keeping unit, the product's id
 * @param name its display name
 * @param priceCents its unit price in the currency's minor unit
 * @param currency an ISO 4217 code, such as {@code EUR}
 */
public record Product(String sku, String name, long priceCents, String currency) {

  /**
   * Checks the components.
   *
   * @param sku the stock-keeping unit
   * @param name the display name
   * @param priceCents the unit price, not negative
   * @param currency the currency code
   */
  public Product {
    Objects.requireNonNull(sku, "sku");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(currency, "currency");
    if (priceCents < 0) {
      throw new IllegalArgumentException("priceCents must not be negative, was " + priceCents);
    }
  }
}
