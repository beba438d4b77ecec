package dev.portablefunctions.samples.shop;

/**
 * Sends messages to other services, at least once. Implementations must be thread-safe.
 *
 * <p>In production: SQS {@code SendMessage} (or SNS, or EventBridge {@code PutEvents}), a Service
 * Bus sender, a Pub/Sub publisher, each created once per process. Consumers must be idempotent: a
 * function that fails after publishing is retried, and publishes again.
 *
 * @param <T> the message type, written as JSON
 */
@FunctionalInterface
public interface Publisher<T> {

  /**
   * Publishes one message.
   *
   * @param key what the message is about (an order id): the deduplication id, message group or
   *     ordering key where the broker has one
   * @param message the message
   * @throws Exception if the broker did not accept it; the caller's invocation then fails and is
   *     retried
   */
  void publish(String key, T message) throws Exception;
}
