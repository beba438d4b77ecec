package dev.portablefunctions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portablefunctions.fuzz.Fuzz;
import dev.portablefunctions.fuzz.FuzzTries;
import dev.portablefunctions.internal.UriPaths;
import dev.portablefunctions.spi.MalformedInput;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;

/**
 * Path, query and header decoding, as every adapter uses them on what a provider delivers: each
 * input ends as a value, or (headers only) as a 400 {@link FunctionException}; never another
 * exception, a hang, or a detail that repeats the input.
 */
@AddLifecycleHook(FuzzTries.class)
class HttpRequestFuzzTest {

  @Provide
  Arbitrary<String> rawText() {
    return Arbitraries.oneOf(
        Fuzz.hostileStrings(),
        Arbitraries.strings().withChars("%/+=&?#;aZ09 \u00e9\u0000").ofMaxLength(40),
        Arbitraries.strings().all().ofMaxLength(40));
  }

  @Property(tries = 1000)
  void aRawPathAlwaysDecodes(@ForAll("rawText") String raw) {
    String decoded = Fuzz.within(() -> UriPaths.decode(raw));

    assertThat(decoded).isNotNull();
    if (raw.startsWith("/")) {
      assertThat(Fuzz.within(() -> HttpRequest.builder("GET", decoded).build().path()))
          .isEqualTo(decoded);
    }
  }

  @Property(tries = 1000)
  void aRawQueryAlwaysDecodes(@ForAll("rawText") String raw) {
    HttpRequest request = Fuzz.within(() -> HttpRequest.builder("GET", "/").rawQuery(raw).build());

    request.queryParameters().forEach((name, values) -> assertThat(values).isNotEmpty());
  }

  @Property(tries = 1000)
  void aProvidersHeaderIsAddedOrRefusedAsBadInput(
      @ForAll("headers") Map<String, String> delivered) {
    Headers headers =
        Fuzz.decodeOrRefuse(
            () -> {
              Headers.Builder builder = Headers.builder();
              delivered.forEach((name, value) -> MalformedInput.addHeader(builder, name, value));
              return builder.build();
            });
    if (headers != null) {
      delivered.forEach((name, value) -> assertThat(headers.all(name)).contains(value));
    }
  }

  @Provide
  Arbitrary<Map<String, String>> headers() {
    return Fuzz.hostileHeaders();
  }

  @Property(tries = 300)
  void aBodyBindsOrIsRefusedWithoutEcho(@ForAll("bodies") String body) {
    HttpRequest request = HttpRequest.builder("POST", "/").body(body).build();

    Fuzz.decodeOrRefuse(() -> request.bodyAs(Order.class));
  }

  @Provide
  Arbitrary<String> bodies() {
    return Fuzz.mutationsOf(
        List.of(
            "{\"sku\":\"A1\",\"quantity\":2,\"lines\":[{\"n\":1,\"price\":2.5}],"
                + "\"tags\":{\"gift\":true},\"at\":\"2024-05-01T00:00:00Z\"}"));
  }

  /** A typed function's input. */
  public record Order(
      String sku,
      int quantity,
      List<Line> lines,
      Map<String, Boolean> tags,
      java.time.Instant at) {}

  /** A line of an order. */
  public record Line(long n, double price) {}
}
