package dev.portablefunctions.samples.telemetry;

/**
 * Sends messages to other services, at least once. Implementations must be thread-safe.
 *
 * <p>In production: SNS or EventBridge, Event Grid or Service Bus, Pub/Sub, each client created
 * once per process; or an incident tool's events API over HTTP for alerts.
 *
 * @param <T> the message type, written as JSON
 */
@FunctionalInterface
public interface Publisher<T> {

  /**
   * Publishes one message.
   *
   * @param key what the message is about (a device id): the ordering or deduplication key where the
   *     broker has one
   * @param message the message
   * @throws Exception if the broker did not accept it; the reading that caused it then fails and is
   *     delivered again
   */
  void publish(String key, T message) throws Exception;
}
