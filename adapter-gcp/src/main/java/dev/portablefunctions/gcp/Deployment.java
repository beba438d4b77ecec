package dev.portablefunctions.gcp;

import dev.portablefunctions.Cloud;
import dev.portablefunctions.FunctionLogger;
import dev.portablefunctions.TraceContext;
import dev.portablefunctions.internal.StandardOutput;
import dev.portablefunctions.spi.FunctionDefinition;
import dev.portablefunctions.spi.FunctionKind;
import dev.portablefunctions.spi.FunctionRegistry;
import dev.portablefunctions.spi.Instrumentation;
import dev.portablefunctions.spi.InvocationContext;
import dev.portablefunctions.spi.Json;
import dev.portablefunctions.spi.LogRecord;
import dev.portablefunctions.spi.LogWriter;
import dev.portablefunctions.spi.TriggerType;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What one process serves, decided once when an entry class is constructed: the function that
 * {@code PORTABLE_FUNCTION} selects, how lines are logged, and what the environment says about the
 * project and the request timeout. Immutable and thread-safe.
 *
 * <p>A deployment that cannot run its function (no match for {@code PORTABLE_FUNCTION}, several
 * functions and no selection, or a function of a kind the entry class cannot run) fails to start:
 * the reason is logged at {@code ERROR} in Cloud Logging's format, then thrown as an {@link
 * IllegalStateException} out of the entry class's constructor. The invoker constructs the entry
 * class before it opens its port, so the instance never listens, the revision fails its start-up
 * check and the previous revision keeps serving (as Lambda fails its init phase).
 *
 * <p>A function whose own constructor fails is different: that is logged at start-up and retried on
 * each invocation, which fails through the shared pipeline until it succeeds.
 */
final class Deployment {

  /** The variable the invoker reads for its request timeout, set by Cloud Run functions. */
  static final String TIMEOUT_VARIABLE = "CLOUD_RUN_TIMEOUT_SECONDS";

  /** The variables that may name the project, in order ({@code GCP_PROJECT} on older runtimes). */
  static final String[] PROJECT_VARIABLES = {"GOOGLE_CLOUD_PROJECT", "GCP_PROJECT"};

  /** The two entry classes, and the function kinds each can run. */
  enum Entry {
    HTTP(
        GcpHttpFunction.class.getName(),
        EnumSet.of(FunctionKind.HTTP, FunctionKind.TYPED, FunctionKind.SCHEDULE),
        "HTTP and typed functions, and schedule functions behind a Cloud Scheduler HTTP target"),
    EVENT(
        GcpEventFunction.class.getName(),
        EnumSet.of(
            FunctionKind.MESSAGE,
            FunctionKind.STORAGE,
            FunctionKind.SCHEDULE,
            FunctionKind.CLOUD_EVENT),
        "message functions (Pub/Sub), storage event functions (Cloud Storage), schedule functions"
            + " behind a Cloud Scheduler Pub/Sub target, and CloudEvent functions");

    private final String className;
    private final Set<FunctionKind> kinds;
    private final String runs;

    Entry(String className, Set<FunctionKind> kinds, String runs) {
      this.className = className;
      this.kinds = kinds;
      this.runs = runs;
    }

    String className() {
      return className;
    }

    boolean runs(FunctionKind kind) {
      return kinds.contains(kind);
    }

    /** What this entry runs, for messages. */
    String runs() {
      return runs;
    }

    /** How to deploy a function of this kind instead. */
    static String advice(FunctionKind kind) {
      return kind == FunctionKind.HTTP || kind == FunctionKind.TYPED
          ? "--entry-point=" + HTTP.className + " and --trigger-http"
          : "--entry-point=" + EVENT.className + " and an event trigger";
    }
  }

  /** The {@code function} label of the start-up error when nothing was selected. */
  static final String UNSELECTED = "unselected";

  private final Entry entry;
  private final FunctionDefinition function;
  private final LogWriter writer;
  private final FunctionLogger.Level threshold;
  private final Duration timeout;
  private final Instrumentation instrumentation;

