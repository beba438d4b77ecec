package dev.portablefunctions.spi;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How an invocation, or one message of a batch, ended: what {@link
 * InvocationObserver.Observation#end} receives and what the outcome record in the logs says.
 * Immutable.
 *
 * <p>{@link #errorKind()} is a {@link dev.portablefunctions.FunctionException.Kind} name ({@code
 * BAD_INPUT}, {@code NOT_FOUND}, {@code INTERNAL} for any unexpected exception, {@code TIMEOUT} for
 * an interrupted invocation, ...) or {@value #UNSUPPORTED_TRIGGER} for an event that reached a
 * function deployed for another kind of trigger.
 */
public final class Outcome {

  /** The {@link #errorKind()} of an event that reached a function not deployed for it. */
  public static final String UNSUPPORTED_TRIGGER = "UNSUPPORTED_TRIGGER";

  /** What happened, in one word. */
  public enum Result {
    /** The function ran and returned (whatever HTTP status it chose). */
    SUCCEEDED,
    /** The function ran and threw; for a batch, every message failed. */
    FAILED,
    /** Some messages of a batch failed, the others succeeded. */
    PARTIAL,
    /**
     * The function did not run: the input could not be decoded or bound, the method or content type
     * is not one it takes, or the trigger is not one it is deployed for.
     */
    REFUSED,
    /** A message that was not run because an earlier one failed (messages only). */
    SKIPPED;

    /**
     * Returns the word the outcome record writes: {@code success}, {@code error}, {@code partial},
     * {@code refused} or {@code skipped}.
     *
     * @return the id
     */
    public String id() {
      switch (this) {
        case SUCCEEDED:
          return "success";
        case FAILED:
          return "error";
        default:
          return name().toLowerCase(Locale.ROOT);
      }
    }
  }

  /** Each thread's buffer for {@link #describe()}, which builds only the string it returns. */
  private static final ThreadLocal<StringBuilder> DESCRIPTION =
      ThreadLocal.withInitial(() -> new StringBuilder(128));

  private final Result result;
  private final int status;
  private final String errorKind;
  private final Throwable error;
  private final int batchSize;
  private final int failed;
  private final int skipped;
  private final long durationNanos;
  private final boolean coldStart;
  private final TriggerType trigger;
  private final String source;

  Outcome(
      Result result,
      int status,
      String errorKind,
      Throwable error,
      int batchSize,
      int failed,
      int skipped,
      long durationNanos,
      boolean coldStart,
      TriggerType trigger,
      String source) {
    this.result = Objects.requireNonNull(result, "result");
    this.status = status;
    this.errorKind = errorKind;
    this.error = error;
    this.batchSize = batchSize;
    this.failed = failed;
    this.skipped = skipped;
    this.durationNanos = durationNanos;
    this.coldStart = coldStart;
    this.trigger = Objects.requireNonNull(trigger, "trigger");
    this.source = Objects.requireNonNull(source, "source");
  }

  /**
   * Returns what happened.
   *
   * @return the result
   */
  public Result result() {
    return result;
  }

  /**
   * Tells whether this counts as an error: {@link Result#FAILED}, {@link Result#PARTIAL}, {@link
   * Result#REFUSED} or {@link Result#SKIPPED}.
   *
   * @return whether it is an error
   */
  public boolean isError() {
    return result != Result.SUCCEEDED;
  }

  /**
   * Returns the HTTP status answered, for an invocation by HTTP.
   *
   * @return the status, or empty for other triggers and for messages
   */
  public OptionalInt status() {
    return status > 0 ? OptionalInt.of(status) : OptionalInt.empty();
  }

  /**
   * Returns the kind of the error: a {@code FunctionException.Kind} name or {@value
   * #UNSUPPORTED_TRIGGER}; for a partial batch, the kind of its first failure.
   *
   * @return the kind, or empty when nothing failed
   */
  public Optional<String> errorKind() {
    return Optional.ofNullable(errorKind);
  }

  /**
   * Returns the exception behind the error, for observers that record it. Its message may quote
   * input (Jackson's do): do not export it where payloads must not go.
   *
   * @return the exception, or empty
   */
  public Optional<Throwable> error() {
    return Optional.ofNullable(error);
  }

  /** The HTTP status, or 0: {@link #status()} without the wrapper, for the log writers. */
  int statusOrZero() {
    return status;
  }

  /** The error kind, or null: {@link #errorKind()} without the wrapper, for the log writers. */
  String errorKindOrNull() {
    return errorKind;
  }

  /** The batch size, or -1: {@link #batchSize()} without the wrapper, for the log writers. */
  int batchSizeOrNegative() {
    return batchSize;
  }

  /** The duration in milliseconds, as {@link #millis(long)} gives it. */
  double millis() {
    return millis(durationNanos);
  }

  /**
   * Returns how many messages the batch had, for an invocation that ran a message function.
   *
   * @return the size, or empty when no batch ran
   */
  public OptionalInt batchSize() {
    return batchSize >= 0 ? OptionalInt.of(batchSize) : OptionalInt.empty();
  }

  /**
   * Returns how many messages of the batch failed, the skipped ones included.
   *
   * @return the count; 0 when no batch ran
   */
  public int failedCount() {
    return failed;
  }

  /**
   * Returns how many of the failed messages were not run because an earlier one failed.
   *
   * @return the count; 0 when no batch ran
   */
  public int skippedCount() {
    return skipped;
  }

  /**
   * Returns how long the invocation (or the message) took, from its context's creation to its end.
   *
   * @return the duration in nanoseconds
   */
  public long durationNanos() {
    return durationNanos;
  }

  /**
   * Returns how long the invocation (or the message) took.
   *
   * @return the duration
   */
  public Duration duration() {
    return Duration.ofNanos(durationNanos);
  }

  /**
   * Tells whether this was the first invocation of the process.
   *
   * @return whether it was a cold start
   */
  public boolean coldStart() {
    return coldStart;
  }

  /**
   * Returns the invocation's trigger type.
   *
   * @return the trigger type
   */
  public TriggerType trigger() {
    return trigger;
  }

  /**
   * Returns the invocation's source, as the adapter names it ({@code sqs}, {@code pubsub}, {@code
   * servicebus}, ...; see {@link Invocation#source()}).
   *
   * @return the source
   */
  public String source() {
    return source;
  }

  /**
   * Describes the outcome in a sentence, the outcome record's {@code message}: {@code "Invocation
   * succeeded in 12.3 ms (HTTP 200, cold start)"}.
   *
   * @return the sentence
   */
  public String describe() {
    StringBuilder text = DESCRIPTION.get();
    text.setLength(0);
    text.append("Invocation ");
    switch (result) {
      case SUCCEEDED:
        text.append("succeeded");
        break;
      case FAILED:
        text.append("failed (").append(errorKind).append(')');
        break;
      case PARTIAL:
        text.append("partly failed (").append(errorKind).append(')');
        break;
      case REFUSED:
        text.append("refused (").append(errorKind).append(')');
        break;
      default:
        text.append("skipped");
        break;
    }
    text.append(" in ").append(millis(durationNanos)).append(" ms");
    String separator = " (";
    if (status > 0) {
      text.append(separator).append("HTTP ").append(status);
      separator = ", ";
    }
    if (batchSize >= 0) {
      text.append(separator)
          .append(failed)
          .append(" of ")
          .append(batchSize)
          .append(" messages failed");
      if (skipped > 0) {
        text.append(", ").append(skipped).append(" of them not run");
      }
      separator = ", ";
    }
    if (coldStart) {
      text.append(separator).append("cold start");
      separator = ", ";
    }
    if (!separator.equals(" (")) {
      text.append(')');
    }
    return text.toString();
  }

  /**
   * Returns a duration in milliseconds with three decimals, as the outcome record writes it.
   *
   * @param nanos the duration in nanoseconds
   * @return the milliseconds
   */
  public static double millis(long nanos) {
    return Math.round(nanos / 1_000.0) / 1_000.0;
  }

  @Override
  public String toString() {
    return "Outcome[" + describe() + "]";
  }
}
