package dev.portablefunctions.local;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What a message function did with the messages {@link LocalInvoker} sent it: the local server's
 * batch answer, decoded.
 *
 * @param received how many messages the function was given
 * @param failed the failed messages, in batch order
 */
public record MessageReport(int received, List<Failure> failed) {

  /**
   * One failed message.
   *
   * @param id the message id
   * @param status the problem status: 500 for an exception, the kind's status for a {@code
   *     FunctionException}, 503 for a message skipped because an earlier one of its ordering key
   *     failed
   * @param detail the problem detail
   */
  public record Failure(String id, int status, String detail) {

    /**
     * Checks the components.
     *
     * @param id the message id
     * @param status the problem status
     * @param detail the problem detail
     */
    public Failure {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(detail, "detail");
    }
  }

  /**
   * Copies the components.
   *
   * @param received how many messages the function was given
   * @param failed the failed messages
   */
  public MessageReport {
    failed = List.copyOf(failed);
  }

  /**
   * Returns the ids of the failed messages.
   *
   * @return the ids, in batch order
   */
  public List<String> failedIds() {
    return failed.stream().map(Failure::id).collect(Collectors.toList());
  }

  /**
   * Tells whether every message succeeded.
   *
   * @return whether none failed
   */
  public boolean allSucceeded() {
    return failed.isEmpty();
  }
}
