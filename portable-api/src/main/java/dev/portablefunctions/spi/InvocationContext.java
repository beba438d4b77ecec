package dev.portablefunctions.spi;

import dev.portablefunctions.Cloud;
import dev.portablefunctions.Context;
import dev.portablefunctions.FunctionLogger;
import dev.portablefunctions.TraceContext;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The {@link Context} adapters build for each invocation. Immutable; its logger writes through the
 * adapter's {@link LogWriter}, stamping every line with the function name, invocation id and trace.
 *
 * <pre>{@code
 * Context context = InvocationContext.builder(Cloud.AWS, definition.name(), lambdaContext.getAwsRequestId())
 *     .deadline(Instant.now().plusMillis(lambdaContext.getRemainingTimeInMillis()))
 *     .trace(TraceContext.fromXRay(traceHeader))
 *     .logWriter(writer)
 *     .nativeObject(lambdaContext)
 *     .build();
 * }</pre>
 */
public final class InvocationContext implements Context {

  private final Cloud cloud;
  private final String functionName;
  private final String invocationId;
  private final Instant deadline;
  private final TraceContext trace;
  private final Object[] natives;
  private final int nativeCount;
  private final LogWriter writer;
  private final FunctionLogger.Level threshold;

  /** The instrumented invocation, shared with per-record copies; null when nothing watches. */
  private final Tracker tracker;

  /** The invocation's own context: this one, or the one a per-record copy was made from. */
  private final InvocationContext invocation;

  /**
   * The invocation's logger, made on first use (most invocations never log) and shared with the
   * per-record copies. Racing threads may each make one; any of them will do, since a logger holds
   * nothing but the context's final fields.
   */
  private FunctionLogger logger;

  /** A copy of {@code base} whose {@link #unwrap} looks at {@code first} before base's objects. */
  private InvocationContext(InvocationContext base, Object first) {
    this.cloud = base.cloud;
    this.functionName = base.functionName;
    this.invocationId = base.invocationId;
    this.deadline = base.deadline;
    this.trace = base.trace;
    Object[] natives = new Object[base.nativeCount + 1];
    natives[0] = first;
    System.arraycopy(base.natives, 0, natives, 1, base.nativeCount);
    this.natives = natives;
    this.nativeCount = natives.length;
    this.invocation = base.invocation;
    this.writer = base.writer;
    this.threshold = base.threshold;
    this.tracker = base.tracker;
  }

  private InvocationContext(Builder builder) {
    this.cloud = builder.cloud;
    this.functionName = builder.functionName;
    this.invocationId = builder.invocationId;
    this.deadline = builder.deadline;
    this.trace = builder.trace;
    this.invocation = this;
    this.natives = builder.takeNatives(); // the builder copies its array if it is used again
    this.nativeCount = builder.nativeCount;
    this.writer = builder.logWriter;
    this.threshold = builder.threshold;
    // Last: the observers see a complete context.
    this.tracker =
        builder.instrumentation.active()
            ? Tracker.begin(builder.instrumentation, this, builder.trigger, builder.source)
            : null;
  }

  /** The instrumented invocation, or null when nothing watches it. */
  Tracker tracker() {
    return tracker;
  }

  /** Tells whether lines of this level are written. */
  boolean logs(FunctionLogger.Level level) {
    return level.compareTo(threshold) >= 0;
  }

  /** Writes the record that ends the invocation, at {@code INFO}. */
  void writeOutcome(Outcome outcome) {
    if (logs(FunctionLogger.Level.INFO)) {
      writer.write(
          new LogRecord(
              Instant.now(),
              FunctionLogger.Level.INFO,
              outcome.describe(),
              null,
              functionName,
              invocationId,
              trace,
              outcome));
    }
  }

  /**
   * Starts a context.
   *
   * @param cloud where the function runs
   * @param functionName the portable function's name
   * @param invocationId the provider's invocation id
   * @return a builder
   */
  public static Builder builder(Cloud cloud, String functionName, String invocationId) {
    return new Builder(cloud, functionName, invocationId);
  }

  @Override
  public String invocationId() {
    return invocationId;
  }

  @Override
  public String functionName() {
    return functionName;
  }

  @Override
  public Cloud cloud() {
    return cloud;
  }

  @Override
  public Optional<Instant> deadline() {
    return Optional.ofNullable(deadline);
  }

  @Override
  public TraceContext trace() {
    return trace;
  }

  @Override
  public FunctionLogger logger() {
    if (invocation != this) {
      return invocation.logger();
    }
    FunctionLogger made = logger;
    if (made == null) {
      made = this::log;
      logger = made;
    }
    return made;
  }

  private void log(FunctionLogger.Level level, String message, Throwable error) {
    Objects.requireNonNull(level, "level");
    if (level.compareTo(threshold) >= 0) {
      writer.write(
          new LogRecord(
              Instant.now(),
              level,
              String.valueOf(message),
              error,
              functionName,
              invocationId,
              trace));
    }
  }

  @Override
  public <T> Optional<T> unwrap(Class<T> type) {
    Objects.requireNonNull(type, "type");
    for (int i = 0; i < nativeCount; i++) {
      Object object = natives[i];
      if (object instanceof Lazy<?> lazy) {
        if (type.isAssignableFrom(lazy.type)) {
          Object value = lazy.get();
          if (value != null) {
            return Optional.of(type.cast(value));
          }
        }
      } else if (type.isInstance(object)) {
        return Optional.of(type.cast(object));
      }
    }
    return Optional.empty();
  }

