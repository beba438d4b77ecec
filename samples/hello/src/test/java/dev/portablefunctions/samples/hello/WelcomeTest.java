package dev.portablefunctions.samples.hello;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portablefunctions.FunctionException;
import dev.portablefunctions.HttpRequest;
import dev.portablefunctions.HttpResponse;
import dev.portablefunctions.local.LocalInvoker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Uses {@link LocalInvoker#of(Object...)} directly, without the index or the JUnit extension. */
class WelcomeTest {

  private final LocalInvoker invoker = LocalInvoker.of(new Welcome());

  @AfterEach
  void close() {
    invoker.close();
  }

  @Test
  void welcomesInTheAskedLanguage() {
    Welcome.Card card =
        invoker.typed("welcome", new Welcome.Person("Ada", "fr"), Welcome.Card.class);

    assertThat(card.greeting()).isEqualTo("Bonjour, Ada");
  }

  @Test
  void anUnknownLanguageIsUnprocessable() {
    assertThatThrownBy(
            () -> invoker.typed("welcome", new Welcome.Person("Ada", "xx"), Welcome.Card.class))
        .isInstanceOfSatisfying(
            FunctionException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(FunctionException.Kind.UNPROCESSABLE);
              assertThat(e.detail()).contains("Language 'xx' is not supported");
            });
  }

  @Test
  void malformedJsonIsABadRequestThatSaysWhere() {
    HttpResponse response =
        invoker.http(
            "welcome",
            HttpRequest.builder("POST", "/")
                .header("Content-Type", "application/json")
                .body("{\"name\": \"Ada\",")
                .build());

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().first("content-type")).contains("application/problem+json");
    assertThat(response.bodyAsString()).contains("not valid JSON").contains("line 1");
  }
}
