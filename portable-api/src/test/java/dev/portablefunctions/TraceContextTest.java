package dev.portablefunctions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class TraceContextTest {

  private static final String TRACE_ID = "5759e988bd862e3fe1be46a994272793";
  private static final String SPAN_ID = "53995c3f42cd8ad8";

  /** {@link #SPAN_ID} in decimal, as X-Cloud-Trace-Context writes it. */
  private static final String SPAN_ID_DECIMAL = "6023947403358210776";

  private static final String TRACEPARENT = "00-" + TRACE_ID + "-" + SPAN_ID + "-01";
  private static final String XRAY =
      "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1";

  static Stream<Arguments> sameTraceInEveryFormat() {
    return Stream.of(
        Arguments.of("W3C traceparent", Headers.builder().add("traceparent", TRACEPARENT).build()),
        Arguments.of("X-Ray", Headers.builder().add("X-Amzn-Trace-Id", XRAY).build()),
        Arguments.of(
            "X-Cloud-Trace-Context",
            Headers.builder()
                .add("X-Cloud-Trace-Context", TRACE_ID + "/" + SPAN_ID_DECIMAL + ";o=1")
                .build()),
        Arguments.of(
            "B3 single", Headers.builder().add("b3", TRACE_ID + "-" + SPAN_ID + "-1").build()),
        Arguments.of(
            "B3 multi",
            Headers.builder()
                .add("X-B3-TraceId", TRACE_ID)
                .add("X-B3-SpanId", SPAN_ID)
                .add("X-B3-Sampled", "1")
                .build()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sameTraceInEveryFormat")
  void everyFormatGivesTheSameTraceId(String format, Headers headers) {
    TraceContext trace = TraceContext.fromHeaders(headers);

    assertThat(trace.traceId()).contains(TRACE_ID);
    assertThat(trace.spanId()).contains(SPAN_ID);
    assertThat(trace.sampled()).isTrue();
    assertThat(trace.traceparent()).contains(TRACEPARENT);
  }

  @Test
  void xRayFromTheLambdaEnvironmentVariable() {
    TraceContext trace = TraceContext.fromXRay(XRAY);

    assertThat(trace.traceId()).contains(TRACE_ID);
    assertThat(trace.spanId()).contains(SPAN_ID);
    assertThat(trace.sampled()).isTrue();
    assertThat(trace.xRayHeader()).contains(XRAY);
  }

  @Test
  void traceparentIsSynthesisedFromXRay() {
    TraceContext trace = TraceContext.fromXRay(XRAY.replace("Sampled=1", "Sampled=0"));

    assertThat(trace.traceparent()).contains("00-" + TRACE_ID + "-" + SPAN_ID + "-00");
    assertThat(trace.sampled()).isFalse();
  }

  @Test
  void xRayFieldsMayComeInAnyOrderWithExtraFields() {
    TraceContext trace =
        TraceContext.fromXRay(
            "Self=1-67891234-12456789abcdef012345678;Sampled=1; Parent=53995c3f42cd8ad8;"
                + "Root=1-5759e988-bd862e3fe1be46a994272793;Lineage=a87bd80c:0");

    assertThat(trace.traceId()).contains(TRACE_ID);
    assertThat(trace.spanId()).contains(SPAN_ID);
  }

  @Test
  void xRayWithoutParentHasATraceButNoSpan() {
    TraceContext trace = TraceContext.fromXRay("Root=1-5759e988-bd862e3fe1be46a994272793");

    assertThat(trace.traceId()).contains(TRACE_ID);
    assertThat(trace.spanId()).isEmpty();
    assertThat(trace.sampled()).isFalse();
    assertThat(trace.traceparent()).isEmpty();
  }

  @Test
  void cloudTraceSpanAboveLongMaxValueIsConvertedToHex() {
    // 0xf000000000000001 does not fit a signed long
    TraceContext trace = TraceContext.of(null, null, TRACE_ID + "/17293822569102704641", null);

    assertThat(trace.spanId()).contains("f000000000000001");
    assertThat(trace.sampled()).isFalse();
  }

  @Test
  void cloudTraceSmallSpanIsLeftPaddedToSixteenHexDigits() {
    TraceContext trace = TraceContext.of(null, null, TRACE_ID + "/255;o=0", null);

    assertThat(trace.spanId()).contains("00000000000000ff");
    assertThat(trace.sampled()).isFalse();
  }

  @Test
  void cloudTraceWithoutSpanHasATraceButNoSpan() {
    TraceContext trace = TraceContext.of(null, null, TRACE_ID + ";o=1", null);

    assertThat(trace.traceId()).contains(TRACE_ID);
    assertThat(trace.spanId()).isEmpty();
    assertThat(trace.sampled()).isTrue();
    assertThat(trace.traceparent()).isEmpty();
  }

  @Test
  void b3SixtyFourBitTraceIdIsLeftPadded() {
    TraceContext single = TraceContext.of(null, null, null, "a3ce929d0e0e4736-00f067aa0ba902b7-1");
    TraceContext multi =
        TraceContext.fromHeaders(
            Headers.builder()
                .add("X-B3-TraceId", "a3ce929d0e0e4736")
                .add("X-B3-SpanId", "00f067aa0ba902b7")
                .build());

    assertThat(single.traceId()).contains("0000000000000000a3ce929d0e0e4736");
    assertThat(multi.traceId()).contains("0000000000000000a3ce929d0e0e4736");
    assertThat(multi.traceparent())
        .contains("00-0000000000000000a3ce929d0e0e4736-00f067aa0ba902b7-00");
  }

  @Test
  void b3DebugFlagCountsAsSampled() {
    assertThat(TraceContext.of(null, null, null, TRACE_ID + "-" + SPAN_ID + "-d").sampled())
        .isTrue();
    assertThat(TraceContext.of(null, null, null, TRACE_ID + "-" + SPAN_ID + "-0").sampled())
        .isFalse();
  }

  @Test
  void upperCaseHexIsNormalisedToLowerCase() {
    TraceContext trace =
        TraceContext.of(null, null, null, TRACE_ID.toUpperCase() + "-" + SPAN_ID.toUpperCase());

    assertThat(trace.traceId()).contains(TRACE_ID);
    assertThat(trace.spanId()).contains(SPAN_ID);
  }

  @Test
  void traceparentFlagsOtherThanSampledAreIgnored() {
    assertThat(
            TraceContext.of("00-" + TRACE_ID + "-" + SPAN_ID + "-03", null, null, null).sampled())
        .isTrue();
    assertThat(
            TraceContext.of("00-" + TRACE_ID + "-" + SPAN_ID + "-02", null, null, null).sampled())
        .isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        " ",
        "-",
        "---",
        "garbage",
        "00-" + TRACE_ID + "-" + SPAN_ID,
        "00-00000000000000000000000000000000-" + SPAN_ID + "-01",
        "00-" + TRACE_ID + "-0000000000000000-01",
        "ff-" + TRACE_ID + "-" + SPAN_ID + "-01",
        "0x-" + TRACE_ID + "-" + SPAN_ID + "-01",
        "00-" + TRACE_ID + "0-" + SPAN_ID + "-01",
        "00-" + TRACE_ID + "-" + SPAN_ID + "-zz",
        "00-5759e988bd862e3fe1be46a99427279g-" + SPAN_ID + "-01",
        // full-width digit four: a Unicode digit, not a hex digit
        "00-\uff14759e988bd862e3fe1be46a994272793-" + SPAN_ID + "-01"
      })
  void malformedTraceparentIsIgnored(String value) {
    TraceContext trace = TraceContext.of(value, null, null, null);

    assertThat(trace.traceId()).isEmpty();
    assertThat(trace.spanId()).isEmpty();
    assertThat(trace.traceparent()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        ";",
        "=",
        "Root=",
        "Root=1--",
        "Root=1-5759e988",
        "Root=2-5759e988-bd862e3fe1be46a994272793",
        "Root=1-5759e98-bd862e3fe1be46a9942727930",
        "Root=1-5759e988-bd862e3fe1be46a99427279z",
        "Root=1-5759e988-bd862e3fe1be46a994272793-extra",
        "Parent=53995c3f42cd8ad8;Sampled=1"
      })
  void malformedXRayIsIgnored(String value) {
    TraceContext trace = TraceContext.fromXRay(value);

    assertThat(trace.traceId()).isEmpty();
    assertThat(trace.traceparent()).isEmpty();
    assertThat(trace.xRayHeader()).contains(value);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        ";",
        ";;",
        ";o=1",
        "/",
        "/123;o=1",
        "not-hex/1",
        "00000000000000000000000000000000/1;o=1",
        "5759e988bd862e3fe1be46a99427279/1",
        "5759e988bd862e3fe1be46a994272793x/1"
      })
  void malformedCloudTraceIsIgnored(String value) {
    TraceContext trace = TraceContext.of(null, null, value, null);

    assertThat(trace.traceId()).isEmpty();
    assertThat(trace.traceparent()).isEmpty();
    assertThat(trace.cloudTraceHeader()).contains(value);
  }

  @Test
  void cloudTraceWithAMalformedSpanKeepsTheTraceId() {
    TraceContext trace = TraceContext.of(null, null, TRACE_ID + "/-5;o=1", null);

    assertThat(trace.traceId()).contains(TRACE_ID);
    assertThat(trace.spanId()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "0",
        "1",
        "d",
        "-",
        "--",
        TRACE_ID,
        "0000000000000000-" + SPAN_ID,
        "xyz-" + SPAN_ID,
        "5759e988bd862e3f0-" + SPAN_ID
      })
  void malformedB3IsIgnored(String value) {
    TraceContext trace = TraceContext.of(null, null, null, value);

    assertThat(trace.traceId()).isEmpty();
    assertThat(trace.traceparent()).isEmpty();
  }

  @Test
  void malformedHeadersNeverFailFromHeaders() {
    Headers headers =
        Headers.builder()
            .add("traceparent", ";;")
            .add("X-Amzn-Trace-Id", ";;")
            .add("X-Cloud-Trace-Context", ";;")
            .add("b3", ";;")
            .build();

    assertThatCode(() -> TraceContext.fromHeaders(headers)).doesNotThrowAnyException();
    assertThat(TraceContext.fromHeaders(headers).traceId()).isEmpty();
    assertThatCode(
            () ->
                TraceContext.fromHeaders(
                    Headers.builder().add("X-B3-TraceId", "").add("X-B3-Sampled", "").build()))
        .doesNotThrowAnyException();
  }

  @Test
  void traceparentWinsOverEveryOtherFormat() {
    String otherTrace = "4bf92f3577b34da6a3ce929d0e0e4736";
    Headers headers =
        Headers.builder()
            .add("b3", otherTrace + "-00f067aa0ba902b7-1")
            .add("X-Cloud-Trace-Context", otherTrace + "/1;o=1")
            .add(
                "X-Amzn-Trace-Id",
                "Root=1-4bf92f35-77b34da6a3ce929d0e0e4736;Parent=00f067aa0ba902b7")
            .add("traceparent", TRACEPARENT)
            .build();

    TraceContext trace = TraceContext.fromHeaders(headers);

    assertThat(trace.traceId()).contains(TRACE_ID);
    assertThat(trace.spanId()).contains(SPAN_ID);
    assertThat(trace.xRayHeader()).isPresent();
    assertThat(trace.cloudTraceHeader()).isPresent();
    assertThat(trace.b3Header()).isPresent();
  }

  @Test
  void priorityIsXRayThenCloudTraceThenB3() {
    String cloudTrace = "4bf92f3577b34da6a3ce929d0e0e4736";
    String b3Trace = "0af7651916cd43dd8448eb211c80319c";

    TraceContext xrayFirst =
        TraceContext.of(null, XRAY, cloudTrace + "/1", b3Trace + "-" + SPAN_ID);
    TraceContext cloudNext =
        TraceContext.of(null, null, cloudTrace + "/1", b3Trace + "-" + SPAN_ID);

    assertThat(xrayFirst.traceId()).contains(TRACE_ID);
    assertThat(cloudNext.traceId()).contains(cloudTrace);
  }

  @Test
  void aMalformedHigherPriorityHeaderFallsThroughToTheNextValidOne() {
    TraceContext trace = TraceContext.of("00-garbage", XRAY, null, null);

    assertThat(trace.traceId()).contains(TRACE_ID);
    assertThat(trace.traceparent()).contains(TRACEPARENT);
  }

  @Test
  void b3SingleHeaderWinsOverB3MultiHeaders() {
    Headers headers =
        Headers.builder()
            .add("b3", TRACE_ID + "-" + SPAN_ID + "-1")
            .add("X-B3-TraceId", "4bf92f3577b34da6a3ce929d0e0e4736")
            .add("X-B3-SpanId", "00f067aa0ba902b7")
            .build();

    assertThat(TraceContext.fromHeaders(headers).traceId()).contains(TRACE_ID);
  }

  @Test
  void receivedTraceparentIsReturnedAsSent() {
    String withFutureVersion = "01-" + TRACE_ID + "-" + SPAN_ID + "-01-future";

    assertThat(TraceContext.of(withFutureVersion, null, null, null).traceparent())
        .contains(withFutureVersion);
  }

  @Test
  void originalHeaderValuesAreKeptForForwarding() {
    TraceContext trace =
        TraceContext.fromHeaders(
            Headers.builder()
                .add("X-Amzn-Trace-Id", XRAY)
                .add("X-Cloud-Trace-Context", TRACE_ID + "/1;o=1")
                .add("b3", TRACE_ID + "-" + SPAN_ID)
                .build());

    assertThat(trace.xRayHeader()).contains(XRAY);
    assertThat(trace.cloudTraceHeader()).contains(TRACE_ID + "/1;o=1");
    assertThat(trace.b3Header()).contains(TRACE_ID + "-" + SPAN_ID);
  }

  @Test
  void noTraceHeadersGiveTheEmptyContext() {
    TraceContext trace = TraceContext.fromHeaders(Headers.builder().add("Accept", "*/*").build());

    assertThat(trace).isSameAs(TraceContext.empty());
    assertThat(TraceContext.of(null, null, null, null)).isSameAs(TraceContext.empty());
  }

  @Test
  void emptyHasNothing() {
    TraceContext empty = TraceContext.empty();

    assertThat(empty.traceId()).isEmpty();
    assertThat(empty.spanId()).isEmpty();
    assertThat(empty.sampled()).isFalse();
    assertThat(empty.traceparent()).isEmpty();
    assertThat(empty.xRayHeader()).isEmpty();
    assertThat(empty.cloudTraceHeader()).isEmpty();
    assertThat(empty.b3Header()).isEmpty();
    assertThat(empty).hasToString("TraceContext[]");
  }

  @Test
  void toStringShowsTheTraceId() {
    assertThat(TraceContext.fromXRay(XRAY)).hasToString("TraceContext[" + TRACE_ID + "]");
  }

  @Test
  void nullArgumentsAreRejectedNamingTheArgument() {
    assertThatThrownBy(() -> TraceContext.fromHeaders(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("headers");
    assertThatThrownBy(() -> TraceContext.fromXRay(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("header");
  }

  @Test
  void tracestateIsKeptBesideAValidTraceparent() {
    Headers headers =
        Headers.builder()
            .add("traceparent", TRACEPARENT)
            .add("tracestate", "congo=t61rcWkgMzE")
            .add("tracestate", "rojo=00f067aa0ba902b7")
            .build();

    assertThat(TraceContext.fromHeaders(headers).tracestate())
        .contains("congo=t61rcWkgMzE,rojo=00f067aa0ba902b7");
  }

  @Test
  void tracestateWithoutAValidTraceparentIsIgnored() {
    Headers headers =
        Headers.builder()
            .add("traceparent", "00-nothex-53995c3f42cd8ad8-01")
            .add("tracestate", "congo=t61rcWkgMzE")
            .build();

    assertThat(TraceContext.fromHeaders(headers).tracestate()).isEmpty();
    assertThat(TraceContext.fromHeaders(Headers.builder().add("tracestate", "a=b").build()))
        .isSameAs(TraceContext.empty());
  }

  @Test
  void requestIdIsKeptWithOrWithoutATrace() {
    TraceContext alone =
        TraceContext.fromHeaders(
            Headers.builder().add("X-Request-Id", "9f0c1c5e-6c1e-4a4c-9d8e-1f2b3c4d5e6f").build());
    TraceContext withB3 =
        TraceContext.fromHeaders(
            Headers.builder()
                .add("x-request-id", "r-1")
                .add("x-b3-traceid", TRACE_ID)
                .add("x-b3-spanid", SPAN_ID)
                .add("x-b3-sampled", "1")
                .build());

    assertThat(alone.requestId()).contains("9f0c1c5e-6c1e-4a4c-9d8e-1f2b3c4d5e6f");
    assertThat(alone.traceId()).isEmpty();
    assertThat(withB3.requestId()).contains("r-1");
    assertThat(withB3.traceId()).contains(TRACE_ID);
    assertThat(TraceContext.empty().requestId()).isEmpty();
  }
}
