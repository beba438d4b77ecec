package dev.portablefunctions.samples.shop;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** A fixed catalog. Immutable, so thread-safe. */
final class InMemoryCatalog implements Catalog {

  private final Map<String, Product> products;

  InMemoryCatalog(List<Product> products) {
    this.products =
        Map.copyOf(products.stream().collect(Collectors.toMap(Product::sku, Function.identity())));
  }

  @Override
  public Optional<Product> product(String sku) {
    return Optional.ofNullable(products.get(sku));
  }
}
