package dev.portablefunctions.test;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portablefunctions.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.opentest4j.AssertionFailedError;

/**
 * What a provider got back when a {@link ProviderTrigger} delivered an event: read the provider's
 * way, so that one assertion holds on every cloud. For messages, the failure report is the
 * provider's own: SQS and Kinesis {@code batchItemFailures} (or Lambda's error, which fails the
 * whole batch), an SNS invocation's error, a non-2xx answer to a Pub/Sub push, an exception per
 * Queue Storage or Service Bus message, the Event Hubs exception that lists the failed sequence
 * numbers.
 *
 * <pre>{@code
 * Delivery delivery = trigger.messages(Replay.function("signup"), "{\"email\":\"ada@example.com\"}", "not json");
 * delivery.assertFailed(1);
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class Delivery {

  private final ProviderTrigger trigger;
  private final List<Object> results;
  private final boolean succeeded;
  private final HttpResponse response;
  private final String output;
  private final List<JsonNode> logs;
  private final List<String> messageIds;
  private final List<String> failedIds;
  private final boolean ordered;

  private Delivery(
      ProviderTrigger trigger,
      List<Object> results,
      boolean succeeded,
      HttpResponse response,
      String output,
      List<JsonNode> logs,
      List<String> messageIds,
      List<String> failedIds,
      boolean ordered) {
    this.trigger = trigger;
    this.results = List.copyOf(results);
    this.succeeded = succeeded;
    this.response = response;
    this.output = output;
    this.logs = Collections.unmodifiableList(new ArrayList<>(logs));
    this.messageIds = messageIds;
    this.failedIds = failedIds;
    this.ordered = ordered;
  }

  static Delivery of(
      ProviderTrigger trigger,
      List<Object> results,
      boolean succeeded,
      HttpResponse response,
      String output,
      List<JsonNode> logs) {
    return new Delivery(trigger, results, succeeded, response, output, logs, null, null, false);
  }

  static Delivery messages(
      ProviderTrigger trigger,
      List<Object> results,
      List<String> messageIds,
      List<String> failedIds,
      boolean ordered,
      List<JsonNode> logs) {
    return new Delivery(
        trigger,
        results,
        failedIds.isEmpty(),
        null,
        null,
        logs,
        List.copyOf(messageIds),
        List.copyOf(failedIds),
        ordered);
  }

  /**
   * The trigger that delivered.
   *
   * @return the trigger
   */
  public ProviderTrigger trigger() {
    return trigger;
  }

  /**
   * Whether the provider saw no failure: no failed message, no Lambda error, a 2xx answer, no
   * exception thrown to the Azure worker.
   *
   * @return whether the delivery succeeded
   */
  public boolean succeeded() {
    return succeeded;
  }

  /**
   * Asserts that the provider saw no failure.
   *
   * @throws AssertionFailedError with the provider's answer, if it did
   */
  public void assertSucceeded() {
    if (!succeeded) {
      throw new AssertionFailedError(trigger + " reported a failure: " + describe());
    }
  }

  /**
   * The ids of the delivered messages, in order, as the provider names them: SQS and SNS message
   * ids, Kinesis and Event Hubs sequence numbers, Pub/Sub message ids, Queue Storage {@code Id}s,
   * Service Bus {@code MessageId}s.
   *
   * @return the ids
   * @throws IllegalStateException if the delivery was not of messages
   */
  public List<String> messageIds() {
    requireMessages("messageIds");
    return messageIds;
  }

  /**
   * The ids of the messages the provider's own report says failed, in batch order; empty when every
   * message succeeded.
   *
   * @return the ids
   * @throws IllegalStateException if the delivery was not of messages
   */
  public List<String> failedMessageIds() {
    requireMessages("failedMessageIds");
    return failedIds;
  }

  /**
   * Asserts that the provider's failure report names exactly the messages a function failed at
   * these positions (from 0) would give it: those messages alone on sources whose messages are
   * independent; and, where the source keeps order and resumes from the first failure (Kinesis, an
   * SQS FIFO message group), every later message too, as the adapter reports them. No positions
   * asserts that no message failed.
   *
   * @param positions the positions of the messages the function fails
   * @throws AssertionFailedError with the provider's report, if it says otherwise
   * @throws IllegalArgumentException if a position is not in the batch
   */
  public void assertFailed(int... positions) {
    requireMessages("assertFailed");
    TreeSet<Integer> expected = new TreeSet<>();
    for (int position : positions) {
      if (position < 0 || position >= messageIds.size()) {
        throw new IllegalArgumentException(
            "position " + position + " is not in the batch of " + messageIds.size());
      }
      expected.add(position);
    }
    if (ordered && !expected.isEmpty()) {
      for (int later = expected.first(); later < messageIds.size(); later++) {
        expected.add(later);
      }
    }
    List<String> expectedIds =
        expected.stream().map(messageIds::get).collect(Collectors.toUnmodifiableList());
    if (!expectedIds.equals(failedIds)) {
      throw new AssertionFailedError(
          trigger
              + ": the provider's failure report should name "
              + expectedIds
              + " but names "
              + failedIds
              + "; "
              + describe(),
          expectedIds,
          failedIds);
    }
  }

  /**
   * The HTTP response the client receives (for {@link ProviderTrigger#http} and {@link
   * ProviderTrigger#invoke} over HTTP).
   *
   * @return the response
   * @throws IllegalStateException if the delivery was not an HTTP request, or the platform sent no
   *     response of the function's (a Lambda error: API Gateway's 502)
   */
  public HttpResponse response() {
    if (response == null) {
      throw new IllegalStateException("No HTTP response of the function's: " + describe());
    }
    return response;
  }

  /**
   * A typed function's output as the caller receives it: the JSON of a direct invocation's
   * response, or of a 2xx HTTP response's body.
   *
   * @return the output; empty when the function returned nothing (a 204, an empty response)
   * @throws AssertionFailedError with the provider's answer, if the call failed
   */
  public Optional<String> output() {
    if (!succeeded) {
      throw new AssertionFailedError(trigger + " reported a failure: " + describe());
    }
    return output == null || output.isEmpty() ? Optional.empty() : Optional.of(output);
  }

  /**
   * The log lines the adapter wrote for every invocation of the delivery, in order, each parsed
   * (the cloud's own structured format).
   *
   * @return the lines
   */
  public List<JsonNode> logs() {
    return logs;
  }

  private void requireMessages(String method) {
    if (messageIds == null) {
      throw new IllegalStateException(method + " is for message deliveries, not for " + trigger);
    }
  }

  private String describe() {
    return results.stream().map(String::valueOf).collect(Collectors.joining("; "));
  }

  /**
   * Describes the delivery: the trigger, and each invocation's answer.
   *
   * @return the description
   */
  @Override
  public String toString() {
    return trigger + ": " + describe();
  }
}
