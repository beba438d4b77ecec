package dev.portablefunctions.samples.api;

import dev.portablefunctions.TraceContext;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The headers to put on an outbound call so that it joins the trace of the invocation making it.
 *
 * <pre>{@code
 * HttpRequest.Builder call = HttpRequest.newBuilder(uri);
 * TracePropagation.headers(context.trace()).forEach(call::header);
 * }</pre>
 *
 * <p>{@link dev.portablefunctions.Context#trace()} is normalised from whatever the caller or the
 * platform sent, so the call carries every format a hop may read:
 *
 * <ul>
 *   <li>W3C {@code traceparent} (and {@code tracestate}): OpenTelemetry, Cloud Trace, Azure
 *       Monitor, X-Ray's OpenTelemetry collectors, Istio with OpenTelemetry;
 *   <li>Zipkin B3, single ({@code b3}) and multi-header ({@code X-B3-TraceId}, {@code X-B3-SpanId},
 *       {@code X-B3-Sampled}): Istio and Envoy with Zipkin, Linkerd;
 *   <li>{@code x-request-id}, which Envoy and Istio join a request's spans by, as received;
 *   <li>{@code X-Amzn-Trace-Id} and {@code X-Cloud-Trace-Context}, as received.
 * </ul>
 *
 * <p>All carry the caller's span as the parent: without a tracing SDK the function has no span of
 * its own, so the next hop's span hangs off the span that called the function (in a mesh, the
 * sidecar's). The trace id, which is what joins the hops, is the same everywhere.
 */
public final class TracePropagation {

  private TracePropagation() {}

  /**
   * Returns the headers that carry a trace to the next hop.
   *
   * @param trace the invocation's trace
   * @return header names and values, in a stable order; empty if there is no trace
   */
  public static Map<String, String> headers(TraceContext trace) {
    Map<String, String> headers = new LinkedHashMap<>();
    trace.traceparent().ifPresent(value -> headers.put("traceparent", value));
    trace.tracestate().ifPresent(value -> headers.put("tracestate", value));
    if (trace.traceId().isPresent() && trace.spanId().isPresent()) {
      String traceId = trace.traceId().get();
      String spanId = trace.spanId().get();
      String sampled = trace.sampled() ? "1" : "0";
      headers.put("b3", traceId + "-" + spanId + "-" + sampled);
      headers.put("X-B3-TraceId", traceId);
      headers.put("X-B3-SpanId", spanId);
      headers.put("X-B3-Sampled", sampled);
    }
    trace.requestId().ifPresent(value -> headers.put("x-request-id", value));
    trace.xRayHeader().ifPresent(value -> headers.put("X-Amzn-Trace-Id", value));
    trace.cloudTraceHeader().ifPresent(value -> headers.put("X-Cloud-Trace-Context", value));
    return Collections.unmodifiableMap(headers);
  }
}