  private Deployment(
      Entry entry,
      FunctionDefinition function,
      LogWriter writer,
      FunctionLogger.Level threshold,
      Duration timeout,
      Instrumentation instrumentation) {
    this.entry = entry;
    this.function = function;
    this.writer = writer;
    this.threshold = threshold;
    this.timeout = timeout;
    this.instrumentation = instrumentation;
  }

  /**
   * The deployment the invoker's process describes: its class loader and environment.
   *
   * @throws IllegalStateException as {@link #of}
   */
  static Deployment fromEnvironment(Entry entry, ClassLoader loader) {
    Map<String, String> environment = System.getenv();
    return withWriter(
        entry,
        () -> FunctionRegistry.load(loader),
        environment,
        CloudLogging.writer(StandardOutput.STREAM, projectId(environment)),
        LogWriter.thresholdFromEnvironment(),
        Instrumentation.load(loader));
  }

  /**
   * As {@link #of(Entry, Supplier, Map, Consumer, FunctionLogger.Level, Instrumentation)},
   * unwatched.
   */
  static Deployment of(
      Entry entry,
      Supplier<FunctionRegistry> registry,
      Map<String, String> environment,
      Consumer<String> out,
      FunctionLogger.Level threshold) {
    return of(entry, registry, environment, out, threshold, Instrumentation.none());
  }

  /**
   * Selects the function and logs the outcome.
   *
   * @param entry the entry class being constructed
   * @param registry finds the functions (called once)
   * @param environment the process environment
   * @param out where log lines go
   * @param threshold the lowest level logged
   * @param instrumentation what watches the invocations
   * @throws IllegalStateException if no function can be selected, or the selected one is of a kind
   *     this entry class cannot run; the message says why and what to do, and has been logged at
   *     {@code ERROR}
   */
  static Deployment of(
      Entry entry,
      Supplier<FunctionRegistry> registry,
      Map<String, String> environment,
      Consumer<String> out,
      FunctionLogger.Level threshold,
      Instrumentation instrumentation) {
    return withWriter(
        entry,
        registry,
        environment,
        CloudLogging.writer(out, projectId(environment)),
        threshold,
        instrumentation);
  }

  /**
   * As {@link #of(Entry, Supplier, Map, Consumer, FunctionLogger.Level, Instrumentation)}, with
   * lines written by {@code writer}.
   */
  private static Deployment withWriter(
      Entry entry,
      Supplier<FunctionRegistry> registry,
      Map<String, String> environment,
      LogWriter writer,
      FunctionLogger.Level threshold,
      Instrumentation instrumentation) {
    Objects.requireNonNull(entry, "entry");
    Objects.requireNonNull(instrumentation, "instrumentation");
    String selection = environment.get(FunctionRegistry.SELECTION_VARIABLE);
    FunctionDefinition function;
    try {
      function = registry.get().select(selection);
    } catch (RuntimeException | ServiceConfigurationError | LinkageError e) {
      String label = selection != null && !selection.isBlank() ? selection.trim() : UNSELECTED;
      throw cannotStart(
          entry,
          e instanceof IllegalStateException
              ? e.getMessage()
              : "cannot load the function index: " + e,
          e instanceof IllegalStateException ? null : e,
          label,
          writer,
          threshold);
    }
    if (!entry.runs(function.kind())) {
      throw cannotStart(
          entry,
          "Function "
              + function.name()
              + " is "
              + function.kind().description()
              + ", which "
              + entry.className()
              + " cannot run; it runs "
              + entry.runs()
              + ". Deploy "
              + function.name()
              + " with "
              + Entry.advice(function.kind())
              + ".",
          null,
          function.name(),
          writer,
          threshold);
    }
    Deployment deployment =
        new Deployment(entry, function, writer, threshold, timeout(environment), instrumentation);
    deployment.start();
    return deployment;
  }

