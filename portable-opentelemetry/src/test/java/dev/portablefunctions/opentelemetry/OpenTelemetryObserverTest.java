package dev.portablefunctions.opentelemetry;

import static dev.portablefunctions.opentelemetry.Telemetry.attribute;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portablefunctions.Context;
import dev.portablefunctions.FunctionException;
import dev.portablefunctions.HttpFunction;
import dev.portablefunctions.HttpRequest;
import dev.portablefunctions.HttpResponse;
import dev.portablefunctions.Message;
import dev.portablefunctions.MessageFunction;
import dev.portablefunctions.local.LocalInvoker;
import dev.portablefunctions.local.MessageReport;
import dev.portablefunctions.spi.FunctionDefinition;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Invocations through the local adapter (the in-process invoker the users' tests use), with this
 * module found by {@code ServiceLoader} as on every cloud, reported to an SDK with in-memory
 * exporters.
 */
class OpenTelemetryObserverTest {

  private static final String TRACE_ID = "5759e988bd862e3fe1be46a994272793";
  private static final String SPAN_ID = "53995c3f42cd8ad8";

  @BeforeEach
  void reset() {
    Telemetry.reset();
  }

  /** Answers 200 and starts a span of its own, which must be a child of the invocation's. */
  public static final class Greet implements HttpFunction {
    @Override
    public HttpResponse handle(HttpRequest request, Context context) {
      Span inner =
          GlobalOpenTelemetry.getTracer("user-code").spanBuilder("load-greeting").startSpan();
      inner.end();
      return HttpResponse.ok().text("hello");
    }
  }

  /** Fails unexpectedly. */
  public static final class Broken implements HttpFunction {
    @Override
    public HttpResponse handle(HttpRequest request, Context context) {
      throw new IllegalStateException("bug");
    }
  }

  /** Answers 404 the portable way. */
  public static final class Lookup implements HttpFunction {
    @Override
    public HttpResponse handle(HttpRequest request, Context context) {
      throw FunctionException.notFound("no order 7");
    }
  }

  /** Fails on a message whose body is "poison". */
  public static final class Orders implements MessageFunction {
    @Override
    public void handle(Message message, Context context) {
      if (message.bodyAsString().equals("poison")) {
        throw new IllegalStateException("poison message " + message.id());
      }
    }
  }

  private static HttpResponse get(
      LocalInvoker invoker, String function, Map<String, String> headers) {
    HttpRequest.Builder request = HttpRequest.builder("GET", "/orders/7");
    headers.forEach(request::header);
    return invoker.http(function, request.build());
  }

  @Test
  void anHttpInvocationIsAServerSpanWithTheFaasAndHttpAttributes() {
    try (LocalInvoker invoker = LocalInvoker.of(new Greet())) {
      HttpResponse response = get(invoker, "greet", Map.of());
      assertThat(response.statusCode()).isEqualTo(200);
    }

    SpanData span = Telemetry.spansNamed("greet").get(0);
    assertThat(span.getKind()).isEqualTo(SpanKind.SERVER);
    assertThat(attribute(span, "faas.trigger")).isEqualTo("http");
    assertThat(attribute(span, "faas.name")).isEqualTo("greet");
    assertThat(attribute(span, "faas.invocation_id")).hasSize(36);
    assertThat(span.getAttributes().get(AttributeKey.booleanKey("faas.coldstart"))).isTrue();
    assertThat(attribute(span, "cloud.provider")).isNull(); // the local adapter is no cloud
    assertThat(attribute(span, "http.request.method")).isEqualTo("GET");
    assertThat(attribute(span, "url.path")).isEqualTo("/orders/7");
    assertThat(span.getAttributes().get(AttributeKey.longKey("http.response.status_code")))
        .isEqualTo(200L);
    assertThat(attribute(span, "portable.outcome")).isEqualTo("success");
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    assertThat(span.getParentSpanContext().isValid()).isFalse();
    SpanData inner = Telemetry.spansNamed("load-greeting").get(0);
    assertThat(inner.getParentSpanId()).isEqualTo(span.getSpanId());
    assertThat(inner.getTraceId()).isEqualTo(span.getTraceId());
  }

  @Test
  void onlyTheFirstInvocationIsAColdStart() {
    try (LocalInvoker invoker = LocalInvoker.of(new Greet())) {
      get(invoker, "greet", Map.of());
      get(invoker, "greet", Map.of());
    }

    assertThat(Telemetry.spansNamed("greet"))
        .extracting(span -> span.getAttributes().get(AttributeKey.booleanKey("faas.coldstart")))
        .containsExactly(true, false);
  }

  @Test
  void theParentComesFromAW3cTraceparentWithItsTracestate() {
    SpanData span =
        invokeWith(
            Map.of(
                "traceparent",
                "00-" + TRACE_ID + "-" + SPAN_ID + "-01",
                "tracestate",
                "vendor=abc"));

    assertThat(span.getTraceId()).isEqualTo(TRACE_ID);
    assertThat(span.getParentSpanId()).isEqualTo(SPAN_ID);
    assertThat(span.getParentSpanContext().isRemote()).isTrue();
    assertThat(span.getParentSpanContext().isSampled()).isTrue();
    assertThat(span.getParentSpanContext().getTraceState().get("vendor")).isEqualTo("abc");
  }

  @Test
  void theParentComesFromAnXRayHeader() {
    SpanData span =
        invokeWith(
            Map.of(
                "X-Amzn-Trace-Id",
                "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=" + SPAN_ID + ";Sampled=1"));

    assertThat(span.getTraceId()).isEqualTo(TRACE_ID);
    assertThat(span.getParentSpanId()).isEqualTo(SPAN_ID);
  }

  @Test
  void theParentComesFromAnXCloudTraceContextHeader() {
    // Google's span id is decimal: 6023947403358210776 is 0x53995c3f42cd8ad8.
    SpanData span =
        invokeWith(Map.of("X-Cloud-Trace-Context", TRACE_ID + "/6023947403358210776;o=1"));

    assertThat(span.getTraceId()).isEqualTo(TRACE_ID);
    assertThat(span.getParentSpanId()).isEqualTo(SPAN_ID);
  }

  @Test
  void theParentComesFromB3SingleAndMultiHeaders() {
    SpanData single = invokeWith(Map.of("b3", TRACE_ID + "-" + SPAN_ID + "-1"));
    Telemetry.reset();
    SpanData multi =
        invokeWith(Map.of("X-B3-TraceId", TRACE_ID, "X-B3-SpanId", SPAN_ID, "X-B3-Sampled", "1"));

    for (SpanData span : List.of(single, multi)) {
      assertThat(span.getTraceId()).isEqualTo(TRACE_ID);
      assertThat(span.getParentSpanId()).isEqualTo(SPAN_ID);
    }
  }

  @Test
  void anUnsampledParentIsHonoured() {
    invoke(Map.of("traceparent", "00-" + TRACE_ID + "-" + SPAN_ID + "-00"));

    assertThat(Telemetry.spansNamed("greet")).isEmpty(); // the SDK's parent-based sampler drops it
  }

  private SpanData invokeWith(Map<String, String> headers) {
    invoke(headers);
    return Telemetry.spansNamed("greet").get(0);
  }

  private void invoke(Map<String, String> headers) {
    try (LocalInvoker invoker = LocalInvoker.of(new Greet())) {
      assertThat(get(invoker, "greet", headers).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void anUnexpectedFailureIsAnErrorSpanOfKindInternal() {
    try (LocalInvoker invoker = LocalInvoker.of(new Broken())) {
      assertThat(get(invoker, "broken", Map.of()).statusCode()).isEqualTo(500);
    }

    SpanData span = Telemetry.spansNamed("broken").get(0);
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(attribute(span, "error.type")).isEqualTo("INTERNAL");
    assertThat(attribute(span, "portable.outcome")).isEqualTo("error");
    assertThat(span.getEvents()).isEmpty(); // no exception event: its message may quote input
  }

  @Test
  void aClientErrorLeavesTheServerSpanUnsetAsHttpConventionsSay() {
    try (LocalInvoker invoker = LocalInvoker.of(new Lookup())) {
      assertThat(get(invoker, "lookup", Map.of()).statusCode()).isEqualTo(404);
    }

    SpanData span = Telemetry.spansNamed("lookup").get(0);
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    assertThat(span.getAttributes().get(AttributeKey.longKey("http.response.status_code")))
        .isEqualTo(404L);
    assertThat(attribute(span, "portable.outcome")).isEqualTo("error");
  }

  @Test
  void eachMessageIsASpanOfItsOwnUnderTheBatchAndTheFailedOneIsAnError() {
    String producerTrace = "0af7651916cd43dd8448eb211c80319c";
    String producerSpan = "b7ad6b7169203331";
    List<Message> batch =
        List.of(
            Message.builder("m1")
                .body("fine")
                .attribute("traceparent", "00-" + producerTrace + "-" + producerSpan + "-01")
                .build(),
            Message.builder("m2").body("poison").orderingKey("k").build(),
            Message.builder("m3").body("fine").orderingKey("k").build(),
            Message.builder("m4").body("fine").build());
    MessageReport report;
    try (LocalInvoker invoker = LocalInvoker.of(new Orders())) {
      report = invoker.messages("orders", batch);
    }
    assertThat(report.failedIds()).containsExactly("m2", "m3");

    SpanData batchSpan = Telemetry.spansNamed("orders").get(0);
    assertThat(batchSpan.getKind()).isEqualTo(SpanKind.CONSUMER);
    assertThat(attribute(batchSpan, "faas.trigger")).isEqualTo("pubsub");
    assertThat(attribute(batchSpan, "messaging.system")).isEqualTo("local");
    assertThat(attribute(batchSpan, "messaging.operation.type")).isEqualTo("process");
    assertThat(batchSpan.getAttributes().get(AttributeKey.longKey("messaging.batch.message_count")))
        .isEqualTo(4L);
    assertThat(attribute(batchSpan, "portable.outcome")).isEqualTo("partial");
    assertThat(batchSpan.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);

    Map<String, SpanData> messages =
        Telemetry.spansNamed("process").stream()
            .collect(
                Collectors.toMap(span -> attribute(span, "messaging.message.id"), span -> span));
    assertThat(messages).containsOnlyKeys("m1", "m2", "m3", "m4");
    for (SpanData message : messages.values()) {
      assertThat(message.getKind()).isEqualTo(SpanKind.CONSUMER);
      assertThat(message.getParentSpanId()).isEqualTo(batchSpan.getSpanId());
      assertThat(message.getTraceId()).isEqualTo(batchSpan.getTraceId());
      assertThat(attribute(message, "messaging.system")).isEqualTo("local");
    }
    assertThat(messages.get("m1").getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    assertThat(messages.get("m1").getLinks())
        .singleElement()
        .satisfies(
            link -> {
              assertThat(link.getSpanContext().getTraceId()).isEqualTo(producerTrace);
              assertThat(link.getSpanContext().getSpanId()).isEqualTo(producerSpan);
            });
    assertThat(messages.get("m2").getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(attribute(messages.get("m2"), "error.type")).isEqualTo("INTERNAL");
    assertThat(messages.get("m3").getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(
            messages
                .get("m3")
                .getAttributes()
                .get(AttributeKey.booleanKey("portable.message.skipped")))
        .isTrue();
    assertThat(messages.get("m4").getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
  }

  @Test
  void theMetricsCountInvocationsErrorsByKindDurationsAndColdStarts() {
    // Names of their own: the reader's sums are cumulative over the test run.
    try (LocalInvoker invoker =
        LocalInvoker.of(
            FunctionDefinition.http("metered-broken", new Broken()),
            FunctionDefinition.http("metered-lookup", new Lookup()))) {
      get(invoker, "metered-broken", Map.of());
      get(invoker, "metered-lookup", Map.of());
      get(invoker, "metered-lookup", Map.of());
    }

    List<MetricData> metrics = Telemetry.metrics();
    assertThat(sum(metrics, "faas.invocations", "metered-lookup", Optional.empty())).isEqualTo(2);
    assertThat(sum(metrics, "faas.invocations", "metered-broken", Optional.empty())).isEqualTo(1);
    assertThat(sum(metrics, "faas.errors", "metered-lookup", Optional.of("NOT_FOUND")))
        .isEqualTo(2);
    assertThat(sum(metrics, "faas.errors", "metered-broken", Optional.of("INTERNAL"))).isEqualTo(1);
    assertThat(sum(metrics, "faas.coldstarts", "metered-broken", Optional.empty())).isEqualTo(1);
    assertThat(sum(metrics, "faas.coldstarts", "metered-lookup", Optional.empty())).isZero();
    MetricData duration = metric(metrics, "faas.invoke_duration");
    assertThat(duration.getUnit()).isEqualTo("s");
    HistogramPointData lookups =
        duration.getHistogramData().getPoints().stream()
            .filter(
                point ->
                    "metered-lookup"
                        .equals(point.getAttributes().get(AttributeKey.stringKey("faas.name"))))
            .findFirst()
            .orElseThrow();
    assertThat(lookups.getCount()).isEqualTo(2);
    assertThat(lookups.getAttributes().get(AttributeKey.stringKey("faas.trigger")))
        .isEqualTo("http");
  }

  private static MetricData metric(List<MetricData> metrics, String name) {
    return metrics.stream()
        .filter(metric -> metric.getName().equals(name))
        .findFirst()
        .orElseThrow();
  }

  private static long sum(
      List<MetricData> metrics, String name, String function, Optional<String> errorType) {
    return metrics.stream()
        .filter(metric -> metric.getName().equals(name))
        .flatMap(metric -> metric.getLongSumData().getPoints().stream())
        .filter(
            point ->
                function.equals(point.getAttributes().get(AttributeKey.stringKey("faas.name"))))
        .filter(
            point ->
                errorType.isEmpty()
                    || errorType
                        .get()
                        .equals(point.getAttributes().get(AttributeKey.stringKey("error.type"))))
        .mapToLong(LongPointData::getValue)
        .sum();
  }
}
