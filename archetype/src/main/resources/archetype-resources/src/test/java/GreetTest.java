package ${package};

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.portablefunctions.HttpRequest;
import dev.portablefunctions.HttpResponse;
import dev.portablefunctions.local.LocalFunctionsExtension;
import dev.portablefunctions.local.LocalInvoker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Calls the function in-process, through the same JSON encoding and error mapping as every cloud.
 * The extension hands each test an invoker over every function of the build.
 */
@ExtendWith(LocalFunctionsExtension.class)
class GreetTest {

  @Test
  void greetsByName(LocalInvoker invoker) {
    HttpResponse response =
        invoker.http("greet", HttpRequest.builder("GET", "/").query("name", "Ada").build());

    assertEquals(200, response.statusCode());
    assertEquals("{\"message\":\"Hello, Ada\"}", response.bodyAsString());
  }

  @Test
  void greetsTheWorldWithoutAName(LocalInvoker invoker) {
    HttpResponse response = invoker.http("greet", HttpRequest.builder("GET", "/").build());

    assertEquals(200, response.statusCode());
    assertEquals("{\"message\":\"Hello, world\"}", response.bodyAsString());
  }
}
