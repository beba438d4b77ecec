package dev.portablefunctions.opentelemetry;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The SDK the tests report to, with in-memory exporters, installed once as the global instance (as
 * the Java agent or a function's start-up code would), so the observer the adapters load with
 * {@code ServiceLoader} reports to it.
 */
final class Telemetry {

  static final InMemorySpanExporter SPANS = InMemorySpanExporter.create();
  static final InMemoryMetricReader METRICS = InMemoryMetricReader.create();

  static {
    OpenTelemetrySdk sdk =
        OpenTelemetrySdk.builder()
            .setTracerProvider(
                SdkTracerProvider.builder()
                    .addSpanProcessor(SimpleSpanProcessor.create(SPANS))
                    .build())
            .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(METRICS).build())
            .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
            .build();
    GlobalOpenTelemetry.resetForTest();
    GlobalOpenTelemetry.set(sdk);
  }

  private Telemetry() {}

  /** Forgets the spans exported so far. */
  static void reset() {
    SPANS.reset();
  }

  /** The spans exported so far, in the order they ended. */
  static List<SpanData> spans() {
    return SPANS.getFinishedSpanItems();
  }

  /** The spans of a function (the invocation's span is named after it). */
  static List<SpanData> spansNamed(String name) {
    return spans().stream()
        .filter(span -> span.getName().equals(name))
        .collect(Collectors.toList());
  }

  static String attribute(SpanData span, String key) {
    Object value = span.getAttributes().get(AttributeKey.stringKey(key));
    return value == null ? null : value.toString();
  }

  static List<MetricData> metrics() {
    return List.copyOf(METRICS.collectAllMetrics());
  }
}
