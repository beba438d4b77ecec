package dev.portablefunctions.gcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portablefunctions.FunctionLogger;
import dev.portablefunctions.HttpResponse;
import dev.portablefunctions.ScheduleEvent;
import dev.portablefunctions.fuzz.Fuzz;
import dev.portablefunctions.fuzz.FuzzTries;
import dev.portablefunctions.spi.FunctionDefinition;
import dev.portablefunctions.spi.FunctionRegistry;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;

/**
 * The HTTP entry point on hostile requests (headers with CR, LF or NUL, odd paths and queries,
 * mutated JSON for a typed function, Cloud Scheduler headers for a schedule function): every
 * request is answered (never an exception out of {@code service}), a failure with a status below
 * 500 unless the function failed, and no answer or log line repeats the input.
 */
@AddLifecycleHook(FuzzTries.class)
class GcpHttpFunctionFuzzTest {

  /** A typed function's input. */
  public record Order(String sku, int quantity, long total) {}

  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final GcpHttpFunction http =
      entry(FunctionDefinition.http("plain", (request, context) -> HttpResponse.ok().text("ok")));
  private final GcpHttpFunction typed =
      entry(FunctionDefinition.typed("order", Order.class, (order, context) -> "ok"));
  private final GcpHttpFunction nightly =
      entry(FunctionDefinition.event("nightly", ScheduleEvent.class, (tick, context) -> {}));

  private GcpHttpFunction entry(FunctionDefinition function) {
    return new GcpHttpFunction(
        Deployment.of(
            Deployment.Entry.HTTP,
            () -> FunctionRegistry.of(function),
            Map.of(),
            lines::add,
            FunctionLogger.Level.DEBUG));
  }

  @Provide
  Arbitrary<Map<String, String>> headers() {
    return Fuzz.hostileHeaders();
  }

  @Provide
  Arbitrary<String> rawPaths() {
    return Arbitraries.oneOf(
        Fuzz.hostileStrings().map(text -> "/" + text.replaceAll("[?#]", "")),
        Arbitraries.strings().withChars("/%aZ09.+;é").ofMaxLength(30).map(text -> "/" + text));
  }

  @Provide
  Arbitrary<byte[]> bodies() {
    return Fuzz.byteMutationsOf(List.of("{\"sku\":\"A1\",\"quantity\":2,\"total\":20}"));
  }

  @Property(tries = 400)
  void everyRequestIsAnsweredWithoutEcho(
      @ForAll("headers") Map<String, String> headers,
      @ForAll("rawPaths") String path,
      @ForAll("rawPaths") String query,
      @ForAll("bodies") byte[] body) {
    lines.clear();
    for (GcpHttpFunction entry : List.of(http, typed, nightly)) {
      FakeHttpRequest request =
          new FakeHttpRequest("POST", path + "?" + query.substring(1)).body(body);
      headers.forEach(request::header);
      if (entry == nightly) {
        request.header("X-CloudScheduler-ScheduleTime", query);
      }
      FakeHttpResponse response = new FakeHttpResponse();

      Fuzz.within(
          () -> {
            entry.service(request, response);
            return null;
          });

      assertThat(response.status()).isBetween(200, 499);
      if (entry != http || response.status() >= 400) {
        Fuzz.assertNoEcho("the answer", new String(response.bodyBytes(), StandardCharsets.UTF_8));
      }
    }
    Fuzz.assertNoEcho("a log line", lines);
  }
}
