package dev.portablefunctions.spi;

import dev.portablefunctions.FunctionException;
import java.util.Objects;

/**
 * What an adapter throws to its platform (Lambda's error path, the Functions Framework, the Azure
 * host) after {@link FunctionRunner} has logged a failure: the kind and the detail a caller may
 * see, and nothing else — no stack trace, no cause, no internal message. The platform's own error
 * report and retry then apply, the failure is logged once (by the runner, with the invocation id),
 * and an internal exception message never reaches a caller or a dead-letter queue.
 */
public final class ReportedFailure extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** The kind of the failure. */
  private final FunctionException.Kind kind;

  private ReportedFailure(FunctionException.Kind kind, String detail) {
    super(detail, null, false, false);
    this.kind = Objects.requireNonNull(kind, "kind");
  }

  /**
   * Returns what to throw to the platform for a failure the runner has logged: a {@link
   * FunctionException} keeps its kind and detail; anything else becomes {@link
   * FunctionException.Kind#INTERNAL} with {@link
   * FunctionRunner#internalDetail(dev.portablefunctions.Context)}.
   *
   * @param failure the logged failure
   * @param context the invocation's context
   * @return the exception to throw
   */
  public static ReportedFailure of(Throwable failure, dev.portablefunctions.Context context) {
    if (failure instanceof ReportedFailure reported) {
      return reported;
    }
    if (failure instanceof FunctionException known) {
      return new ReportedFailure(known.kind(), known.detail());
    }
    return new ReportedFailure(
        FunctionException.Kind.INTERNAL, FunctionRunner.internalDetail(context));
  }

  /**
   * Returns a failure of a given kind and caller-safe detail.
   *
   * @param kind the kind
   * @param detail the detail
   * @return the exception to throw
   */
  public static ReportedFailure of(FunctionException.Kind kind, String detail) {
    return new ReportedFailure(kind, Objects.requireNonNull(detail, "detail"));
  }

  /**
   * Returns what a platform's error report should show for this failure: a {@link
   * FunctionException} of the same kind and detail, without stack trace or cause. Lambda's runtime
   * reports the thrown class as {@code errorType}, and the Azure host records it, so callers,
   * dead-letter queues and operators see {@code dev.portablefunctions.FunctionException}, the type
   * users know, rather than this SPI class.
   *
   * @return the exception to throw to the platform
   */
  public FunctionException toFunctionException() {
    FunctionException exception = FunctionException.of(kind, getMessage());
    exception.setStackTrace(NO_FRAMES);
    return exception;
  }

  private static final StackTraceElement[] NO_FRAMES = {};

  /**
   * Returns the kind.
   *
   * @return the kind
   */
  public FunctionException.Kind kind() {
    return kind;
  }
}
