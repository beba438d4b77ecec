package dev.portablefunctions.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.azure.functions.HttpMethod;
import dev.portablefunctions.FunctionException;
import dev.portablefunctions.FunctionLogger;
import dev.portablefunctions.azure.fakes.FakeExecutionContext;
import dev.portablefunctions.azure.fakes.FakeHttpRequest;
import dev.portablefunctions.azure.testing.AdapterLogs;
import dev.portablefunctions.spi.FunctionRegistry;
import dev.portablefunctions.spi.Instrumentation;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

/**
 * The outcome record each invocation ends with, through the worker's logger, and the DEBUG lines.
 */
class OutcomeRecordTest {

  private static AzureFunctions functions(FunctionLogger.Level threshold) {
    return new AzureFunctions(
        new Dispatcher(
            () -> FunctionRegistry.load(OutcomeRecordTest.class.getClassLoader()),
            Clock.systemUTC(),
            threshold,
            AzureFunctions.DEFAULT_ROUTE_PREFIX,
            Instrumentation.of(true, List.of())));
  }

  @Test
  void eachHttpInvocationEndsWithOneRecordAndOnlyTheFirstIsCold() {
    AzureFunctions functions = functions(FunctionLogger.Level.INFO);
    FakeExecutionContext first = new FakeExecutionContext("echo-http");
    FakeExecutionContext second = new FakeExecutionContext("echo-http");
    functions.http(request(), first);
    functions.http(request(), second);

    JsonNode record = AdapterLogs.outcomes(first).get(0);
    assertThat(AdapterLogs.outcomes(first)).hasSize(1);
    assertThat(record.get("level").asText()).isEqualTo("INFO");
    assertThat(record.get("function").asText()).isEqualTo("echo-http");
    assertThat(record.get("invocationId").asText()).isEqualTo(first.getInvocationId());
    assertThat(record.get("outcome").asText()).isEqualTo("success");
    assertThat(record.get("trigger").asText()).isEqualTo("http");
    assertThat(record.get("source").asText()).isEqualTo("http");
    assertThat(record.get("status").asInt()).isEqualTo(200);
    assertThat(record.get("durationMs").asDouble()).isPositive();
    assertThat(record.get("coldStart").asBoolean()).isTrue();
    assertThat(AdapterLogs.outcomes(second).get(0).get("coldStart").asBoolean()).isFalse();
  }

  @Test
  void aQueueMessageThatFailsIsAnErrorWithItsBatchCounts() {
    FakeExecutionContext context = new FakeExecutionContext("echo-message");
    assertThatThrownBy(
            () ->
                functions(FunctionLogger.Level.INFO)
                    .queue(
                        "poison".getBytes(StandardCharsets.UTF_8),
                        "800ae4b3-bdd2-4c08-badd-f08e5a34b865",
                        "1",
                        "Wed, 09 Oct 2019 17:58:31 GMT",
                        context))
        .isInstanceOf(FunctionException.class);

    JsonNode record = AdapterLogs.outcomes(context).get(0);
    assertThat(record.get("outcome").asText()).isEqualTo("error");
    assertThat(record.get("trigger").asText()).isEqualTo("pubsub");
    assertThat(record.get("source").asText()).isEqualTo("azure_queue");
    assertThat(record.get("errorKind").asText()).isEqualTo("INTERNAL");
    assertThat(record.get("batchSize").asInt()).isEqualTo(1);
    assertThat(record.get("failed").asInt()).isEqualTo(1);
  }

  @Test
  void aTriggerOfTheWrongKindIsARefusalAndDebugSaysHowItWasClassified() {
    FakeExecutionContext context = new FakeExecutionContext("echo-http_timer");
    assertThatThrownBy(() -> functions(FunctionLogger.Level.DEBUG).timer("{}", context))
        .isInstanceOf(FunctionException.class);

    JsonNode record = AdapterLogs.outcomes(context).get(0);
    assertThat(record.get("outcome").asText()).isEqualTo("refused");
    assertThat(record.get("errorKind").asText()).isEqualTo("UNSUPPORTED_TRIGGER");
    assertThat(record.get("trigger").asText()).isEqualTo("timer");
    assertThat(AdapterLogs.records(context))
        .filteredOn(line -> line.getLevel() == Level.FINE)
        .extracting(line -> AdapterLogs.message(line.getMessage()))
        .containsExactly(
            "Classified the invocation by its binding as a timer trigger of Azure function"
                + " 'echo-http_timer', which runs portable function 'echo-http' (its name up to the"
                + " first '_'): an HTTP function, which this trigger cannot run; refused.");
  }

  private static FakeHttpRequest<Optional<String>> request() {
    return FakeHttpRequest.of(
        HttpMethod.GET,
        "https://pf-echo.azurewebsites.net/api/echo-http/a",
        Map.of(),
        Map.of(),
        Optional.empty());
  }
}
