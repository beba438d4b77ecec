package dev.portablefunctions.azure;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.TraceContext;
import dev.portablefunctions.Cloud;
import dev.portablefunctions.Context;
import dev.portablefunctions.FunctionException;
import dev.portablefunctions.FunctionLogger;
import dev.portablefunctions.spi.FunctionDefinition;
import dev.portablefunctions.spi.FunctionKind;
import dev.portablefunctions.spi.FunctionRegistry;
import dev.portablefunctions.spi.FunctionRunner;
import dev.portablefunctions.spi.Instrumentation;
import dev.portablefunctions.spi.InvocationContext;
import dev.portablefunctions.spi.Json;
import dev.portablefunctions.spi.LogWriter;
import dev.portablefunctions.spi.ReportedFailure;
import dev.portablefunctions.spi.TriggerType;
import java.time.Clock;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Finds the portable function an Azure function runs and builds each invocation's {@link Context}.
 * One per class loader (the Java worker gives each function a class loader of its own); the
 * registry is read on first use, the HTTP route prefix from the app settings when it is created.
 * Thread-safe.
 */
final class Dispatcher {

  /** Separates a portable function's name from an optional suffix in an Azure function's name. */
  static final char VARIANT_SEPARATOR = '_';

  private static volatile Dispatcher shared;

  private final Supplier<FunctionRegistry> registrySource;
  private final Clock clock;
  private final FunctionLogger.Level threshold;
  private final String routePrefix;
  private final Instrumentation instrumentation;
  private volatile FunctionRegistry registry;

  /** A dispatcher for the host's default route prefix, {@code api}. */
  Dispatcher(Supplier<FunctionRegistry> registry, Clock clock, FunctionLogger.Level threshold) {
    this(registry, clock, threshold, AzureFunctions.DEFAULT_ROUTE_PREFIX);
  }

  /** A dispatcher whose invocations nothing watches. */
  Dispatcher(
      Supplier<FunctionRegistry> registry,
      Clock clock,
      FunctionLogger.Level threshold,
      String routePrefix) {
    this(registry, clock, threshold, routePrefix, Instrumentation.none());
  }

  /**
   * A dispatcher.
   *
   * @param routePrefix the HTTP route prefix the host serves functions under, without slashes at
   *     either end; empty for none
   * @param instrumentation what watches the invocations (one per class loader, so the first
   *     invocation of each is the cold start)
   */
  Dispatcher(
      Supplier<FunctionRegistry> registry,
      Clock clock,
      FunctionLogger.Level threshold,
      String routePrefix,
      Instrumentation instrumentation) {
    this.instrumentation = Objects.requireNonNull(instrumentation, "instrumentation");
    this.registrySource = Objects.requireNonNull(registry, "registry");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.threshold = Objects.requireNonNull(threshold, "threshold");
    this.routePrefix = normalizePrefix(Objects.requireNonNull(routePrefix, "routePrefix"));
  }

  /** The dispatcher of the application's class loader (the one that loaded the adapter). */
  static Dispatcher shared() {
    Dispatcher result = shared;
    if (result == null) {
      synchronized (Dispatcher.class) {
        result = shared;
        if (result == null) {
          ClassLoader loader = Dispatcher.class.getClassLoader();
          result =
              new Dispatcher(
                  () -> FunctionRegistry.load(loader),
                  Clock.systemUTC(),
                  LogWriter.thresholdFromEnvironment(),
                  routePrefix(System::getenv),
                  Instrumentation.load(loader));
          shared = result;
        }
      }
    }
    return result;
  }

  Clock clock() {
    return clock;
  }

  /** The HTTP route prefix, without slashes at either end; empty for none. */
  String routePrefix() {
    return routePrefix;
  }

