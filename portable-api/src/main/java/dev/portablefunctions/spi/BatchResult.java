package dev.portablefunctions.spi;

import dev.portablefunctions.Message;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What happened to a batch of messages: which failed, and why.
 *
 * @param size how many messages the batch had
 * @param failures the failed messages, in batch order; empty when all succeeded
 */
public record BatchResult(int size, List<Failure> failures) {

  /**
   * One failed message.
   *
   * @param message the message
   * @param error what it threw, or, for a message that was not run because an earlier one failed,
   *     the exception that explains that
   * @param skipped whether it was not run because an earlier message failed
   */
  public record Failure(Message message, Throwable error, boolean skipped) {

    /**
     * Checks the components.
     *
     * @param message the message
     * @param error what it threw, or why it was skipped
     * @param skipped whether it was not run
     */
    public Failure {
      Objects.requireNonNull(message, "message");
      Objects.requireNonNull(error, "error");
    }
  }

  /**
   * Checks and copies the components.
   *
   * @param size how many messages the batch had
   * @param failures the failed messages
   */
  public BatchResult {
    failures = List.copyOf(failures);
  }

  /**
   * Tells whether every message succeeded.
   *
   * @return whether there were no failures
   */
  public boolean allSucceeded() {
    return failures.isEmpty();
  }

  /**
   * Returns the ids of the failed messages, in batch order.
   *
   * @return the ids
   */
  public List<String> failedIds() {
    return failures.stream().map(f -> f.message().id()).collect(Collectors.toList());
  }

  /**
   * Returns the first failure that was run (not skipped).
   *
   * @return the failure, or empty
   */
  public Optional<Failure> firstFailure() {
    return failures.stream().filter(f -> !f.skipped()).findFirst();
  }
}
