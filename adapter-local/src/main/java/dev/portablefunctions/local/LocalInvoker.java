package dev.portablefunctions.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portablefunctions.FunctionException;
import dev.portablefunctions.FunctionLogger;
import dev.portablefunctions.HttpRequest;
import dev.portablefunctions.HttpResponse;
import dev.portablefunctions.Message;
import dev.portablefunctions.ScheduleEvent;
import dev.portablefunctions.StorageEvent;
import dev.portablefunctions.spi.FunctionDefinition;
import dev.portablefunctions.spi.FunctionKind;
import dev.portablefunctions.spi.FunctionRegistry;
import dev.portablefunctions.spi.Invocation;
import dev.portablefunctions.spi.InvocationObserver;
import dev.portablefunctions.spi.Json;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.provider.EventFormatProvider;
import io.cloudevents.jackson.JsonFormat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Calls portable functions in-process, for unit tests: no cloud, no network, but the same decode,
 * dispatch and encode path as the {@link LocalServer}, so JSON binding, error mapping and batch
 * isolation are tested for real.
 *
 * <pre>{@code
 * try (LocalInvoker invoker = LocalInvoker.of(new Greet())) {
 *   HttpResponse response =
 *       invoker.http("greet", HttpRequest.builder("GET", "/").query("name", "Ada").build());
 *   assertEquals(200, response.statusCode());
 * }
 * }</pre>
 *
 * <p>Each call gets its own invocation id and runs under the timeout (60 seconds unless set). Log
 * lines go to standard output and are kept for {@link #logs()}. Thread-safe.
 */
public final class LocalInvoker implements AutoCloseable {

  /** How many failures are kept for the calls that read them back, the oldest dropped first. */
  private static final int KEPT_FAILURES = 64;

  private final Gateway gateway;
  private final List<String> logs = Collections.synchronizedList(new ArrayList<>());

  /** What each failed call threw, by invocation id. */
  private final Map<String, Throwable> failures =
      Collections.synchronizedMap(
          new LinkedHashMap<>() {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Throwable> eldest) {
              return size() > KEPT_FAILURES;
            }
          });

  private volatile boolean closed;

  private LocalInvoker(
      FunctionRegistry registry, Duration timeout, long maxBodyBytes, boolean print) {
    this.gateway =
        new Gateway(
            registry,
            false,
            null,
            maxBodyBytes,
            timeout,
            LocalLogWriter.to(
                line -> {
                  logs.add(line);
                  if (print) {
                    System.out.println(line);
                  }
                }),
            FunctionLogger.Level.DEBUG,
            this::keepFailure);
  }

  /**
   * Returns an invoker for every function in the build-time index of this class's class loader.
   *
   * @return the invoker
   * @throws IllegalStateException if no function is found
   */
  public static LocalInvoker create() {
    return create(LocalInvoker.class.getClassLoader());
  }

  /**
   * Returns an invoker for every function in the build-time index of a class loader.
   *
   * @param loader the class loader
   * @return the invoker
   * @throws IllegalStateException if no function is found
   */
  public static LocalInvoker create(ClassLoader loader) {
    return builder().registry(FunctionRegistry.load(loader)).build();
  }

  /**
   * Returns an invoker for the given function instances, named as {@link
   * FunctionDefinition#of(Object)} says (their {@code @PortableFunction} name or kebab-case class
   * name). A {@link FunctionDefinition} is taken as it is: that is how a lambda gets a name.
   *
   * @param functions function instances
   * @return the invoker
   * @throws IllegalArgumentException if one is not a function
   * @throws IllegalStateException if two have the same name
   */
  public static LocalInvoker of(Object... functions) {
    return builder().functions(functions).build();
  }

  /**
   * The registry of the given functions: instances, named as {@link FunctionDefinition#of(Object)}
   * says, or definitions, taken as they are. The one rule for {@link #of}, {@link
   * Builder#functions} and {@link LocalServer.Builder#functions}.
   */
  static FunctionRegistry registryOf(Object... functions) {
    List<FunctionDefinition> definitions = new ArrayList<>();
    for (Object function : Objects.requireNonNull(functions, "functions")) {
      definitions.add(
          function instanceof FunctionDefinition definition
              ? definition
              : FunctionDefinition.of(Objects.requireNonNull(function, "function")));
    }
    return FunctionRegistry.of(definitions);
  }

  /**
   * Returns a builder, for given functions, a timeout or a body limit.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Sends an HTTP request to an HTTP or typed function.
   *
   * @param function the function's name
   * @param request the request; its path is what the function sees
   * @return the response, a problem response for any failure
   * @throws IllegalArgumentException if there is no such function
   */
  public HttpResponse http(String function, HttpRequest request) {
    Objects.requireNonNull(request, "request");
    return gateway.invoke(
        definition(function, "http", FunctionKind.HTTP, FunctionKind.TYPED), request);
  }

  /**
   * Calls a typed function: writes the input as JSON, posts it, and reads the output.
   *
   * @param function the function's name
   * @param input the input, written as JSON
   * @param outputType the output type
   * @param <O> the output type
   * @return the output; null if the function returned null
   * @throws FunctionException with the kind and detail of the problem response, if the call failed
   */
  public <O> O typed(String function, Object input, Class<O> outputType) {
    Objects.requireNonNull(outputType, "outputType");
    HttpResponse response =
        gateway.invoke(definition(function, "typed", FunctionKind.TYPED), jsonPost(input));
    if (response.statusCode() == 204) {
      return null;
    }
    throwIfProblem(response);
    return Json.read(
        response.body(), Json.mapper().constructType(outputType), "output of " + function);
  }

  /**
   * Delivers one message to a message function.
   *
   * @param function the function's name
   * @param message the message
   * @return what happened to it
   */
  public MessageReport message(String function, Message message) {
    Objects.requireNonNull(message, "message");
    return deliver(function, encode(message), List.of(message));
  }

  /**
   * Delivers a batch to a message function: each message runs in isolation, and a failure fails the
   * later messages of its ordering key.
   *
   * @param function the function's name
   * @param messages the batch; not empty
   * @return which messages failed
   */
  public MessageReport messages(String function, List<Message> messages) {
    Objects.requireNonNull(messages, "messages");
    if (messages.isEmpty()) {
      throw new IllegalArgumentException("messages must not be empty");
    }
    ArrayNode batch = Json.mapper().createArrayNode();
    messages.forEach(message -> batch.add(encode(message)));
    return deliver(function, batch, messages);
  }

  private MessageReport deliver(String function, JsonNode body, List<Message> messages) {
    HttpResponse response =
        gateway.invoke(definition(function, "message", FunctionKind.MESSAGE), jsonPost(body));
    JsonNode json =
        Json.read(response.body(), Json.mapper().constructType(JsonNode.class), "answer");
    if (response.statusCode() != 200) {
      if (messages.size() == 1 && json.has("status")) {
        return new MessageReport(
            1,
            List.of(
                new MessageReport.Failure(
                    messages.get(0).id(),
                    json.path("status").asInt(),
                    json.path("detail").asText())));
      }
      throwIfProblem(response);
    }
    List<MessageReport.Failure> failed = new ArrayList<>();
    for (JsonNode item : json.path("failed")) {
      failed.add(
          new MessageReport.Failure(
              item.path("id").asText(), item.path("status").asInt(), item.path("detail").asText()));
    }
    return new MessageReport(json.path("received").asInt(), failed);
  }

  /**
   * Delivers an event to an event function.
   *
   * @param function the function's name
   * @param event a {@link StorageEvent}, {@link ScheduleEvent} or {@link CloudEvent}
   * @throws FunctionException with the kind and detail of the problem response, if the function
   *     failed
   */
  public void event(String function, Object event) {
    Objects.requireNonNull(event, "event");
    HttpRequest request;
    if (event instanceof CloudEvent cloudEvent) {
      byte[] body =
          EventFormatProvider.getInstance()
              .resolveFormat(JsonFormat.CONTENT_TYPE)
              .serialize(cloudEvent);
      request =
          HttpRequest.builder("POST", "/")
              .header("content-type", JsonFormat.CONTENT_TYPE)
              .body(body)
              .build();
    } else if (event instanceof StorageEvent || event instanceof ScheduleEvent) {
      request = jsonPost(encode(event));
    } else {
      throw new IllegalArgumentException(
          "event must be a StorageEvent, ScheduleEvent or CloudEvent, not "
              + event.getClass().getName());
    }
    FunctionDefinition definition =
        definition(
            function,
            "event",
            FunctionKind.STORAGE,
            FunctionKind.SCHEDULE,
            FunctionKind.CLOUD_EVENT);
    throwIfProblem(gateway.invoke(definition, request));
  }

  /**
   * Returns the log lines written so far, as JSON lines ({@code time, level, function,
   * invocationId, traceId, message, error}).
   *
   * @return a snapshot of the lines
   */
  public List<String> logs() {
    synchronized (logs) {
      return List.copyOf(logs);
    }
  }

  /** Forgets the log lines written so far. */
  public void clearLogs() {
    logs.clear();
  }

  /** Stops the worker threads; later calls throw {@link IllegalStateException}. */
  @Override
  public void close() {
    closed = true;
    gateway.close();
  }

  private static HttpRequest jsonPost(Object body) {
    return HttpRequest.builder("POST", "/")
        .header("content-type", "application/json")
        .body(Json.write(body))
        .build();
  }

  private FunctionDefinition definition(String function, String method, FunctionKind... kinds) {
    Objects.requireNonNull(function, "function");
    if (closed) {
      throw new IllegalStateException("This LocalInvoker is closed.");
    }
    FunctionDefinition definition =
        gateway
            .registry()
            .find(function)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "No function '"
                            + function
                            + "'; this invoker has "
                            + gateway.registry().functions()));
    for (FunctionKind kind : kinds) {
      if (definition.kind() == kind) {
        return definition;
      }
    }
    throw new IllegalArgumentException(
        "Function "
            + definition.name()
            + " is "
            + definition.kind().description()
            + "; "
            + method
            + "(...) cannot call it. Use "
            + methodFor(definition.kind())
            + "(...).");
  }

  private static String methodFor(FunctionKind kind) {
    return switch (kind) {
      case HTTP -> "http";
      case TYPED -> "typed";
      case MESSAGE -> "message";
      case STORAGE, SCHEDULE, CLOUD_EVENT -> "event";
    };
  }

  /** Watches each invocation, to remember what a failed one threw for {@link #throwIfProblem}. */
  private InvocationObserver.Observation keepFailure(Invocation invocation) {
    String invocationId = invocation.context().invocationId();
    return outcome -> outcome.error().ifPresent(error -> failures.put(invocationId, error));
  }

  /**
   * Throws what the function threw: its own {@link FunctionException} as it is, anything else as
   * the cause of an {@code INTERNAL} one, so that a failing test shows the real stack trace. A
   * problem the pipeline answered itself (a body that does not bind, say) becomes a {@link
   * FunctionException} of the response's kind.
   */
  private void throwIfProblem(HttpResponse response) {
    if (response.statusCode() < 400) {
      return;
    }
    JsonNode problem =
        Json.read(response.body(), Json.mapper().constructType(JsonNode.class), "problem");
    Throwable thrown = failures.remove(problem.path("invocationId").asText());
    if (thrown instanceof FunctionException own) {
      throw own;
    }
    FunctionException.Kind kind = FunctionException.Kind.INTERNAL;
    for (FunctionException.Kind candidate : FunctionException.Kind.values()) {
      if (candidate.httpStatus() == response.statusCode()) {
        kind = candidate;
      }
    }
    throw thrown == null
        ? FunctionException.of(kind, problem.path("detail").asText())
        : FunctionException.of(kind, problem.path("detail").asText(), thrown);
  }

  private static ObjectNode encode(Message message) {
    ObjectNode json = Json.mapper().createObjectNode();
    json.put("id", message.id());
    json.put("data", Base64.getEncoder().encodeToString(message.body()));
    ObjectNode attributes = json.putObject("attributes");
    message.attributes().forEach(attributes::put);
    message.publishTime().ifPresent(time -> json.put("publishTime", time.toString()));
    message.deliveryAttempt().ifPresent(attempt -> json.put("deliveryAttempt", attempt));
    message.orderingKey().ifPresent(key -> json.put("orderingKey", key));
    return json;
  }

  private static ObjectNode encode(Object event) {
    ObjectNode json = Json.mapper().createObjectNode();
    if (event instanceof StorageEvent storage) {
      json.put("bucket", storage.bucket());
      json.put("key", storage.key());
      json.put("change", storage.change().name().toLowerCase(Locale.ROOT));
      storage.size().ifPresent(size -> json.put("size", size));
      storage.etag().ifPresent(etag -> json.put("etag", etag));
      storage.contentType().ifPresent(type -> json.put("contentType", type));
      storage.time().ifPresent(time -> json.put("time", time.toString()));
    } else if (event instanceof ScheduleEvent schedule) {
      json.put("time", schedule.time().toString());
      schedule.name().ifPresent(name -> json.put("name", name));
    }
    return json;
  }

  /** Configures a {@link LocalInvoker}. Not thread-safe. */
  public static final class Builder {

    private FunctionRegistry registry;
    private Duration timeout = LocalServer.DEFAULT_TIMEOUT;
    private long maxBodyBytes = LocalServer.DEFAULT_MAX_BODY_BYTES;
    private boolean print = true;

    private Builder() {}

    /**
     * Sets the functions (default: the build-time index of this class's class loader): instances,
     * named as {@link LocalInvoker#of} says.
     *
     * @param functions function instances
     * @return this builder
     * @throws IllegalArgumentException if one is not a function
     * @throws IllegalStateException if two have the same name
     */
    public Builder functions(Object... functions) {
      return registry(registryOf(functions));
    }

    /** Sets the functions as a registry: the adapters' SPI, for this module's own tests. */
    Builder registry(FunctionRegistry registry) {
      this.registry = Objects.requireNonNull(registry, "registry");
      return this;
    }

    /**
     * Sets how long a call may run before it is answered with a 504.
     *
     * @param timeout the timeout
     * @return this builder
     */
    public Builder timeout(Duration timeout) {
      this.timeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /**
     * Sets the largest body accepted.
     *
     * @param bytes the limit
     * @return this builder
     */
    public Builder maxBodyBytes(long bytes) {
      this.maxBodyBytes = bytes;
      return this;
    }

    /**
     * Sets whether log lines are also printed to standard output (default true).
     *
     * @param print whether to print
     * @return this builder
     */
    public Builder printLogs(boolean print) {
      this.print = print;
      return this;
    }

    /**
     * Builds the invoker.
     *
     * @return the invoker
     * @throws IllegalStateException if there are no functions
     */
    public LocalInvoker build() {
      return new LocalInvoker(
          registry != null ? registry : FunctionRegistry.load(LocalInvoker.class.getClassLoader()),
          timeout,
          maxBodyBytes,
          print);
    }
  }
}
