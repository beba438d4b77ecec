package dev.portablefunctions.samples.shop;

import java.util.List;

/**
 * The stock on hand, per product. Implementations must be thread-safe, and {@link #reserve} atomic
 * and idempotent per order: a redelivered message must not reserve twice.
 *
 * <p>In production: one DynamoDB item per product, decremented in a {@code TransactWriteItems} with
 * a condition {@code stock >= :quantity} per line plus a reservation item per order that must not
 * exist yet; a Cosmos DB transactional batch (or stored procedure) within one partition; a
 * Firestore transaction.
 */
public interface Inventory {

  /**
   * A product there is not enough of.
   *
   * @param sku the product
   * @param requested how many the order asks for
   * @param available how many are left
   */
  record Shortage(String sku, int requested, int available) {}

  /**
   * Reserves every line of an order, or none of them.
   *
   * @param orderId the order; reserving an order already reserved does nothing and succeeds
   * @param lines what to reserve
   * @return empty if the order's stock is reserved; otherwise what is short, and nothing is
   *     reserved
   * @throws Exception if the store cannot be reached
   */
  List<Shortage> reserve(String orderId, List<OrderLine> lines) throws Exception;
}
