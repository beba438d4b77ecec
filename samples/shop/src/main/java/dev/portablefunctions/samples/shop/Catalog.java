package dev.portablefunctions.samples.shop;

import java.util.Optional;

/**
 * The products the shop sells, with their prices: the order API prices each order line from here,
 * never from the client. Implementations must be thread-safe.
 */
public interface Catalog {

  /**
   * Looks a product up.
   *
   * @param sku the product's stock-keeping unit
   * @return the product, or empty if the shop does not sell it
   * @throws Exception if the catalog cannot be read (the invocation fails and is retried or
   *     answered with a 500)
   */
  Optional<Product> product(String sku) throws Exception;
}
