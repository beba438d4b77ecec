package dev.portablefunctions.spi;

import dev.portablefunctions.Context;
import dev.portablefunctions.FunctionException;
import dev.portablefunctions.HttpRequest;
import dev.portablefunctions.Message;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * One instrumented invocation as the pipeline tracks it: what the runner saw (the function started,
 * what failed, the HTTP status, the batch), and the observers' observations. Shared by the
 * invocation's context and its per-record copies. Thread-safe.
 */
final class Tracker {

  private static final InvocationObserver.Observation[] NO_OBSERVATIONS = {};

  private final Instrumentation instrumentation;
  private final TriggerType trigger;
  private final String source;
  private final boolean coldStart;
  private final long startNanos;
  private final InvocationObserver.Observation[] observations;

  /** Sets {@link #ended} once, without an atomic object per invocation. */
  private static final AtomicIntegerFieldUpdater<Tracker> ENDED =
      AtomicIntegerFieldUpdater.newUpdater(Tracker.class, "ended");

  private volatile int ended;
  private volatile boolean started;
  private volatile Throwable failure;
  private volatile String failureKind;
  private volatile boolean failedBeforeStart;
  private volatile int status;
  private volatile BatchResult batch;

  private Tracker(
      Instrumentation instrumentation,
      TriggerType trigger,
      String source,
      boolean coldStart,
      long startNanos,
      InvocationObserver.Observation[] observations) {
    this.instrumentation = instrumentation;
    this.trigger = trigger;
    this.source = source;
    this.coldStart = coldStart;
    this.startNanos = startNanos;
    this.observations = observations;
  }

  /**
   * Begins tracking an invocation whose context has just been built. The {@link Invocation} the
   * observers see is made only when there are observers.
   */
  static Tracker begin(
      Instrumentation instrumentation, Context context, TriggerType trigger, String source) {
    boolean coldStart = instrumentation.takeColdStart();
    List<InvocationObserver> observers = instrumentation.observers();
    if (observers.isEmpty()) {
      return new Tracker(
          instrumentation, trigger, source, coldStart, System.nanoTime(), NO_OBSERVATIONS);
    }
    Instant startTime = Instant.now();
    long startNanos = System.nanoTime();
    Invocation invocation =
        new Invocation(context, trigger, source, coldStart, startTime, startNanos);
    InvocationObserver.Observation[] observations =
        new InvocationObserver.Observation[observers.size()];
    for (int i = 0; i < observations.length; i++) {
      InvocationObserver.Observation observation = InvocationObserver.Observation.NONE;
      try {
        observation = observers.get(i).begin(invocation);
      } catch (RuntimeException | LinkageError broken) {
        instrumentation.observerFailed(broken);
      }
      observations[i] = observation == null ? InvocationObserver.Observation.NONE : observation;
    }
    return new Tracker(instrumentation, trigger, source, coldStart, startNanos, observations);
  }

  boolean outcomeLog() {
    return instrumentation.outcomeLog();
  }

  /** The function is about to run (nothing recorded after this is a refusal). */
  void started() {
    started = true;
  }

  void request(HttpRequest request) {
    for (InvocationObserver.Observation observation : observations) {
      try {
        observation.request(request);
      } catch (RuntimeException | LinkageError broken) {
        instrumentation.observerFailed(broken);
      }
    }
  }

  /** Records why the invocation failed; the first failure recorded wins. */
  void failed(Throwable why, String kind) {
    if (failureKind == null) {
      failedBeforeStart = !started;
      failureKind = kind;
      failure = why;
    }
  }

  void status(int answered) {
    status = answered;
  }

  void batch(BatchResult result) {
    batch = result;
  }