  /** Logs why the entry class cannot start, and returns what its constructor throws. */
  private static IllegalStateException cannotStart(
      Entry entry,
      String reason,
      Throwable cause,
      String functionName,
      LogWriter writer,
      FunctionLogger.Level threshold) {
    String simpleName = entry.className().substring(entry.className().lastIndexOf('.') + 1);
    String message = simpleName + " cannot start: " + reason;
    log(writer, threshold, functionName, FunctionLogger.Level.ERROR, message, cause);
    return new IllegalStateException(message, cause);
  }

  /** Logs what runs, and creates the function now rather than on the first request. */
  private void start() {
    try {
      function.instance();
      function.inputType();
      Json.mapper(); // the shared mapper, built now rather than by the first request
      log(
          writer,
          threshold,
          function.name(),
          FunctionLogger.Level.INFO,
          "Serving " + function + " through " + entry.className(),
          null);
    } catch (RuntimeException | LinkageError e) {
      // As on Lambda: a function that cannot be created fails start-up, so the revision never
      // takes traffic and the previous one keeps serving.
      throw cannotStart(
          entry,
          "cannot create function " + function.name() + ": " + e,
          e,
          function.name(),
          writer,
          threshold);
    }
  }

  /** The selected function, of a kind the entry class runs. */
  FunctionDefinition function() {
    return function;
  }

  /** The function's name. */
  String functionName() {
    return function.name();
  }

  /** Whether {@code DEBUG} lines are written. */
  boolean debug() {
    return threshold == FunctionLogger.Level.DEBUG;
  }

  /**
   * Builds the context of one invocation, which begins it (see {@link Instrumentation}).
   *
   * @param type what kind of trigger it came from
   * @param source the source's name (see {@code Invocation.source()})
   * @param invocationId the execution id
   * @param trace the trace
   * @param event the framework object {@link dev.portablefunctions.Context#unwrap} returns
   */
  InvocationContext context(
      TriggerType type, String source, String invocationId, TraceContext trace, Object event) {
    return builder(type, source, invocationId, trace).nativeObject(event).build();
  }

  /**
   * As {@link #context(TriggerType, String, String, TraceContext, Object)}, with two framework
   * objects (an HTTP request and its response), looked at in this order.
   */
  InvocationContext context(
      TriggerType type,
      String source,
      String invocationId,
      TraceContext trace,
      Object request,
      Object response) {
    return builder(type, source, invocationId, trace)
        .nativeObject(request)
        .nativeObject(response)
        .build();
  }

  private InvocationContext.Builder builder(
      TriggerType type, String source, String invocationId, TraceContext trace) {
    InvocationContext.Builder context =
        InvocationContext.builder(Cloud.GCP, function.name(), invocationId)
            .trace(trace)
            .logWriter(writer, threshold)
            .instrumentation(instrumentation, type, source);
    if (timeout != null) {
      context.deadline(Instant.now().plus(timeout));
    }
    return context;
  }

  private static void log(
      LogWriter writer,
      FunctionLogger.Level threshold,
      String functionName,
      FunctionLogger.Level level,
      String message,
      Throwable error) {
    if (level.compareTo(threshold) >= 0) {
      writer.write(
          new LogRecord(
              Instant.now(), level, message, error, functionName, "", TraceContext.empty()));
    }
  }

  static String projectId(Map<String, String> environment) {
    for (String variable : PROJECT_VARIABLES) {
      String value = environment.get(variable);
      if (value != null && !value.isBlank()) {
        return value.trim();
      }
    }
    return null;
  }

  /** The request timeout, or null when unset or not a positive whole number of seconds. */
  static Duration timeout(Map<String, String> environment) {
    String value = environment.get(TIMEOUT_VARIABLE);
    if (value == null) {
      return null;
    }
    try {
      long seconds = Long.parseLong(value.trim());
      return seconds > 0 ? Duration.ofSeconds(seconds) : null;
    } catch (NumberFormatException malformed) {
      return null;
    }
  }
}
