package dev.portablefunctions.samples.shop;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the shop's functions need from outside: the stores, the message publishers and the
 * clock. A function takes one in its constructor, so a test hands it fresh in-memory stores, and
 * its public no-argument constructor (the one the adapters call, once per process) takes {@link
 * #defaults()}.
 *
 * <pre>{@code
 * Shop shop = Shop.inMemory(List.of(new Product("CUP-ESP", "Espresso cup", 450, "EUR")),
 *     Map.of("CUP-ESP", 10), Clock.systemUTC());
 * LocalInvoker invoker = LocalInvoker.of(new OrderApi(shop));
 * }</pre>
 *
 * @param catalog the products and their prices
 * @param orders the orders
 * @param inventory the stock
 * @param receipts which receipt belongs to which order
 * @param orderPaid where {@link PaymentWebhook} publishes paid orders
 * @param receiptReady where {@link ReceiptStored} announces receipts
 * @param clock the time
 */
public record Shop(
    Catalog catalog,
    OrderRepository orders,
    Inventory inventory,
    Receipts receipts,
    Publisher<OrderPaid> orderPaid,
    Publisher<ReceiptReady> receiptReady,
    Clock clock) {

  /**
   * Checks the components.
   *
   * @param catalog the products
   * @param orders the orders
   * @param inventory the stock
   * @param receipts the receipts
   * @param orderPaid the order-paid publisher
   * @param receiptReady the receipt-ready publisher
   * @param clock the time
   */
  public Shop {
    Objects.requireNonNull(catalog, "catalog");
    Objects.requireNonNull(orders, "orders");
    Objects.requireNonNull(inventory, "inventory");
    Objects.requireNonNull(receipts, "receipts");
    Objects.requireNonNull(orderPaid, "orderPaid");
    Objects.requireNonNull(receiptReady, "receiptReady");
    Objects.requireNonNull(clock, "clock");
  }

  /**
   * Returns a shop held in this process's memory: thread-safe, lost when the process ends, and not
   * shared between the instances a cloud runs. For tests and {@code mvn portable:run}.
   *
   * @param products the catalog
   * @param stock the stock on hand per SKU
   * @param clock the time
   * @return the shop
   */
  public static Shop inMemory(List<Product> products, Map<String, Integer> stock, Clock clock) {
    return new Shop(
        new InMemoryCatalog(products),
        new InMemoryOrders(),
        new InMemoryInventory(stock),
        new InMemoryReceipts(),
        new InMemoryPublisher<>(),
        new InMemoryPublisher<>(),
        clock);
  }

  /**
   * Returns the shop every function of this process shares, created on first use.
   *
   * <p><b>This is the one place to change for a deployment</b>: it is an {@linkplain #inMemory
   * in-memory} shop with a small demo catalog, so that {@code mvn portable:run} works with nothing
   * else running. Return implementations of the interfaces backed by DynamoDB and SQS, Cosmos DB
   * and Service Bus, or Firestore and Pub/Sub instead, each client created once here (reading its
   * settings from the environment), so that every invocation of the process reuses it.
   *
   * @return the shared shop
   */
  public static Shop defaults() {
    return Defaults.SHOP;
  }

  /**
   * Holds the default shop: created when first asked for, once, by the JVM's class initialisation.
   */
  private static final class Defaults {
    static final Shop SHOP =
        inMemory(
            List.of(
                new Product("CUP-ESP", "Espresso cup", 450, "EUR"),
                new Product("MUG-TALL", "Tall mug", 900, "EUR"),
                new Product("BEANS-1KG", "Coffee beans, 1 kg", 2400, "EUR")),
            Map.of("CUP-ESP", 100, "MUG-TALL", 50, "BEANS-1KG", 20),
            Clock.systemUTC());
  }
}
