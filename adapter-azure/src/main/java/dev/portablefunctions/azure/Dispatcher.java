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
import dev.portablefunctions.spi.InvocationContext;
import dev.portablefunctions.spi.LogWriter;
import java.time.Clock;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Finds the portable function an Azure function runs and builds each invocation's {@link Context}.
 * One per class loader (the Java worker gives each function a class loader of its own); the
 * registry is read on first use. Thread-safe.
 */
final class Dispatcher {

  /** Separates a portable function's name from an optional suffix in an Azure function's name. */
  static final char VARIANT_SEPARATOR = '_';

  private static volatile Dispatcher shared;

  private final Supplier<FunctionRegistry> registrySource;
  private final Clock clock;
  private final FunctionLogger.Level threshold;
  private volatile FunctionRegistry registry;

  Dispatcher(Supplier<FunctionRegistry> registry, Clock clock, FunctionLogger.Level threshold) {
    this.registrySource = Objects.requireNonNull(registry, "registry");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.threshold = Objects.requireNonNull(threshold, "threshold");
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
                  LogWriter.thresholdFromEnvironment());
          shared = result;
        }
      }
    }
    return result;
  }

  Clock clock() {
    return clock;
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

  /** Builds the context of one invocation; {@code trigger} is the native trigger value, if any. */
  Context context(ExecutionContext azure, Object trigger) {
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

  private static String azureName(ExecutionContext azure) {
    String name = azure.getFunctionName();
    return name == null || name.isBlank() ? "unknown" : name;
  }

  /**
   * Finds the function an invocation runs and checks that the trigger can feed it; on failure logs
   * the full explanation once, at {@code ERROR}, and throws an {@link FunctionException.Kind#INTERNAL}
   * failure whose detail is safe to show a caller (it does not list the app's functions).
   *
   * @param azure the worker's context
   * @param context the invocation's context
   * @param trigger what the entry method receives, such as "an HTTP trigger"
   * @param accepted the kinds that trigger can feed
   */
  FunctionDefinition resolve(
      ExecutionContext azure, Context context, String trigger, Set<FunctionKind> accepted) {
    String azureName = azureName(azure);
    String name = portableName(azureName);
    FunctionRegistry functions;
    try {
      functions = registry();
    } catch (RuntimeException broken) {
      String detail = "The portable functions of this app cannot be loaded.";
      context.logger().error(detail + " " + broken.getMessage(), broken);
      throw FunctionException.of(FunctionException.Kind.INTERNAL, detail, broken);
    }
    Optional<FunctionDefinition> found = functions.find(name);
    if (found.isEmpty()) {
      String detail =
          "Azure function '" + azureName + "' runs portable function '" + name
              + "', which is not in this app.";
      context
          .logger()
          .error(
              detail
                  + " "
                  + (functions.isEmpty()
                      ? FunctionRegistry.noFunctionsMessage()
                      : "Available: " + describe(functions) + ".")
                  + " An Azure function must be named after the portable function it runs,"
                  + " optionally followed by '_' and a suffix.");
      throw FunctionException.of(FunctionException.Kind.INTERNAL, detail);
    }
    FunctionDefinition function = found.get();
    if (!accepted.contains(function.kind())) {
      String detail =
          "Azure function '" + azureName + "' has " + trigger + ", which cannot run portable"
              + " function '" + function.name() + "': it is " + function.kind().description()
              + " and takes " + function.kind().accepts() + ". Give it " + triggersFor(function.kind())
              + ".";
      context.logger().error(detail);
      throw FunctionException.of(FunctionException.Kind.INTERNAL, detail);
    }
    return function;
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
