package dev.portablefunctions;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The distributed trace an invocation belongs to, normalised across the formats the clouds use.
 *
 * <p>Whatever arrived (W3C {@code traceparent}, AWS X-Ray {@code X-Amzn-Trace-Id}, Google {@code
 * X-Cloud-Trace-Context}, Zipkin B3 single or multi header), {@link #traceId()} is the same 32
 * lower-case hex digits, so one id finds an invocation's lines in any log service. The original
 * header values stay available to forward unchanged. When several formats arrive, the first valid
 * one in the order above wins. W3C {@code tracestate} (with a valid {@code traceparent}) and a
 * proxy's {@code x-request-id} (Envoy, Istio, nginx) are kept too, to forward on outbound calls.
 *
 * <pre>{@code
 * TraceContext trace = TraceContext.fromHeaders(request.headers());
 * trace.traceId();      // Optional[5759e988bd862e3fe1be46a994272793]
 * trace.traceparent();  // Optional[00-5759e988bd862e3fe1be46a994272793-53995c3f42cd8ad8-01]
 * }</pre>
 *
 * <p>Malformed values are ignored (a trace header must never fail a request).
 */
public final class TraceContext {

  private static final TraceContext EMPTY =
      new TraceContext(null, null, false, null, null, null, null, null, null);

  private final String traceId;
  private final String spanId;
  private final boolean sampled;
  private final String traceparent;
  private final String xray;
  private final String cloudTrace;
  private final String b3;
  private final String tracestate;
  private final String requestId;

  private TraceContext(
      String traceId,
      String spanId,
      boolean sampled,
      String traceparent,
      String xray,
      String cloudTrace,
      String b3,
      String tracestate,
      String requestId) {
    this.traceId = traceId;
    this.spanId = spanId;
    this.sampled = sampled;
    this.traceparent = traceparent;
    this.xray = xray;
    this.cloudTrace = cloudTrace;
    this.b3 = b3;
    this.tracestate = tracestate;
    this.requestId = requestId;
  }

  /**
   * Returns the empty trace context.
   *
   * @return a context with no trace
   */
  public static TraceContext empty() {
    return EMPTY;
  }

  /**
   * Reads every known trace header.
   *
   * @param headers request headers
   * @return the trace context; empty if no valid trace header is present
   */
  public static TraceContext fromHeaders(Headers headers) {
    Objects.requireNonNull(headers, "headers");
    if (headers.isEmpty()) {
      return EMPTY;
    }
    String b3 = headers.firstOrNull("b3");
    if (b3 == null && headers.contains("x-b3-traceid")) {
      b3 =
          headers.first("x-b3-traceid").get()
              + "-"
              + headers.first("x-b3-spanid").orElse("")
              + headers.first("x-b3-sampled").map(s -> "-" + s).orElse("");
    }
    List<String> states = headers.all("tracestate");
    return of(
        headers.firstOrNull("traceparent"),
        headers.firstOrNull("x-amzn-trace-id"),
        headers.firstOrNull("x-cloud-trace-context"),
        b3,
        states.isEmpty()
            ? null
            : states.size() == 1
                ? states.get(0)
                : String.join(",", states), // W3C: several headers are one list
        headers.firstOrNull("x-request-id"));
  }

  /**
   * Reads an AWS X-Ray trace header, as Lambda passes it in {@code _X_AMZN_TRACE_ID}.
   *
   * @param header the header value, such as {@code
   *     Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1}
   * @return the trace context; empty if the value is malformed
   */
  public static TraceContext fromXRay(String header) {
    return of(null, Objects.requireNonNull(header, "header"), null, null);
  }

  /**
   * Reads trace header values; any may be null.
   *
   * @param traceparent a W3C {@code traceparent}
   * @param xray an X-Ray {@code X-Amzn-Trace-Id}
   * @param cloudTrace an {@code X-Cloud-Trace-Context}
   * @param b3 a B3 single header ({@code traceid-spanid[-sampled]})
   * @return the trace context
   */
  public static TraceContext of(String traceparent, String xray, String cloudTrace, String b3) {
    return of(traceparent, xray, cloudTrace, b3, null, null);
  }

  private static TraceContext of(
      String traceparent,
      String xray,
      String cloudTrace,
      String b3,
      String tracestate,
      String requestId) {
    if (traceparent != null) {
      String parent = traceparent.trim();
      if (isTraceparent(parent)) { // the usual case, read without the parsers' array
        return new TraceContext(
            lower(parent.substring(3, 35)),
            lower(parent.substring(36, 52)),
            traceparentSampled(parent),
            traceparent,
            xray,
            cloudTrace,
            b3,
            tracestate != null ? tracestate.trim() : null,
            requestId == null ? null : requestId.trim());
      }
    }
    // W3C: tracestate means nothing without a valid traceparent.
    String[] parsed = null;
    if (xray != null) {
      parsed = parseXRay(xray.trim());
    }
    if (parsed == null && cloudTrace != null) {
      parsed = parseCloudTrace(cloudTrace.trim());
    }
    if (parsed == null && b3 != null) {
      parsed = parseB3(b3.trim());
    }
    if (parsed == null
        && traceparent == null
        && xray == null
        && cloudTrace == null
        && b3 == null
        && requestId == null) {
      return EMPTY;
    }
    String id = parsed == null ? null : parsed[0];
    String span = parsed == null ? null : parsed[1];
    boolean sampled = parsed != null && "1".equals(parsed[2]);
    return new TraceContext(
        id,
        span,
        sampled,
        traceparent,
        xray,
        cloudTrace,
        b3,
        null,
        requestId == null ? null : requestId.trim());
  }

  /**
   * Returns the trace id as 32 lower-case hex digits.
   *
   * @return the trace id, or empty if no valid trace header arrived
   */
  public Optional<String> traceId() {
    return Optional.ofNullable(traceId);
  }

  /**
   * Returns the caller's span (parent) id as 16 lower-case hex digits.
   *
   * @return the span id, or empty if unknown
   */
  public Optional<String> spanId() {
    return Optional.ofNullable(spanId);
  }

  /**
   * Tells whether the caller sampled this trace.
   *
   * @return true if a header said so; false if it said not, or nothing said
   */
  public boolean sampled() {
    return sampled;
  }

  /**
   * Returns the trace as a W3C {@code traceparent}: the one received, or one built from another
   * format's trace and span ids.
   *
   * @return the value, or empty if no trace and span id are known
   */
  public Optional<String> traceparent() {
    if (traceparent != null && isTraceparent(traceparent.trim())) {
      return Optional.of(traceparent.trim());
    }
    if (traceId == null || spanId == null) {
      return Optional.empty();
    }
    return Optional.of("00-" + traceId + "-" + spanId + (sampled ? "-01" : "-00"));
  }

  /**
   * Returns the X-Ray header exactly as received.
   *
   * @return the value, or empty if none arrived
   */
  public Optional<String> xRayHeader() {
    return Optional.ofNullable(xray);
  }

  /**
   * Returns the {@code X-Cloud-Trace-Context} header exactly as received.
   *
   * @return the value, or empty if none arrived
   */
  public Optional<String> cloudTraceHeader() {
    return Optional.ofNullable(cloudTrace);
  }

  /**
   * Returns the B3 trace (single-header form) as received.
   *
   * @return the value, or empty if none arrived
   */
  public Optional<String> b3Header() {
    return Optional.ofNullable(b3);
  }

  /**
   * Returns the W3C {@code tracestate} as received (several headers joined with commas), to forward
   * beside {@link #traceparent()}.
   *
   * @return the value, or empty if none arrived or the {@code traceparent} beside it is not valid
   */
  public Optional<String> tracestate() {
    return Optional.ofNullable(tracestate);
  }

  /**
   * Returns the {@code x-request-id} a proxy (Envoy, Istio, nginx) set, as received. Istio joins
   * the spans of one request by it: forward it unchanged on outbound calls with the trace headers.
   *
   * @return the value, or empty if none arrived
   */
  public Optional<String> requestId() {
    return Optional.ofNullable(requestId);
  }

  @Override
  public String toString() {
    return traceId == null ? "TraceContext[]" : "TraceContext[" + traceId + "]";
  }

  // ---- parsing: each parse* returns {traceId, spanId or null, "1"/"0"} or null when malformed
  // ----

  /** Whether a trimmed value is a valid W3C traceparent. */
  private static boolean isTraceparent(String value) {
    // version-traceid-parentid-flags, then nothing or '-' and more (a later version's fields)
    return !(value.length() < 55
        || value.charAt(2) != '-'
        || value.charAt(35) != '-'
        || value.charAt(52) != '-'
        || (value.length() > 55 && value.charAt(55) != '-')
        || !isHex(value, 0, 2)
        || value.startsWith("ff")
        || !isNonZeroHex(value, 3, 35)
        || !isNonZeroHex(value, 36, 52)
        || !isHex(value, 53, 55));
  }

  /** The sampled flag of a valid traceparent. */
  private static boolean traceparentSampled(String value) {
    return (Character.digit(value.charAt(54), 16) & 1) == 1;
  }

  private static String[] parseXRay(String value) {
    String root = null;
    String parent = null;
    String sampled = "0";
    for (String field : value.split(";")) {
      int eq = field.indexOf('=');
      if (eq < 0) {
        continue;
      }
      String key = field.substring(0, eq).trim();
      String val = field.substring(eq + 1).trim();
      if (key.equals("Root")) {
        root = val;
      } else if (key.equals("Parent")) {
        parent = val;
      } else if (key.equals("Sampled")) {
        sampled = val;
      }
    }
    if (root == null) {
      return null;
    }
    String[] rootParts = root.split("-");
    if (rootParts.length != 3
        || !rootParts[0].equals("1")
        || !isHex(rootParts[1], 8)
        || !isHex(rootParts[2], 24)) {
      return null;
    }
    String id = lower(rootParts[1] + rootParts[2]);
    String span = parent != null && isNonZeroHex(parent, 16) ? lower(parent) : null;
    return new String[] {id, span, "1".equals(sampled) ? "1" : "0"};
  }

  private static String[] parseCloudTrace(String value) {
    // TRACE_ID/SPAN_ID;o=OPTIONS, SPAN_ID in decimal
    int slash = value.indexOf('/');
    int semicolon = value.indexOf(';');
    int end = slash >= 0 ? slash : semicolon >= 0 ? semicolon : value.length();
    String id = value.substring(0, end);
    if (!isNonZeroHex(id, 32)) {
      return null;
    }
    String span = null;
    if (slash >= 0) {
      String rest = value.substring(slash + 1);
      int semi = rest.indexOf(';');
      String decimal = semi < 0 ? rest : rest.substring(0, semi);
      try {
        long spanValue = Long.parseUnsignedLong(decimal);
        if (spanValue != 0) {
          span = String.format("%016x", spanValue);
        }
      } catch (NumberFormatException malformed) {
        span = null;
      }
    }
    boolean sampled = value.contains(";o=1");
    return new String[] {lower(id), span, sampled ? "1" : "0"};
  }

  private static String[] parseB3(String value) {
    String[] parts = value.split("-");
    if (parts.length < 2) {
      return null;
    }
    String id = parts[0];
    if (isNonZeroHex(id, 16)) {
      id = "0000000000000000" + id;
    } else if (!isNonZeroHex(id, 32)) {
      return null;
    }
    String span = isNonZeroHex(parts[1], 16) ? lower(parts[1]) : null;
    boolean sampled = parts.length > 2 && (parts[2].equals("1") || parts[2].equals("d"));
    return new String[] {lower(id), span, sampled ? "1" : "0"};
  }

  private static boolean isHex(String text, int length) {
    return text.length() == length && isHex(text, 0, length);
  }

  /** Whether the characters from {@code start} to {@code end} are hexadecimal digits. */
  private static boolean isHex(String text, int start, int end) {
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      if (c > 'f' || Character.digit(c, 16) < 0) { // ASCII only: digit() accepts any Unicode digit
        return false;
      }
    }
    return true;
  }

  private static boolean isNonZeroHex(String text, int length) {
    return text.length() == length && isNonZeroHex(text, 0, length);
  }

  /** Whether the characters from {@code start} to {@code end} are hexadecimal, not all zero. */
  private static boolean isNonZeroHex(String text, int start, int end) {
    if (!isHex(text, start, end)) {
      return false;
    }
    for (int i = start; i < end; i++) {
      if (text.charAt(i) != '0') {
        return true;
      }
    }
    return false;
  }

  private static String lower(String text) {
    return text.toLowerCase(Locale.ROOT);
  }
}
