package dev.portablefunctions.container;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Admits at most {@code limit} requests at once and parks at most {@code queue} more, holding no
 * thread for a parked request; beyond that a request is rejected. A released permit goes straight
 * to the longest-parked request. Lock-free; thread-safe.
 *
 * <p>One counter holds the state: positive, the free permits; zero or negative, minus the parked
 * requests. A parked request is counted before it is in the queue, so {@link #release()} may spin a
 * few iterations until it appears.
 *
 * <p>A thread that is running requests through {@link #run} takes the parked request its own {@link
 * #release()} admits and runs it next, instead of waking another thread for it and going idle.
 * Under a full queue that saves two thread hand-offs per request (measured with wrk at 256
 * connections: see {@code docs/performance.md}); the order stays first parked, first run.
 */
final class ConcurrencyLimiter {

  /** A parked request. */
  interface Parked {
    /** Runs the request, which now holds a permit. */
    void resume();

    /**
     * Ends the request without running it, because the executor refused it (the server is
     * stopping). It holds a permit, and releases it as a request that ran would.
     */
    void abort(Throwable reason);
  }

  /** What {@link #acquire} decided. */
  enum Admission {
    /** A permit was taken: run the request now, and {@link #release()} when it is done. */
    RUN,
    /**
     * Parked: the request runs, holding a permit, when one is released: on the thread that released
     * it if that thread is in {@link #run}, otherwise on the executor.
     */
    QUEUED,
    /** Limit and queue are full: answer 503. */
    REJECTED
  }

  private final int limit;
  private final int queue;
  private final Executor executor;
  private final AtomicInteger state;
  private final ConcurrentLinkedQueue<Parked> parked = new ConcurrentLinkedQueue<>();

  /** The request this thread runs next; only used while the thread is inside {@link #run}. */
  private final ThreadLocal<HandOff> handOff = ThreadLocal.withInitial(HandOff::new);

  private static final class HandOff {
    boolean running;
    Parked request;
  }

  ConcurrencyLimiter(int limit, int queue, Executor executor) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be positive, was " + limit);
    }
    if (queue < 0) {
      throw new IllegalArgumentException("queue must not be negative, was " + queue);
    }
    this.limit = limit;
    this.queue = queue;
    this.executor = executor;
    this.state = new AtomicInteger(limit);
  }

  /**
   * Takes a permit, or parks {@code resume} until one is released, or rejects.
   *
   * @param request what resumes (on the executor, holding the permit) once a parked request is
   *     admitted
   * @return the decision
   */
  Admission acquire(Parked request) {
    while (true) {
      int current = state.get();
      if (current > 0) {
        if (state.compareAndSet(current, current - 1)) {
          return Admission.RUN;
        }
      } else if (-current >= queue) {
        return Admission.REJECTED;
      } else if (state.compareAndSet(current, current - 1)) {
        parked.add(request);
        return Admission.QUEUED;
      }
    }
  }

  /** Returns a permit: to the longest-parked request if there is one. */
  void release() {
    if (state.getAndIncrement() >= 0) {
      return;
    }
    Parked next;
    while ((next = parked.poll()) == null) {
      Thread.onSpinWait(); // counted in acquire() a moment before it is queued
    }
    HandOff mine = handOff.get();
    if (mine.running && mine.request == null) {
      mine.request = next; // run by this thread's run() once its current request returns
    } else {
      execute(next);
    }
  }

  /**
   * Runs a request that holds a permit on this thread, then every parked request that this thread's
   * {@link #release()} admits meanwhile. Call it from a pool thread, never from a selector thread.
   *
   * @param admitted a request holding a permit
   */
  void run(Parked admitted) {
    HandOff mine = handOff.get();
    if (mine.running) {
      admitted.resume(); // nested: the outer run() takes what this one releases
      return;
    }
    mine.running = true;
    try {
      for (Parked current = admitted; current != null; ) {
        mine.request = null;
        current.resume();
        current = mine.request;
      }
    } finally {
      mine.running = false;
      Parked left = mine.request; // resume() threw with a request handed to this thread
      mine.request = null;
      if (left != null) {
        execute(left);
      }
    }
  }

  private void execute(Parked admitted) {
    try {
      executor.execute(() -> run(admitted));
    } catch (RejectedExecutionException refused) {
      admitted.abort(refused);
    }
  }

  /** The requests running now. */
  int running() {
    return limit - Math.max(0, state.get());
  }

  /** The requests parked now. */
  int parked() {
    return Math.max(0, -state.get());
  }
}
