package dev.portablefunctions.samples.hello;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portablefunctions.FunctionException;
import dev.portablefunctions.HttpRequest;
import dev.portablefunctions.HttpResponse;
import dev.portablefunctions.local.LocalInvoker;
import dev.portablefunctions.test.Delivery;
import dev.portablefunctions.test.EventKind;
import dev.portablefunctions.test.ProviderEvents;
import dev.portablefunctions.test.ProviderTrigger;
import dev.portablefunctions.test.Replay;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;

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

  /**
   * A direct invocation on AWS and a JSON POST through every HTTP trigger: the same output, and the
   * same failure for an unknown language (Lambda's error, or a 422 problem response).
   */
  @ParameterizedTest(name = "{0}")
  @ProviderEvents(EventKind.TYPED_INVOCATION)
  void welcomesInTheAskedLanguageOnEveryCloud(ProviderTrigger trigger) {
    Replay welcome = Replay.function("welcome");

    Delivery french = trigger.invoke(welcome, "{\"name\":\"Ada\",\"language\":\"fr\"}");
    Delivery unknown = trigger.invoke(welcome, "{\"name\":\"Ada\",\"language\":\"xx\"}");

    assertThat(french.output()).contains("{\"greeting\":\"Bonjour, Ada\"}");
    assertThat(unknown.succeeded()).isFalse();
  }
}
