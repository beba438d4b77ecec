package dev.portablefunctions.container;

import dev.portablefunctions.HttpRequest;
import dev.portablefunctions.HttpResponse;
import dev.portablefunctions.internal.UriPaths;
import dev.portablefunctions.local.server.LocalGateway;
import dev.portablefunctions.spi.FunctionRunner;
import dev.portablefunctions.spi.MalformedInput;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.NanoTime;
import org.eclipse.jetty.util.thread.Invocable;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Serves each request through the {@link LocalGateway}: admission by the {@link ConcurrencyLimiter}
 * (or a 503), the body read without holding a thread and within its deadline, then the function on
 * the thread that completed the body, and the response written once.
 *
 * <p>The handler is {@linkplain Handler.Abstract.NonBlocking non-blocking}: Jetty calls {@link
 * #handle} on the selector thread that parsed the request, which only admits it and hands it to a
 * pool thread (the body, the function and the response run there, never on a selector thread).
 * Declared blocking, Jetty would make that hand-off itself, after turning the connection's read
 * interest off and on around it (two {@code epoll_ctl} calls per request, against 0.05 now):
 * measured with wrk on two cores, the server's CPU per request fell by about a fifth at 16 and 64
 * connections. {@code BlockingFunctionsTest} checks that a blocked function holds up no other
 * connection.
 *
 * <p>A request holds its permit until both its response is done and its function has returned, so a
 * function that ignores its timeout keeps its permit (and its thread) and the number of threads
 * running functions never exceeds the concurrency limit.
 */
final class FunctionHandler extends Handler.Abstract.NonBlocking {

  private static final HttpField PROBLEM_TYPE =
      new PreEncodedHttpField(HttpHeader.CONTENT_TYPE, Problems.MEDIA_TYPE);
  private static final HttpField RETRY_AFTER =
      new PreEncodedHttpField(HttpHeader.RETRY_AFTER, Problems.RETRY_AFTER_SECONDS);
  private static final HttpField CLOSE =
      new PreEncodedHttpField(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
  private static final byte[] OVERLOADED =
      Problems.json(
          503,
          "The server is running as many requests as its concurrency limit allows and its queue"
              + " is full (PORTABLE_CONCURRENCY, PORTABLE_QUEUE); retry shortly.");
  private static final byte[] BODY_TOO_SLOW =
      Problems.json(
          408,
          "The request body did not arrive in time (PORTABLE_BODY_TIMEOUT_SECONDS,"
              + " PORTABLE_MIN_BODY_BYTES_PER_SECOND).");

  /**
   * Headers that describe the connection or the framing: the server sets them, never a function.
   */
  private static final Set<String> HOP_BY_HOP =
      Set.of(
          "connection",
          "content-length",
          "keep-alive",
          "proxy-connection",
          "te",
          "trailer",
          "transfer-encoding",
          "upgrade");

  /**
   * The HTTP/1.1 headers of an h2c upgrade, which stay on the request once it is an HTTP/2 stream.
   */
  private static final Set<HttpHeader> UPGRADE_TO_HTTP2 =
      Set.of(HttpHeader.CONNECTION, HttpHeader.UPGRADE, HttpHeader.HTTP2_SETTINGS);

  private static final byte[] NOT_A_PATH =
      Problems.json(400, "The request target is not a path; functions are served under /.");
  private static final byte[] EMPTY = new byte[0];

  /** How long a body may lag behind its minimum rate before the rate is enforced. */
  private static final long RATE_GRACE_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final LocalGateway gateway;
  private final ConcurrencyLimiter limiter;
  private final Executor executor;
  private final Scheduler scheduler;
  private final long bodyTimeoutNanos;
  private final long minBodyBytesPerSecond;

  FunctionHandler(
      LocalGateway gateway,
      ConcurrencyLimiter limiter,
      Executor executor,
      Scheduler scheduler,
      Duration bodyTimeout,
      long minBodyBytesPerSecond) {
    this.gateway = gateway;
    this.limiter = limiter;
    this.executor = executor;
    this.scheduler = scheduler;
    this.bodyTimeoutNanos = bodyTimeout.toNanos();
    this.minBodyBytesPerSecond = minBodyBytesPerSecond;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    Exchange exchange = new Exchange(request, response, callback);
    switch (limiter.acquire(exchange)) {
      case RUN -> dispatch(exchange::resume, exchange::abort);
      case QUEUED -> {} // resumed on a pool thread when a permit is released
      case REJECTED -> {
        response.setStatus(HttpStatus.SERVICE_UNAVAILABLE_503);
        writeProblem(response, OVERLOADED, callback, RETRY_AFTER);
      }
    }
    return true;
  }

  /**
   * Runs a task on a pool thread, off the selector thread that calls {@link #handle} and the demand
   * callbacks; {@code refused} gets the executor's refusal (the server is stopping).
   */
  private void dispatch(Runnable task, Consumer<Throwable> refused) {
    try {
      executor.execute(task);
    } catch (RejectedExecutionException stopping) {
      refused.accept(stopping);
    }
  }

  private static void writeProblem(
      Response response, byte[] problem, Callback callback, HttpField extra) {
    HttpFields.Mutable headers = response.getHeaders();
    headers.put(PROBLEM_TYPE);
    headers.put(HttpHeader.CONTENT_LENGTH, problem.length);
    if (extra != null) {
      headers.put(extra);
    }
    response.write(true, ByteBuffer.wrap(problem), callback);
  }

  /** One request, from admission to its response. */
  private final class Exchange implements ConcurrencyLimiter.Parked, Runnable {

    private static final int READING = 0;
    private static final int RUNNING = 1;
    private static final int ANSWERED = 2;

    private final Request request;
    private final Response response;
    private final Callback done;
    private final AtomicInteger state = new AtomicInteger(READING);

    /** The permit is released when both the response and the function are done. */
    private final AtomicInteger holds = new AtomicInteger(1);

    /** Called by Jetty when more of the body has come: reads it on a pool thread. */
    private final Runnable moreBody =
        Invocable.from(Invocable.InvocationType.NON_BLOCKING, () -> dispatch(this, this::failed));

    private byte[] body;
    private int length;
    private long readStarted;
    private Scheduler.Task deadline;

    Exchange(Request request, Response response, Callback callback) {
      this.request = request;
      this.response = response;
      this.done =
          new Callback.Nested(callback) {
            @Override
            public void completed() {
              releaseHold();
            }
          };
    }

    private void releaseHold() {
      if (holds.decrementAndGet() == 0) {
        limiter.release();
      }
    }

    /** Holds a permit: reads the body, then runs the function. */
    @Override
    public void resume() {
      try {
        long declared = request.getLength();
        long max = gateway.maxBodyBytes();
        if (declared > max) {
          answer(gateway.tooLarge(), true);
          return;
        }
        body = declared > 0 ? new byte[(int) declared] : EMPTY; // unknown length: grown as it comes
      } catch (Throwable failure) {
        // A bug or a broken class path: the client gets its 500 and the permit comes back with
        // the response, instead of a connection left waiting and a permit lost for good.
        FunctionRunner.rethrowIfFatal(failure);
        System.err.println("portable-functions: request failed: " + failure.getClass().getName());
        answer(HttpResponse.status(500).body(Problems.json(500), Problems.MEDIA_TYPE), true);
        return;
      }
      run(); // catches its own failures
    }

    @Override
    public void abort(Throwable reason) {
      done.failed(reason);
    }

    /** Reads what has arrived; asks to be called again when more does. */
    @Override
    public void run() {
      try {
        while (state.get() == READING) {
          Content.Chunk chunk = request.read();
          if (chunk == null) {
            if (deadline == null) {
              slowBody();
            }
            request.demand(moreBody);
            return;
          }
          if (Content.Chunk.isFailure(chunk)) {
            failed(chunk.getFailure());
            return;
          }
          boolean last = chunk.isLast();
          boolean fits = append(chunk.getByteBuffer());
          chunk.release();
          if (!fits) {
            answer(gateway.tooLarge(), true);
            return;
          }
          if (last) {
            bodyComplete();
            return;
          }
          if (deadline != null && tooSlow()) {
            if (state.compareAndSet(READING, ANSWERED)) {
              answerTooSlow();
            }
            return;
          }
        }
      } catch (Throwable failure) {
        FunctionRunner.rethrowIfFatal(failure);
        failed(failure);
      }
    }

    /** The body did not come with the headers: from now on it has a deadline and a minimum rate. */
    private void slowBody() {
      readStarted = NanoTime.now();
      deadline =
          scheduler.schedule(
              () -> {
                if (state.compareAndSet(READING, ANSWERED)) {
                  answerTooSlow();
                }
              },
              bodyTimeoutNanos,
              TimeUnit.NANOSECONDS);
    }

    private boolean tooSlow() {
      if (minBodyBytesPerSecond == 0) {
        return false;
      }
      long elapsed = NanoTime.since(readStarted) - RATE_GRACE_NANOS;
      return elapsed > 0 && length < minBodyBytesPerSecond * elapsed / 1_000_000_000L;
    }

    private boolean append(ByteBuffer bytes) {
      int count = bytes.remaining();
      if (count == 0) {
        return true;
      }
      long total = (long) length + count;
      if (total > gateway.maxBodyBytes()) {
        return false;
      }
      if (total > body.length) {
        long grown = Math.max(total, Math.min(gateway.maxBodyBytes(), 2L * body.length));
        body = Arrays.copyOf(body, (int) grown);
      }
      bytes.get(body, length, count);
      length = (int) total;
      return true;
    }

    private void failed(Throwable failure) {
      if (!state.compareAndSet(READING, ANSWERED)) {
        return;
      }
      cancelDeadline();
      if (failure instanceof TimeoutException) {
        answerTooSlow(); // the connection's idle timeout, while the body was awaited
      } else {
        done.failed(failure); // the client went away: nothing to answer, nothing runs
      }
    }

    private void answerTooSlow() {
      response.setStatus(HttpStatus.REQUEST_TIMEOUT_408);
      writeProblem(response, BODY_TOO_SLOW, done, CLOSE);
    }

    private void cancelDeadline() {
      if (deadline != null) {
        deadline.cancel();
      }
    }

    /** Runs the function on this thread. */
    private void bodyComplete() {
      if (!state.compareAndSet(READING, RUNNING)) {
        return;
      }
      cancelDeadline();
      holds.incrementAndGet(); // the function's own hold, released when it returns
      try {
        HttpURI uri = request.getHttpURI();
        String rawPath = uri.getPath();
        if (rawPath == null || !rawPath.startsWith("/")) {
          // OPTIONS * and the like: valid HTTP, but no path to route by
          answer(HttpResponse.status(400).body(NOT_A_PATH, Problems.MEDIA_TYPE), false);
          return;
        }
        // An encoded slash is decoded, as on every cloud; a dot segment that decoding makes
        // (%2e%2e%2f; Jetty refuses a plain one) is refused by FunctionRunner, as on every cloud.
        String path = UriPaths.decode(rawPath);
        HttpResponse result =
            gateway.handle(
                request.getMethod(),
                path,
                this::portableRequest,
                // The function still holds this connection's thread: the client had better
                // send its next request on another connection.
                timedOut -> answer(timedOut, true));
        answer(result, false);
      } catch (Throwable failure) {
        FunctionRunner.rethrowIfFatal(failure);
        System.err.println("portable-functions: request failed: " + failure);
        answer(HttpResponse.status(500).body(Problems.json(500), Problems.MEDIA_TYPE), false);
      } finally {
        releaseHold();
      }
    }

    private HttpRequest portableRequest(String functionPath) {
      HttpURI uri = request.getHttpURI();
      String query = uri.getQuery();
      HttpRequest.Builder built =
          HttpRequest.builder(request.getMethod(), functionPath)
              .rawQuery(query == null ? "" : query)
              .body(length == body.length ? body : Arrays.copyOf(body, length));
      HttpFields fields = request.getHeaders();
      boolean http2 = request.getConnectionMetaData().getHttpVersion() == HttpVersion.HTTP_2;
      for (HttpField field : fields) {
        if (field.getName() != null
            && field.getValue() != null
            && !(http2 && UPGRADE_TO_HTTP2.contains(field.getHeader()))) {
          // Jetty lets through little that Headers refuses; what it does is the caller's 400,
          // which the gateway answers (MalformedInput says it without quoting the header).
          MalformedInput.addHeader(built, field.getName(), field.getValue());
        }
      }
      if (!fields.contains(HttpHeader.HOST) && uri.getAuthority() != null) {
        built.header("host", uri.getAuthority()); // HTTP/2 carries it as :authority
      }
      return built.build();
    }

    /** Writes the response, once, from whichever thread has it first. */
    private void answer(HttpResponse result, boolean close) {
      int previous = state.getAndSet(ANSWERED);
      if (previous == ANSWERED) {
        return;
      }
      cancelDeadline();
      int status = result.statusCode();
      response.setStatus(status);
      HttpFields.Mutable headers = response.getHeaders();
      for (Map.Entry<String, List<String>> header : result.headers().asMap().entrySet()) {
        if (!HOP_BY_HOP.contains(header.getKey())) {
          for (String value : header.getValue()) {
            headers.add(header.getKey(), value);
          }
        }
      }
      if (close) {
        headers.put(CLOSE);
      }
      byte[] bytes = result.body();
      if (HttpStatus.hasNoBody(status)) {
        response.write(true, null, done);
        return;
      }
      headers.put(HttpHeader.CONTENT_LENGTH, bytes.length);
      response.write(true, bytes.length == 0 ? null : ByteBuffer.wrap(bytes), done);
    }
  }
}
