package dev.portablefunctions;

import java.util.Objects;

/**
 * A failure with a {@link Kind} that every adapter reports the same way: over HTTP as the kind's
 * status with an {@code application/problem+json} body whose {@code detail} is this exception's
 * message; for events and messages as a failure that the provider retries.
 *
 * <p>Throw it from a function to say what went wrong in terms the caller can act on:
 *
 * <pre>{@code
 * Order order = orders.find(id)
 *     .orElseThrow(() -> FunctionException.notFound("no order " + id));
 * }</pre>
 *
 * <p>The message is shown to the caller, so keep secrets out of it. Any other exception a function
 * throws is an {@link Kind#INTERNAL} error whose message is not shown: the caller gets a generic
 * detail naming the invocation id, and the operator the full exception in the log.
 *
 * <p>The library throws this exception too, for input it cannot decode ({@link Kind#BAD_INPUT}) and
 * for requests it cannot route ({@link Kind#NOT_FOUND}, {@link Kind#METHOD_NOT_ALLOWED}, ...).
 */
public final class FunctionException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** What kind of failure, which fixes the HTTP status and whether retrying may help. */
  public enum Kind {
    /** The input is malformed or invalid: 400, retrying will not help. */
    BAD_INPUT(400, "Bad Request", false),
    /** The caller is not authenticated: 401. */
    UNAUTHENTICATED(401, "Unauthorized", false),
    /** The caller may not do this: 403. */
    FORBIDDEN(403, "Forbidden", false),
    /** What was asked for does not exist: 404. */
    NOT_FOUND(404, "Not Found", false),
    /** The method is not accepted here: 405. */
    METHOD_NOT_ALLOWED(405, "Method Not Allowed", false),
    /** The request conflicts with the current state: 409. */
    CONFLICT(409, "Conflict", false),
    /** The body is larger than accepted: 413. */
    PAYLOAD_TOO_LARGE(413, "Content Too Large", false),
    /** The body's media type is not accepted: 415. */
    UNSUPPORTED_MEDIA_TYPE(415, "Unsupported Media Type", false),
    /** The input is well-formed but cannot be processed: 422. */
    UNPROCESSABLE(422, "Unprocessable Content", false),
    /** Too many requests; retry later: 429. */
    TOO_MANY_REQUESTS(429, "Too Many Requests", true),
    /** An unexpected failure: 500, retrying may help. */
    INTERNAL(500, "Internal Server Error", true),
    /** A dependency is unavailable; retry later: 503. */
    UNAVAILABLE(503, "Service Unavailable", true),
    /** The invocation ran out of time: 504. */
    TIMEOUT(504, "Gateway Timeout", true);

    private final int httpStatus;
    private final String title;
    private final boolean retryable;

    Kind(int httpStatus, String title, boolean retryable) {
      this.httpStatus = httpStatus;
      this.title = title;
      this.retryable = retryable;
    }

    /**
     * Returns the HTTP status this kind answers with.
     *
     * @return the status
     */
    public int httpStatus() {
      return httpStatus;
    }

    /**
     * Returns the HTTP reason phrase, used as the problem's {@code title}.
     *
     * @return the title
     */
    public String title() {
      return title;
    }

    /**
     * Tells whether retrying the same input may succeed. Event and message failures are reported to
     * the provider either way, so nothing is lost; this is a hint for callers and dashboards.
     *
     * @return whether a retry may help
     */
    public boolean retryable() {
      return retryable;
    }
  }

  /** The kind of failure. */
  private final Kind kind;

  private FunctionException(Kind kind, String detail, Throwable cause) {
    super(Objects.requireNonNull(detail, "detail"), cause);
    this.kind = Objects.requireNonNull(kind, "kind");
  }

  /**
   * Returns an exception of any kind.
   *
   * @param kind the kind
   * @param detail what went wrong and, ideally, what to do; shown to the caller
   * @return the exception
   */
  public static FunctionException of(Kind kind, String detail) {
    return new FunctionException(kind, detail, null);
  }

  /**
   * Returns an exception of any kind with a cause, which is logged but never shown to the caller.
   *
   * @param kind the kind
   * @param detail shown to the caller
   * @param cause the cause
   * @return the exception
   */
  public static FunctionException of(Kind kind, String detail, Throwable cause) {
    return new FunctionException(kind, detail, Objects.requireNonNull(cause, "cause"));
  }

  /**
   * Returns a {@link Kind#BAD_INPUT} exception.
   *
   * @param detail shown to the caller
   * @return the exception
   */
  public static FunctionException badInput(String detail) {
    return of(Kind.BAD_INPUT, detail);
  }

  /**
   * Returns an {@link Kind#UNAUTHENTICATED} exception.
   *
   * @param detail shown to the caller
   * @return the exception
   */
  public static FunctionException unauthenticated(String detail) {
    return of(Kind.UNAUTHENTICATED, detail);
  }

  /**
   * Returns a {@link Kind#FORBIDDEN} exception.
   *
   * @param detail shown to the caller
   * @return the exception
   */
  public static FunctionException forbidden(String detail) {
    return of(Kind.FORBIDDEN, detail);
  }

  /**
   * Returns a {@link Kind#NOT_FOUND} exception.
   *
   * @param detail shown to the caller
   * @return the exception
   */
  public static FunctionException notFound(String detail) {
    return of(Kind.NOT_FOUND, detail);
  }

  /**
   * Returns a {@link Kind#CONFLICT} exception.
   *
   * @param detail shown to the caller
   * @return the exception
   */
  public static FunctionException conflict(String detail) {
    return of(Kind.CONFLICT, detail);
  }

  /**
   * Returns an {@link Kind#UNPROCESSABLE} exception.
   *
   * @param detail shown to the caller
   * @return the exception
   */
  public static FunctionException unprocessable(String detail) {
    return of(Kind.UNPROCESSABLE, detail);
  }

  /**
   * Returns a {@link Kind#TOO_MANY_REQUESTS} exception.
   *
   * @param detail shown to the caller
   * @return the exception
   */
  public static FunctionException tooManyRequests(String detail) {
    return of(Kind.TOO_MANY_REQUESTS, detail);
  }

  /**
   * Returns an {@link Kind#UNAVAILABLE} exception.
   *
   * @param detail shown to the caller
   * @return the exception
   */
  public static FunctionException unavailable(String detail) {
    return of(Kind.UNAVAILABLE, detail);
  }

  /**
   * Returns a {@link Kind#TIMEOUT} exception.
   *
   * @param detail shown to the caller
   * @return the exception
   */
  public static FunctionException timeout(String detail) {
    return of(Kind.TIMEOUT, detail);
  }

  /**
   * Returns the kind.
   *
   * @return the kind
   */
  public Kind kind() {
    return kind;
  }

  /**
   * Returns the detail shown to the caller (the exception's message).
   *
   * @return the detail
   */
  public String detail() {
    return getMessage();
  }
}