  /**
   * Reads the HTTP route prefix from the app settings: the host's own override of {@code host.json}
   * ({@value AzureFunctions#HOST_ROUTE_PREFIX_SETTING}) if set, since that is what the host uses,
   * else {@value AzureFunctions#ROUTE_PREFIX_SETTING}, which the plugin's generator puts in the app
   * settings ({@code AzureApp.appSettings()}), else the host's default {@code api}. A value of
   * {@code /} (or empty) means no prefix.
   */
  static String routePrefix(Function<String, String> settings) {
    String value = settings.apply(AzureFunctions.HOST_ROUTE_PREFIX_SETTING);
    if (value == null) {
      value = settings.apply(AzureFunctions.ROUTE_PREFIX_SETTING);
    }
    return value == null ? AzureFunctions.DEFAULT_ROUTE_PREFIX : normalizePrefix(value);
  }

  private static String normalizePrefix(String prefix) {
    String trimmed = prefix.trim();
    int start = 0;
    int end = trimmed.length();
    while (start < end && trimmed.charAt(start) == '/') {
      start++;
    }
    while (end > start && trimmed.charAt(end - 1) == '/') {
      end--;
    }
    return trimmed.substring(start, end);
  }

  /**
   * Returns the portable function name an Azure function runs: its name, or the part of it before
   * the first {@code _} ({@code echo-message_orders} runs {@code echo-message}). Portable names
   * never contain {@code _}, so one portable function can sit behind several triggers in one app.
   */
  static String portableName(String azureName) {
    int separator = azureName.indexOf(VARIANT_SEPARATOR);
    return separator < 0 ? azureName : azureName.substring(0, separator);
  }

  /**
   * Builds the context of one invocation, which begins it (see {@link Instrumentation}); {@code
   * trigger} is the native trigger value, if any.
   */
  InvocationContext context(
      ExecutionContext azure, Object trigger, TriggerType type, String source) {
    Objects.requireNonNull(azure, "executionContext");
    String invocationId = azure.getInvocationId();
    if (invocationId == null || invocationId.isBlank()) {
      invocationId = UUID.randomUUID().toString();
    }
    Logger logger = azure.getLogger();
    if (logger == null) {
      logger = Logger.getLogger(AzureFunctions.class.getName());
    }
    InvocationContext.Builder context =
        InvocationContext.builder(Cloud.AZURE, portableName(azureName(azure)), invocationId)
            .trace(trace(azure))
            .logWriter(new AzureLogWriter(logger), threshold)
            .instrumentation(instrumentation, type, source)
            .nativeObject(azure);
    if (trigger != null) {
      context.nativeObject(trigger);
    }
    return context.build();
  }

  private static dev.portablefunctions.TraceContext trace(ExecutionContext azure) {
    TraceContext trace = azure.getTraceContext();
    String traceparent = trace == null ? null : trace.getTraceparent();
    if (traceparent == null || traceparent.isBlank()) {
      return dev.portablefunctions.TraceContext.empty();
    }
    return dev.portablefunctions.TraceContext.of(traceparent, null, null, null);
  }

  /** The Azure function's name, or {@code unknown} if the worker gave none. */
  static String azureName(ExecutionContext azure) {
    String name = azure.getFunctionName();
    return name == null || name.isBlank() ? "unknown" : name;
  }

