package dev.portablefunctions.spi;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What watches an adapter's invocations: the outcome record each invocation ends with in the logs,
 * and the {@link InvocationObserver}s found on the class path. An adapter creates one per process,
 * with {@link #load(ClassLoader)}, when it creates its pipeline, and hands it to every {@link
 * InvocationContext} it builds ({@link InvocationContext.Builder#instrumentation}); the {@link
 * FunctionRunner} then tracks the invocation and {@link
 * FunctionRunner#finish(dev.portablefunctions.Context)} ends it.
 *
 * <p><b>The outcome record.</b> Unless {@value #OUTCOME_LOG_VARIABLE} is {@code false}, each
 * invocation ends with one {@code INFO} line in the cloud's log format (so {@code
 * PORTABLE_LOG_LEVEL=WARN} drops it too) that carries the function, the trigger type and source,
 * the outcome, the HTTP status or the error kind, the duration, the batch counts, and whether it
 * was the process's first invocation (a cold start).
 *
 * <p><b>Cost.</b> With no observer and the outcome record off, an instrumented context allocates
 * nothing more than a plain one. Thread-safe.
 */
public final class Instrumentation {

  /** The environment variable that turns the outcome record off ({@code false}). */
  public static final String OUTCOME_LOG_VARIABLE = "PORTABLE_OUTCOME_LOG";

  private static final Instrumentation NONE = new Instrumentation(false, List.of());

  private final boolean outcomeLog;
  private final List<InvocationObserver> observers;
  private final AtomicBoolean cold = new AtomicBoolean(true);
  private final AtomicBoolean reported = new AtomicBoolean();

  private Instrumentation(boolean outcomeLog, List<InvocationObserver> observers) {
    this.outcomeLog = outcomeLog;
    this.observers = List.copyOf(observers);
  }

  /**
   * Reads {@value #OUTCOME_LOG_VARIABLE} and loads the {@link InvocationObserver}s a class loader
   * provides (see there for the rule on zero, one or many providers).
   *
   * @param loader the class loader holding the application (the adapter's own, so that the result
   *     does not depend on the calling thread)
   * @return the instrumentation
   */
  public static Instrumentation load(ClassLoader loader) {
    return of(outcomeLogFrom(System.getenv(OUTCOME_LOG_VARIABLE)), observers(loader));
  }

  /**
   * Returns an instrumentation with these parts, for tests and hand-wired adapters.
   *
   * @param outcomeLog whether each invocation ends with an outcome record
   * @param observers the observers, called in this order
   * @return the instrumentation
   */
  public static Instrumentation of(boolean outcomeLog, List<InvocationObserver> observers) {
    Objects.requireNonNull(observers, "observers");
    return !outcomeLog && observers.isEmpty() ? NONE : new Instrumentation(outcomeLog, observers);
  }

  /**
   * Returns this instrumentation with one more observer, called after the others (the local test
   * kit watches its own invocations this way).
   *
   * @param observer the observer
   * @return a new instrumentation; this one is unchanged
   */
  public Instrumentation with(InvocationObserver observer) {
    Objects.requireNonNull(observer, "observer");
    List<InvocationObserver> all = new java.util.ArrayList<>(observers);
    all.add(observer);
    return new Instrumentation(outcomeLog, List.copyOf(all));
  }

  /**
   * Returns the instrumentation that watches nothing: no outcome record, no observer. The default
   * of a context built without one.
   *
   * @return the instrumentation
   */
  public static Instrumentation none() {
    return NONE;
  }

  /**
   * Reads {@value #OUTCOME_LOG_VARIABLE}: on unless it is {@code false} (or {@code 0}, {@code no},
   * {@code off}).
   *
   * @param value the variable's value, or null
   * @return whether the outcome record is on
   */
  static boolean outcomeLogFrom(String value) {
    if (value == null) {
      return true;
    }
    switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "false":
      case "0":
      case "no":
      case "off":
        return false;
      default:
        return true;
    }
  }

  /**
   * Loads the observers a class loader provides: every provider, in the order of their class names;
   * one that cannot be loaded or created is skipped, with one line on standard error.
   */
  static List<InvocationObserver> observers(ClassLoader loader) {
    Objects.requireNonNull(loader, "loader");
    List<InvocationObserver> found = new ArrayList<>(1);
    Iterator<ServiceLoader.Provider<InvocationObserver>> providers =
        ServiceLoader.load(InvocationObserver.class, loader).stream().iterator();
    while (true) {
      try {
        if (!providers.hasNext()) {
          break;
        }
        found.add(providers.next().get());
      } catch (ServiceConfigurationError | LinkageError | RuntimeException broken) {
        System.err.println(
            "portable-functions: an InvocationObserver could not be loaded and is left out: "
                + broken);
      }
    }
    found.sort(Comparator.comparing(observer -> observer.getClass().getName()));
    return found;
  }

  /**
   * Tells whether each invocation ends with an outcome record.
   *
   * @return whether the outcome record is on
   */
  public boolean outcomeLog() {
    return outcomeLog;
  }

  /**
   * Returns the observers, in the order they are called.
   *
   * @return the observers; empty if there are none
   */
  public List<InvocationObserver> observers() {
    return observers;
  }

  /** Whether anything watches: else contexts track nothing. */
  boolean active() {
    return outcomeLog || !observers.isEmpty();
  }

  /** True for the first invocation that asks, false ever after. */
  /**
   * Marks the next invocation as a cold start again: for an adapter's CRaC or SnapStart {@code
   * afterRestore}, since each copy restored from a snapshot starts its own life.
   */
  public void restored() {
    cold.set(true);
  }

  boolean takeColdStart() {
    return cold.get() && cold.getAndSet(false);
  }

  /** Reports an observer's failure on standard error, the first time only. */
  void observerFailed(Throwable failure) {
    if (reported.compareAndSet(false, true)) {
      System.err.println(
          "portable-functions: an InvocationObserver failed (reported once; invocations go on): "
              + failure);
    }
  }

  @Override
  public String toString() {
    return "Instrumentation[outcomeLog=" + outcomeLog + ", observers=" + observers + "]";
  }
}
