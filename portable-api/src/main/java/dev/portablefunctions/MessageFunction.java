package dev.portablefunctions;

/**
 * A function that consumes one message from a queue or topic.
 *
 * <p>Providers deliver messages in batches (SQS, Kinesis, Event Hubs, ...). The adapter calls this
 * function once per message, each in isolation, and reports the messages that threw back to the
 * provider its own way (SQS {@code batchItemFailures}, a non-2xx answer to a Pub/Sub push, an
 * exception per Service Bus message), so one poison message neither fails its neighbours nor is
 * lost: it is redelivered and, after the provider's retry limit, dead-lettered.
 *
 * <p>Where the source orders messages (SQS FIFO groups, Kinesis shards, Pub/Sub ordering keys), a
 * failure also fails the messages after it that share its {@link Message#orderingKey()}, so order
 * is kept across redelivery.
 *
 * <pre>{@code
 * public final class Audit implements MessageFunction {
 *   public void handle(Message message, Context context) {
 *     AuditEntry entry = message.bodyAs(AuditEntry.class);
 *     context.logger().info("audit " + entry.action());
 *   }
 * }
 * }</pre>
 *
 * <p>Delivery is at least once on every cloud: make the function idempotent, for example by keying
 * its effects on {@link Message#id()}.
 */
@FunctionalInterface
public interface MessageFunction {

  /**
   * Handles one message.
   *
   * @param message the message, never null
   * @param context the context of the invocation that carries the batch, never null
   * @throws Exception any failure; the message is reported as failed and redelivered
   */
  void handle(Message message, Context context) throws Exception;
}
