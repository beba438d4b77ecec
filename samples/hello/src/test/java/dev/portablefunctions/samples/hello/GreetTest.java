package dev.portablefunctions.samples.hello;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portablefunctions.HttpRequest;
import dev.portablefunctions.HttpResponse;
import dev.portablefunctions.local.LocalFunctionsExtension;
import dev.portablefunctions.local.LocalInvoker;
import dev.portablefunctions.test.EventKind;
import dev.portablefunctions.test.ProviderEvents;
import dev.portablefunctions.test.ProviderTrigger;
import dev.portablefunctions.test.Replay;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;

@ExtendWith(LocalFunctionsExtension.class)
class GreetTest {

  @Test
  void greetsByName(LocalInvoker invoker) {
    HttpResponse response =
        invoker.http("greet", HttpRequest.builder("GET", "/").query("name", "Ada").build());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().first("Content-Type")).contains("application/json");
    assertThat(response.bodyAsString()).isEqualTo("{\"message\":\"Hello, Ada\"}");
  }

  @Test
  void greetsTheWorldWithoutAName(LocalInvoker invoker) {
    HttpResponse response = invoker.http("greet", HttpRequest.builder("GET", "/").build());

    assertThat(response.bodyAsString()).isEqualTo("{\"message\":\"Hello, world\"}");
  }

  /** The same request in every cloud's HTTP shape, through that cloud's real adapter. */
  @ParameterizedTest(name = "{0}")
  @ProviderEvents(EventKind.HTTP_REQUEST)
  void greetsByNameOnEveryCloud(ProviderTrigger trigger) {
    HttpResponse response =
        trigger
            .http(
                Replay.function("greet"),
                HttpRequest.builder("GET", "/").query("name", "Ada").build())
            .response();

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().first("Content-Type")).contains("application/json");
    assertThat(response.bodyAsString()).isEqualTo("{\"message\":\"Hello, Ada\"}");
  }
}
