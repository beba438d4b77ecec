package dev.portablefunctions.samples.shop;

import dev.portablefunctions.Context;
import dev.portablefunctions.FunctionException;
import dev.portablefunctions.Message;
import dev.portablefunctions.MessageFunction;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reserves the stock of each paid order: consumes {@link OrderPaid} messages from an SQS queue, a
 * Service Bus queue or a Pub/Sub topic.
 *
 * <p>Each message of a batch runs on its own, and only a message that fails is redelivered:
 *
 * <ul>
 *   <li>a body that is not an {@code OrderPaid} fails with a 400 ({@link
 *       FunctionException.Kind#BAD_INPUT}); it cannot succeed, so after the queue's retries it
 *       lands in the dead-letter queue for a person to look at;
 *   <li>an order there is not enough stock for fails with a 409 ({@link
 *       FunctionException.Kind#CONFLICT}) and nothing of it is reserved; a redelivery after a
 *       restock succeeds, and one that never does ends in the dead-letter queue (refund it there).
 * </ul>
 *
 * <p>Messages arrive at least once: {@link Inventory#reserve} is idempotent per order, so a
 * redelivered order reserves nothing twice.
 */
public final class ReserveStock implements MessageFunction {

  private final Shop shop;

  /** Creates the function on the {@linkplain Shop#defaults() default shop}; adapters call this. */
  public ReserveStock() {
    this(Shop.defaults());
  }

  /**
   * Creates the function on a given shop.
   *
   * @param shop the stores to use
   */
  public ReserveStock(Shop shop) {
    this.shop = shop;
  }

  @Override
  public void handle(Message message, Context context) throws Exception {
    OrderPaid paid = message.bodyAs(OrderPaid.class);
    if (paid == null || paid.orderId() == null || paid.lines() == null || paid.lines().isEmpty()) {
      throw FunctionException.badInput(
          "Message " + message.id() + " is not an order-paid message: no orderId or no lines.");
    }
    List<Inventory.Shortage> shortages = shop.inventory().reserve(paid.orderId(), paid.lines());
    if (!shortages.isEmpty()) {
      throw FunctionException.conflict(
          "Not enough stock for order "
              + paid.orderId()
              + ": "
              + shortages.stream()
                  .map(
                      s -> s.sku() + " (" + s.requested() + " ordered, " + s.available() + " left)")
                  .collect(Collectors.joining(", ")));
    }
    context.logger().info("Stock reserved for order " + paid.orderId());
  }
}
