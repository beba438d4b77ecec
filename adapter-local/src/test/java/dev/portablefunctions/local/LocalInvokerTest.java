package dev.portablefunctions.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portablefunctions.FunctionException;
import dev.portablefunctions.HttpRequest;
import dev.portablefunctions.HttpResponse;
import dev.portablefunctions.Message;
import dev.portablefunctions.ScheduleEvent;
import dev.portablefunctions.StorageEvent;
import dev.portablefunctions.local.fixtures.Slow;
import dev.portablefunctions.local.fixtures.Square;
import dev.portablefunctions.spi.FunctionDefinition;
import io.cloudevents.core.builder.CloudEventBuilder;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalFunctionsExtension.class)
class LocalInvokerTest {

  @Test
  void theExtensionFindsTheIndexedFunctions(LocalInvoker invoker) {
    HttpResponse response =
        invoker.http("echo", HttpRequest.builder("GET", "/x").query("a", "1").build());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.bodyAsString()).contains("\"path\":\"/x\"").contains("\"cloud\":\"local\"");
  }

  @Test
  void typedCallsRoundTripThroughJson(LocalInvoker invoker) {
    assertThat(invoker.typed("square", new Square.In(7), Square.Out.class).square()).isEqualTo(49);
    assertThat(invoker.typed("square", new Square.In(-7), Square.Out.class)).isNull();
  }

  @Test
  void aTypedFailureSurfacesAsAFunctionExceptionWithTheProblemsKind(LocalInvoker invoker) {
    assertThatThrownBy(() -> invoker.typed("square", "not an object", Square.Out.class))
        .isInstanceOfSatisfying(
            FunctionException.class,
            e -> assertThat(e.kind()).isEqualTo(FunctionException.Kind.BAD_INPUT));
  }

  @Test
  void aBatchReportsExactlyThePoisonMessage(LocalInvoker invoker) {
    MessageReport report =
        invoker.messages(
            "collect",
            List.of(Message.of("1", "a"), Message.of("2", "poison"), Message.of("3", "c")));

    assertThat(report.received()).isEqualTo(3);
    assertThat(report.failedIds()).containsExactly("2");
    assertThat(invoker.logs()).filteredOn(line -> line.contains("SEEN")).hasSize(3);
  }

  @Test
  void aSingleMessageFailureIsReportedNotThrown(LocalInvoker invoker) {
    MessageReport report = invoker.message("collect", Message.of("9", "poison"));

    assertThat(report.failed())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.id()).isEqualTo("9");
              assertThat(f.status()).isEqualTo(500);
            });
  }

  @Test
  void eventsOfEachKindArrive(LocalInvoker invoker) {
    invoker.event("uploads", StorageEvent.builder("b", "k/1", StorageEvent.Change.DELETED).build());
    invoker.event("ticks", ScheduleEvent.of(Instant.parse("2024-01-01T10:00:00Z"), "hourly"));
    invoker.event(
        "events",
        CloudEventBuilder.v1()
            .withId("c1")
            .withSource(URI.create("/here"))
            .withType("kind")
            .withData("text/plain", "hi".getBytes(StandardCharsets.UTF_8))
            .build());

    assertThat(invoker.logs())
        .anyMatch(line -> line.contains("STORAGE DELETED b/k/1 -1"))
        .anyMatch(line -> line.contains("TICK 2024-01-01T10:00:00Z hourly"))
        .anyMatch(line -> line.contains("EVENT c1 /here kind null hi"));
  }

  @Test
  void lambdasCanBeInvokedThroughDefinitions() {
    try (LocalInvoker invoker =
        LocalInvoker.of(
            FunctionDefinition.typed("twice", Integer.class, (n, context) -> n * 2),
            FunctionDefinition.http("hi", (request, context) -> HttpResponse.ok().text("hi")))) {
      assertThat(invoker.typed("twice", 21, Integer.class)).isEqualTo(42);
      assertThat(invoker.http("hi", HttpRequest.builder("GET", "/").build()).bodyAsString())
          .isEqualTo("hi");
    }
  }

  @Test
  void theTimeoutAppliesInProcessToo() {
    try (LocalInvoker invoker =
        LocalInvoker.builder()
            .functions(new Slow())
            .timeout(Duration.ofMillis(200))
            .printLogs(false)
            .build()) {
      assertThat(invoker.http("slow", HttpRequest.builder("GET", "/").build()).statusCode())
          .isEqualTo(504);
    }
  }

  @Test
  void aCallOfTheWrongShapeSaysWhichMethodToUse(LocalInvoker invoker) {
    assertThatThrownBy(() -> invoker.message("echo", Message.of("1", "x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("echo is an HTTP function")
        .hasMessageContaining("http(...)");
    assertThatThrownBy(
            () ->
                invoker.event(
                    "echo", StorageEvent.builder("b", "k", StorageEvent.Change.CREATED).build()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> invoker.typed("collect", 1, Integer.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("message(...)");
  }

  @Test
  void aClosedInvokerRefusesCalls() {
    LocalInvoker invoker = LocalInvoker.of(new Square());
    invoker.close();

    assertThatThrownBy(() -> invoker.typed("square", new Square.In(1), Square.Out.class))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
  }

  @Test
  void anUnknownFunctionNameIsAnIllegalArgument(LocalInvoker invoker) {
    assertThatThrownBy(() -> invoker.http("nope", HttpRequest.builder("GET", "/").build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nope");
  }

  /** Throws what it is told to, from a method a stack trace can name. */
  static final class Thrower implements dev.portablefunctions.TypedFunction<String, String> {
    @Override
    public String handle(String what, dev.portablefunctions.Context context) {
      if (what.equals("not found")) {
        throw FunctionException.notFound("no order 7");
      }
      throw new IllegalStateException("the connection pool is closed");
    }
  }

  @Test
  void theFunctionsOwnFunctionExceptionIsRethrownWithItsStack() {
    try (LocalInvoker invoker = LocalInvoker.of(new Thrower())) {
      assertThatThrownBy(() -> invoker.typed("thrower", "not found", String.class))
          .isInstanceOfSatisfying(
              FunctionException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(FunctionException.Kind.NOT_FOUND);
                assertThat(e.detail()).isEqualTo("no order 7");
                assertThat(e.getStackTrace())
                    .as("the stack of the function's own exception, not one rebuilt here")
                    .anyMatch(frame -> frame.getClassName().equals(Thrower.class.getName()));
              });
    }
  }

  @Test
  void anyOtherExceptionIsTheCauseSoTheTestShowsWhatThrew() {
    try (LocalInvoker invoker = LocalInvoker.of(new Thrower())) {
      assertThatThrownBy(() -> invoker.typed("thrower", "boom", String.class))
          .isInstanceOfSatisfying(
              FunctionException.class,
              e -> assertThat(e.kind()).isEqualTo(FunctionException.Kind.INTERNAL))
          .cause()
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("the connection pool is closed");
    }
  }
}
