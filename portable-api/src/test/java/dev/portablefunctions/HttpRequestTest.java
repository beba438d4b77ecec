package dev.portablefunctions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpRequestTest {

  public record Order(String sku, int quantity) {}

  public record Line(String sku, int quantity) {}

  public record Cart(String owner, List<Line> lines) {}

  @Test
  void methodIsStoredUpperCase() {
    assertThat(HttpRequest.builder("post", "/").build().method()).isEqualTo("POST");
    assertThat(HttpRequest.builder("Get", "/").build().method()).isEqualTo("GET");
  }

  @Test
  void blankMethodIsRejected() {
    assertThatThrownBy(() -> HttpRequest.builder(" ", "/"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("method");
  }

  @Test
  void pathMustStartWithASlash() {
    assertThatThrownBy(() -> HttpRequest.builder("GET", "orders"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'/'")
        .hasMessageContaining("orders");
    assertThatThrownBy(() -> HttpRequest.builder("GET", ""))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(HttpRequest.builder("GET", "/orders/42").build().path()).isEqualTo("/orders/42");
  }

  @Test
  void queryReturnsTheFirstValue() {
    HttpRequest request =
        HttpRequest.builder("GET", "/").query("a", "1").query("b", "x").query("a", "2").build();

    assertThat(request.query("a")).contains("1");
    assertThat(request.query("b")).contains("x");
    assertThat(request.query("missing")).isEmpty();
  }

  @Test
  void queryParametersAreMultiValuedInOrder() {
    HttpRequest request =
        HttpRequest.builder("GET", "/").query("a", "1").query("b", "x").query("a", "2").build();

    assertThat(request.queryParameters().keySet()).containsExactly("a", "b");
    assertThat(request.queryParameters().get("a")).containsExactly("1", "2");
  }

  @Test
  void queryNamesAreCaseSensitive() {
    HttpRequest request = HttpRequest.builder("GET", "/").query("Name", "upper").build();

    assertThat(request.query("Name")).contains("upper");
    assertThat(request.query("name")).isEmpty();
  }

  @Test
  void queryParametersAreUnmodifiable() {
    HttpRequest request = HttpRequest.builder("GET", "/").query("a", "1").build();

    assertThatThrownBy(() -> request.queryParameters().put("b", List.of("2")))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> request.queryParameters().get("a").add("2"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void rawQueryDecodesPlusAndPercentEscapes() {
    HttpRequest request =
        HttpRequest.builder("GET", "/")
            .rawQuery("q=hello+world&r=x%20y&caf%C3%A9=cr%C3%A8me")
            .build();

    assertThat(request.query("q")).contains("hello world");
    assertThat(request.query("r")).contains("x y");
    assertThat(request.query("café")).contains("crème");
  }

  @Test
  void rawQueryKeepsRepeatedNamesInOrder() {
    HttpRequest request = HttpRequest.builder("GET", "/").rawQuery("a=1&b=2&a=3").build();

    assertThat(request.queryParameters().get("a")).containsExactly("1", "3");
    assertThat(request.queryParameters().get("b")).containsExactly("2");
  }

  @Test
  void rawQueryGivesANameWithoutEqualsTheEmptyValue() {
    HttpRequest request = HttpRequest.builder("GET", "/").rawQuery("flag&x=&y=1").build();

    assertThat(request.query("flag")).contains("");
    assertThat(request.query("x")).contains("");
    assertThat(request.query("y")).contains("1");
  }

  @Test
  void rawQuerySkipsEmptyPairs() {
    HttpRequest request = HttpRequest.builder("GET", "/").rawQuery("&&a=1&").build();

    assertThat(request.queryParameters()).containsOnlyKeys("a");
    assertThat(HttpRequest.builder("GET", "/").rawQuery("").build().queryParameters()).isEmpty();
  }

  @Test
  void rawQueryKeepsAMalformedPercentAsSent() {
    HttpRequest request =
        HttpRequest.builder("GET", "/").rawQuery("discount=50%&bad=%zz&ok=%41").build();

    assertThat(request.query("discount")).contains("50%");
    assertThat(request.query("bad")).contains("%zz");
    assertThat(request.query("ok")).contains("A");
  }

  @Test
  void headerLookupIsCaseInsensitive() {
    HttpRequest request = HttpRequest.builder("GET", "/").header("X-Trace", "abc").build();

    assertThat(request.header("x-trace")).contains("abc");
    assertThat(request.headers().all("X-TRACE")).containsExactly("abc");
  }

  @Test
  void contentTypeComesFromTheHeader() {
    assertThat(
            HttpRequest.builder("POST", "/")
                .header("content-TYPE", "application/json")
                .build()
                .contentType())
        .contains("application/json");
    assertThat(HttpRequest.builder("POST", "/").build().contentType()).isEmpty();
  }

  @Test
  void headersAddsToExistingOnes() {
    Headers more = Headers.builder().add("Accept", "a").add("X-One", "1").build();

    HttpRequest request =
        HttpRequest.builder("GET", "/").header("accept", "b").headers(more).build();

    assertThat(request.headers().all("accept")).containsExactly("b", "a");
    assertThat(request.header("x-one")).contains("1");
  }

  @Test
  void bodyIsEmptyByDefault() {
    HttpRequest request = HttpRequest.builder("GET", "/").build();

    assertThat(request.body()).isEmpty();
    assertThat(request.bodyLength()).isZero();
    assertThat(request.bodyAsString()).isEmpty();
  }

  @Test
  void bodyReturnsACopyThatDoesNotChangeTheRequest() {
    HttpRequest request = HttpRequest.builder("POST", "/").body("abc").build();

    byte[] body = request.body();
    body[0] = 'X';

    assertThat(request.bodyAsString()).isEqualTo("abc");
    assertThat(request.body()).isNotSameAs(request.body()).containsExactly('a', 'b', 'c');
  }

  @Test
  void bodyStreamReadsTheBody() throws Exception {
    HttpRequest request = HttpRequest.builder("POST", "/").body("stream me").build();

    try (InputStream in = request.bodyStream()) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("stream me");
    }
    assertThat(request.bodyLength()).isEqualTo(9);
  }

  @Test
  void bodyAsStringHonoursTheCharsetOfTheContentType() {
    byte[] latin1 = "café".getBytes(StandardCharsets.ISO_8859_1);

    HttpRequest request =
        HttpRequest.builder("POST", "/")
            .header("Content-Type", "text/plain; charset=ISO-8859-1")
            .body(latin1)
            .build();

    assertThat(request.bodyAsString()).isEqualTo("café");
  }

  @Test
  void bodyAsStringHonoursAQuotedCharset() {
    byte[] utf16 = "héllo".getBytes(StandardCharsets.UTF_16BE);

    HttpRequest request =
        HttpRequest.builder("POST", "/")
            .header("Content-Type", "text/plain;Charset=\"UTF-16BE\"")
            .body(utf16)
            .build();

    assertThat(request.bodyAsString()).isEqualTo("héllo");
  }

  @Test
  void bodyAsStringDefaultsToUtf8ForAMissingOrUnknownCharset() {
    byte[] utf8 = "crème".getBytes(StandardCharsets.UTF_8);

    assertThat(HttpRequest.builder("POST", "/").body(utf8).build().bodyAsString())
        .isEqualTo("crème");
    assertThat(
            HttpRequest.builder("POST", "/")
                .header("Content-Type", "text/plain; charset=no-such-charset")
                .body(utf8)
                .build()
                .bodyAsString())
        .isEqualTo("crème");
  }

  @Test
  void bodyAsBindsJson() {
    HttpRequest request =
        HttpRequest.builder("POST", "/")
            .header("Content-Type", "application/json")
            .body("{\"sku\":\"A1\",\"quantity\":3,\"unknown\":true}")
            .build();

    assertThat(request.bodyAs(Order.class)).isEqualTo(new Order("A1", 3));
  }

  @Test
  void bodyAsOfJsonNullIsNull() {
    assertThat(HttpRequest.builder("POST", "/").body("null").build().bodyAs(Order.class)).isNull();
  }

  @Test
  void bodyAsOfAnEmptyBodyIsBadInput() {
    FunctionException error =
        catchThrowableOfType(
            FunctionException.class,
            () -> HttpRequest.builder("POST", "/").build().bodyAs(Order.class));

    assertThat(error.kind()).isEqualTo(FunctionException.Kind.BAD_INPUT);
    assertThat(error.detail()).contains("request body", "empty", "Order");
  }

  @Test
  void bodyAsOfMalformedJsonIsBadInputSayingLineAndColumn() {
    HttpRequest request =
        HttpRequest.builder("POST", "/")
            .body("{\n  \"sku\": \"A1\",\n  \"quantity\": 3,,\n}")
            .build();

    FunctionException error =
        catchThrowableOfType(FunctionException.class, () -> request.bodyAs(Order.class));

    assertThat(error.kind()).isEqualTo(FunctionException.Kind.BAD_INPUT);
    assertThat(error.detail()).contains("request body", "not valid JSON", "line 3", "column");
  }

  @Test
  void bodyAsOfATypeMismatchIsBadInputNamingThePropertyPath() {
    HttpRequest request =
        HttpRequest.builder("POST", "/")
            .body(
                "{\"owner\":\"ann\",\"lines\":[{\"sku\":\"A\",\"quantity\":1},"
                    + "{\"sku\":\"B\",\"quantity\":[]}]}")
            .build();

    FunctionException error =
        catchThrowableOfType(FunctionException.class, () -> request.bodyAs(Cart.class));

    assertThat(error.kind()).isEqualTo(FunctionException.Kind.BAD_INPUT);
    assertThat(error.detail()).contains("does not fit Cart", "at /lines/1/quantity");
  }

  @Test
  void bodyAsNeverEchoesTheInputOfMalformedJson() {
    HttpRequest request =
        HttpRequest.builder("POST", "/").body("{\"sku\": hunter2-secret-token}").build();

    FunctionException error =
        catchThrowableOfType(FunctionException.class, () -> request.bodyAs(Order.class));

    assertThat(error.kind()).isEqualTo(FunctionException.Kind.BAD_INPUT);
    assertThat(error.detail()).contains("not valid JSON", "line 1").doesNotContain("hunter2");
  }

  @Test
  void bodyAsNeverEchoesTheInputOfATypeMismatch() {
    HttpRequest mismatchedString =
        HttpRequest.builder("POST", "/")
            .body("{\"sku\":\"A1\",\"quantity\":\"hunter2-secret-token\"}")
            .build();
    HttpRequest wrongShape =
        HttpRequest.builder("POST", "/").body("\"hunter2-secret-token\"").build();
    HttpRequest outOfRange =
        HttpRequest.builder("POST", "/").body("{\"quantity\": 98765432109876543}").build();

    FunctionException mismatch =
        catchThrowableOfType(FunctionException.class, () -> mismatchedString.bodyAs(Order.class));
    FunctionException shape =
        catchThrowableOfType(FunctionException.class, () -> wrongShape.bodyAs(Order.class));
    FunctionException range =
        catchThrowableOfType(FunctionException.class, () -> outOfRange.bodyAs(Order.class));

    assertThat(mismatch.detail()).contains("at /quantity").doesNotContain("hunter2");
    assertThat(shape.detail()).contains("does not fit Order").doesNotContain("hunter2");
    assertThat(range.detail()).contains("at /quantity").doesNotContain("98765432109876543");
  }

  @Test
  void toBuilderRoundTripsEveryPart() {
    HttpRequest original =
        HttpRequest.builder("put", "/items/1")
            .query("a", "1")
            .query("a", "2")
            .header("X-One", "1")
            .header("x-one", "2")
            .body("payload")
            .build();

    HttpRequest copy = original.toBuilder().build();

    assertThat(copy.method()).isEqualTo("PUT");
    assertThat(copy.path()).isEqualTo("/items/1");
    assertThat(copy.queryParameters()).isEqualTo(original.queryParameters());
    assertThat(copy.headers()).isEqualTo(original.headers());
    assertThat(copy.bodyAsString()).isEqualTo("payload");
  }

  @Test
  void toBuilderChangesDoNotReachTheOriginal() {
    HttpRequest original = HttpRequest.builder("GET", "/").query("a", "1").header("h", "1").build();

    HttpRequest changed = original.toBuilder().query("a", "2").header("h", "2").body("x").build();

    assertThat(original.queryParameters().get("a")).containsExactly("1");
    assertThat(original.headers().all("h")).containsExactly("1");
    assertThat(original.bodyLength()).isZero();
    assertThat(changed.queryParameters().get("a")).containsExactly("1", "2");
    assertThat(changed.headers().all("h")).containsExactly("1", "2");
  }

  @Test
  void toStringShowsMethodAndPathOnly() {
    HttpRequest request =
        HttpRequest.builder("post", "/login")
            .header("Authorization", "Bearer t0ken")
            .body("password=hunter2")
            .build();

    assertThat(request.toString()).isEqualTo("POST /login");
  }

  @Test
  void nullArgumentsAreRejectedNamingTheArgument() {
    HttpRequest.Builder builder = HttpRequest.builder("GET", "/");
    HttpRequest request = builder.build();

    assertThatThrownBy(() -> HttpRequest.builder(null, "/"))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("method");
    assertThatThrownBy(() -> HttpRequest.builder("GET", null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("path");
    assertThatThrownBy(() -> builder.query(null, "v"))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("name");
    assertThatThrownBy(() -> builder.query("page", null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("page");
    assertThatThrownBy(() -> builder.rawQuery(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("rawQuery");
    assertThatThrownBy(() -> builder.header(null, "v"))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("name");
    assertThatThrownBy(() -> builder.headers(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("headers");
    assertThatThrownBy(() -> builder.body((byte[]) null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("body");
    assertThatThrownBy(() -> builder.body((String) null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("body");
    assertThatThrownBy(() -> request.query(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("name");
    assertThatThrownBy(() -> request.header(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("name");
    assertThatThrownBy(() -> request.bodyAs(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("type");
  }

  @Test
  void theBodyArrayIsCopiedOnTheWayIn() {
    byte[] bytes = "hello".getBytes(StandardCharsets.UTF_8);
    HttpRequest request = HttpRequest.builder("POST", "/").body(bytes).build();
    bytes[0] = 'J';

    assertThat(request.bodyAsString()).isEqualTo("hello");
  }

  /**
   * Any sequence of query values (more names than the builder first has room for), with requests
   * built along the way and a copy changed afterwards, gives what a {@link java.util.LinkedHashMap}
   * gives, and each request keeps what it had.
   */
  @net.jqwik.api.Property(tries = 300)
  void queryParametersBehaveAsAnOrderedMultiMap(
      @net.jqwik.api.ForAll @net.jqwik.api.constraints.Size(max = 40)
          List<@net.jqwik.api.constraints.IntRange(min = 0, max = 9) Integer> names) {
    HttpRequest.Builder builder = HttpRequest.builder("GET", "/");
    Map<String, List<String>> model = new java.util.LinkedHashMap<>();
    List<HttpRequest> built = new java.util.ArrayList<>();
    List<Map<String, List<String>>> expected = new java.util.ArrayList<>();
    int step = 0;
    for (int name : names) {
      String value = "v" + step++;
      builder.query("p" + name, value);
      model.computeIfAbsent("p" + name, n -> new java.util.ArrayList<>()).add(value);
      if (step % 4 == 0) {
        built.add(builder.build());
        expected.add(copy(model));
      }
    }
    HttpRequest last = builder.build();
    built.add(last);
    expected.add(copy(model));
    HttpRequest changed = last.toBuilder().query("p0", "more").query("new", "x").build();

    for (int i = 0; i < built.size(); i++) {
      assertThat(built.get(i).queryParameters())
          .isEqualTo(expected.get(i))
          .hasSameHashCodeAs(expected.get(i));
      assertThat(List.copyOf(built.get(i).queryParameters().keySet()))
          .containsExactlyElementsOf(expected.get(i).keySet());
    }
    assertThat(changed.queryParameters().get("new")).containsExactly("x");
    assertThat(changed.queryParameters().get("p0")).endsWith("more");
    assertThat(last.queryParameters()).isEqualTo(copy(model));
  }

  private static Map<String, List<String>> copy(Map<String, List<String>> model) {
    Map<String, List<String>> copy = new java.util.LinkedHashMap<>();
    model.forEach((name, values) -> copy.put(name, List.copyOf(values)));
    return copy;
  }
}