  /** Begins observing one message; {@link Message} observations end with {@link #endMessage}. */
  InvocationObserver.Observation message(Message message, Context context) {
    if (observations.length == 0) {
      return InvocationObserver.Observation.NONE;
    }
    if (observations.length == 1) {
      return messageOf(observations[0], message, context);
    }
    InvocationObserver.Observation[] each = new InvocationObserver.Observation[observations.length];
    for (int i = 0; i < each.length; i++) {
      each[i] = messageOf(observations[i], message, context);
    }
    return outcome -> {
      for (InvocationObserver.Observation observation : each) {
        endQuietly(observation, outcome);
      }
    };
  }

  private InvocationObserver.Observation messageOf(
      InvocationObserver.Observation parent, Message message, Context context) {
    try {
      InvocationObserver.Observation child = parent.message(message, context);
      return child == null ? InvocationObserver.Observation.NONE : child;
    } catch (RuntimeException | LinkageError broken) {
      instrumentation.observerFailed(broken);
      return InvocationObserver.Observation.NONE;
    }
  }

  /** Ends a message's observation: {@code error} null for a message that succeeded. */
  void endMessage(
      InvocationObserver.Observation observation,
      long startNanos,
      Throwable error,
      boolean skipped) {
    if (observation == InvocationObserver.Observation.NONE) {
      return;
    }
    Outcome.Result result =
        error == null
            ? Outcome.Result.SUCCEEDED
            : skipped ? Outcome.Result.SKIPPED : Outcome.Result.FAILED;
    endQuietly(
        observation,
        new Outcome(
            result,
            0,
            error == null ? null : kindOf(error),
            error,
            -1,
            0,
            0,
            System.nanoTime() - startNanos,
            false,
            trigger,
            source));
  }

  /**
   * Ends the invocation, once: computes its outcome, and hands it to the observers.
   *
   * @param thrown what the adapter is about to throw, or null; recorded if nothing failed before
   * @return the outcome, or null if it had ended already
   */
  Outcome end(Throwable thrown) {
    if (!ENDED.compareAndSet(this, 0, 1)) {
      return null;
    }
    if (thrown != null) {
      failed(thrown, kindOf(thrown));
    }
    Outcome.Result result;
    String kind = null;
    Throwable error = null;
    BatchResult ran = batch;
    int failed = 0;
    int skipped = 0;
    if (ran != null) {
      failed = ran.failures().size();
      for (BatchResult.Failure each : ran.failures()) {
        if (each.skipped()) {
          skipped++;
        }
      }
    }
    if (failureKind != null) {
      result = failedBeforeStart ? Outcome.Result.REFUSED : Outcome.Result.FAILED;
      kind = failureKind;
      error = failure;
    } else if (failed > 0) {
      result = failed == ran.size() ? Outcome.Result.FAILED : Outcome.Result.PARTIAL;
      BatchResult.Failure first = ran.firstFailure().orElse(ran.failures().get(0));
      kind = kindOf(first.error());
      error = first.error();
    } else {
      result = Outcome.Result.SUCCEEDED;
    }
    Outcome outcome =
        new Outcome(
            result,
            status,
            kind,
            error,
            ran == null ? -1 : ran.size(),
            failed,
            skipped,
            System.nanoTime() - startNanos,
            coldStart,
            trigger,
            source);
    for (InvocationObserver.Observation observation : observations) {
      endQuietly(observation, outcome);
    }
    return outcome;
  }

  private void endQuietly(InvocationObserver.Observation observation, Outcome outcome) {
    try {
      observation.end(outcome);
    } catch (RuntimeException | LinkageError broken) {
      instrumentation.observerFailed(broken);
    }
  }

  /** The error kind of a failure, as {@link Outcome#errorKind()} names it. */
  static String kindOf(Throwable failure) {
    if (failure instanceof FunctionException known) {
      return known.kind().name();
    }
    if (failure instanceof ReportedFailure reported) {
      return reported.kind().name();
    }
    return FunctionRunner.causedByInterrupt(failure)
        ? FunctionException.Kind.TIMEOUT.name()
        : FunctionException.Kind.INTERNAL.name();
  }
}
