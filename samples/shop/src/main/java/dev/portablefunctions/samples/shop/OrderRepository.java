package dev.portablefunctions.samples.shop;

import java.util.List;
import java.util.Optional;

/**
 * Where orders are kept. Implementations must be thread-safe, and {@link #create} atomic: two
 * concurrent calls with one idempotency key store one order.
 *
 * <p>In production: a DynamoDB table keyed by order id, with the idempotency record written in the
 * same {@code TransactWriteItems} under the condition {@code attribute_not_exists}; a Cosmos DB
 * container with a unique key on the idempotency key; a Firestore transaction that reads, then
 * creates, the idempotency document.
 */
public interface OrderRepository {

  /**
   * What {@link #create} stored under an idempotency key.
   *
   * @param order the order stored under the key: the new one, or the one a first request stored
   * @param fingerprint the fingerprint of the request that stored it
   * @param replayed whether the key was already taken, so nothing new was stored
   */
  record Created(Order order, String fingerprint, boolean replayed) {}

  /**
   * Stores a new order unless its customer already used the idempotency key.
   *
   * @param idempotencyKey the client's key, scoped to the order's customer
   * @param fingerprint what the request asked for ({@link NewOrder#fingerprint()})
   * @param order the order to store if the key is new
   * @return the order stored under the key, with the fingerprint of the request that stored it
   * @throws Exception if the store cannot be reached
   */
  Created create(String idempotencyKey, String fingerprint, Order order) throws Exception;

  /**
   * Finds an order.
   *
   * @param id the order's id
   * @return the order, or empty if there is none
   * @throws Exception if the store cannot be reached
   */
  Optional<Order> find(String id) throws Exception;

  /**
   * Lists a customer's orders, newest first.
   *
   * @param customerId the customer
   * @param limit the most to return, at least 1
   * @return the orders; empty if there are none
   * @throws Exception if the store cannot be reached
   */
  List<Order> byCustomer(String customerId, int limit) throws Exception;

  /**
   * Marks an order paid; does nothing to an order already paid.
   *
   * @param id the order's id
   * @return the paid order, or empty if there is no such order
   * @throws Exception if the store cannot be reached
   */
  Optional<Order> markPaid(String id) throws Exception;
}
