package dev.portablefunctions.opentelemetry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portablefunctions.Cloud;
import dev.portablefunctions.HttpRequest;
import dev.portablefunctions.Message;
import dev.portablefunctions.TraceContext;
import dev.portablefunctions.spi.Invocation;
import dev.portablefunctions.spi.InvocationObserver;
import dev.portablefunctions.spi.Outcome;
import dev.portablefunctions.spi.TriggerType;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Makes every invocation an OpenTelemetry span and counts it in the FaaS metrics. Found by the
 * adapters through {@link java.util.ServiceLoader}; use {@link #of(OpenTelemetry)} only to wire one
 * by hand. Thread-safe.
 *
 * <p><b>The invocation's span</b> is named after the function (as the FaaS conventions say), of
 * kind {@code SERVER} ({@code CONSUMER} for a message batch), started when the adapter has read the
 * provider's envelope and ended when the answer is known, and current on the invocation's thread in
 * between, so spans the function starts (or an instrumented client it calls) are its children. Its
 * attributes: {@code faas.trigger} ({@code http}, {@code pubsub}, {@code datasource}, {@code
 * timer}, {@code other}), {@code faas.invocation_id}, {@code faas.coldstart}, {@code faas.name},
 * {@code cloud.provider} and {@code cloud.platform} (not for the local adapter), {@code
 * cloud.region} (from {@code AWS_REGION}, {@code FUNCTION_REGION} or {@code REGION_NAME} when set);
 * for HTTP {@code http.request.method}, {@code url.path}, {@code http.request.body.size}, {@code
 * http.response.status_code}; for messages {@code messaging.system}, {@code
 * messaging.operation.type} and {@code .name} ({@code process}) and {@code
 * messaging.batch.message_count}; always {@code portable.outcome} ({@code success}, {@code error},
 * {@code partial}, {@code refused}) and, for errors, {@code error.type}, the error kind ({@code
 * NOT_FOUND}, {@code INTERNAL}, {@code UNSUPPORTED_TRIGGER}, ...). Its status is {@code ERROR} when
 * the invocation failed, was refused or partly failed, except that an HTTP invocation answered
 * below 500 keeps an unset status (HTTP server conventions: a 4xx is the caller's error).
 * Exceptions are not recorded as span events: their messages may quote input.
 *
 * <p><b>The parent</b> is the span already current on the invocation's thread if there is one (the
 * Java agent's, the Lambda layer's), else the caller's trace from {@link
 * dev.portablefunctions.Context#trace()}, whatever format it arrived in, as a remote parent (with
 * its {@code tracestate}); else the span is a root.
 *
 * <p><b>Each message</b> of a batch is a {@code CONSUMER} span named {@code process}, a child of
 * the invocation's span, current while the message runs, with {@code messaging.system}, {@code
 * messaging.operation.type}, {@code messaging.message.id}, and a link to the producer's span when
 * the message carries one in an attribute ({@code traceparent}, {@code googclient_traceparent}, or
 * SQS's {@code AWSTraceHeader}). A message that failed, or was not run because an earlier one
 * failed ({@code portable.message.skipped}), has status {@code ERROR} and {@code error.type}.
 *
 * <p><b>Metrics</b> (meter {@code dev.portablefunctions}), each with {@code faas.trigger} and
 * {@code faas.name}: {@code faas.invocations} (counter), {@code faas.errors} (counter, also by
 * {@code error.type}), {@code faas.invoke_duration} (histogram, seconds), {@code faas.coldstarts}
 * (counter).
 *
 * <p>The OpenTelemetry instance is {@link GlobalOpenTelemetry}'s, looked up at each invocation
 * without forcing it (so an SDK set up by the function's own start-up code, after this observer was
 * loaded, is used); while none is set, invocations are not observed at all and nothing more of
 * OpenTelemetry is loaded.
 */
public final class OpenTelemetryObserver implements InvocationObserver {

  static final String SCOPE = "dev.portablefunctions";

  static final AttributeKey<String> FAAS_TRIGGER = AttributeKey.stringKey("faas.trigger");
  static final AttributeKey<String> FAAS_INVOCATION_ID =
      AttributeKey.stringKey("faas.invocation_id");
  static final AttributeKey<Boolean> FAAS_COLDSTART = AttributeKey.booleanKey("faas.coldstart");
  static final AttributeKey<String> FAAS_NAME = AttributeKey.stringKey("faas.name");
  static final AttributeKey<String> CLOUD_PROVIDER = AttributeKey.stringKey("cloud.provider");
  static final AttributeKey<String> CLOUD_PLATFORM = AttributeKey.stringKey("cloud.platform");
  static final AttributeKey<String> CLOUD_REGION = AttributeKey.stringKey("cloud.region");
  static final AttributeKey<String> HTTP_METHOD = AttributeKey.stringKey("http.request.method");
  static final AttributeKey<String> URL_PATH = AttributeKey.stringKey("url.path");
  static final AttributeKey<Long> HTTP_BODY_SIZE = AttributeKey.longKey("http.request.body.size");
  static final AttributeKey<Long> HTTP_STATUS = AttributeKey.longKey("http.response.status_code");
  static final AttributeKey<String> MESSAGING_SYSTEM = AttributeKey.stringKey("messaging.system");
  static final AttributeKey<String> MESSAGING_OPERATION_TYPE =
      AttributeKey.stringKey("messaging.operation.type");
  static final AttributeKey<String> MESSAGING_OPERATION_NAME =
      AttributeKey.stringKey("messaging.operation.name");
  static final AttributeKey<Long> MESSAGING_BATCH_COUNT =
      AttributeKey.longKey("messaging.batch.message_count");
  static final AttributeKey<String> MESSAGING_MESSAGE_ID =
      AttributeKey.stringKey("messaging.message.id");
  static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
  static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("portable.outcome");
  static final AttributeKey<String> SOURCE = AttributeKey.stringKey("portable.source");
  static final AttributeKey<Boolean> SKIPPED = AttributeKey.booleanKey("portable.message.skipped");

  /** The message attributes that may carry the producer's trace, in the order tried. */
  private static final List<String> PRODUCER_ATTRIBUTES =
      List.of("traceparent", "googclient_traceparent");

  private static final TextMapGetter<Map<String, String>> MAP_GETTER =
      new TextMapGetter<>() {
        // Required by the interface, deprecated in favour of getAll; no propagator of ours uses it.
        @Override
        @SuppressWarnings("deprecation")
        public Iterable<String> keys(Map<String, String> carrier) {
          return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
          return carrier == null ? null : carrier.get(key);
        }
      };

  private final OpenTelemetry fixed;
  private final String region;
  private volatile Instruments instruments;

  /**
   * The observer {@link java.util.ServiceLoader} creates: {@link GlobalOpenTelemetry}'s instance,
   * looked up at each invocation.
   */
  public OpenTelemetryObserver() {
    this(null, System::getenv);
  }

  OpenTelemetryObserver(OpenTelemetry openTelemetry, Function<String, String> environment) {
    // Touch the API now, so that a missing opentelemetry-api fails loading (and the adapter leaves
    // this observer out) rather than every invocation.
    GlobalOpenTelemetry.isSet();
    this.fixed = openTelemetry;
    this.region = region(environment);
  }

  /**
   * Returns an observer that reports to one OpenTelemetry instance, for an adapter wired by hand
   * ({@code Instrumentation.of(true, List.of(OpenTelemetryObserver.of(sdk)))}).
   *
   * @param openTelemetry the instance
   * @return the observer
   */
  public static OpenTelemetryObserver of(OpenTelemetry openTelemetry) {
    return new OpenTelemetryObserver(
        Objects.requireNonNull(openTelemetry, "openTelemetry"), System::getenv);
  }

  private static String region(Function<String, String> environment) {
    for (String variable : new String[] {"AWS_REGION", "FUNCTION_REGION", "REGION_NAME"}) {
      String value = environment.apply(variable);
      if (value != null && !value.isBlank()) {
        return value.trim();
      }
    }
    return null;
  }

  @Override
  public Observation begin(Invocation invocation) {
    Instruments using = instruments();
    if (using == null) {
      return Observation.NONE; // no SDK yet: nothing would be recorded, so load nothing more
    }
    dev.portablefunctions.Context context = invocation.context();
    Context parent = parent(context.trace());
    SpanBuilder builder =
        using
            .tracer
            .spanBuilder(context.functionName())
            .setSpanKind(
                invocation.trigger() == TriggerType.PUBSUB ? SpanKind.CONSUMER : SpanKind.SERVER)
            .setParent(parent)
            .setStartTimestamp(invocation.startTime())
            .setAttribute(FAAS_TRIGGER, invocation.trigger().id())
            .setAttribute(FAAS_INVOCATION_ID, context.invocationId())
            .setAttribute(FAAS_COLDSTART, invocation.coldStart())
            .setAttribute(FAAS_NAME, context.functionName())
            .setAttribute(SOURCE, invocation.source());
    Cloud cloud = context.cloud();
    if (cloud != Cloud.LOCAL) {
      builder.setAttribute(CLOUD_PROVIDER, cloud.id());
      builder.setAttribute(CLOUD_PLATFORM, platform(cloud));
      if (region != null) {
        builder.setAttribute(CLOUD_REGION, region);
      }
    }
    if (invocation.trigger() == TriggerType.PUBSUB) {
      builder
          .setAttribute(MESSAGING_SYSTEM, invocation.source())
          .setAttribute(MESSAGING_OPERATION_TYPE, "process")
          .setAttribute(MESSAGING_OPERATION_NAME, "process");
    }
    Span span = builder.startSpan();
    Context current = parent.with(span);
    return new InvocationSpan(using, invocation, span, current, current.makeCurrent());
  }

  private static String platform(Cloud cloud) {
    switch (cloud) {
      case AWS:
        return "aws_lambda";
      case GCP:
        return "gcp_cloud_functions";
      default:
        return "azure_functions";
    }
  }

  /** The span current on this thread (an agent's), else the caller's trace, else none. */
  static Context parent(TraceContext trace) {
    Context current = Context.current();
    if (Span.fromContext(current).getSpanContext().isValid()) {
      return current;
    }
    Optional<String> traceparent = trace.traceparent();
    if (traceparent.isEmpty()) {
      return Context.root();
    }
    Map<String, String> carrier =
        trace.tracestate().isPresent()
            ? Map.of("traceparent", traceparent.get(), "tracestate", trace.tracestate().get())
            : Map.of("traceparent", traceparent.get());
    return W3CTraceContextPropagator.getInstance().extract(Context.root(), carrier, MAP_GETTER);
  }

  /** The producer's span a message carries in its attributes, if any. */
  static SpanContext producer(Message message) {
    for (String attribute : PRODUCER_ATTRIBUTES) {
      Optional<String> value = message.attribute(attribute);
      if (value.isPresent()) {
        SpanContext found = remote(TraceContext.of(value.get(), null, null, null));
        if (found.isValid()) {
          return found;
        }
      }
    }
    Optional<String> xray = message.attribute("AWSTraceHeader");
    return xray.isPresent() ? remote(TraceContext.fromXRay(xray.get())) : SpanContext.getInvalid();
  }

  private static SpanContext remote(TraceContext trace) {
    Optional<String> traceparent = trace.traceparent();
    if (traceparent.isEmpty()) {
      return SpanContext.getInvalid();
    }
    return Span.fromContext(
            W3CTraceContextPropagator.getInstance()
                .extract(Context.root(), Map.of("traceparent", traceparent.get()), MAP_GETTER))
        .getSpanContext();
  }

  /** The instruments of the OpenTelemetry instance in use, or null while none is set. */
  private Instruments instruments() {
    OpenTelemetry openTelemetry =
        fixed != null ? fixed : GlobalOpenTelemetry.isSet() ? GlobalOpenTelemetry.get() : null;
    if (openTelemetry == null) {
      return null;
    }
    Instruments current = instruments;
    if (current == null || current.openTelemetry != openTelemetry) {
      current = new Instruments(openTelemetry);
      instruments = current;
    }
    return current;
  }

  /** The tracer and meters of one OpenTelemetry instance. */
  private static final class Instruments {
    final OpenTelemetry openTelemetry;
    final Tracer tracer;
    final LongCounter invocations;
    final LongCounter errors;
    final DoubleHistogram duration;
    final LongCounter coldStarts;

    Instruments(OpenTelemetry openTelemetry) {
      this.openTelemetry = openTelemetry;
      String version = OpenTelemetryObserver.class.getPackage().getImplementationVersion();
      this.tracer =
          version == null
              ? openTelemetry.getTracer(SCOPE)
              : openTelemetry.getTracer(SCOPE, version);
      Meter meter = openTelemetry.getMeter(SCOPE);
      this.invocations =
          meter
              .counterBuilder("faas.invocations")
              .setDescription("Number of invocations")
              .setUnit("{invocation}")
              .build();
      this.errors =
          meter
              .counterBuilder("faas.errors")
              .setDescription("Number of invocation errors")
              .setUnit("{error}")
              .build();
      this.duration =
          meter
              .histogramBuilder("faas.invoke_duration")
              .setDescription("Duration of the invocations")
              .setUnit("s")
              .build();
      this.coldStarts =
          meter
              .counterBuilder("faas.coldstarts")
              .setDescription("Number of invocation cold starts")
              .setUnit("{coldstart}")
              .build();
    }
  }

  /** One invocation's span, current on the thread that began it until it ends. */
  private static final class InvocationSpan implements Observation {
    private final Instruments instruments;
    private final Invocation invocation;
    private final Span span;
    private final Context context;
    private final Scope scope;
    private final Thread thread;

    InvocationSpan(
        Instruments instruments, Invocation invocation, Span span, Context context, Scope scope) {
      this.instruments = instruments;
      this.invocation = invocation;
      this.span = span;
      this.context = context;
      this.scope = scope;
      this.thread = Thread.currentThread();
    }

    @Override
    public void request(HttpRequest request) {
      span.setAttribute(HTTP_METHOD, request.method());
      span.setAttribute(URL_PATH, request.path());
      span.setAttribute(HTTP_BODY_SIZE, (long) request.bodyLength());
    }

    @Override
    public Observation message(Message message, dev.portablefunctions.Context messageContext) {
      SpanBuilder builder =
          instruments
              .tracer
              .spanBuilder("process")
              .setSpanKind(SpanKind.CONSUMER)
              .setParent(context)
              .setAttribute(MESSAGING_SYSTEM, invocation.source())
              .setAttribute(MESSAGING_OPERATION_TYPE, "process")
              .setAttribute(MESSAGING_OPERATION_NAME, "process")
              .setAttribute(MESSAGING_MESSAGE_ID, message.id());
      SpanContext producer = producer(message);
      if (!producer.isValid() && invocation.source().equals("aws_sqs")) {
        // SQS keeps the producer's X-Ray trace in the record's system attributes.
        producer =
            messageContext
                .unwrap(JsonNode.class)
                .map(record -> record.path("attributes").path("AWSTraceHeader").asText(""))
                .filter(header -> !header.isEmpty())
                .map(header -> remote(TraceContext.fromXRay(header)))
                .orElse(SpanContext.getInvalid());
      }
      if (producer.isValid()) {
        builder.addLink(producer);
      }
      Span child = builder.startSpan();
      return new MessageSpan(child, context.with(child).makeCurrent());
    }

    @Override
    public void end(Outcome outcome) {
      if (outcome.status().isPresent()) {
        span.setAttribute(HTTP_STATUS, (long) outcome.status().getAsInt());
      }
      if (outcome.batchSize().isPresent()) {
        span.setAttribute(MESSAGING_BATCH_COUNT, (long) outcome.batchSize().getAsInt());
      }
      span.setAttribute(OUTCOME, outcome.result().id());
      boolean error =
          outcome.isError()
              && (invocation.trigger() != TriggerType.HTTP || outcome.status().orElse(500) >= 500);
      if (error) {
        String kind = outcome.errorKind().orElse("INTERNAL");
        span.setAttribute(ERROR_TYPE, kind);
        span.setStatus(StatusCode.ERROR, kind);
      }
      span.end();
      if (Thread.currentThread() == thread) {
        scope.close();
      }
      Attributes attributes =
          Attributes.of(
              FAAS_TRIGGER,
              invocation.trigger().id(),
              FAAS_NAME,
              invocation.context().functionName());
      instruments.invocations.add(1, attributes);
      if (outcome.isError()) {
        instruments.errors.add(
            1,
            attributes.toBuilder().put(ERROR_TYPE, outcome.errorKind().orElse("INTERNAL")).build());
      }
      instruments.duration.record(
          outcome.durationNanos() / (double) TimeUnit.SECONDS.toNanos(1), attributes);
      if (outcome.coldStart()) {
        instruments.coldStarts.add(1, attributes);
      }
    }
  }

  /** One message's span, current while the message runs. */
  private static final class MessageSpan implements Observation {
    private final Span span;
    private final Scope scope;
    private final Thread thread;

    MessageSpan(Span span, Scope scope) {
      this.span = span;
      this.scope = scope;
      this.thread = Thread.currentThread();
    }

    @Override
    public void end(Outcome outcome) {
      if (outcome.isError()) {
        String kind = outcome.errorKind().orElse("INTERNAL");
        span.setAttribute(ERROR_TYPE, kind);
        if (outcome.result() == Outcome.Result.SKIPPED) {
          span.setAttribute(SKIPPED, true);
        }
        span.setStatus(StatusCode.ERROR, kind);
      }
      span.end();
      if (Thread.currentThread() == thread) {
        scope.close();
      }
    }
  }
}