  /**
   * Finds the function an invocation runs and checks that the trigger can feed it. A function that
   * is not in the app, or whose kind the trigger cannot run, is a deployment error, reported as on
   * every cloud ({@link FunctionRunner#unsupportedTrigger}): logged once at {@code ERROR} with the
   * full explanation (what the app offers, which triggers the function takes), and thrown as a
   * {@link ReportedFailure} whose detail says only that the deployment is misconfigured. An app
   * whose functions cannot be loaded at all (a broken index, a missing class) is logged with its
   * cause and thrown as an internal failure.
   *
   * @param azure the worker's context
   * @param context the invocation's context
   * @param trigger what the entry method receives, such as "an HTTP trigger"
   * @param accepted the kinds that trigger can feed
   * @return the function
   * @throws ReportedFailure if the function cannot run; already logged
   */
  FunctionDefinition resolve(
      ExecutionContext azure, Context context, String trigger, Set<FunctionKind> accepted) {
    String azureName = azureName(azure);
    String name = portableName(azureName);
    FunctionRegistry functions;
    try {
      functions = registry();
    } catch (RuntimeException | ServiceConfigurationError | LinkageError broken) {
      context
          .logger()
          .error("The portable functions of this app cannot be loaded: " + broken, broken);
      throw ReportedFailure.of(
          FunctionException.Kind.INTERNAL, FunctionRunner.internalDetail(context));
    }
    Optional<FunctionDefinition> found = functions.find(name);
    if (threshold == FunctionLogger.Level.DEBUG) {
      context
          .logger()
          .debug(
              "Classified the invocation by its binding as "
                  + trigger
                  + " of Azure function '"
                  + azureName
                  + "', which runs portable function '"
                  + name
                  + "' (its name up to the first '_'): "
                  + found
                      .map(
                          f ->
                              f.kind().description()
                                  + (accepted.contains(f.kind())
                                      ? ", which this trigger can run."
                                      : ", which this trigger cannot run; refused."))
                      .orElse("not in this app; refused."));
    }
    if (found.isEmpty()) {
      throw FunctionRunner.unsupportedTrigger(
          "Azure function '"
              + azureName
              + "' runs portable function '"
              + name
              + "', which is not in this app. "
              + (functions.isEmpty()
                  ? FunctionRegistry.noFunctionsMessage()
                  : "Available: " + describe(functions) + ".")
              + " An Azure function must be named after the portable function it runs,"
              + " optionally followed by '_' and a suffix.",
          context);
    }
    FunctionDefinition function = found.get();
    if (!accepted.contains(function.kind())) {
      throw FunctionRunner.unsupportedTrigger(
          "Azure function '"
              + azureName
              + "' has "
              + trigger
              + ", which cannot run portable"
              + " function '"
              + function.name()
              + "': it is "
              + function.kind().description()
              + " and takes "
              + function.kind().accepts()
              + ". Give it "
              + triggersFor(function.kind())
              + ".",
          context);
    }
    return function;
  }

  /**
   * Loads the functions and builds the shared JSON mapper, so that the first invocation finds them
   * ready. Which function this class loader serves is known only from an invocation's context, so
   * the function itself is created by its first invocation. A failure is left for the invocations
   * to report, as they do when nothing was prepared.
   */
  void prepare() {
    try {
      registry();
      Json.mapper();
    } catch (RuntimeException | ServiceConfigurationError | LinkageError notNow) {
      // Each invocation that needs what failed logs the failure and answers it.
    }
  }

  /** Whether the functions have been loaded. */
  boolean loaded() {
    return registry != null;
  }

  private FunctionRegistry registry() {
    FunctionRegistry result = registry;
    if (result == null) {
      synchronized (this) {
        result = registry;
        if (result == null) {
          result = registrySource.get();
          registry = result;
        }
      }
    }
    return result;
  }

  private static String describe(FunctionRegistry functions) {
    return functions.functions().stream()
        .map(f -> f.name() + " (" + f.kind().description() + ")")
        .collect(Collectors.joining(", "));
  }

  /** Names the triggers that can run a kind, for error messages. */
  static String triggersFor(FunctionKind kind) {
    switch (kind) {
      case HTTP:
      case TYPED:
        return "an HTTP trigger";
      case MESSAGE:
        return "a Queue Storage, Service Bus or Event Hubs trigger";
      case STORAGE:
        return "a Blob Storage or Event Grid trigger";
      case SCHEDULE:
        return "a timer trigger";
      default:
        return "an Event Grid trigger";
    }
  }

  static final Set<FunctionKind> HTTP_KINDS = kinds(FunctionKind.HTTP, FunctionKind.TYPED);
  static final Set<FunctionKind> MESSAGE_KINDS = kinds(FunctionKind.MESSAGE);
  static final Set<FunctionKind> BLOB_KINDS = kinds(FunctionKind.STORAGE);
  static final Set<FunctionKind> TIMER_KINDS = kinds(FunctionKind.SCHEDULE);
  static final Set<FunctionKind> EVENT_GRID_KINDS =
      kinds(FunctionKind.STORAGE, FunctionKind.CLOUD_EVENT);

  private static Set<FunctionKind> kinds(FunctionKind first, FunctionKind... rest) {
    return Collections.unmodifiableSet(EnumSet.of(first, rest));
  }
}
