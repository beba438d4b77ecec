package dev.portablefunctions.gcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portablefunctions.HttpRequest;
import dev.portablefunctions.HttpResponse;
import dev.portablefunctions.internal.UriPaths;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HttpCodecTest {

  private static HttpRequest decode(FakeHttpRequest request) throws Exception {
    return HttpCodec.decode(request, HttpCodec.headers(request));
  }

  @Test
  void decodesMethodPathQueryHeadersAndBody() throws Exception {
    HttpRequest request =
        decode(
            new FakeHttpRequest("post", "/a/b?k=v1&k=v2")
                .header("X-Test", "1")
                .header("Content-Type", "text/plain")
                .body("hi"));

    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo("/a/b");
    assertThat(request.queryParameters()).isEqualTo(Map.of("k", List.of("v1", "v2")));
    assertThat(request.headers().all("x-test")).containsExactly("1");
    assertThat(request.bodyAsString()).isEqualTo("hi");
  }

  @Test
  void rawPathIsPercentDecodedAsUtf8() {
    assertThat(HttpCodec.path("/a%20b/caf%C3%A9")).isEqualTo("/a b/café");
    assertThat(HttpCodec.path("/a%2Fb")).isEqualTo("/a/b");
    assertThat(HttpCodec.path("/a+b")).isEqualTo("/a+b");
    assertThat(HttpCodec.path("/100%")).isEqualTo("/100%");
    assertThat(HttpCodec.path("/%4")).isEqualTo("/%4");
    assertThat(HttpCodec.path("/%zz")).isEqualTo("/%zz");
    assertThat(HttpCodec.path("/%F0%9F%98%80/😀")).isEqualTo("/😀/😀");
    // Only ASCII hex digits make an escape (Character.digit also takes other scripts' digits).
    assertThat(HttpCodec.path("/%\u0663\u0663")).isEqualTo("/%\u0663\u0663");
  }

  @Test
  void pathAlwaysStartsWithASlash() {
    assertThat(HttpCodec.path("")).isEqualTo("/");
    assertThat(HttpCodec.path(null)).isEqualTo("/");
    assertThat(HttpCodec.path("a%20b")).isEqualTo("/a b");
  }

  @Test
  void pathDecodingIsTheSharedOne() {
    for (String raw : List.of("/a%20b/caf%C3%A9", "/a+b", "/100%", "/%zz", "/%E2%82", "/x%2520y")) {
      assertThat(HttpCodec.path(raw)).as(raw).isEqualTo(UriPaths.decode(raw));
    }
  }

  @Test
  void theDecodedPathReachesTheRequest() throws Exception {
    assertThat(decode(new FakeHttpRequest("GET", "/files/my%20report.pdf?x=%20")).path())
        .isEqualTo("/files/my report.pdf");
  }

  @Test
  void queryIsParsedFromTheRawQueryStringInOrder() throws Exception {
    HttpRequest request =
        decode(
            new FakeHttpRequest(
                "GET", "/?a=3&b=1&a=1&sp=x+y&enc=%2F%E2%82%AC&flag&empty=&bad=%zz"));

    assertThat(request.queryParameters().get("a")).containsExactly("3", "1");
    assertThat(request.queryParameters().get("sp")).containsExactly("x y");
    assertThat(request.queryParameters().get("enc")).containsExactly("/€");
    assertThat(request.queryParameters().get("flag")).containsExactly("");
    assertThat(request.queryParameters().get("empty")).containsExactly("");
    assertThat(request.queryParameters().get("bad")).containsExactly("%zz");
    assertThat(request.queryParameters().keySet())
        .containsExactly("a", "b", "sp", "enc", "flag", "empty", "bad");
  }

  @Test
  void formBodyStaysTheBodyAndOutOfTheQuery() throws Exception {
    // FakeHttpRequest.getQueryParameters() fails the test if called: in the invoker it eats the
    // form.
    HttpRequest request =
        decode(
            new FakeHttpRequest("POST", "/form?x=1")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .body("a=1&b=2"));

    assertThat(request.queryParameters()).isEqualTo(Map.of("x", List.of("1")));
    assertThat(request.bodyAsString()).isEqualTo("a=1&b=2");
  }

  @Test
  void headersKeepEveryValueInOrderAndAreCaseInsensitive() throws Exception {
    HttpRequest request =
        decode(
            new FakeHttpRequest("GET", "/").header("X-Dup", "one").header("x-dup", "two, three"));

    assertThat(request.headers().all("X-DUP")).containsExactly("one", "two, three");
    assertThat(request.headers().names()).containsExactly("x-dup");
  }

  @Test
  void binaryBodyIsKeptByteForByte() throws Exception {
    byte[] bytes = new byte[70_000];
    new Random(7).nextBytes(bytes);

    HttpRequest request =
        decode(
            new FakeHttpRequest("PUT", "/bin")
                .header("Content-Type", "application/octet-stream")
                .body(bytes));

    assertThat(request.body()).isEqualTo(bytes);
  }

  @Test
  void noBodyIsAnEmptyBody() throws Exception {
    assertThat(decode(new FakeHttpRequest("GET", "/")).bodyLength()).isZero();
  }

  @Test
  void encodeWritesStatusEveryHeaderValueAndTheBody() throws Exception {
    FakeHttpResponse out = new FakeHttpResponse();

    HttpCodec.encode(
        HttpResponse.status(201)
            .header("Set-Cookie", "a=1")
            .header("Set-Cookie", "b=2")
            .header("Location", "/orders/7")
            .text("created"),
        out);

    assertThat(out.status()).isEqualTo(201);
    assertThat(out.header("set-cookie")).containsExactly("a=1", "b=2");
    assertThat(out.header("location")).containsExactly("/orders/7");
    assertThat(out.getContentType()).contains("text/plain; charset=utf-8");
    assertThat(out.header("content-type")).isEmpty();
    assertThat(out.header("content-length")).containsExactly("7");
    assertThat(out.bodyText()).isEqualTo("created");
    assertThat(out.closed()).isTrue();
  }

  @Test
  void encodeKeepsTheFunctionsContentLength() throws Exception {
    FakeHttpResponse out = new FakeHttpResponse();

    HttpCodec.encode(HttpResponse.ok().header("Content-Length", "2").text("ok"), out);

    assertThat(out.header("content-length")).containsExactly("2");
  }

  @Test
  void encodeWritesNoBodyFor204() throws Exception {
    FakeHttpResponse out = new FakeHttpResponse();

    HttpCodec.encode(HttpResponse.noContent().header("X-A", "1"), out);

    assertThat(out.status()).isEqualTo(204);
    assertThat(out.header("x-a")).containsExactly("1");
    assertThat(out.bodyBytes()).isEmpty();
    assertThat(out.header("content-length")).isEmpty();
  }
}
