package dev.portablefunctions.spi;

import java.util.Locale;

/**
 * What kind of trigger started an invocation, in the words of OpenTelemetry's {@code faas.trigger}
 * attribute. Adapters name it when they build an instrumented {@link InvocationContext}.
 */
public enum TriggerType {
  /** An HTTP request (API Gateway, a load balancer, a function URL, an HTTP trigger). */
  HTTP,
  /** A message or a batch of messages from a queue, topic or stream. */
  PUBSUB,
  /** A change in a data source: a storage object created or deleted. */
  DATASOURCE,
  /** A schedule tick. */
  TIMER,
  /** Anything else: a direct invocation, an event bus event, a CloudEvent. */
  OTHER;

  /**
   * Returns the value of {@code faas.trigger}: {@code http}, {@code pubsub}, {@code datasource},
   * {@code timer} or {@code other}.
   *
   * @return the id
   */
  public String id() {
    return id;
  }

  private final String id = name().toLowerCase(Locale.ROOT);
}
