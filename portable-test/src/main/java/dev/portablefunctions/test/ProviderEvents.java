package dev.portablefunctions.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.params.provider.ArgumentsSource;

/**
 * Runs a JUnit 5 {@code @ParameterizedTest} once per cloud trigger that delivers an {@link
 * EventKind}, each time with that trigger as the {@link ProviderTrigger} argument: one test, every
 * provider's shape of the event, through every provider's real adapter.
 *
 * <pre>{@code
 * @ParameterizedTest(name = "{0}")
 * @ProviderEvents(EventKind.MESSAGE_BATCH)
 * void aPoisonMessageFailsAlone(ProviderTrigger trigger) {
 *   Delivery delivery =
 *       trigger.messages(Replay.function("signup"), "{\"email\":\"ada@example.com\"}", "not json");
 *   delivery.assertFailed(1); // batchItemFailures, a 500 to Pub/Sub, a thrown exception...
 * }
 * }</pre>
 *
 * <p>{@code name = "{0}"} names each run after its trigger, such as {@code AWS SQS} or {@code Azure
 * Event Hubs}. Needs {@code junit-jupiter-params} on the test classpath (portable-test brings it).
 */
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ArgumentsSource(ProviderEventsArguments.class)
public @interface ProviderEvents {

  /**
   * The kind of event whose triggers the test runs against.
   *
   * @return the kind
   */
  EventKind value();
}
