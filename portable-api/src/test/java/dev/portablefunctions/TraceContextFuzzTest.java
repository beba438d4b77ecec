package dev.portablefunctions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portablefunctions.fuzz.Fuzz;
import dev.portablefunctions.fuzz.FuzzTries;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;

/**
 * Trace header parsing never fails a request: any value of any of the four formats gives a trace
 * context, whose trace id, when there is one, is 32 lower-case hex digits (never the input).
 */
@AddLifecycleHook(FuzzTries.class)
class TraceContextFuzzTest {

  @Provide
  Arbitrary<String> values() {
    Arbitrary<String> hex =
        Arbitraries.strings().withChars("0123456789abcdefABCDEF").ofMinLength(1).ofMaxLength(34);
    Arbitrary<String> shaped =
        Arbitraries.of(
                "00-%s-%s-01",
                "Root=1-%s-%s;Parent=%s;Sampled=1",
                "%s/%s;o=1",
                "%s-%s-1",
                "%s-%s-d-%s",
                "ff-%s-%s-%s-extra")
            .flatMap(
                format ->
                    hex.list().ofSize(3).map(parts -> String.format(format, parts.toArray())));
    return Arbitraries.oneOf(
        shaped, Fuzz.hostileStrings(), Arbitraries.strings().all().ofMaxLength(60));
  }

  @Property(tries = 1000)
  void anyHeaderValueGivesATraceContext(
      @ForAll("values") String traceparent,
      @ForAll("values") String xray,
      @ForAll("values") String cloudTrace,
      @ForAll("values") String b3) {
    TraceContext trace = Fuzz.within(() -> TraceContext.of(traceparent, xray, cloudTrace, b3));

    trace.traceId().ifPresent(id -> assertThat(id).matches("[0-9a-f]{32}"));
    trace.spanId().ifPresent(id -> assertThat(id).matches("[0-9a-f]{16}"));
    Fuzz.assertNoEcho("the trace id", trace.traceId().orElse(null));
  }

  @Property(tries = 500)
  void anyHeadersGiveATraceContext(@ForAll("values") String one, @ForAll("values") String other) {
    Headers headers =
        Headers.builder()
            .add("x-b3-traceid", one.replaceAll("[\\r\\n\\u0000]", ""))
            .add("x-b3-spanid", other.replaceAll("[\\r\\n\\u0000]", ""))
            .add("traceparent", other.replaceAll("[\\r\\n\\u0000]", ""))
            .build();

    TraceContext trace = Fuzz.within(() -> TraceContext.fromHeaders(headers));

    trace.traceId().ifPresent(id -> assertThat(id).matches("[0-9a-f]{32}"));
  }
}
