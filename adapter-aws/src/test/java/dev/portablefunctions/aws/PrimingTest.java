package dev.portablefunctions.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portablefunctions.Context;
import dev.portablefunctions.FunctionLogger.Level;
import dev.portablefunctions.HttpFunction;
import dev.portablefunctions.HttpRequest;
import dev.portablefunctions.HttpResponse;
import dev.portablefunctions.Primeable;
import dev.portablefunctions.ScheduleEvent;
import dev.portablefunctions.StorageEvent;
import dev.portablefunctions.spi.FunctionDefinition;
import dev.portablefunctions.spi.Instrumentation;
import dev.portablefunctions.spi.Json;
import io.cloudevents.CloudEvent;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The SnapStart and CRaC resource, called directly as {@code org.crac} would call it. */
class PrimingTest {

  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final AtomicInteger calls = new AtomicInteger();

  private LambdaHandler handler(FunctionDefinition function) {
    return new LambdaHandler(
        function,
        CloudWatchLogFormat.writer(lines::add),
        Level.DEBUG,
        false,
        Instrumentation.of(true, List.of()));
  }

  private HttpFunction counting() {
    return (request, context) -> {
      calls.incrementAndGet();
      return HttpResponse.ok();
    };
  }

  /** An HTTP function that opts in to priming (abstract: kept out of the test function index). */
  abstract static class PrimedHttp implements HttpFunction, Primeable {
    final List<String> primedIds = new CopyOnWriteArrayList<>();
    final AtomicInteger calls = new AtomicInteger();

    @Override
    public HttpResponse handle(HttpRequest request, Context context) {
      calls.incrementAndGet();
      return HttpResponse.ok();
    }

    @Override
    public void prime(Context context) {
      primedIds.add(context.invocationId());
    }
  }

  @Test
  void beforeCheckpointRunsThePipelineWithoutCallingAFunctionThatDoesNotOptIn() {
    LambdaHandler handler = handler(FunctionDefinition.http("plain", counting()));

    new Priming(handler).beforeCheckpoint(null);

    assertThat(calls).hasValue(0);
    assertThat(lines).as("no log line and no outcome record of the synthetic invocation").isEmpty();
  }

  @Test
  void beforeCheckpointCallsPrimeOfAFunctionThatOptsInButNeverItsHandler() {
    PrimedHttp function = new PrimedHttp() {};
    LambdaHandler handler = handler(FunctionDefinition.http("primed", function));

    new Priming(handler).beforeCheckpoint(null);

    assertThat(function.primedIds).hasSize(1);
    assertThat(function.primedIds.get(0)).startsWith("prime-");
    assertThat(function.calls).hasValue(0);
    assertThat(lines).isEmpty();
  }

  @Test
  void initPrimingNeverCallsPrimeEvenWhenTheFunctionOptsIn() {
    PrimedHttp function = new PrimedHttp() {};
    LambdaHandler handler = handler(FunctionDefinition.http("primed", function));

    assertThat(Priming.run(handler, false)).isTrue();

    assertThat(function.primedIds).isEmpty();
  }

  @Test
  void everyKindHasASyntheticInvocationThatSucceeds() {
    List<FunctionDefinition> functions =
        List.of(
            FunctionDefinition.http("h", counting()),
            FunctionDefinition.typed(
                "t",
                JsonNode.class,
                (input, context) -> {
                  calls.incrementAndGet();
                  return input;
                }),
            FunctionDefinition.message("m", (message, context) -> calls.incrementAndGet()),
            FunctionDefinition.event(
                "s", StorageEvent.class, (event, context) -> calls.incrementAndGet()),
            FunctionDefinition.event(
                "c", ScheduleEvent.class, (event, context) -> calls.incrementAndGet()),
            FunctionDefinition.event(
                "e", CloudEvent.class, (event, context) -> calls.incrementAndGet()));
    for (FunctionDefinition function : functions) {
      assertThat(Priming.run(handler(function), true)).as(function.name()).isTrue();
    }
    assertThat(calls).hasValue(0);
    assertThat(lines).isEmpty();
  }

  @Test
  void afterRestoreMarksTheNextInvocationAsAColdStartAgain() throws IOException {
    LambdaHandler handler = handler(FunctionDefinition.http("plain", counting()));
    Priming priming = new Priming(handler);
    priming.beforeCheckpoint(null);
    invoke(handler, "req-1");
    invoke(handler, "req-2");

    priming.afterRestore(null);
    invoke(handler, "req-3");

    List<Boolean> cold =
        lines.stream()
            .map(PrimingTest::tree)
            .filter(line -> line.has("outcome"))
            .map(line -> line.get("coldStart").asBoolean())
            .toList();
    assertThat(cold).containsExactly(true, false, true);
    assertThat(calls).hasValue(3);
  }

  private static void invoke(LambdaHandler handler, String requestId) throws IOException {
    handler.handleRequest(
        new ByteArrayInputStream(Events.bytes("apigw-http-v2.json")),
        new ByteArrayOutputStream(),
        FakeLambdaContext.of(requestId));
  }

  private static JsonNode tree(String line) {
    try {
      return Json.mapper().readTree(line);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
