package dev.portablefunctions.container;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Admits at most {@code limit} requests at once and parks at most {@code queue} more, holding no
 * thread for a parked request; beyond that a request is rejected. A released permit goes straight
 * to the longest-parked request, which runs on the executor. Lock-free; thread-safe.
 *
 * <p>One counter holds the state: positive, the free permits; zero or negative, minus the parked
 * requests. A parked request is counted before it is in the queue, so {@link #release()} may spin a
 * few iterations until it appears.
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
    /** Parked: the task runs on the executor, holding a permit, when one is released. */
    QUEUED,
    /** Limit and queue are full: answer 503. */
    REJECTED
  }

  private final int limit;
  private final int queue;
  private final Executor executor;
  private final AtomicInteger state;
  private final ConcurrentLinkedQueue<Parked> parked = new ConcurrentLinkedQueue<>();

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
    Parked admitted = next;
    try {
      executor.execute(admitted::resume);
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
