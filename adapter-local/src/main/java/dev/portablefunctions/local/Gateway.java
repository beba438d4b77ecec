package dev.portablefunctions.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portablefunctions.Cloud;
import dev.portablefunctions.Context;
import dev.portablefunctions.FunctionException;
import dev.portablefunctions.FunctionLogger;
import dev.portablefunctions.HttpRequest;
import dev.portablefunctions.HttpResponse;
import dev.portablefunctions.Message;
import dev.portablefunctions.TraceContext;
import dev.portablefunctions.local.server.LocalGateway;
import dev.portablefunctions.spi.BatchMode;
import dev.portablefunctions.spi.BatchResult;
import dev.portablefunctions.spi.FunctionDefinition;
import dev.portablefunctions.spi.FunctionKind;
import dev.portablefunctions.spi.FunctionRegistry;
import dev.portablefunctions.spi.FunctionRunner;
import dev.portablefunctions.spi.Instrumentation;
import dev.portablefunctions.spi.InvocationContext;
import dev.portablefunctions.spi.InvocationIds;
import dev.portablefunctions.spi.InvocationObserver;
import dev.portablefunctions.spi.Json;
import dev.portablefunctions.spi.LogWriter;
import dev.portablefunctions.spi.MalformedInput;
import dev.portablefunctions.spi.TriggerType;
import io.cloudevents.CloudEvent;
import io.cloudevents.http.HttpMessageFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The local adapter's one decode, dispatch and encode path, shared by {@link LocalServer} (over
 * HTTP), {@link LocalInvoker} (in-process) and, as {@link LocalGateway}, the container server.
 * Thread-safe.
 *
 * <p>Two ways to run a function within the timeout: {@link #invoke} hands it to this gateway's own
 * (unbounded) worker pool and waits, for the local server and the invoker; the {@link LocalGateway}
 * entry runs it on the caller's thread and arms a timer, so that a transport with a bounded thread
 * pool (the container server) keeps one thread per running function.
 */
final class Gateway implements LocalGateway {

  private final FunctionRegistry registry;
  private final FunctionDefinition single;
  private final long maxBodyBytes;
  private final Duration timeout;
  private final LogWriter logWriter;
  private final FunctionLogger.Level threshold;

  /** The outcome record and the observers on the class path, for every invocation. */
  private final Instrumentation instrumentation;

  /** Empty, or {@code prime-} for a priming gateway's invocations. */
  private final String idPrefix;

  private final ExecutorService workers;

  /** The functions running on their callers' threads, which {@link #sweep()} checks. */
  private final Set<Watchdog> running = ConcurrentHashMap.newKeySet();

  private volatile ScheduledThreadPoolExecutor
      sweeper; // started by the first handle(..., onTimeout)

  Gateway(
      FunctionRegistry registry,
      boolean selectOne,
      String selection,
      long maxBodyBytes,
      Duration timeout,
      LogWriter logWriter,
      FunctionLogger.Level threshold) {
    this(registry, selectOne, selection, maxBodyBytes, timeout, logWriter, threshold, null);
  }

  /** As above, with one more observer of every invocation (null for none). */
  Gateway(
      FunctionRegistry registry,
      boolean selectOne,
      String selection,
      long maxBodyBytes,
      Duration timeout,
      LogWriter logWriter,
      FunctionLogger.Level threshold,
      InvocationObserver observer) {
    this(
        registry,
        selectOne,
        selection,
        maxBodyBytes,
        timeout,
        logWriter,
        threshold,
        observer == null
            ? Instrumentation.load(Gateway.class.getClassLoader())
            : Instrumentation.load(Gateway.class.getClassLoader()).with(observer),
        "");
  }

  private Gateway(
      FunctionRegistry registry,
      boolean selectOne,
      String selection,
      long maxBodyBytes,
      Duration timeout,
      LogWriter logWriter,
      FunctionLogger.Level threshold,
      Instrumentation instrumentation,
      String idPrefix) {
    this.registry = Objects.requireNonNull(registry, "registry");
    if (registry.isEmpty()) {
      throw new IllegalStateException(FunctionRegistry.noFunctionsMessage());
    }
    boolean selected = selection != null && !selection.isBlank();
    this.single =
        selected || (selectOne && registry.functions().size() == 1)
            ? registry.select(selection)
            : null;
    if (maxBodyBytes < 1) {
      throw new IllegalArgumentException("maxBodyBytes must be positive, was " + maxBodyBytes);
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, was " + timeout);
    }
    this.maxBodyBytes = maxBodyBytes;
    this.timeout = timeout;
    this.logWriter = Objects.requireNonNull(logWriter, "logWriter");
    this.threshold = Objects.requireNonNull(threshold, "threshold");
    this.instrumentation = instrumentation;
    this.idPrefix = idPrefix;
    AtomicInteger count = new AtomicInteger();
    ThreadFactory threads =
        task -> {
          Thread thread = new Thread(task, "portable-function-" + count.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        };
    this.workers = Executors.newCachedThreadPool(threads);
  }

  @Override
  public FunctionRegistry registry() {
    return registry;
  }

  @Override
  public Optional<FunctionDefinition> singleFunction() {
    return Optional.ofNullable(single);
  }

  @Override
  public Duration timeout() {
    return timeout;
  }

  /** The function served at {@code /}, or null when each function is served under its name. */
  FunctionDefinition single() {
    return single;
  }

  @Override
  public long maxBodyBytes() {
    return maxBodyBytes;
  }

  /**
   * Routes a request by its path and handles it.
   *
   * @param method the request's method
   * @param path the decoded request path
   * @param request builds the request for the path the function sees (the full path when one
   *     function is served, the path below {@code /<name>} otherwise), so it is built only once
   */
  HttpResponse handle(String method, String path, Function<String, HttpRequest> request) {
    return route(method, path, request, this::invoke);
  }

  @Override
  public HttpResponse handle(
      String method,
      String path,
      Function<String, HttpRequest> request,
      Consumer<HttpResponse> onTimeout) {
    Objects.requireNonNull(onTimeout, "onTimeout");
    return route(
        method, path, request, (function, built) -> invokeHere(function, built, onTimeout));
  }

  private HttpResponse route(
      String method,
      String path,
      Function<String, HttpRequest> request,
      BiFunction<FunctionDefinition, HttpRequest, HttpResponse> invoker) {
    if (single != null) {
      return build(invoker, single, request, path);
    }
    int slash = path.indexOf('/', 1);
    String name = slash < 0 ? path.substring(1) : path.substring(1, slash);
    if (name.isEmpty()) {
      if (method.equals("GET") || method.equals("HEAD")) {
        return index();
      }
      return routingError(
          FunctionException.Kind.NOT_FOUND,
          "No function at /. This server serves " + paths() + ".",
          "local");
    }
    FunctionDefinition function =
        registry.find(name).filter(found -> found.name().equals(name)).orElse(null);
    if (function == null) {
      return routingError(
          FunctionException.Kind.NOT_FOUND,
          // Not the name asked for: the path is the caller's input.
          "No function at this path. This server serves " + paths() + ".",
          "local");
    }
    return build(invoker, function, request, slash < 0 ? "/" : path.substring(slash));
  }

  /**
   * Builds the function's request and runs it. A request the transport cannot turn into a portable
   * one (a header HTTP does not allow: {@link dev.portablefunctions.spi.MalformedInput#addHeader})
   * is answered here with its 400, without reaching the function.
   */
  private HttpResponse build(
      BiFunction<FunctionDefinition, HttpRequest, HttpResponse> invoker,
      FunctionDefinition function,
      Function<String, HttpRequest> request,
      String path) {
    HttpRequest built;
    try {
      built = request.apply(path);
    } catch (FunctionException malformed) {
      return routingError(malformed.kind(), malformed.detail(), function.name());
    }
    return invoker.apply(function, built);
  }

  /**
   * The answer for a body over the limit, before it is read. It names the limit, not the body's
   * length, which the client declared and would be quoted back.
   */
  @Override
  public HttpResponse tooLarge() {
    return routingError(
        FunctionException.Kind.PAYLOAD_TOO_LARGE,
        "The body is larger than this server's limit of "
            + maxBodyBytes
            + " bytes (set "
            + LocalServer.MAX_BODY_VARIABLE
            + " to change it).",
        single == null ? "local" : single.name());
  }

  /** Runs a function on a request within the timeout; never throws. */
  HttpResponse invoke(FunctionDefinition function, HttpRequest request) {
    if (request.bodyLength() > maxBodyBytes) {
      return tooLarge();
    }
    String invocationId = newInvocationId();
    // The invocation begins and ends on the worker, so that observers see one thread; the caller's
    // context (same invocation id, not instrumented) reports a timeout.
    Context context = newContext(function, request, invocationId, false);
    Future<HttpResponse> result =
        workers.submit(
            () -> dispatch(function, request, newContext(function, request, invocationId, true)));
    try {
      return result.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException late) {
      result.cancel(true);
      return timedOut(function, context);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      result.cancel(true);
      return FunctionRunner.problem(
          FunctionException.Kind.UNAVAILABLE,
          "The call was interrupted while function "
              + function.name()
              + " ran (a shutdown or a test timeout).",
          invocationId);
    } catch (ExecutionException impossible) {
      return FunctionRunner.problem(impossible.getCause(), context);
    }
  }

  /**
   * Runs a function on the calling thread; at the deadline a timer interrupts it and hands the 504
   * to {@code onTimeout}. Never throws.
   */
  private HttpResponse invokeHere(
      FunctionDefinition function, HttpRequest request, Consumer<HttpResponse> onTimeout) {
    if (request.bodyLength() > maxBodyBytes) {
      return tooLarge();
    }
    Context context = newContext(function, request, newInvocationId(), true);
    startSweeper();
    Watchdog watchdog =
        new Watchdog(
            Thread.currentThread(),
            System.nanoTime() + timeout.toNanos(),
            () -> timedOut(function, context),
            onTimeout);
    running.add(watchdog);
    HttpResponse response = null;
    HttpResponse late;
    try {
      response = dispatch(function, request, context);
    } finally {
      running.remove(watchdog);
      late = watchdog.finish();
    }
    return late != null ? late : response;
  }

  /**
   * Fires the watchdogs past their deadline. One periodic task rather than a timer per call: a task
   * scheduled per call costs a lock and, mostly, a wake-up of the timer thread, which halved the
   * container server's throughput on a small function.
   */
  private void sweep() {
    long now = System.nanoTime();
    for (Watchdog watchdog : running) {
      if (now - watchdog.deadline >= 0 && running.remove(watchdog)) {
        watchdog.run();
      }
    }
  }

  /**
   * A random id ({@link InvocationIds}: re-seeded after a restore from a checkpoint, so that
   * restored copies of one process do not draw the same ids).
   */
  private String newInvocationId() {
    String id = InvocationIds.random();
    return idPrefix.isEmpty() ? id : idPrefix + id;
  }

  /** An invocation's context; an instrumented one begins the invocation (on the calling thread). */
  private Context newContext(
      FunctionDefinition function, HttpRequest request, String invocationId, boolean instrumented) {
    return InvocationContext.builder(Cloud.LOCAL, function.name(), invocationId)
        .deadline(Instant.now().plus(timeout))
        .trace(TraceContext.fromHeaders(request.headers()))
        .logWriter(logWriter, threshold)
        .instrumentation(
            instrumented ? instrumentation : Instrumentation.none(),
            triggerType(function.kind()),
            "local")
        .build();
  }

  /** What a function of this kind is reached by, in OpenTelemetry's words. */
  private static TriggerType triggerType(FunctionKind kind) {
    switch (kind) {
      case HTTP:
      case TYPED:
        return TriggerType.HTTP;
      case MESSAGE:
        return TriggerType.PUBSUB;
      case STORAGE:
        return TriggerType.DATASOURCE;
      case SCHEDULE:
        return TriggerType.TIMER;
      default:
        return TriggerType.OTHER;
    }
  }

  /** Logs that a function ran past the timeout and returns the 504. */
  private HttpResponse timedOut(FunctionDefinition function, Context context) {
    context
        .logger()
        .error(
            "Function "
                + function.name()
                + " did not finish within "
                + describe(timeout)
                + "; it was interrupted.");
    return FunctionRunner.problem(
        FunctionException.Kind.TIMEOUT,
        "Function "
            + function.name()
            + " did not finish within "
            + describe(timeout)
            + " (set "
            + LocalServer.TIMEOUT_VARIABLE
            + " to change the limit).",
        context.invocationId());
  }

  private void startSweeper() {
    if (sweeper != null) {
      return;
    }
    synchronized (this) {
      if (sweeper == null) {
        ScheduledThreadPoolExecutor started =
            new ScheduledThreadPoolExecutor(
                1,
                task -> {
                  Thread thread = new Thread(task, "portable-function-timeout");
                  thread.setDaemon(true);
                  return thread;
                });
        // A tenth of the timeout, at most 100 ms: how late a late function's 504 may be.
        long period =
            Math.max(1, Math.min(TimeUnit.MILLISECONDS.toNanos(100), timeout.toNanos() / 10));
        started.scheduleAtFixedRate(this::sweep, period, period, TimeUnit.NANOSECONDS);
        sweeper = started;
      }
    }
  }

  /**
   * Interrupts a function's thread at its deadline (the sweeper calls it), at most once, and never
   * after {@link #finish()}: the thread's interrupt status is cleared there if this fired, so that
   * it does not leak into the transport's next request on the same thread.
   */
  private static final class Watchdog implements Runnable {

    private final Thread thread;
    private final long deadline;
    private final Supplier<HttpResponse> timedOut;
    private final Consumer<HttpResponse> onTimeout;
    private boolean finished;
    private HttpResponse response;

    Watchdog(
        Thread thread,
        long deadline,
        Supplier<HttpResponse> timedOut,
        Consumer<HttpResponse> onTimeout) {
      this.thread = thread;
      this.deadline = deadline;
      this.timedOut = timedOut;
      this.onTimeout = onTimeout;
    }

    @Override
    public void run() {
      HttpResponse late;
      synchronized (this) {
        if (finished) {
          return;
        }
        late = timedOut.get();
        response = late;
        thread.interrupt();
      }
      try {
        onTimeout.accept(late);
      } catch (RuntimeException e) {
        System.err.println("portable-functions: answering a timeout failed: " + e);
      }
    }

    /** Called by the function's thread when it returns; the 504 if this fired, else null. */
    synchronized HttpResponse finish() {
      finished = true;
      if (response != null) {
        Thread.interrupted();
      }
      return response;
    }
  }

  /**
   * Runs the function and ends the invocation with its outcome record (when the function returns,
   * also after a timeout).
   */
  private HttpResponse dispatch(FunctionDefinition function, HttpRequest request, Context context) {
    HttpResponse response;
    try {
      switch (function.kind()) {
        case HTTP:
        case TYPED:
          response = FunctionRunner.http(function, request, context);
          break;
        case MESSAGE:
          response = messages(function, request, context);
          break;
        default:
          response = event(function, request, context);
          break;
      }
    } catch (Throwable failure) {
      FunctionRunner.rethrowIfFatal(failure);
      response = FunctionRunner.problem(failure, context);
    }
    FunctionRunner.finish(context, response);
    return response;
  }

  private HttpResponse messages(FunctionDefinition function, HttpRequest request, Context context) {
    if (!request.method().equals("POST")) {
      return methodNotAllowed(function, request, context);
    }
    String contentType = request.contentType().orElse("");
    if (!LocalCodec.isJsonOrAbsent(contentType)) {
      throw FunctionException.of(
          FunctionException.Kind.UNSUPPORTED_MEDIA_TYPE,
          // Not the Content-Type itself: it is the caller's input.
          "Function "
              + function.name()
              + " takes messages as application/json; the request's"
              + " Content-Type is not JSON.");
    }
    JsonNode json = LocalCodec.readTree(request.body(), "request body");
    List<Message> messages = LocalCodec.messages(json);
    BatchResult result =
        FunctionRunner.messages(function, messages, context, BatchMode.BY_ORDERING_KEY);
    byte[] report =
        LocalCodec.report(
            result,
            context.invocationId(),
            error ->
                error instanceof FunctionException
                    ? ((FunctionException) error).detail()
                    : FunctionRunner.internalDetail(context));
    if (!json.isArray() && !result.allSucceeded()) {
      Throwable error = result.failures().get(0).error();
      FunctionException.Kind kind =
          error instanceof FunctionException
              ? ((FunctionException) error).kind()
              : FunctionException.Kind.INTERNAL;
      String detail =
          error instanceof FunctionException
              ? ((FunctionException) error).detail()
              : FunctionRunner.internalDetail(context);
      return FunctionRunner.problem(kind, detail, context.invocationId());
    }
    return HttpResponse.ok().body(report, "application/json");
  }

  private HttpResponse event(FunctionDefinition function, HttpRequest request, Context context)
      throws Exception {
    if (!request.method().equals("POST")) {
      return methodNotAllowed(function, request, context);
    }
    String contentType = request.contentType().orElse("");
    boolean cloudEvent =
        request.headers().contains("ce-specversion")
            || contentType.toLowerCase(Locale.ROOT).startsWith("application/cloudevents");
    Object event;
    if (cloudEvent) {
      CloudEvent parsed = parseCloudEvent(request);
      if (function.kind() == FunctionKind.CLOUD_EVENT) {
        event = parsed;
      } else if (function.kind() == FunctionKind.STORAGE) {
        if (parsed.getData() == null) {
          throw FunctionException.badInput(
              "Function "
                  + function.name()
                  + " needs the storage event as the CloudEvent's JSON data.");
        }
        event =
            LocalCodec.storage(LocalCodec.readTree(parsed.getData().toBytes(), "CloudEvent data"));
      } else {
        Instant time = parsed.getTime() == null ? Instant.now() : parsed.getTime().toInstant();
        event =
            LocalCodec.schedule(
                parsed.getData() == null
                    ? null
                    : LocalCodec.readTree(parsed.getData().toBytes(), "CloudEvent data"),
                time);
      }
    } else if (function.kind() == FunctionKind.CLOUD_EVENT) {
      throw FunctionException.of(
          FunctionException.Kind.UNSUPPORTED_MEDIA_TYPE,
          "Function "
              + function.name()
              + " takes a CloudEvent: send ce-* headers (binary mode) or Content-Type:"
              + " application/cloudevents+json (structured mode).");
    } else if (!LocalCodec.isJsonOrAbsent(contentType)) {
      throw FunctionException.of(
          FunctionException.Kind.UNSUPPORTED_MEDIA_TYPE,
          "Function "
              + function.name()
              + " takes a CloudEvent or application/json; the request's"
              + " Content-Type is neither.");
    } else if (function.kind() == FunctionKind.STORAGE) {
      event = LocalCodec.storage(LocalCodec.readTree(request.body(), "request body"));
    } else {
      event =
          LocalCodec.schedule(
              request.bodyLength() == 0
                  ? null
                  : LocalCodec.readTree(request.body(), "request body"),
              Instant.now());
    }
    try {
      FunctionRunner.event(function, event, context);
    } catch (Throwable failure) {
      FunctionRunner.rethrowIfFatal(failure);
      return FunctionRunner.toProblem(failure, context); // the runner has logged it
    }
    return HttpResponse.noContent();
  }

  private static CloudEvent parseCloudEvent(HttpRequest request) {
    try {
      return HttpMessageFactory.createReaderFromMultimap(request.headers().asMap(), request.body())
          .toEvent();
    } catch (IllegalStateException missing) {
      // The SDK's builder refuses an event without a required attribute (binary mode).
      throw MalformedInput.at(
          "CloudEvent",
          "",
          "the required attributes id, source, specversion and type (ce-* headers)");
    } catch (RuntimeException malformed) {
      // Where and what, never the SDK's or Jackson's message: both quote the ce-* values and body.
      throw MalformedInput.of("CloudEvent", malformed);
    }
  }

  private static HttpResponse methodNotAllowed(
      FunctionDefinition function, HttpRequest request, Context context) {
    return FunctionRunner.problem(
            FunctionException.of(
                FunctionException.Kind.METHOD_NOT_ALLOWED,
                "Function "
                    + function.name()
                    + " is "
                    + function.kind().description()
                    + " and takes a POST; no other method is allowed."),
            context)
        .header("allow", "POST");
  }

  private HttpResponse index() {
    ObjectNode json = Json.mapper().createObjectNode();
    ArrayNode functions = json.putArray("functions");
    for (FunctionDefinition function : registry.functions()) {
      ObjectNode item = functions.addObject();
      item.put("name", function.name());
      item.put("kind", function.kind().name().toLowerCase(Locale.ROOT));
      item.put("path", "/" + function.name());
    }
    return HttpResponse.ok().json(json);
  }

  private HttpResponse routingError(
      FunctionException.Kind kind, String detail, String functionName) {
    String invocationId = newInvocationId();
    Context context =
        InvocationContext.builder(Cloud.LOCAL, functionName, invocationId)
            .logWriter(logWriter, threshold)
            .build();
    context.logger().warn(kind.httpStatus() + " " + kind.title() + ": " + detail);
    return FunctionRunner.problem(kind, detail, invocationId);
  }

  private String paths() {
    StringBuilder text = new StringBuilder();
    for (FunctionDefinition function : registry.functions()) {
      text.append(text.length() == 0 ? "" : ", ").append('/').append(function.name());
    }
    return text.toString();
  }

  private static String describe(Duration duration) {
    return duration.toMillis() % 1000 == 0
        ? duration.toSeconds() + "s"
        : duration.toMillis() + "ms";
  }

  @Override
  public LocalGateway priming(UnaryOperator<FunctionDefinition> standIn) {
    Objects.requireNonNull(standIn, "standIn");
    List<FunctionDefinition> served = single != null ? List.of(single) : registry.functions();
    List<FunctionDefinition> standIns = new ArrayList<>(served.size());
    for (FunctionDefinition function : served) {
      FunctionDefinition replacement = Objects.requireNonNull(standIn.apply(function), "stand-in");
      if (!replacement.name().equals(function.name()) || replacement.kind() != function.kind()) {
        throw new IllegalArgumentException(
            "The stand-in for function "
                + function.name()
                + " must have its name and kind, not "
                + replacement);
      }
      standIns.add(replacement);
    }
    return new Gateway(
        FunctionRegistry.of(standIns),
        single != null,
        single == null ? null : single.name(),
        maxBodyBytes,
        timeout,
        LocalLogWriter.to(line -> {}),
        threshold,
        Instrumentation.of(instrumentation.outcomeLog(), List.of()),
        "prime-");
  }

  @Override
  public void restored() {
    instrumentation.restored();
  }

  @Override
  public void close() {
    workers.shutdownNow();
    synchronized (this) {
      if (sweeper != null) {
        sweeper.shutdownNow();
      }
    }
  }
}
