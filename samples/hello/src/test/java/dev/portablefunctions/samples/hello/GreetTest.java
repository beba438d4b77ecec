package dev.portablefunctions.samples.hello;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portablefunctions.HttpRequest;
import dev.portablefunctions.HttpResponse;
import dev.portablefunctions.local.LocalFunctionsExtension;
import dev.portablefunctions.local.LocalInvoker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

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
}
