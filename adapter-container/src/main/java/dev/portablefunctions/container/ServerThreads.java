package dev.portablefunctions.container;

import dev.portablefunctions.spi.FunctionRunner;
import java.util.ArrayDeque;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The server's thread pool, which can keep a task on the thread that caused it instead of handing
 * it to another.
 *
 * <p>When a pool thread finishes writing a response, Jetty resumes the connection (to read the
 * client's next request) by executing it as a new task, which wakes another pool thread while this
 * one goes idle: a second hand-off per request. A task executed on a thread inside {@link
 * #keepHere} instead waits until that call returns and then runs on the same thread. Counted under
 * wrk at 16 connections: two tasks handed to the pool per request before, one now (the request
 * itself, from the selector thread).
 *
 * <p>Only short, non-blocking calls into Jetty (writing a response) run inside {@link #keepHere},
 * so a kept task waits no longer than that call; never a function, which could block.
 */
final class ServerThreads extends QueuedThreadPool {

  /** The tasks kept on this thread; {@code null} outside {@link #keepHere}. */
  private final ThreadLocal<ArrayDeque<Runnable>> kept = new ThreadLocal<>();

  /** Tasks a thread that has left {@link #keepHere} reuses, one queue per thread. */
  private final ThreadLocal<ArrayDeque<Runnable>> spare =
      ThreadLocal.withInitial(() -> new ArrayDeque<>(4));

  ServerThreads(int maxThreads, int minThreads, int idleTimeoutMillis) {
    super(maxThreads, minThreads, idleTimeoutMillis);
  }

  @Override
  public void execute(Runnable task) {
    ArrayDeque<Runnable> here = kept.get();
    if (here == null) {
      super.execute(task);
    } else {
      here.add(task);
    }
  }

  /**
   * Runs a short, non-blocking call; what it (or Jetty on its behalf) executes on this thread runs
   * on this thread once it returns, in order, also when it throws.
   *
   * @param call writes a response, for example; must not block
   */
  void keepHere(Runnable call) {
    if (kept.get() != null) {
      call.run(); // nested: the outer call runs what this one keeps
      return;
    }
    ArrayDeque<Runnable> here = spare.get();
    kept.set(here);
    try {
      call.run();
    } finally {
      kept.set(null);
      for (Runnable task; (task = here.poll()) != null; ) {
        runKept(task);
      }
    }
  }

  private static void runKept(Runnable task) {
    try {
      task.run();
    } catch (Throwable failure) {
      // as a pool thread would: the task's failure is its own, not the caller's
      FunctionRunner.rethrowIfFatal(failure);
      System.err.println(
          "portable-functions: a server task failed: " + failure.getClass().getName());
    }
  }
}