  /**
   * Returns a context for one record of the batch this context's invocation carries: the same
   * invocation (ids, trace, deadline, logger), whose {@link #unwrap} returns the record's own
   * provider object for {@code type} before anything this context holds. Adapters pass it to {@link
   * FunctionRunner#messages(FunctionDefinition, List, Context, BatchMode,
   * java.util.function.Function)}, so that {@code context.unwrap(JsonNode.class)} in a message
   * function is the current record's JSON, not the whole batch.
   *
   * @param type the type {@code unwrap} answers with the record's object (and its supertypes)
   * @param record computes the object, at most once and only if asked for; may return null for none
   * @param <T> the type
   * @return the record's context
   */
  public <T> InvocationContext withRecord(Class<T> type, Supplier<? extends T> record) {
    return new InvocationContext(this, new Lazy<>(type, record));
  }

  /** A provider object computed on first use, at most once (thread-safe). */
  private static final class Lazy<T> {
    private final Class<T> type;
    private Supplier<? extends T> supplier;
    private T value;

    Lazy(Class<T> type, Supplier<? extends T> supplier) {
      this.type = Objects.requireNonNull(type, "type");
      this.supplier = Objects.requireNonNull(supplier, "supplier");
    }

    synchronized T get() {
      if (supplier != null) {
        value = supplier.get();
        supplier = null;
      }
      return value;
    }
  }

  @Override
  public String toString() {
    return "Context[" + cloud.id() + ", " + functionName + ", " + invocationId + "]";
  }

  /** Builds an {@link InvocationContext}. Not thread-safe. */
  public static final class Builder {

    private final Cloud cloud;
    private final String functionName;
    private final String invocationId;
    private Instant deadline;
    private TraceContext trace = TraceContext.empty();
    private LogWriter logWriter = record -> {};
    private FunctionLogger.Level threshold = FunctionLogger.Level.INFO;
    private Object[] natives = new Object[2];
    private int nativeCount;

    /** Whether a built context holds {@link #natives}: a later addition copies it first. */
    private boolean nativesTaken;

    private Instrumentation instrumentation = Instrumentation.none();
    private TriggerType trigger = TriggerType.OTHER;
    private String source = "unknown";

    private Builder(Cloud cloud, String functionName, String invocationId) {
      this.cloud = Objects.requireNonNull(cloud, "cloud");
      this.functionName = Objects.requireNonNull(functionName, "functionName");
      this.invocationId = Objects.requireNonNull(invocationId, "invocationId");
    }

    /**
     * Sets the deadline.
     *
     * @param deadline when the provider stops the invocation
     * @return this builder
     */
    public Builder deadline(Instant deadline) {
      this.deadline = Objects.requireNonNull(deadline, "deadline");
      return this;
    }

    /**
     * Sets the trace.
     *
     * @param trace the trace
     * @return this builder
     */
    public Builder trace(TraceContext trace) {
      this.trace = Objects.requireNonNull(trace, "trace");
      return this;
    }

    /**
     * Sets where log lines go, and the lowest level written.
     *
     * @param writer the writer
     * @param threshold the lowest level written
     * @return this builder
     */
    public Builder logWriter(LogWriter writer, FunctionLogger.Level threshold) {
      this.logWriter = Objects.requireNonNull(writer, "writer");
      this.threshold = Objects.requireNonNull(threshold, "threshold");
      return this;
    }

    /**
     * Makes the context's invocation watched by an instrumentation: building the context begins the
     * invocation (its clock starts, its observers' {@link InvocationObserver#begin} is called, the
     * process's first invocation is marked as the cold start), and {@link
     * FunctionRunner#finish(Context)} ends it with its outcome record. Without this call nothing is
     * watched.
     *
     * @param instrumentation the adapter's instrumentation, created once per process
     * @param trigger what kind of trigger started the invocation
     * @param source the source, as {@link Invocation#source()} names it
     * @return this builder
     */
    public Builder instrumentation(
        Instrumentation instrumentation, TriggerType trigger, String source) {
      this.instrumentation = Objects.requireNonNull(instrumentation, "instrumentation");
      this.trigger = Objects.requireNonNull(trigger, "trigger");
      this.source = Objects.requireNonNull(source, "source");
      return this;
    }

    /**
     * Adds a provider object that {@link Context#unwrap(Class)} may return.
     *
     * @param object the object
     * @return this builder
     */
    public Builder nativeObject(Object object) {
      return addNative(Objects.requireNonNull(object, "object"));
    }

    /**
     * Adds a provider object that {@link Context#unwrap(Class)} returns for {@code type} (and its
     * supertypes), computed on the first such call and at most once: for objects that cost work to
     * build, such as a JSON tree of a payload the adapter otherwise reads in one streaming pass.
     *
     * @param type the type
     * @param object computes the object; may return null for none
     * @param <T> the type
     * @return this builder
     */
    public <T> Builder nativeObject(Class<T> type, Supplier<? extends T> object) {
      return addNative(new Lazy<>(type, object));
    }

    private Builder addNative(Object object) {
      if (nativesTaken || nativeCount == natives.length) {
        natives = Arrays.copyOf(natives, Math.max(2, nativeCount * 2));
        nativesTaken = false;
      }
      natives[nativeCount++] = object;
      return this;
    }

    /** Hands the array to a context, which reads its first {@link #nativeCount} slots only. */
    private Object[] takeNatives() {
      nativesTaken = true;
      return natives;
    }

    /**
     * Builds the context.
     *
     * @return the context
     */
    public InvocationContext build() {
      return new InvocationContext(this);
    }
  }
}
