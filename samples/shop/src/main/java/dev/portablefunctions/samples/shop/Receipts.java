package dev.portablefunctions.samples.shop;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Which receipt belongs to which order. Implementations must be thread-safe.
 *
 * <p>In production: an attribute of the order's DynamoDB item, Cosmos DB document or Firestore
 * document.
 */
public interface Receipts {

  /**
   * A receipt document in object storage.
   *
   * @param orderId the order it is for
   * @param bucket the bucket (container) it is in
   * @param key its object key (blob name)
   * @param storedAt when it was stored
   */
  record Receipt(String orderId, String bucket, String key, Instant storedAt) {

    /**
     * Checks the components.
     *
     * @param orderId the order
     * @param bucket the bucket
     * @param key the key
     * @param storedAt when it was stored
     */
    public Receipt {
      Objects.requireNonNull(orderId, "orderId");
      Objects.requireNonNull(bucket, "bucket");
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(storedAt, "storedAt");
    }
  }

  /**
   * Records an order's receipt, replacing an earlier one; saving the same receipt again changes
   * nothing.
   *
   * @param receipt the receipt
   * @throws Exception if the store cannot be reached
   */
  void save(Receipt receipt) throws Exception;

  /**
   * Finds an order's receipt.
   *
   * @param orderId the order
   * @return its receipt, or empty
   * @throws Exception if the store cannot be reached
   */
  Optional<Receipt> find(String orderId) throws Exception;

  /**
   * Forgets an order's receipt if it is the given object.
   *
   * @param orderId the order
   * @param bucket the bucket of the deleted object
   * @param key the key of the deleted object
   * @throws Exception if the store cannot be reached
   */
  void remove(String orderId, String bucket, String key) throws Exception;
}
