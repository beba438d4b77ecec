package dev.portablefunctions.samples.shop;

import dev.portablefunctions.Context;
import dev.portablefunctions.EventFunction;
import dev.portablefunctions.FunctionException;
import dev.portablefunctions.StorageEvent;

/**
 * Reacts to receipts in object storage: the invoicing system writes each order's receipt as {@code
 * <order id>.pdf} (under any prefix) to the receipts bucket (an S3 bucket, a Blob Storage
 * container, a Cloud Storage bucket).
 *
 * <ul>
 *   <li>a created receipt is recorded against its order and announced with {@link ReceiptReady}
 *       (keyed by order id), for the service that mails it to the customer;
 *   <li>a deleted receipt is forgotten;
 *   <li>any other object is ignored.
 * </ul>
 *
 * <p>A receipt for an order the shop does not know fails the event (404), so the cloud retries it:
 * the order may not be visible yet. Events arrive at least once and announcing twice is harmless,
 * so a redelivered event announces again rather than risk announcing never.
 */
public final class ReceiptStored implements EventFunction<StorageEvent> {

  private static final String SUFFIX = ".pdf";

  private final Shop shop;

  /** Creates the function on the {@linkplain Shop#defaults() default shop}; adapters call this. */
  public ReceiptStored() {
    this(Shop.defaults());
  }

  /**
   * Creates the function on a given shop.
   *
   * @param shop the stores and publishers to use
   */
  public ReceiptStored(Shop shop) {
    this.shop = shop;
  }

  @Override
  public void handle(StorageEvent event, Context context) throws Exception {
    String name = event.key().substring(event.key().lastIndexOf('/') + 1);
    if (!name.endsWith(SUFFIX) || name.length() == SUFFIX.length()) {
      context.logger().debug("Object " + event.key() + " is not a receipt; ignored");
      return;
    }
    String orderId = name.substring(0, name.length() - SUFFIX.length());
    switch (event.change()) {
      case CREATED -> {
        Order order =
            shop.orders()
                .find(orderId)
                .orElseThrow(
                    () ->
                        FunctionException.notFound(
                            "Receipt "
                                + event.key()
                                + " names order "
                                + orderId
                                + ", which the"
                                + " shop does not know (yet)."));
        shop.receipts()
            .save(
                new Receipts.Receipt(
                    order.id(),
                    event.bucket(),
                    event.key(),
                    event.time().orElse(shop.clock().instant())));
        shop.receiptReady()
            .publish(
                order.id(),
                new ReceiptReady(order.id(), order.customerId(), event.bucket(), event.key()));
        context.logger().info("Receipt of order " + order.id() + " recorded");
      }
      case DELETED -> {
        shop.receipts().remove(orderId, event.bucket(), event.key());
        context.logger().info("Receipt of order " + orderId + " deleted");
      }
    }
  }
}
