package dev.portablefunctions.gcp;

import dev.portablefunctions.Cloud;
import dev.portablefunctions.FunctionLogger;
import dev.portablefunctions.TraceContext;
import dev.portablefunctions.spi.FunctionDefinition;
import dev.portablefunctions.spi.FunctionKind;
import dev.portablefunctions.spi.FunctionRegistry;
import dev.portablefunctions.spi.InvocationContext;
import dev.portablefunctions.spi.LogRecord;
import dev.portablefunctions.spi.LogWriter;
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
 * {@code PORTABLE_FUNCTION} selects (or why none can run), how lines are logged, and what the
 * environment says about the project and the request timeout. Immutable and thread-safe.
 *
 * <p>A deployment that cannot run its function (no match for {@code PORTABLE_FUNCTION}, several
 * functions and no selection, or a function of a kind the entry class cannot run) still starts: the
 * reason is logged at {@code ERROR} at start-up, and again, with the execution id, on every request
 * or event, which fails visibly. Failing the constructor instead would only leave the invoker's
 * bare stack trace on an instance that never becomes ready.
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
            FunctionKind.MESSAGE, FunctionKind.STORAGE, FunctionKind.SCHEDULE, FunctionKind.CLOUD_EVENT),
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

  private static final String UNSELECTED = "unselected";

  private final Entry entry;
  private final FunctionDefinition function;
  private final String misconfiguration;
  private final boolean wrongKind;
  private final String functionName;
  private final LogWriter writer;
  private final FunctionLogger.Level threshold;
  private final Duration timeout;

  private Deployment(
      Entry entry,
      FunctionDefinition function,
      String misconfiguration,
      boolean wrongKind,
      String functionName,
      LogWriter writer,
      FunctionLogger.Level threshold,
      Duration timeout) {
    this.entry = entry;
    this.function = function;
    this.misconfiguration = misconfiguration;
    this.wrongKind = wrongKind;
    this.functionName = functionName;
    this.writer = writer;
    this.threshold = threshold;
    this.timeout = timeout;
  }

  /** The deployment the invoker's process describes: its class loader and environment. */
  static Deployment fromEnvironment(Entry entry, ClassLoader loader) {
    return of(
        entry,
        () -> FunctionRegistry.load(loader),
        System.getenv(),
        line -> System.out.println(line),
        LogWriter.thresholdFromEnvironment());
  }

  /**
   * Selects the function and logs the outcome.
   *
   * @param entry the entry class being constructed
   * @param registry finds the functions (called once)
   * @param environment the process environment
   * @param out where log lines go
   * @param threshold the lowest level logged
   */
  static Deployment of(
      Entry entry,
      Supplier<FunctionRegistry> registry,
      Map<String, String> environment,
      Consumer<String> out,
      FunctionLogger.Level threshold) {
    Objects.requireNonNull(entry, "entry");
    LogWriter writer = CloudLogging.writer(out, projectId(environment));
    Duration timeout = timeout(environment);
    String selection = environment.get(FunctionRegistry.SELECTION_VARIABLE);
    FunctionDefinition function = null;
    String misconfiguration = null;
    try {
      function = registry.get().select(selection);
    } catch (RuntimeException | ServiceConfigurationError | LinkageError e) {
      misconfiguration =
          "Cannot select the function to run: "
              + (e instanceof IllegalStateException ? e.getMessage() : e.toString());
    }
    boolean wrongKind = function != null && !entry.runs(function.kind());
    if (wrongKind) {
      misconfiguration =
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
              + ".";
    }
    String name =
        function != null
            ? function.name()
            : selection != null && !selection.isBlank() ? selection.trim() : UNSELECTED;
    Deployment deployment =
        new Deployment(
            entry, function, misconfiguration, wrongKind, name, writer, threshold, timeout);
    deployment.start();
    return deployment;
  }

  /** Logs what runs, and creates the function now rather than on the first request. */
  private void start() {
    if (misconfiguration != null) {
      log(FunctionLogger.Level.ERROR, misconfiguration, null);
      return;
    }
    try {
      function.instance();
      function.inputType();
      log(
          FunctionLogger.Level.INFO,
          "Serving " + function + " through " + entry.className(),
          null);
    } catch (RuntimeException | LinkageError e) {
      // Each invocation tries again and fails through the shared pipeline, which logs it then.
      log(FunctionLogger.Level.ERROR, "Cannot create function " + function.name(), e);
    }
  }

  /** The selected function, or null when {@link #misconfiguration()} says why there is none. */
  FunctionDefinition function() {
    return misconfiguration == null ? function : null;
  }

  /** Why this deployment cannot run its function, or null. */
  String misconfiguration() {
    return misconfiguration;
  }

  /** Whether the misconfiguration is a function this entry class cannot run (not a selection error). */
  boolean wrongKind() {
    return wrongKind;
  }

  /** The function's name, or the selection if nothing matched it. */
  String functionName() {
    return functionName;
  }

  /**
   * Builds the context of one invocation.
   *
   * @param invocationId the execution id
   * @param trace the trace
   * @param natives the framework objects {@link dev.portablefunctions.Context#unwrap} returns
   */
  InvocationContext context(String invocationId, TraceContext trace, Object... natives) {
    InvocationContext.Builder context =
        InvocationContext.builder(Cloud.GCP, functionName, invocationId)
            .trace(trace)
            .logWriter(writer, threshold);
    if (timeout != null) {
      context.deadline(Instant.now().plus(timeout));
    }
    for (Object object : natives) {
      context.nativeObject(object);
    }
    return context.build();
  }

  private void log(FunctionLogger.Level level, String message, Throwable error) {
    if (level.compareTo(threshold) >= 0) {
      writer.write(
          new LogRecord(Instant.now(), level, message, error, functionName, "", TraceContext.empty()));
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
