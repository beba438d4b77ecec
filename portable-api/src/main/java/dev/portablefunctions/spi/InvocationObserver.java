package dev.portablefunctions.spi;

import dev.portablefunctions.Context;
import dev.portablefunctions.HttpRequest;
import dev.portablefunctions.Message;

/**
 * Watches invocations as they begin and end: the extension point for tracing and metrics (the
 * {@code portable-opentelemetry} module implements it). Function authors do not implement it.
 *
 * <p><b>Discovery.</b> Providers are listed in {@code
 * META-INF/services/dev.portablefunctions.spi.InvocationObserver} and found by {@link
 * Instrumentation#load(ClassLoader)}, once, when an adapter creates its pipeline (the Lambda
 * handler, the Cloud Functions entry class, the Azure dispatcher, the local gateway), in the class
 * loader the adapter passes. Zero providers: nothing is called and nothing is allocated per
 * invocation for observers. One: it is called. Several: each is called, in the order of their class
 * names, and each gets its own {@link Observation}. A provider that cannot be loaded (say, its
 * dependencies are missing) is skipped with one line on standard error; it never stops the function
 * from starting.
 *
 * <p><b>Calls.</b> {@link #begin} is called on the thread that runs the invocation, when the
 * adapter has built its context (after it has read the provider's envelope and the trace headers,
 * before the function runs), and {@link Observation#end} once when the invocation's answer is
 * known, normally on the same thread. {@link Observation#message} is called on the thread that runs
 * each message of a batch, before the message runs; its observation is ended when the message has
 * run (or has been skipped). Implementations must be thread-safe (invocations run concurrently) and
 * fast, and must not throw: an exception from an observer is caught, reported once on standard
 * error, and never fails an invocation.
 *
 * <pre>{@code
 * public final class CountingObserver implements InvocationObserver {
 *   static final LongAdder FAILED = new LongAdder();
 *
 *   public Observation begin(Invocation invocation) {
 *     return outcome -> { if (outcome.isError()) FAILED.increment(); };
 *   }
 * }
 * }</pre>
 */
@FunctionalInterface
public interface InvocationObserver {

  /**
   * An invocation begins.
   *
   * @param invocation the invocation
   * @return what to call as it goes on and when it ends; {@link Observation#NONE} to ignore it
   */
  Observation begin(Invocation invocation);

  /** One observed invocation, or one observed message of a batch. */
  @FunctionalInterface
  interface Observation {

    /** An observation that does nothing (one shared instance). */
    Observation NONE = outcome -> {};

    /**
     * The adapter has decoded the HTTP request of an invocation by HTTP, and the function is about
     * to run on it. Not called when the request could not be decoded.
     *
     * @param request the request (do not read or keep its body)
     */
    default void request(HttpRequest request) {}

    /**
     * A message of the invocation's batch is about to run, on the calling thread.
     *
     * @param message the message (do not read or keep its body)
     * @param context the context the message runs with
     * @return the message's observation, ended when the message has run
     */
    default Observation message(Message message, Context context) {
      return NONE;
    }

    /**
     * The invocation (or message) has ended. Called once.
     *
     * @param outcome how it ended
     */
    void end(Outcome outcome);
  }
}
