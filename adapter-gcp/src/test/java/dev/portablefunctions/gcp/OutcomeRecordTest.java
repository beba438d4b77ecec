package dev.portablefunctions.gcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portablefunctions.FunctionLogger;
import dev.portablefunctions.gcp.testing.LogLines;
import dev.portablefunctions.gcp.testing.RecordedEvents;
import dev.portablefunctions.samples.echo.EchoHttp;
import dev.portablefunctions.samples.echo.EchoMessage;
import dev.portablefunctions.samples.echo.EchoStorage;
import dev.portablefunctions.spi.FunctionDefinition;
import dev.portablefunctions.spi.FunctionRegistry;
import dev.portablefunctions.spi.Instrumentation;
import dev.portablefunctions.spi.ReportedFailure;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The outcome record each invocation ends with, in Cloud Logging's format, and the DEBUG lines. */
class OutcomeRecordTest {

  private final List<String> lines = new CopyOnWriteArrayList<>();

  private Deployment deployment(
      Deployment.Entry entry, Object function, FunctionLogger.Level level) {
    FunctionRegistry registry = FunctionRegistry.of(FunctionDefinition.of(function));
    Deployment deployment =
        Deployment.of(
            entry,
            () -> registry,
            Map.of("GOOGLE_CLOUD_PROJECT", "my-project"),
            lines::add,
            level,
            Instrumentation.of(true, List.of()));
    lines.clear(); // the start-up line
    return deployment;
  }

  private List<JsonNode> records() {
    return LogLines.adapterLines(lines).stream()
        .filter(line -> line.has("outcome"))
        .collect(Collectors.toList());
  }

  @Test
  void eachRequestEndsWithOneRecordAndOnlyTheFirstIsCold() {
    GcpHttpFunction entry =
        new GcpHttpFunction(
            deployment(Deployment.Entry.HTTP, new EchoHttp(), FunctionLogger.Level.INFO));
    entry.service(
        new FakeHttpRequest("GET", "/a").header("function-execution-id", "exec-1"),
        new FakeHttpResponse());
    entry.service(
        new FakeHttpRequest("GET", "/b").header("function-execution-id", "exec-2"),
        new FakeHttpResponse());

    List<JsonNode> records = records();
    assertThat(records).hasSize(2);
    JsonNode first = records.get(0);
    assertThat(first.get("severity").asText()).isEqualTo("INFO");
    assertThat(first.get("logging.googleapis.com/labels").get("function").asText())
        .isEqualTo("echo-http");
    assertThat(LogLines.executionId(first)).isEqualTo("exec-1");
    assertThat(first.get("outcome").asText()).isEqualTo("success");
    assertThat(first.get("trigger").asText()).isEqualTo("http");
    assertThat(first.get("source").asText()).isEqualTo("http");
    assertThat(first.get("status").asInt()).isEqualTo(200);
    assertThat(first.get("durationMs").asDouble()).isPositive();
    assertThat(first.get("coldStart").asBoolean()).isTrue();
    assertThat(first.get("message").asText()).startsWith("Invocation succeeded in ");
    assertThat(records.get(1).get("coldStart").asBoolean()).isFalse();
  }

  @Test
  void aPubSubMessageThatFailsIsAnErrorWithItsBatchCounts() {
    GcpEventFunction entry =
        new GcpEventFunction(
            deployment(Deployment.Entry.EVENT, new PoisonEverything(), FunctionLogger.Level.INFO));
    assertThatThrownBy(() -> entry.accept(RecordedEvents.event("pubsub-message-published.json")))
        .isInstanceOf(ReportedFailure.class);

    JsonNode record = records().get(0);
    assertThat(record.get("outcome").asText()).isEqualTo("error");
    assertThat(record.get("trigger").asText()).isEqualTo("pubsub");
    assertThat(record.get("source").asText()).isEqualTo("gcp_pubsub");
    assertThat(record.get("errorKind").asText()).isEqualTo("INTERNAL");
    assertThat(record.get("batchSize").asInt()).isEqualTo(1);
    assertThat(record.get("failed").asInt()).isEqualTo(1);
    assertThat(record.has("status")).isFalse();
  }

  @Test
  void anEventOfAnotherTypeIsARefusalAndDebugSaysWhy() {
    GcpEventFunction entry =
        new GcpEventFunction(
            deployment(Deployment.Entry.EVENT, new EchoStorage(), FunctionLogger.Level.DEBUG));
    assertThatThrownBy(() -> entry.accept(RecordedEvents.event("pubsub-message-published.json")))
        .isInstanceOf(ReportedFailure.class);

    JsonNode record = records().get(0);
    assertThat(record.get("outcome").asText()).isEqualTo("refused");
    assertThat(record.get("errorKind").asText()).isEqualTo("UNSUPPORTED_TRIGGER");
    assertThat(record.get("trigger").asText()).isEqualTo("pubsub");
    List<String> debug =
        LogLines.adapterLines(lines).stream()
            .filter(line -> line.get("severity").asText().equals("DEBUG"))
            .map(line -> line.get("message").asText())
            .collect(Collectors.toList());
    assertThat(debug)
        .anyMatch(
            message ->
                message.startsWith(
                        "Classified the CloudEvent by its type attribute as a Pub/Sub message")
                    && message.endsWith("does not take it."));
  }

  @Test
  void theRecordCanBeTurnedOff() {
    FunctionRegistry registry = FunctionRegistry.of(FunctionDefinition.of(new EchoMessage()));
    GcpEventFunction entry =
        new GcpEventFunction(
            Deployment.of(
                Deployment.Entry.EVENT,
                () -> registry,
                Map.of(),
                lines::add,
                FunctionLogger.Level.INFO,
                Instrumentation.of(false, List.of())));
    entry.accept(RecordedEvents.event("pubsub-message-published.json"));

    assertThat(records()).isEmpty();
  }

  /** A message function that fails on every message. */
  public static final class PoisonEverything implements dev.portablefunctions.MessageFunction {
    @Override
    public void handle(
        dev.portablefunctions.Message message, dev.portablefunctions.Context context) {
      throw new IllegalStateException("poison");
    }
  }
}
