package dev.portablefunctions.test;

import dev.portablefunctions.FunctionLogger;
import dev.portablefunctions.aws.LambdaHandler;
import dev.portablefunctions.azure.AzureFunctions;
import dev.portablefunctions.azure.fakes.FakeExecutionContext;
import dev.portablefunctions.gcp.GcpEventFunction;
import dev.portablefunctions.gcp.GcpHttpFunction;
import dev.portablefunctions.spi.FunctionDefinition;
import dev.portablefunctions.spi.FunctionRegistry;
import dev.portablefunctions.spi.LogWriter;
import dev.portablefunctions.test.internal.Adapters;
import dev.portablefunctions.test.internal.InvokerRequest;
import dev.portablefunctions.test.internal.InvokerResponse;
import dev.portablefunctions.test.internal.LambdaContext;
import io.cloudevents.CloudEvent;
import io.cloudevents.http.HttpMessageFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Runs one portable function through each cloud's real adapter, in-process, fed a provider's own
 * payload, and returns what the provider would get back: the entry point Lambda, the Functions
 * Framework invoker or the Azure Functions worker would call is called with the event, a context
 * like the platform's, and the deployment's environment.
 *
 * <pre>{@code
 * @Test
 * void aPoisonMessageFailsAlone() {
 *   AwsEvent batch = AwsEvent.sqs().withMessages("{\"email\":\"ada@example.com\"}", "not json");
 *   LambdaResult result = Replay.function("signup").aws(batch);
 *   assertEquals(List.of("2e1424d4-f796-459a-8184-9c92662be6da"), result.batchItemFailures());
 * }
 * }</pre>
 *
 * <p><b>Which function runs.</b> As on each cloud: the functions are those of the build-time index
 * (of the test's class loader, by default), and the deployment selects one by name. On AWS and
 * Google Cloud the selection is the deployment's {@code PORTABLE_FUNCTION}, given to the adapter in
 * the environment this replay passes it (the process environment is neither read nor changed); on
 * Azure it is the Azure function's name, the portable name unless {@link #withAzureFunctionName}
 * says otherwise. A selection that matches nothing fails as the deployment would: on AWS and Google
 * Cloud the entry point cannot start ({@link IllegalStateException} with the adapter's own
 * message); on Azure each invocation fails, logged and thrown to the worker ({@link
 * AzureResult#failure()}).
 *
 * <p><b>The environment.</b> {@link #withEnvironment} sets a variable (an app setting, on Azure)
 * that the adapters read: {@code PORTABLE_LOG_LEVEL}, {@code PORTABLE_RAW_EVENTS}, {@code
 * AWS_LAMBDA_LOG_LEVEL}, {@code GOOGLE_CLOUD_PROJECT}, {@code CLOUD_RUN_TIMEOUT_SECONDS}, {@code
 * PORTABLE_ROUTE_PREFIX}... Nothing else of the process leaks in, except the JVM's default charset.
 *
 * <p><b>Each call</b> is one invocation on a fresh entry point (the function instance itself is
 * created once per replay and reused, as a warm instance is): a new request or invocation id, a new
 * trace, and only that invocation's log lines in its result. Log lines are kept, not printed.
 *
 * <p>Immutable and thread-safe: calls may run concurrently.
 */
public final class Replay {

  private final String selection;
  private final Supplier<FunctionRegistry> registry;
  private final Map<String, String> environment;
  private final String azureName;

  private Replay(
      String selection,
      Supplier<FunctionRegistry> registry,
      Map<String, String> environment,
      String azureName) {
    this.selection = selection;
    this.registry = registry;
    this.environment = environment;
    this.azureName = azureName;
  }

  /**
   * A replay of the function with this name (or class name, as {@code PORTABLE_FUNCTION} takes it)
   * among those of the build-time index visible to the current thread's context class loader (the
   * test's, under Maven and the IDEs).
   *
   * @param name the function's name, or its class's binary or simple name
   * @return the replay
   */
  public static Replay function(String name) {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    return function(name, loader != null ? loader : Replay.class.getClassLoader());
  }

  /**
   * A replay of the function with this name among those of the build-time index visible to a class
   * loader.
   *
   * @param name the function's name, or its class's binary or simple name
   * @param loader the class loader that holds the functions and their index
   * @return the replay
   */
  public static Replay function(String name, ClassLoader loader) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(loader, "loader");
    if (name.isBlank()) {
      throw new IllegalArgumentException("name must not be blank");
    }
    return new Replay(name.trim(), memoize(() -> FunctionRegistry.load(loader)), Map.of(), null);
  }

  /**
   * A replay of one function instance, named as {@link FunctionDefinition#of(Object)} names it (its
   * {@code @PortableFunction} name or its class's simple name in kebab case), or of a {@link
   * FunctionDefinition}. For a function that is not in the build-time index, or a hand-made one.
   *
   * @param function the function, or its definition
   * @return the replay
   * @throws IllegalArgumentException if it is not a function
   */
  public static Replay of(Object function) {
    Objects.requireNonNull(function, "function");
    FunctionDefinition definition =
        function instanceof FunctionDefinition given ? given : FunctionDefinition.of(function);
    FunctionRegistry registry = FunctionRegistry.of(definition);
    return new Replay(definition.name(), () -> registry, Map.of(), null);
  }

  /**
   * Returns this replay with one more environment variable (an app setting on Azure) of the
   * deployment, as the adapters read it.
   *
   * @param name the variable, such as {@code PORTABLE_LOG_LEVEL}
   * @param value its value
   * @return a new replay
   */
  public Replay withEnvironment(String name, String value) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    if (name.equals(FunctionRegistry.SELECTION_VARIABLE)) {
      throw new IllegalArgumentException(
          FunctionRegistry.SELECTION_VARIABLE
              + " is the replay's function; use Replay.function(name)");
    }
    Map<String, String> changed = new LinkedHashMap<>(environment);
    changed.put(name, value);
    return new Replay(selection, registry, Collections.unmodifiableMap(changed), azureName);
  }

  /**
   * Returns this replay with another Azure function name: the portable name followed by {@code _}
   * and a suffix, such as {@code signup_orders}, as for a portable function with several triggers
   * in one app.
   *
   * @param name the Azure function's name
   * @return a new replay
   */
  public Replay withAzureFunctionName(String name) {
    Objects.requireNonNull(name, "name");
    return new Replay(selection, registry, environment, name);
  }

  // ---------------------------------------------------------------- AWS

  /**
   * Invokes {@code dev.portablefunctions.aws.LambdaHandler::handleRequest} with the event, as the
   * Lambda runtime does: the handler is created (Lambda's init phase) over the selected function,
   * then called with the event's bytes, a Lambda {@code Context} (request id, function name and
   * ARN, 30 seconds left, an X-Ray trace header) and an output stream.
   *
   * @param event the event
   * @return what Lambda gets back
   * @throws IllegalStateException if the selection matches no function, or the function cannot be
   *     created (Lambda's init error)
   */
  public LambdaResult aws(AwsEvent event) {
    Objects.requireNonNull(event, "event");
    FunctionDefinition function = select("LambdaHandler");
    List<String> lines = Collections.synchronizedList(new ArrayList<>());
    LambdaHandler handler = Adapters.lambdaHandler(function, environment, lines::add);
    LambdaContext context = new LambdaContext(function.name(), lines::add);
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    try {
      handler.handleRequest(new ByteArrayInputStream(event.bytes()), output, context);
      return new LambdaResult(event, context.getAwsRequestId(), output.toByteArray(), null, lines);
    } catch (Exception | LinkageError | AssertionError failure) {
      return new LambdaResult(
          event, context.getAwsRequestId(), null, LambdaResult.error(failure), lines);
    }
  }

  private FunctionDefinition select(String entry) {
    try {
      return registry.get().select(selection);
    } catch (IllegalStateException unusable) {
      throw new IllegalStateException(entry + " cannot start: " + unusable.getMessage(), unusable);
    }
  }

  // ---------------------------------------------------------------- Google Cloud

  /**
   * Sends the request to the Functions Framework entry point its trigger is deployed with, as the
   * invoker does: a CloudEvent to {@code dev.portablefunctions.gcp.GcpEventFunction} (read from the
   * request by the CloudEvents SDK, binary or structured mode, as the invoker reads it), a plain
   * request to {@code dev.portablefunctions.gcp.GcpHttpFunction}. The entry point is constructed
   * first, as the invoker does before opening its port.
   *
   * @param event the request
   * @return what the invoker sends back
   * @throws IllegalStateException if the deployment cannot start: no function matches, or the
   *     function is of a kind that entry point cannot run (the invoker then exits)
   */
  public GcpResult gcp(GcpEvent event) {
    Objects.requireNonNull(event, "event");
    Map<String, String> variables = new LinkedHashMap<>(environment);
    variables.put(FunctionRegistry.SELECTION_VARIABLE, selection);
    List<String> lines = Collections.synchronizedList(new ArrayList<>());
    Sink sink = new Sink(lines);
    Map<String, List<String>> headers = event.headers();
    byte[] body = event.body();
    FunctionLogger.Level threshold = threshold(environment);
    if (event.isCloudEvent()) {
      GcpEventFunction function =
          Adapters.gcpEvent(registry, Collections.unmodifiableMap(variables), sink, threshold);
      sink.started();
      CloudEvent cloudEvent;
      try {
        Map<String, List<String>> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach(
            (name, values) -> byName.computeIfAbsent(name, k -> new ArrayList<>()).addAll(values));
        cloudEvent = HttpMessageFactory.createReaderFromMultimap(byName, body).toEvent();
      } catch (RuntimeException unreadable) {
        // The invoker logs its own stack trace and answers 500; the function never runs.
        return new GcpResult(event, 500, Map.of(), new byte[0], lines);
      }
      try {
        function.accept(cloudEvent);
        return new GcpResult(event, 200, Map.of(), new byte[0], lines);
      } catch (RuntimeException | LinkageError | AssertionError failure) {
        return new GcpResult(event, 500, Map.of(), new byte[0], lines);
      }
    }
    GcpHttpFunction function =
        Adapters.gcpHttp(registry, Collections.unmodifiableMap(variables), sink, threshold);
    sink.started();
    InvokerRequest request = new InvokerRequest(event.method(), event.target(), headers, body);
    InvokerResponse response = new InvokerResponse();
    try {
      function.service(request, response);
    } catch (RuntimeException | LinkageError | AssertionError failure) {
      return new GcpResult(event, 500, Map.of(), new byte[0], lines);
    }
    return new GcpResult(event, response.status(), response.headers(), response.body(), lines);
  }

  /** Keeps the lines of the invocation, not those the entry point writes while it is created. */
  private static final class Sink implements Consumer<String> {
    private final List<String> lines;
    private volatile boolean started;

    Sink(List<String> lines) {
      this.lines = lines;
    }

    void started() {
      started = true;
    }

    @Override
    public void accept(String line) {
      if (started) {
        lines.add(line);
      }
    }
  }

  // ---------------------------------------------------------------- Azure

  /**
   * Calls the entry method of {@code dev.portablefunctions.azure.AzureFunctions} that the trigger's
   * {@code function.json} names, as the Java worker does: with the trigger's values and an {@code
   * ExecutionContext} (a new invocation id, the Azure function's name, a W3C trace context, a
   * logger).
   *
   * @param event the trigger input
   * @return what the worker gets back
   */
  public AzureResult azure(AzureEvent event) {
    Objects.requireNonNull(event, "event");
    AzureFunctions functions =
        Adapters.azureFunctions(registry, environment, threshold(environment));
    FakeExecutionContext context =
        new FakeExecutionContext(azureFunctionName())
            .traceparent(FakeExecutionContext.newTraceparent());
    try {
      Object returned = event.invoke(functions, context);
      return new AzureResult(event, returned, null, context.lines());
    } catch (RuntimeException failure) {
      return new AzureResult(event, null, failure, context.lines());
    }
  }

  /** The Azure function's name: as set, else the selected function's portable name. */
  String azureFunctionName() {
    if (azureName != null) {
      return azureName;
    }
    return registry.get().find(selection).map(FunctionDefinition::name).orElse(selection);
  }

  /** The HTTP route prefix the Azure adapter assumes, from the app settings. */
  String azureRoutePrefix() {
    String value = environment.get(AzureFunctions.HOST_ROUTE_PREFIX_SETTING);
    if (value == null) {
      value = environment.get(AzureFunctions.ROUTE_PREFIX_SETTING);
    }
    if (value == null) {
      return AzureFunctions.DEFAULT_ROUTE_PREFIX;
    }
    String trimmed = value.trim().replaceAll("^/+", "").replaceAll("/+$", "");
    return trimmed;
  }

  // ---------------------------------------------------------------- plumbing

  /** The lowest level logged, read from the replay's environment as the adapters read theirs. */
  private static FunctionLogger.Level threshold(Map<String, String> environment) {
    String value = environment.get(LogWriter.LEVEL_VARIABLE);
    if (value == null || value.isBlank()) {
      return FunctionLogger.Level.INFO;
    }
    String upper = value.trim().toUpperCase(Locale.ROOT);
    if (upper.equals("WARNING")) {
      return FunctionLogger.Level.WARN;
    }
    try {
      return FunctionLogger.Level.valueOf(upper);
    } catch (IllegalArgumentException unknown) {
      return FunctionLogger.Level.INFO;
    }
  }

  private static Supplier<FunctionRegistry> memoize(Supplier<FunctionRegistry> load) {
    return new Supplier<>() {
      private volatile FunctionRegistry registry;

      @Override
      public FunctionRegistry get() {
        FunctionRegistry result = registry;
        if (result == null) {
          synchronized (this) {
            result = registry;
            if (result == null) {
              result = load.get();
              registry = result;
            }
          }
        }
        return result;
      }
    };
  }

  /**
   * Names the function replayed.
   *
   * @return the description
   */
  @Override
  public String toString() {
    return "Replay[" + selection + (environment.isEmpty() ? "" : ", " + environment) + "]";
  }
}
