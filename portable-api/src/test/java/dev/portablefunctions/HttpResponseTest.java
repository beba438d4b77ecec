package dev.portablefunctions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class HttpResponseTest {

  public record Greeting(String text, Instant at) {}

  @Test
  void factoriesSetTheStatusAndNothingElse() {
    assertThat(HttpResponse.ok().statusCode()).isEqualTo(200);
    assertThat(HttpResponse.noContent().statusCode()).isEqualTo(204);
    assertThat(HttpResponse.status(418).statusCode()).isEqualTo(418);
    assertThat(HttpResponse.ok().headers().isEmpty()).isTrue();
    assertThat(HttpResponse.ok().body()).isEmpty();
  }

  @Test
  void statusOutsideTheHttpRangeIsRejectedNamingIt() {
    assertThatThrownBy(() -> HttpResponse.status(99))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("99");
    assertThatThrownBy(() -> HttpResponse.status(600))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("600");
    assertThat(HttpResponse.status(100).statusCode()).isEqualTo(100);
    assertThat(HttpResponse.status(599).statusCode()).isEqualTo(599);
  }

  @Test
  void headerReturnsANewResponseAndLeavesTheOriginalUnchanged() {
    HttpResponse original = HttpResponse.ok();

    HttpResponse withHeader = original.header("X-One", "1");
    HttpResponse withTwo = withHeader.header("x-one", "2");

    assertThat(withHeader).isNotSameAs(original);
    assertThat(original.headers().contains("x-one")).isFalse();
    assertThat(withHeader.headers().all("x-one")).containsExactly("1");
    assertThat(withTwo.headers().all("X-One")).containsExactly("1", "2");
  }

  @Test
  void bodyReturnsANewResponseAndLeavesTheOriginalUnchanged() {
    HttpResponse original = HttpResponse.status(201).header("Location", "/x");

    HttpResponse withBody = original.body(new byte[] {1, 2, 3}, "application/octet-stream");

    assertThat(withBody).isNotSameAs(original);
    assertThat(original.body()).isEmpty();
    assertThat(original.headers().contains("content-type")).isFalse();
    assertThat(withBody.statusCode()).isEqualTo(201);
    assertThat(withBody.headers().first("location")).contains("/x");
    assertThat(withBody.body()).containsExactly(1, 2, 3);
  }

  @Test
  void textReturnsANewResponseAndLeavesTheOriginalUnchanged() {
    HttpResponse original = HttpResponse.ok();

    HttpResponse text = original.text("hello");

    assertThat(text).isNotSameAs(original);
    assertThat(original.body()).isEmpty();
    assertThat(original.headers().isEmpty()).isTrue();
  }

  @Test
  void textSetsPlainTextInUtf8() {
    HttpResponse response = HttpResponse.ok().text("crème brûlée");

    assertThat(response.headers().all("Content-Type")).containsExactly("text/plain; charset=utf-8");
    assertThat(response.body()).isEqualTo("crème brûlée".getBytes(StandardCharsets.UTF_8));
    assertThat(response.bodyAsString()).isEqualTo("crème brûlée");
  }

  @Test
  void jsonSetsApplicationJsonAndWritesTheValue() {
    HttpResponse response =
        HttpResponse.ok().json(new Greeting("hi", Instant.parse("2024-05-01T00:00:00Z")));

    assertThat(response.headers().all("content-type")).containsExactly("application/json");
    assertThat(response.bodyAsString())
        .isEqualTo("{\"text\":\"hi\",\"at\":\"2024-05-01T00:00:00Z\"}");
  }

  @Test
  void jsonOfNullWritesTheJsonNull() {
    assertThat(HttpResponse.ok().json(null).bodyAsString()).isEqualTo("null");
  }

  @Test
  void laterBodyReplacesTheEarlierContentType() {
    HttpResponse response = HttpResponse.ok().header("Content-Type", "text/html").text("a").json(1);

    assertThat(response.headers().all("content-type")).containsExactly("application/json");
    assertThat(response.bodyAsString()).isEqualTo("1");
  }

  @Test
  void jsonOfAnUnwritableValueIsIllegalArgument() {
    Object unwritable =
        new Object() {
          @SuppressWarnings("unused")
          public Object getSelf() {
            throw new IllegalStateException("boom");
          }
        };

    assertThatThrownBy(() -> HttpResponse.ok().json(unwritable))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("JSON");
  }

  @Test
  void bodyReturnsACopy() {
    HttpResponse response = HttpResponse.ok().text("abc");

    byte[] body = response.body();
    body[0] = 'X';

    assertThat(response.bodyAsString()).isEqualTo("abc");
  }

  @Test
  void bodyAsStringHonoursTheCharsetOfTheContentType() {
    HttpResponse response =
        HttpResponse.ok()
            .body("déjà".getBytes(StandardCharsets.ISO_8859_1), "text/plain; charset=iso-8859-1");

    assertThat(response.bodyAsString()).isEqualTo("déjà");
  }

  @Test
  void nullArgumentsAreRejectedNamingTheArgument() {
    assertThatThrownBy(() -> HttpResponse.ok().body(null, "text/plain"))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("body");
    assertThatThrownBy(() -> HttpResponse.ok().body(new byte[0], null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("contentType");
    assertThatThrownBy(() -> HttpResponse.ok().text(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("text");
    assertThatThrownBy(() -> HttpResponse.ok().header(null, "v"))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("name");
  }

  @Test
  void toStringShowsStatusAndRedactedHeadersButNeverTheBody() {
    HttpResponse response =
        HttpResponse.status(201).header("Set-Cookie", "sid=s3cr3t").text("body-secret");

    assertThat(response.toString())
        .contains("201", "11 bytes", "set-cookie")
        .doesNotContain("s3cr3t", "body-secret");
  }

  @Test
  void theBodyArrayIsCopiedOnTheWayIn() {
    byte[] bytes = "hello".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    HttpResponse response = HttpResponse.ok().body(bytes, "text/plain");
    bytes[0] = 'J';

    assertThat(response.bodyAsString()).isEqualTo("hello");
  }
}
