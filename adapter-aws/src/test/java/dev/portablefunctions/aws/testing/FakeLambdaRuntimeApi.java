package dev.portablefunctions.aws.testing;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-process fake of the AWS Lambda Runtime API (version 2018-06-01), built on the JDK's {@code
 * com.sun.net.httpserver}, for driving a real runtime interface client (RIC) in a child JVM.
 *
 * <p>It listens on a free loopback port. {@link #invoke(String)} queues an event, waits for the
 * runtime to pick it up through {@code GET /runtime/invocation/next}, and returns what the runtime
 * posted back to {@code /response} or {@code /error}. Every wait is bounded, so a hung or crashed
 * child fails a test instead of hanging it. Init errors ({@code POST /runtime/init/error}) are
 * recorded; they end every pending invocation, and every later one, with {@link
 * InvocationResult.Outcome#INIT_ERROR} until a new runtime starts.
 *
 * <p>Runtime "generations" ({@link #runtimeStarting()}) keep a replaced child's long-poll, which
 * the server never sees closing, from taking events meant for its successor. Set {@code
 * sun.net.httpserver.nodelay=true} (done here when unset, but only effective before the JVM's first
 * {@code HttpServer}); without it every invocation costs ~90 ms of Nagle/delayed-ACK stalls instead
 * of ~2 ms.
 *
 * <pre>{@code
 * try (FakeLambdaRuntimeApi api = FakeLambdaRuntimeApi.start();
 *      LambdaRuntimeProcess runtime = LambdaRuntimeProcess.builder()
 *              .classpath(cp).handler("example.Handler").runtimeApi(api).start()) {
 *     InvocationResult result = api.invoke("{\"name\":\"Ada\"}");
 *     assertThat(result.isSuccess()).isTrue();
 * }
 * }</pre>
 *
 * <p>Only the JDK is used. One instance serves any number of sequential invocations; it also
 * accepts several queued at once, which a single-threaded runtime then takes one after another.
 */
public final class FakeLambdaRuntimeApi implements AutoCloseable {

  /** Path prefix of every Runtime API endpoint. */
  public static final String API_PREFIX = "/2018-06-01/runtime";

  public static final String HEADER_REQUEST_ID = "Lambda-Runtime-Aws-Request-Id";
  public static final String HEADER_DEADLINE_MS = "Lambda-Runtime-Deadline-Ms";
  public static final String HEADER_FUNCTION_ARN = "Lambda-Runtime-Invoked-Function-Arn";
  public static final String HEADER_TRACE_ID = "Lambda-Runtime-Trace-Id";
  public static final String HEADER_CLIENT_CONTEXT = "Lambda-Runtime-Client-Context";
  public static final String HEADER_COGNITO_IDENTITY = "Lambda-Runtime-Cognito-Identity";
  public static final String HEADER_TENANT_ID = "Lambda-Runtime-Aws-Tenant-Id";
  public static final String HEADER_ERROR_TYPE = "Lambda-Runtime-Function-Error-Type";
  public static final String HEADER_XRAY_ERROR_CAUSE = "Lambda-Runtime-Function-XRay-Error-Cause";

  public static final String DEFAULT_FUNCTION_ARN =
      "arn:aws:lambda:us-east-1:123456789012:function:test-function";

  /** Function timeout used for the deadline header when an invocation sets none. */
  public static final Duration DEFAULT_FUNCTION_TIMEOUT = Duration.ofSeconds(30);

  /** How long {@link #invoke(String)} waits for a result by default. */
  public static final Duration DEFAULT_WAIT = Duration.ofSeconds(30);

  private static final Duration POLL_SLICE = Duration.ofMillis(200);
  private static final int MAX_RECORDED_REQUESTS = 1_000;
  private static final AtomicInteger INSTANCES = new AtomicInteger();

  static {
    // The JDK server leaves Nagle's algorithm on unless told otherwise; together with the client's
    // delayed
    // ACKs that costs ~40 ms per exchange (~90 ms per invocation measured). The property is read
    // once, when
    // the first HttpServer of the JVM is created, so also set it in the build (surefire) to be
    // safe.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final HttpServer server;
  private final ExecutorService executor;
  private final BlockingDeque<Pending> queue = new LinkedBlockingDeque<>();
  private final Map<String, Pending> byRequestId = new ConcurrentHashMap<>();
  private final List<InitError> initErrors = new CopyOnWriteArrayList<>();
  private final Deque<RecordedRequest> requests = new ArrayDeque<>();
  private final AtomicInteger waitingPolls = new AtomicInteger();
  private final AtomicInteger totalPolls = new AtomicInteger();
  private volatile Duration defaultWait = DEFAULT_WAIT;
  private volatile boolean closed;

  /** Set when the current runtime reported an init error; later invocations then end at once. */
  private volatile InitError initErrorOfCurrentRuntime;

  /** Set when the current runtime went away; later invocations then fail at once. */
  private volatile String runtimeGoneReason;

  private final Object runtimeLock = new Object();
  private long runtimeGeneration;

  private FakeLambdaRuntimeApi(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /** Starts a server on a free port of the loopback interface. */
  public static FakeLambdaRuntimeApi start() {
    int instance = INSTANCES.incrementAndGet();
    AtomicInteger threads = new AtomicInteger();
    ThreadFactory factory =
        runnable -> {
          Thread t =
              new Thread(
                  runnable,
                  "fake-lambda-runtime-api-" + instance + "-" + threads.incrementAndGet());
          t.setDaemon(true);
          return t;
        };
    ExecutorService executor = Executors.newCachedThreadPool(factory);
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
      FakeLambdaRuntimeApi api = new FakeLambdaRuntimeApi(server, executor);
      server.createContext(API_PREFIX + "/", api::handle);
      server.setExecutor(executor);
      server.start();
      return api;
    } catch (IOException e) {
      executor.shutdownNow();
      throw new UncheckedIOException("Could not start the fake Lambda Runtime API", e);
    }
  }

  /** The value for {@code AWS_LAMBDA_RUNTIME_API}: {@code host:port}, no scheme. */
  public String address() {
    InetSocketAddress a = server.getAddress();
    return a.getAddress().getHostAddress() + ":" + a.getPort();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** Changes how long {@link #invoke(String)} and {@link #invoke(Invocation)} wait for a result. */
  public FakeLambdaRuntimeApi defaultWait(Duration wait) {
    this.defaultWait = Objects.requireNonNull(wait);
    return this;
  }

  // ---------------------------------------------------------------- invoking

  /**
   * Queues {@code eventJson} with a fresh request id and waits (bounded) for the runtime's answer.
   */
  public InvocationResult invoke(String eventJson) {
    return invoke(Invocation.of(eventJson));
  }

  public InvocationResult invoke(Invocation invocation) {
    return invoke(invocation, defaultWait);
  }

  /**
   * Queues the invocation and waits at most {@code wait} for the runtime to answer it.
   *
   * @throws InvocationTimeoutException if no answer came in time (the invocation is then withdrawn)
   * @throws RuntimeFailureException if the runtime went away (see {@link #failPending(String)})
   */
  public InvocationResult invoke(Invocation invocation, Duration wait) {
    Pending pending = enqueue(invocation);
    try {
      return pending.future.get(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      boolean wasQueued = queue.remove(pending);
      pending.abandoned = true;
      InvocationTimeoutException failure =
          new InvocationTimeoutException(describeTimeout(pending, wasQueued, wait));
      pending.future.completeExceptionally(failure);
      throw failure;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      queue.remove(pending);
      pending.abandoned = true;
      throw new IllegalStateException(
          "Interrupted while waiting for request " + pending.invocation.requestId(), e);
    } catch (ExecutionException e) {
      // Re-create the failure on the caller's thread so its stack trace points at the test.
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeFailureException) {
        throw new RuntimeFailureException(cause.getMessage(), cause);
      }
      throw new IllegalStateException(
          "Request " + pending.invocation.requestId() + " failed", cause);
    }
  }

  /**
   * Queues the invocation without waiting. The future completes when the runtime answers, when an
   * init error is reported, or exceptionally when {@link #failPending(String)} is called; it never
   * times out by itself, so bound your {@code get}.
   */
  public CompletableFuture<InvocationResult> submit(Invocation invocation) {
    return enqueue(invocation).future;
  }

  private Pending enqueue(Invocation invocation) {
    if (closed) {
      throw new IllegalStateException("The fake Lambda Runtime API is closed");
    }
    Pending pending = new Pending(invocation);
    if (byRequestId.putIfAbsent(invocation.requestId(), pending) != null) {
      throw new IllegalArgumentException("Request id already used: " + invocation.requestId());
    }
    InitError initError = initErrorOfCurrentRuntime;
    String gone = runtimeGoneReason;
    if (initError != null) {
      pending.future.complete(initErrorResult(invocation.requestId(), initError));
    } else if (gone != null) {
      pending.future.completeExceptionally(new RuntimeFailureException(gone));
    } else {
      queue.add(pending);
    }
    return pending;
  }

  /**
   * Tells the fake that a (new) runtime is starting against it, which forgets an earlier runtime's
   * init error or exit. {@link LambdaRuntimeProcess} calls this; call it yourself when you start a
   * runtime by other means.
   *
   * @return a generation number for {@link #runtimeGone(long, String)}
   */
  public long runtimeStarting() {
    synchronized (runtimeLock) {
      initErrorOfCurrentRuntime = null;
      runtimeGoneReason = null;
      return ++runtimeGeneration;
    }
  }

  /**
   * Tells the fake that the runtime went away (e.g. its process exited): pending invocations and
   * any invoked later, until {@link #runtimeStarting()}, fail at once with a {@link
   * RuntimeFailureException} carrying {@code reason}. {@link LambdaRuntimeProcess} calls this when
   * its child exits.
   */
  public void runtimeGone(String reason) {
    synchronized (runtimeLock) {
      runtimeGoneReason = Objects.requireNonNull(reason);
    }
    failPending(reason);
  }

  /**
   * Like {@link #runtimeGone(String)}, but ignored when another runtime has started since {@link
   * #runtimeStarting()} returned {@code generation} (a late exit notice of a replaced child).
   */
  public void runtimeGone(long generation, String reason) {
    synchronized (runtimeLock) {
      if (generation != runtimeGeneration) {
        return;
      }
      runtimeGoneReason = Objects.requireNonNull(reason);
    }
    failPending(reason);
  }

  /**
   * Fails every invocation that has not been answered yet (queued or in flight) with a {@link
   * RuntimeFailureException}; later invocations are queued as usual.
   */
  public void failPending(String reason) {
    RuntimeFailureException failure = new RuntimeFailureException(reason);
    for (Pending p : byRequestId.values()) {
      if (!p.future.isDone()) {
        queue.remove(p);
        p.future.completeExceptionally(failure);
      }
    }
  }

  // ---------------------------------------------------------------- observing

  /** Init errors reported so far, oldest first. */
  public List<InitError> initErrors() {
    return List.copyOf(initErrors);
  }

  /** Waits at most {@code timeout} for an init error. */
  public Optional<InitError> awaitInitError(Duration timeout) {
    return awaitCondition(timeout, () -> initErrors.isEmpty() ? null : initErrors.get(0));
  }

  /**
   * Waits until a runtime is blocked in {@code GET /invocation/next}, i.e. it has finished init and
   * is ready for an event.
   */
  public boolean awaitRuntimeReady(Duration timeout) {
    return awaitCondition(timeout, () -> waitingPolls.get() > 0 ? Boolean.TRUE : null).isPresent();
  }

  /** Number of {@code GET /invocation/next} requests received so far. */
  public int nextInvocationPolls() {
    return totalPolls.get();
  }

  /** The last 1,000 requests received, oldest first (for protocol-level assertions). */
  public List<RecordedRequest> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    failPending("The fake Lambda Runtime API was closed");
    server.stop(0);
    executor.shutdownNow();
    try {
      executor.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static <T> Optional<T> awaitCondition(
      Duration timeout, java.util.function.Supplier<T> probe) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      T value = probe.get();
      if (value != null) {
        return Optional.of(value);
      }
      if (System.nanoTime() - deadline >= 0) {
        return Optional.empty();
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Optional.empty();
      }
    }
  }

  private String describeTimeout(Pending pending, boolean wasQueued, Duration wait) {
    StringBuilder sb =
        new StringBuilder("No answer for request ")
            .append(pending.invocation.requestId())
            .append(" within ")
            .append(wait.toMillis())
            .append(" ms; ");
    if (wasQueued) {
      sb.append("the runtime never picked it up (GET /invocation/next calls so far: ")
          .append(totalPolls.get())
          .append(")");
    } else {
      sb.append("the runtime took it ")
          .append(Duration.between(pending.deliveredAt, Instant.now()).toMillis())
          .append(" ms ago but posted neither /response nor /error");
    }
    if (!initErrors.isEmpty()) {
      sb.append("; init errors: ").append(initErrors);
    }
    return sb.toString();
  }

  // ---------------------------------------------------------------- HTTP

  private void handle(HttpExchange exchange) {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getPath();
      synchronized (requests) {
        requests.addLast(
            new RecordedRequest(
                method, path, copy(exchange.getRequestHeaders()), body, Instant.now()));
        if (requests.size() > MAX_RECORDED_REQUESTS) {
          requests.removeFirst();
        }
      }
      String rest = path.substring(API_PREFIX.length());

      if ("GET".equals(method) && "/invocation/next".equals(rest)) {
        handleNext(exchange);
      } else if ("POST".equals(method) && "/init/error".equals(rest)) {
        handleInitError(exchange, body);
      } else if ("POST".equals(method)
          && rest.startsWith("/invocation/")
          && rest.endsWith("/response")) {
        handleResult(exchange, rest, "/response", InvocationResult.Outcome.RESPONSE, body);
      } else if ("POST".equals(method)
          && rest.startsWith("/invocation/")
          && rest.endsWith("/error")) {
        handleResult(exchange, rest, "/error", InvocationResult.Outcome.ERROR, body);
      } else {
        send(
            exchange,
            404,
            "{\"errorMessage\":\"Unknown path " + path + "\",\"errorType\":\"NotFound\"}");
      }
    } catch (IOException e) {
      // The client went away (for example, the child was killed mid-poll): nothing to answer.
    } catch (RuntimeException e) {
      try {
        send(
            exchange,
            500,
            "{\"errorMessage\":\"" + e + "\",\"errorType\":\"FakeRuntimeApiFailure\"}");
      } catch (IOException ignored) {
        // Best effort.
      }
    }
  }

  private void handleNext(HttpExchange exchange) throws IOException {
    long generation = currentGeneration();
    totalPolls.incrementAndGet();
    waitingPolls.incrementAndGet();
    Pending pending;
    try {
      pending = takeNext(generation);
    } finally {
      waitingPolls.decrementAndGet();
    }
    if (pending == null) {
      // Closing, or this poll belongs to a runtime that has since been replaced (its process is
      // gone but
      // the server never noticed the dead connection): answer instead of handing it an event.
      send(
          exchange,
          500,
          "{\"errorMessage\":\"Runtime API shutting down\",\"errorType\":\"ServiceUnavailable\"}");
      return;
    }
    Invocation inv = pending.invocation;
    pending.deliveredAt = Instant.now();
    Instant deadline =
        inv.deadline() != null ? inv.deadline() : pending.deliveredAt.plus(inv.functionTimeout());
    Headers h = exchange.getResponseHeaders();
    h.set("Content-Type", "application/json");
    h.set(HEADER_REQUEST_ID, inv.requestId());
    h.set(HEADER_DEADLINE_MS, Long.toString(deadline.toEpochMilli()));
    h.set(HEADER_FUNCTION_ARN, inv.functionArn());
    setIfPresent(h, HEADER_TRACE_ID, inv.traceId());
    setIfPresent(h, HEADER_CLIENT_CONTEXT, inv.clientContext());
    setIfPresent(h, HEADER_COGNITO_IDENTITY, inv.cognitoIdentity());
    setIfPresent(h, HEADER_TENANT_ID, inv.tenantId());
    byte[] payload = inv.payload();
    try {
      exchange.sendResponseHeaders(200, payload.length == 0 ? -1 : payload.length);
      if (payload.length > 0) {
        exchange.getResponseBody().write(payload);
      }
    } catch (IOException e) {
      // The poller went away while we answered: give the event to the next poll instead of losing
      // it.
      pending.deliveredAt = null;
      if (!pending.future.isDone()) {
        queue.addFirst(pending);
      }
      throw e;
    }
  }

  private Pending takeNext(long generation) {
    while (!closed && generation == currentGeneration()) {
      try {
        Pending p = queue.poll(POLL_SLICE.toMillis(), TimeUnit.MILLISECONDS);
        if (p == null || p.future.isDone() || p.abandoned) {
          continue;
        }
        if (generation != currentGeneration()) {
          queue.addFirst(p);
          return null;
        }
        return p;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      }
    }
    return null;
  }

  private long currentGeneration() {
    synchronized (runtimeLock) {
      return runtimeGeneration;
    }
  }

  private void handleResult(
      HttpExchange exchange,
      String rest,
      String suffix,
      InvocationResult.Outcome outcome,
      byte[] body)
      throws IOException {
    String requestId = rest.substring("/invocation/".length(), rest.length() - suffix.length());
    Pending pending = byRequestId.get(requestId);
    if (pending == null || pending.deliveredAt == null) {
      send(
          exchange,
          400,
          "{\"errorMessage\":\"Invalid request ID: "
              + requestId
              + "\",\"errorType\":\"InvalidRequestID\"}");
      return;
    }
    Headers in = exchange.getRequestHeaders();
    InvocationResult result =
        new InvocationResult(
            outcome,
            requestId,
            body,
            in.getFirst(HEADER_ERROR_TYPE),
            in.getFirst(HEADER_XRAY_ERROR_CAUSE),
            copy(in),
            Duration.between(pending.deliveredAt, Instant.now()));
    pending.future.complete(result); // ignored if it already timed out
    send(exchange, 202, "{\"status\":\"OK\"}");
  }

  private void handleInitError(HttpExchange exchange, byte[] body) throws IOException {
    Headers in = exchange.getRequestHeaders();
    InitError error =
        new InitError(
            in.getFirst(HEADER_ERROR_TYPE),
            new String(body, StandardCharsets.UTF_8),
            copy(in),
            Instant.now());
    initErrors.add(error);
    initErrorOfCurrentRuntime = error;
    for (Pending p : byRequestId.values()) {
      if (!p.future.isDone()) {
        queue.remove(p);
        p.future.complete(initErrorResult(p.invocation.requestId(), error));
      }
    }
    send(exchange, 202, "{\"status\":\"OK\"}");
  }

  private static InvocationResult initErrorResult(String requestId, InitError error) {
    return new InvocationResult(
        InvocationResult.Outcome.INIT_ERROR,
        requestId,
        error.body().getBytes(StandardCharsets.UTF_8),
        error.errorType(),
        null,
        error.headers(),
        Duration.ZERO);
  }

  private static void send(HttpExchange exchange, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  private static void setIfPresent(Headers headers, String name, String value) {
    if (value != null) {
      headers.set(name, value);
    }
  }

  private static Map<String, List<String>> copy(Headers headers) {
    Map<String, List<String>> copy = new LinkedHashMap<>();
    headers.forEach((k, v) -> copy.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
    return Collections.unmodifiableMap(copy);
  }

  private static final class Pending {
    final Invocation invocation;
    final CompletableFuture<InvocationResult> future = new CompletableFuture<>();
    volatile Instant deliveredAt;
    volatile boolean abandoned;

    Pending(Invocation invocation) {
      this.invocation = invocation;
    }
  }

  // ---------------------------------------------------------------- value types

  /** One event to deliver, plus the metadata the Runtime API sends as headers. Immutable. */
  public static final class Invocation {
    private final byte[] payload;
    private final String requestId;
    private final String traceId;
    private final Instant deadline;
    private final Duration functionTimeout;
    private final String functionArn;
    private final String clientContext;
    private final String cognitoIdentity;
    private final String tenantId;

    private Invocation(
        byte[] payload,
        String requestId,
        String traceId,
        Instant deadline,
        Duration functionTimeout,
        String functionArn,
        String clientContext,
        String cognitoIdentity,
        String tenantId) {
      this.payload = payload;
      this.requestId = requestId;
      this.traceId = traceId;
      this.deadline = deadline;
      this.functionTimeout = functionTimeout;
      this.functionArn = functionArn;
      this.clientContext = clientContext;
      this.cognitoIdentity = cognitoIdentity;
      this.tenantId = tenantId;
    }

    /** An invocation of {@code eventJson} with a fresh random request id and default metadata. */
    public static Invocation of(String eventJson) {
      return of(eventJson.getBytes(StandardCharsets.UTF_8));
    }

    public static Invocation of(byte[] payload) {
      return new Invocation(
          payload.clone(),
          UUID.randomUUID().toString(),
          null,
          null,
          DEFAULT_FUNCTION_TIMEOUT,
          DEFAULT_FUNCTION_ARN,
          null,
          null,
          null);
    }

    public Invocation withRequestId(String id) {
      return new Invocation(
          payload,
          Objects.requireNonNull(id),
          traceId,
          deadline,
          functionTimeout,
          functionArn,
          clientContext,
          cognitoIdentity,
          tenantId);
    }

    /**
     * The X-Ray trace header, e.g. {@code
     * Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1}.
     */
    public Invocation withTraceId(String trace) {
      return new Invocation(
          payload,
          requestId,
          trace,
          deadline,
          functionTimeout,
          functionArn,
          clientContext,
          cognitoIdentity,
          tenantId);
    }

    /** Absolute deadline sent in {@code Lambda-Runtime-Deadline-Ms}. */
    public Invocation withDeadline(Instant at) {
      return new Invocation(
          payload,
          requestId,
          traceId,
          Objects.requireNonNull(at),
          functionTimeout,
          functionArn,
          clientContext,
          cognitoIdentity,
          tenantId);
    }

    /** Deadline relative to the moment the runtime picks the event up (like a function timeout). */
    public Invocation withFunctionTimeout(Duration timeout) {
      return new Invocation(
          payload,
          requestId,
          traceId,
          null,
          Objects.requireNonNull(timeout),
          functionArn,
          clientContext,
          cognitoIdentity,
          tenantId);
    }

    public Invocation withFunctionArn(String arn) {
      return new Invocation(
          payload,
          requestId,
          traceId,
          deadline,
          functionTimeout,
          Objects.requireNonNull(arn),
          clientContext,
          cognitoIdentity,
          tenantId);
    }

    /** Raw JSON of the client context (mobile SDK invocations). */
    public Invocation withClientContext(String json) {
      return new Invocation(
          payload,
          requestId,
          traceId,
          deadline,
          functionTimeout,
          functionArn,
          json,
          cognitoIdentity,
          tenantId);
    }

    /** Raw JSON of the Cognito identity. */
    public Invocation withCognitoIdentity(String json) {
      return new Invocation(
          payload,
          requestId,
          traceId,
          deadline,
          functionTimeout,
          functionArn,
          clientContext,
          json,
          tenantId);
    }

    public Invocation withTenantId(String id) {
      return new Invocation(
          payload,
          requestId,
          traceId,
          deadline,
          functionTimeout,
          functionArn,
          clientContext,
          cognitoIdentity,
          id);
    }

    public byte[] payload() {
      return payload.clone();
    }

    public String requestId() {
      return requestId;
    }

    public String traceId() {
      return traceId;
    }

    public Instant deadline() {
      return deadline;
    }

    public Duration functionTimeout() {
      return functionTimeout;
    }

    public String functionArn() {
      return functionArn;
    }

    public String clientContext() {
      return clientContext;
    }

    public String cognitoIdentity() {
      return cognitoIdentity;
    }

    public String tenantId() {
      return tenantId;
    }
  }

  /** What the runtime answered for one invocation. */
  public static final class InvocationResult {
    /** How the runtime answered. */
    public enum Outcome {
      /** {@code POST /invocation/{id}/response}. */
      RESPONSE,
      /** {@code POST /invocation/{id}/error}. */
      ERROR,
      /**
       * The runtime reported {@code POST /init/error} (while this invocation was pending, or before
       * it was queued); the body and error type are those of the init error.
       */
      INIT_ERROR
    }

    private final Outcome outcome;
    private final String requestId;
    private final byte[] body;
    private final String errorType;
    private final String xrayErrorCause;
    private final Map<String, List<String>> headers;
    private final Duration duration;

    InvocationResult(
        Outcome outcome,
        String requestId,
        byte[] body,
        String errorType,
        String xrayErrorCause,
        Map<String, List<String>> headers,
        Duration duration) {
      this.outcome = outcome;
      this.requestId = requestId;
      this.body = body;
      this.errorType = errorType;
      this.xrayErrorCause = xrayErrorCause;
      this.headers = headers;
      this.duration = duration;
    }

    public Outcome outcome() {
      return outcome;
    }

    public boolean isSuccess() {
      return outcome == Outcome.RESPONSE;
    }

    public boolean isError() {
      return outcome != Outcome.RESPONSE;
    }

    public String requestId() {
      return requestId;
    }

    /** The posted body as UTF-8 text (the response payload, or the error JSON). */
    public String body() {
      return new String(body, StandardCharsets.UTF_8);
    }

    public byte[] bodyBytes() {
      return body.clone();
    }

    /** {@code Lambda-Runtime-Function-Error-Type} header of an error post, else {@code null}. */
    public String errorType() {
      return errorType;
    }

    /**
     * {@code Lambda-Runtime-Function-XRay-Error-Cause} header of an error post, else {@code null}.
     */
    public String xrayErrorCause() {
      return xrayErrorCause;
    }

    /** Headers of the runtime's POST, names lower-cased. */
    public Map<String, List<String>> headers() {
      return headers;
    }

    /** From the moment the runtime took the event to the moment it posted the answer. */
    public Duration duration() {
      return duration;
    }

    @Override
    public String toString() {
      return "InvocationResult{"
          + outcome
          + ", requestId="
          + requestId
          + (errorType != null ? ", errorType=" + errorType : "")
          + ", body="
          + body()
          + "}";
    }
  }

  /** A {@code POST /runtime/init/error}. */
  public record InitError(
      String errorType, String body, Map<String, List<String>> headers, Instant receivedAt) {
    @Override
    public String toString() {
      return "InitError{errorType=" + errorType + ", body=" + body + "}";
    }
  }

  /** Any request the fake received. */
  public record RecordedRequest(
      String method,
      String path,
      Map<String, List<String>> headers,
      byte[] body,
      Instant receivedAt) {
    public String bodyText() {
      return new String(body, StandardCharsets.UTF_8);
    }

    public String header(String name) {
      List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
      return values == null || values.isEmpty() ? null : values.get(0);
    }

    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  /** No answer came in time. */
  public static final class InvocationTimeoutException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InvocationTimeoutException(String message) {
      super(message);
    }
  }

  /** The runtime went away (process exited, or the fake was closed) before answering. */
  public static final class RuntimeFailureException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    RuntimeFailureException(String message) {
      super(message);
    }

    RuntimeFailureException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
