package dev.portablefunctions;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What a function knows about the invocation it is serving. One per invocation (a whole batch, for
 * a {@link MessageFunction}); safe to use from other threads during the invocation.
 *
 * <pre>{@code
 * context.logger().info("charging " + order.id());
 * if (context.remainingTime().map(left -> left.toSeconds() < 5).orElse(false)) {
 *   throw FunctionException.unavailable("not enough time left, try again");
 * }
 * context.unwrap(com.amazonaws.services.lambda.runtime.Context.class)
 *     .ifPresent(lambda -> lambda.getLogger().log("AWS-only detail"));
 * }</pre>
 *
 * <p>New members are added as default methods, so code that implements this interface (test fakes,
 * say) keeps compiling.
 */
public interface Context {

  /**
   * Returns the provider's id for this invocation: the Lambda request id, the Azure invocation id,
   * the Cloud Functions execution id, or a fresh UUID locally. Every log line and every error body
   * carries it.
   *
   * @return the id
   */
  String invocationId();

  /**
   * Returns the portable function's name, such as {@code echo-http}.
   *
   * @return the name
   */
  String functionName();

  /**
   * Returns where the function runs.
   *
   * @return the cloud
   */
  Cloud cloud();

  /**
   * Returns when the provider will stop the invocation, where it says (Lambda always does; the
   * local adapter applies its timeout).
   *
   * @return the deadline, or empty if unknown
   */
  Optional<Instant> deadline();

  /**
   * Returns the time left before the deadline, never negative.
   *
   * @return the time left, or empty if the deadline is unknown
   */
  default Optional<Duration> remainingTime() {
    return deadline()
        .map(deadline -> Duration.between(Instant.now(), deadline))
        .map(left -> left.isNegative() ? Duration.ZERO : left);
  }

  /**
   * Returns the trace this invocation belongs to, normalised from whatever headers the provider
   * passed (W3C {@code traceparent}, AWS X-Ray, {@code X-Cloud-Trace-Context}, B3).
   *
   * @return the trace; {@link TraceContext#empty()} if there is none
   */
  TraceContext trace();

  /**
   * Returns the logger for this invocation.
   *
   * @return the logger
   */
  FunctionLogger logger();

  /**
   * Returns a provider object behind this invocation, for the rare need the portable API does not
   * cover: on AWS the Lambda {@code Context}; on Azure the {@code ExecutionContext} and the
   * trigger's native value; on Google Cloud the framework's {@code HttpRequest} or {@code
   * CloudEvent}. Code that calls it is no longer portable to the other clouds, which return empty.
   *
   * <p>In a message, storage or event function, {@code unwrap(JsonNode.class)} (Jackson's {@code
   * com.fasterxml.jackson.databind.JsonNode}) is the current record's own JSON as the provider
   * delivered it, not the whole batch's: the SQS or Kinesis record on AWS, the Pub/Sub or Cloud
   * Storage event data on Google Cloud, the message's trigger metadata (for an Event Hubs batch,
   * the current event's) or the Event Grid event on Azure. Adapters build it only when asked for.
   *
   * @param type the provider type wanted
   * @param <T> the type
   * @return the object, or empty if this invocation has none of that type
   */
  <T> Optional<T> unwrap(Class<T> type);
}
