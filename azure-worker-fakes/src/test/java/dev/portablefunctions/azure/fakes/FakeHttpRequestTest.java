package dev.portablefunctions.azure.fakes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FakeHttpRequestTest {

  private static final String URL = "https://app.azurewebsites.net/api/orders?k=v";

  @Test
  void holdsWhatTheHostSentCopied() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("x-a", "1");
    FakeHttpRequest<Optional<String>> request =
        FakeHttpRequest.of(HttpMethod.POST, URL, headers, Map.of("k", "v"), Optional.of("hi"));
    headers.put("x-b", "2");

    assertThat(request.getHttpMethod()).isEqualTo(HttpMethod.POST);
    assertThat(request.getUri().getPath()).isEqualTo("/api/orders");
    assertThat(request.getHeaders()).containsExactly(Map.entry("x-a", "1"));
    assertThat(request.getQueryParameters()).containsExactly(Map.entry("k", "v"));
    assertThat(request.getBody()).contains("hi");
  }

  @Test
  void aUrlThatIsNotAUriThrowsAsTheWorkersDoes() {
    FakeHttpRequest<String> request =
        FakeHttpRequest.of(HttpMethod.GET, "https://app/api/a b", Map.of(), Map.of(), null);

    assertThatThrownBy(request::getUri).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anUnreadableUriFailsWithoutNamingTheUrl() {
    FakeHttpRequest<String> request =
        FakeHttpRequest.<String>of(HttpMethod.GET, URL, Map.of(), Map.of(), null).uriUnreadable();

    assertThatThrownBy(request::getUri)
        .isInstanceOf(IllegalStateException.class)
        .message()
        .doesNotContain("azurewebsites");
  }

  @Test
  void theResponseBuilderKeepsOneValuePerHeaderInTheOrderFirstSet() {
    FakeHttpRequest<String> request =
        FakeHttpRequest.of(HttpMethod.GET, URL, Map.of(), Map.of(), null);

    HttpResponseMessage response =
        request
            .createResponseBuilder(HttpStatus.CREATED)
            .header("b", "1")
            .header("a", "2")
            .header("b", "3")
            .body(new byte[] {1})
            .build();

    assertThat(response).isInstanceOf(FakeHttpResponse.class);
    assertThat(response.getStatusCode()).isEqualTo(201);
    assertThat(response.getHeader("b")).isEqualTo("3");
    assertThat(((FakeHttpResponse) response).headers())
        .containsExactly(Map.entry("b", "3"), Map.entry("a", "2"));
    assertThat((byte[]) response.getBody()).containsExactly(1);
    assertThat(response).hasToString("HttpResponseMessage[201, {b=3, a=2}]");
  }

  @Test
  void aNewResponseIs200WithNothingElse() {
    FakeHttpResponse response = new FakeHttpResponse();

    assertThat(response.getStatus()).isEqualTo(HttpStatus.OK);
    assertThat(response.headers()).isEmpty();
    assertThat(response.getBody()).isNull();
  }
}
