package dev.portablefunctions.container;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.eclipse.jetty.util.NanoTime;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Closes HTTP/1.1 connections whose request headers, once begun, do not end within the header
 * timeout (a slowloris client sends them a byte at a time, each byte resetting the idle timeout).
 * Jetty has no such timeout of its own; this looks at each connection's parser ten times per
 * timeout, on the server's scheduler thread, so a connection is closed between one and 1.2 timeouts
 * after its request began. A connection waiting for its next request (nothing received yet) is left
 * to the idle timeout. An HTTP/2 connection is left to its own limits.
 */
final class HeaderDeadline implements Runnable {

  /** When a connection was first seen in the middle of a request's headers, and which request. */
  private record Mark(long requestsBefore, long since) {}

  private final Connector connector;
  private final Scheduler scheduler;
  private final long timeoutNanos;
  private final long periodNanos;
  private Map<EndPoint, Mark> marks = new IdentityHashMap<>(); // only the scheduler thread
  private volatile boolean stopped;

  HeaderDeadline(Connector connector, Scheduler scheduler, long timeoutNanos) {
    this.connector = connector;
    this.scheduler = scheduler;
    this.timeoutNanos = timeoutNanos;
    this.periodNanos = Math.max(TimeUnit.MILLISECONDS.toNanos(100), timeoutNanos / 10);
  }

  void start() {
    scheduler.schedule(this, periodNanos, TimeUnit.NANOSECONDS);
  }

  void stop() {
    stopped = true;
  }

  @Override
  public void run() {
    if (stopped) {
      return;
    }
    try {
      sweep(NanoTime.now());
    } finally {
      if (!stopped) {
        scheduler.schedule(this, periodNanos, TimeUnit.NANOSECONDS);
      }
    }
  }

  private void sweep(long now) {
    Map<EndPoint, Mark> next = new IdentityHashMap<>();
    for (EndPoint endPoint : connector.getConnectedEndPoints()) {
      if (!(endPoint.getConnection() instanceof HttpConnection http)) {
        continue;
      }
      HttpParser parser = http.getParser();
      if (!parser.inHeaderState() || parser.isStart()) {
        continue; // between requests, or reading a body (which has its own deadline)
      }
      long requests = http.getMessagesIn();
      Mark mark = marks.get(endPoint);
      if (mark == null || mark.requestsBefore() != requests) {
        mark = new Mark(requests, now);
      }
      if (NanoTime.elapsed(mark.since(), now) >= timeoutNanos) {
        endPoint.close(); // the function never sees a request whose headers never ended
      } else {
        next.put(endPoint, mark);
      }
    }
    marks = next;
  }
}
