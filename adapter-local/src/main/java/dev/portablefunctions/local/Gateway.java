package dev.portablefunctions.local;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
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
import dev.portablefunctions.spi.BatchMode;
import dev.portablefunctions.spi.BatchResult;
import dev.portablefunctions.spi.FunctionDefinition;
import dev.portablefunctions.spi.FunctionKind;
import dev.portablefunctions.spi.FunctionRegistry;
import dev.portablefunctions.spi.FunctionRunner;
import dev.portablefunctions.spi.InvocationContext;
import dev.portablefunctions.spi.Json;
import dev.portablefunctions.spi.LogWriter;
import io.cloudevents.CloudEvent;
import io.cloudevents.http.HttpMessageFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The local adapter's one decode, dispatch and encode path, shared by {@link LocalServer} (over
 * HTTP) and {@link LocalInvoker} (in-process). Thread-safe.
 */
final class Gateway implements AutoCloseable {

  private final FunctionRegistry registry;
  private final FunctionDefinition single;
  private final long maxBodyBytes;
  private final Duration timeout;
  private final LogWriter logWriter;
  private final FunctionLogger.Level threshold;
  private final ExecutorService workers;

  Gateway(
      FunctionRegistry registry,
      boolean selectOne,
      String selection,
      long maxBodyBytes,
      Duration timeout,
      LogWriter logWriter,
      FunctionLogger.Level threshold) {
    this.registry = Objects.requireNonNull(registry, "registry");
    if (registry.isEmpty()) {
      throw new IllegalStateException(FunctionRegistry.noFunctionsMessage());
    }
    boolean selected = selection != null && !selection.isBlank();
    this.single =
        selected || (selectOne && registry.functions().size() == 1) ? registry.select(selection) : null;
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
    AtomicInteger count = new AtomicInteger();
    ThreadFactory threads =
        task -> {
          Thread thread = new Thread(task, "portable-function-" + count.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        };
    this.workers = Executors.newCachedThreadPool(threads);
  }

  FunctionRegistry registry() {
    return registry;
  }

  /** The function served at {@code /}, or null when each function is served under its name. */
  FunctionDefinition single() {
    return single;
  }

  long maxBodyBytes() {
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
    if (single != null) {
      return invoke(single, request.apply(path));
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
          "No function named '" + name + "'. This server serves " + paths() + ".",
          "local");
    }
    return invoke(function, request.apply(slash < 0 ? "/" : path.substring(slash)));
  }

  /** The answer for a body over the limit, before it is read. */
  HttpResponse tooLarge(long length) {
    return routingError(
        FunctionException.Kind.PAYLOAD_TOO_LARGE,
        "The body "
            + (length >= 0 ? "(" + length + " bytes) " : "")
            + "is larger than this server's limit of "
            + maxBodyBytes
            + " bytes (set "
            + LocalServer.MAX_BODY_VARIABLE
            + " to change it).",
        single == null ? "local" : single.name());
  }

  /** Runs a function on a request within the timeout; never throws. */
  HttpResponse invoke(FunctionDefinition function, HttpRequest request) {
    String invocationId = UUID.randomUUID().toString();
    Instant deadline = Instant.now().plus(timeout);
    Context context =
        InvocationContext.builder(Cloud.LOCAL, function.name(), invocationId)
            .deadline(deadline)
            .trace(TraceContext.fromHeaders(request.headers()))
            .logWriter(logWriter, threshold)
            .build();
    if (request.bodyLength() > maxBodyBytes) {
      return tooLarge(request.bodyLength());
    }
    Future<HttpResponse> result = workers.submit(() -> dispatch(function, request, context));
    try {
      return result.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException late) {
      result.cancel(true);
      context
          .logger()
          .error("Function " + function.name() + " did not finish within " + describe(timeout) + "; it was interrupted.");
      return FunctionRunner.problem(
          FunctionException.Kind.TIMEOUT,
          "Function "
              + function.name()
              + " did not finish within "
              + describe(timeout)
              + " (set "
              + LocalServer.TIMEOUT_VARIABLE
              + " to change the limit).",
          invocationId);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      result.cancel(true);
      return FunctionRunner.problem(
          FunctionException.Kind.UNAVAILABLE,
          "The call was interrupted while function " + function.name() + " ran (a shutdown or a test timeout).",
          invocationId);
    } catch (ExecutionException impossible) {
      return FunctionRunner.problem(impossible.getCause(), context);
    }
  }

  private HttpResponse dispatch(FunctionDefinition function, HttpRequest request, Context context) {
    try {
      switch (function.kind()) {
        case HTTP:
        case TYPED:
          return FunctionRunner.http(function, request, context);
        case MESSAGE:
          return messages(function, request, context);
        default:
          return event(function, request, context);
      }
    } catch (Throwable failure) {
      FunctionRunner.rethrowIfFatal(failure);
      return FunctionRunner.problem(failure, context);
    }
  }

  private HttpResponse messages(FunctionDefinition function, HttpRequest request, Context context) {
    if (!request.method().equals("POST")) {
      return methodNotAllowed(function, request, context);
    }
    String contentType = request.contentType().orElse("");
    if (!LocalCodec.isJsonOrAbsent(contentType)) {
      throw FunctionException.of(
          FunctionException.Kind.UNSUPPORTED_MEDIA_TYPE,
          "Function " + function.name() + " takes messages as application/json; the request's"
              + " Content-Type is " + contentType + ".");
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
              "Function " + function.name() + " needs the storage event as the CloudEvent's JSON data.");
        }
        event = LocalCodec.storage(LocalCodec.readTree(parsed.getData().toBytes(), "CloudEvent data"));
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
          "Function " + function.name() + " takes a CloudEvent or application/json; the request's"
              + " Content-Type is " + contentType + ".");
    } else if (function.kind() == FunctionKind.STORAGE) {
      event = LocalCodec.storage(LocalCodec.readTree(request.body(), "request body"));
    } else {
      event =
          LocalCodec.schedule(
              request.bodyLength() == 0 ? null : LocalCodec.readTree(request.body(), "request body"),
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
    } catch (RuntimeException malformed) {
      Throwable root = malformed;
      while (root.getCause() != null && root.getCause() != root) {
        root = root.getCause();
      }
      String reason;
      if (root instanceof JsonParseException) {
        // Jackson's syntax messages quote the input; say where instead, never what.
        JsonLocation at = ((JsonParseException) root).getLocation();
        reason =
            "the body is not valid JSON"
                + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")");
      } else {
        reason = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
      }
      throw FunctionException.of(
          FunctionException.Kind.BAD_INPUT, "Malformed CloudEvent: " + firstLine(reason), malformed);
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
                    + " and takes a POST; "
                    + request.method()
                    + " is not allowed."),
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

  private HttpResponse routingError(FunctionException.Kind kind, String detail, String functionName) {
    String invocationId = UUID.randomUUID().toString();
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
    return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
  }

  private static String firstLine(String text) {
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }

  @Override
  public void close() {
    workers.shutdownNow();
  }
}
