package dev.portablefunctions.gcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portablefunctions.Context;
import dev.portablefunctions.FunctionException;
import dev.portablefunctions.FunctionLogger;
import dev.portablefunctions.Message;
import dev.portablefunctions.MessageFunction;
import dev.portablefunctions.ScheduleEvent;
import dev.portablefunctions.StorageEvent;
import dev.portablefunctions.gcp.testing.LogLines;
import dev.portablefunctions.gcp.testing.RecordedEvents;
import dev.portablefunctions.samples.echo.EchoHttp;
import dev.portablefunctions.samples.echo.EchoMessage;
import dev.portablefunctions.spi.FunctionDefinition;
import dev.portablefunctions.spi.FunctionRegistry;
import dev.portablefunctions.spi.ReportedFailure;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class GcpEventFunctionTest {

  private static final String TRACEPARENT =
      "00-5759e988bd862e3fe1be46a994272793-53995c3f42cd8ad8-01";

  private final List<String> lines = new CopyOnWriteArrayList<>();

  private GcpEventFunction entry(Map<String, String> env, FunctionDefinition... functions) {
    FunctionRegistry registry = FunctionRegistry.of(functions);
    GcpEventFunction entry =
        new GcpEventFunction(
            Deployment.of(
                Deployment.Entry.EVENT,
                () -> registry,
                env,
                lines::add,
                FunctionLogger.Level.DEBUG));
    return entry;
  }

  private GcpEventFunction entry(FunctionDefinition... functions) {
    GcpEventFunction entry = entry(Map.of("GOOGLE_CLOUD_PROJECT", "my-project"), functions);
    lines.clear(); // the start-up line
    return entry;
  }

  /** The adapter's lines, without the DEBUG lines that say how each event was classified. */
  private List<JsonNode> notDebug() {
    List<JsonNode> logged = new ArrayList<>(LogLines.adapterLines(lines));
    logged.removeIf(line -> line.get("severity").asText().equals("DEBUG"));
    return logged;
  }

  private List<JsonNode> logged(String severity) {
    List<JsonNode> matching = new ArrayList<>();
    for (JsonNode line : LogLines.adapterLines(lines)) {
      if (line.get("severity").asText().equals(severity)) {
        matching.add(line);
      }
    }
    return matching;
  }

  private static FunctionDefinition message(MessageFunction function) {
    return FunctionDefinition.message("orders", function);
  }

  @Test
  void aMessageFunctionReceivesThePubsubMessage() throws Exception {
    AtomicReference<Message> received = new AtomicReference<>();
    AtomicReference<Context> context = new AtomicReference<>();
    CloudEvent event = RecordedEvents.event("pubsub-message-published.json");

    entry(
            message(
                (m, c) -> {
                  received.set(m);
                  context.set(c);
                }))
        .accept(event);

    assertThat(received.get().id()).isEqualTo("message-id");
    assertThat(received.get().bodyAsString()).isEqualTo("test message 3");
    assertThat(received.get().attributes()).isEqualTo(Map.of("attr1", "attr1-value"));
    assertThat(received.get().orderingKey()).contains("ordering-key");
    assertThat(context.get().invocationId()).isEqualTo("3103425958877813");
    assertThat(context.get().functionName()).isEqualTo("orders");
    assertThat(context.get().cloud().id()).isEqualTo("gcp");
    assertThat(context.get().unwrap(CloudEvent.class)).containsSame(event);
    JsonNode record = context.get().unwrap(JsonNode.class).orElseThrow();
    assertThat(record.path("message").path("messageId").asText()).isEqualTo("message-id");
    assertThat(record.path("subscription").asText()).isNotEmpty();
  }

  @Test
  void aStorageFunctionUnwrapsItsObjectsJson() {
    AtomicReference<Context> context = new AtomicReference<>();
    entry(FunctionDefinition.event("thumbs", StorageEvent.class, (e, c) -> context.set(c)))
        .accept(RecordedEvents.event("storage-object-finalized.json"));

    assertThat(context.get().unwrap(JsonNode.class).orElseThrow().path("name").asText())
        .isEqualTo("folder/Test.cs");
  }

  @Test
  void anEventOfAnUnlistedTypeIsReportedWithoutRepeatingItsTypeOrSource() {
    GcpEventFunction entry = entry(message((m, c) -> {}));
    CloudEvent odd =
        CloudEventBuilder.from(RecordedEvents.event("pubsub-message-published.json"))
            .withType("com.example.sk_live_secret")
            .withSource(java.net.URI.create("//sk_live_source"))
            .build();

    assertThatThrownBy(() -> entry.accept(odd)).isInstanceOf(ReportedFailure.class);
    assertThat(logged("ERROR"))
        .singleElement()
        .satisfies(
            line ->
                assertThat(line.get("message").asText())
                    .contains("of a type not listed here")
                    .doesNotContain("sk_live"));
  }

  @Test
  void aPoisonMessageFailsTheInvocationAfterOneErrorLine() {
    GcpEventFunction entry = entry(FunctionDefinition.of(new EchoMessage()));
    CloudEvent poison = RecordedEvents.event("pubsub-with-poison.json");

    assertThatThrownBy(() -> entry.accept(poison))
        .isInstanceOfSatisfying(
            ReportedFailure.class,
            e -> assertThat(e.kind()).isEqualTo(FunctionException.Kind.INTERNAL))
        .hasMessage(
            "The function failed unexpectedly. Its operator can find the cause in the logs under"
                + " invocation id 3103425958877999.")
        .hasNoCause()
        .satisfies(e -> assertThat(e.getStackTrace()).isEmpty());
    assertThat(logged("INFO"))
        .singleElement()
        .satisfies(line -> assertThat(line.get("message").asText()).startsWith("ECHO "));
    assertThat(logged("ERROR"))
        .singleElement()
        .satisfies(
            line -> {
              assertThat(LogLines.executionId(line)).isEqualTo("3103425958877999");
              assertThat(line.get("message").asText())
                  .contains("failed on message 3103425958877999");
              assertThat(line.get("stack_trace").asText())
                  .contains("IllegalStateException: poison message");
            });
  }

  @Test
  void aMessageFunctionsBadInputIsAWarningAndStillFails() {
    GcpEventFunction entry =
        entry(
            message(
                (m, c) -> {
                  throw FunctionException.badInput("not an order");
                }));

    assertThatThrownBy(() -> entry.accept(RecordedEvents.event("pubsub-message-published.json")))
        .isInstanceOfSatisfying(
            ReportedFailure.class,
            e -> assertThat(e.kind()).isEqualTo(FunctionException.Kind.BAD_INPUT))
        .hasMessage("not an order");
    assertThat(logged("WARNING"))
        .singleElement()
        .satisfies(line -> assertThat(line.get("message").asText()).contains("not an order"));
    assertThat(logged("ERROR")).isEmpty();
  }

  @Test
  void undecodableDataIsLoggedOnceAndFails() {
    GcpEventFunction entry = entry(message((m, c) -> {}));
    CloudEvent event =
        CloudEventBuilder.from(RecordedEvents.event("pubsub-message-published.json"))
            .withData(
                "application/json",
                "{\"message\":{\"data\":\"%%%\"}}".getBytes(StandardCharsets.UTF_8))
            .build();

    assertThatThrownBy(() -> entry.accept(event))
        .isInstanceOfSatisfying(
            ReportedFailure.class,
            e -> assertThat(e.kind()).isEqualTo(FunctionException.Kind.BAD_INPUT))
        .hasMessageContaining("at /message/data: expected base64");
    assertThat(notDebug())
        .singleElement()
        .satisfies(
            line -> {
              assertThat(line.get("severity").asText()).isEqualTo("WARNING");
              assertThat(line.get("message").asText())
                  .contains("orders cannot take CloudEvent 3103425958877813");
            });
  }

  @Test
  void aStorageFunctionReceivesFinalizedAndDeletedObjects() throws Exception {
    List<StorageEvent> received = new ArrayList<>();
    GcpEventFunction entry =
        entry(
            FunctionDefinition.event(
                "thumbs", StorageEvent.class, (event, context) -> received.add(event)));

    entry.accept(RecordedEvents.event("storage-object-finalized.json"));
    entry.accept(RecordedEvents.event("storage-object-deleted.json"));

    assertThat(received)
        .extracting(StorageEvent::change)
        .containsExactly(StorageEvent.Change.CREATED, StorageEvent.Change.DELETED);
    assertThat(received.get(0).bucket()).isEqualTo("some-bucket");
    assertThat(received.get(0).key()).isEqualTo("folder/Test.cs");
    assertThat(received.get(0).size()).hasValue(352);
  }

  @Test
  void aStorageFunctionRejectsOtherEventTypesNamingWhatItTakes() {
    GcpEventFunction entry =
        entry(FunctionDefinition.event("thumbs", StorageEvent.class, (event, context) -> {}));

    assertThatThrownBy(() -> entry.accept(RecordedEvents.event("pubsub-message-published.json")))
        .isInstanceOfSatisfying(
            ReportedFailure.class,
            e -> assertThat(e.kind()).isEqualTo(FunctionException.Kind.INTERNAL))
        .hasMessageContaining("not deployed for this kind of request or event")
        .hasMessageContaining("3103425958877813")
        .hasNoCause();
    assertThat(notDebug())
        .singleElement()
        .satisfies(
            line -> {
              assertThat(line.get("severity").asText()).isEqualTo("ERROR");
              assertThat(LogLines.executionId(line)).isEqualTo("3103425958877813");
              assertThat(line.get("message").asText())
                  .contains(
                      "thumbs is a storage event function",
                      "google.cloud.storage.object.v1.finalized",
                      "google.cloud.pubsub.topic.v1.messagePublished",
                      "Check the trigger's event filters");
            });
  }

  @Test
  void aScheduleFunctionTicksAtThePublishTimeOfTheSchedulersMessage() throws Exception {
    AtomicReference<ScheduleEvent> tick = new AtomicReference<>();
    GcpEventFunction entry =
        entry(
            FunctionDefinition.event(
                "nightly", ScheduleEvent.class, (event, context) -> tick.set(event)));

    entry.accept(RecordedEvents.event("pubsub-scheduler.json"));

    assertThat(tick.get()).isEqualTo(ScheduleEvent.of(Instant.parse("2021-02-06T02:00:00.412Z")));
  }

  @Test
  void aCloudEventFunctionReceivesAnyEventAsDelivered() throws Exception {
    AtomicReference<CloudEvent> received = new AtomicReference<>();
    GcpEventFunction entry =
        entry(
            FunctionDefinition.event(
                "audit", CloudEvent.class, (event, context) -> received.set(event)));
    CloudEvent firestore = RecordedEvents.event("firestore-document-written.json");
    CloudEvent audit = RecordedEvents.event("audit-log-written.json");

    entry.accept(firestore);
    assertThat(received.get()).isSameAs(firestore);
    entry.accept(audit);
    assertThat(received.get()).isSameAs(audit);
    assertThat(received.get().getExtension("methodname")).isEqualTo("jobservice.jobcompleted");
  }

  @Test
  void traceComesFromTheTraceparentExtension() throws Exception {
    AtomicReference<Context> seen = new AtomicReference<>();
    GcpEventFunction entry =
        entry(
            FunctionDefinition.event(
                "audit",
                CloudEvent.class,
                (event, context) -> {
                  seen.set(context);
                  context.logger().info("seen");
                }));
    CloudEvent event =
        CloudEventBuilder.from(RecordedEvents.event("storage-object-finalized.json"))
            .withExtension("traceparent", TRACEPARENT)
            .build();

    entry.accept(event);

    assertThat(seen.get().trace().traceId()).contains("5759e988bd862e3fe1be46a994272793");
    assertThat(logged("INFO"))
        .singleElement()
        .satisfies(
            line -> {
              assertThat(line.get("logging.googleapis.com/trace").asText())
                  .isEqualTo("projects/my-project/traces/5759e988bd862e3fe1be46a994272793");
              assertThat(LogLines.executionId(line))
                  .isEqualTo("aaaaaa-1111-bbbb-2222-cccccccccccc");
            });
  }

  @Test
  void anHttpFunctionFailsStartUpNamingTheEntryPointToUse() {
    assertThatThrownBy(() -> entry(Map.of(), FunctionDefinition.of(new EchoHttp())))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContainingAll(
            "GcpEventFunction cannot start",
            "echo-http is an HTTP function",
            "--entry-point=" + GcpHttpFunction.class.getName());

    assertThat(logged("ERROR"))
        .singleElement()
        .satisfies(
            line ->
                assertThat(line.get("message").asText())
                    .contains(
                        "echo-http is an HTTP function",
                        "--entry-point=" + GcpHttpFunction.class.getName()));
  }

  @Test
  void aSelectionErrorFailsStartUp() {
    assertThatThrownBy(
            () ->
                entry(
                    Map.of("PORTABLE_FUNCTION", "missing"),
                    FunctionDefinition.of(new EchoMessage())))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContainingAll(
            "GcpEventFunction cannot start", "PORTABLE_FUNCTION='missing'", "echo-message");

    assertThat(logged("ERROR"))
        .singleElement()
        .satisfies(
            line ->
                assertThat(line.get("logging.googleapis.com/labels").get("function").asText())
                    .isEqualTo("missing"));
  }

  @Test
  void aMessageFunctionInterruptedByAShutdownFailsTheEventWithOneWarning() {
    GcpEventFunction entry =
        entry(
            message(
                (m, c) -> {
                  Thread.currentThread().interrupt(); // what a shutdown of the thread pool does
                  Thread.sleep(60_000);
                }));

    try {
      assertThatThrownBy(() -> entry.accept(RecordedEvents.event("pubsub-message-published.json")))
          .isInstanceOfSatisfying(
              ReportedFailure.class,
              e -> assertThat(e.kind()).isEqualTo(FunctionException.Kind.TIMEOUT))
          .hasMessageContaining("interrupted before function orders finished");
      assertThat(Thread.currentThread().isInterrupted())
          .as("the interrupt status stays set")
          .isTrue();
    } finally {
      Thread.interrupted();
    }
    assertThat(notDebug())
        .singleElement()
        .satisfies(
            line -> {
              assertThat(line.get("severity").asText()).isEqualTo("WARNING");
              assertThat(LogLines.executionId(line)).isEqualTo("3103425958877813");
            });
  }

  @Test
  void anEventFunctionInterruptedByAShutdownFailsTheEventWithOneWarning() {
    GcpEventFunction entry =
        entry(
            FunctionDefinition.event(
                "thumbs",
                StorageEvent.class,
                (event, context) -> {
                  Thread.currentThread().interrupt();
                  Thread.sleep(60_000);
                }));

    try {
      assertThatThrownBy(() -> entry.accept(RecordedEvents.event("storage-object-finalized.json")))
          .isInstanceOfSatisfying(
              ReportedFailure.class,
              e -> assertThat(e.kind()).isEqualTo(FunctionException.Kind.TIMEOUT));
    } finally {
      Thread.interrupted();
    }
    assertThat(notDebug())
        .singleElement()
        .satisfies(line -> assertThat(line.get("severity").asText()).isEqualTo("WARNING"));
  }

  @Test
  void aMessageThatArrivesOnAnInterruptedThreadIsNotRunAndLoggedOnce() {
    AtomicReference<Message> ran = new AtomicReference<>();
    GcpEventFunction entry = entry(message((m, c) -> ran.set(m)));

    try {
      Thread.currentThread().interrupt();
      assertThatThrownBy(() -> entry.accept(RecordedEvents.event("pubsub-message-published.json")))
          .isInstanceOfSatisfying(
              ReportedFailure.class,
              e -> assertThat(e.kind()).isEqualTo(FunctionException.Kind.UNAVAILABLE));
    } finally {
      Thread.interrupted();
    }
    assertThat(ran.get()).isNull();
    assertThat(notDebug())
        .singleElement()
        .satisfies(
            line -> {
              assertThat(line.get("severity").asText()).isEqualTo("WARNING");
              assertThat(line.get("message").asText())
                  .contains("was not run because the invocation was interrupted");
            });
  }

  @Test
  void aFunctionWhoseConstructorFailsFailsStartUpWithOneLogLine() {
    FunctionDefinition broken =
        FunctionDefinition.indexed(
            "broken",
            dev.portablefunctions.spi.FunctionKind.MESSAGE,
            "x.Broken",
            null,
            new dev.portablefunctions.spi.FunctionIndex() {
              @Override
              public List<FunctionDefinition> functions() {
                return List.of();
              }

              @Override
              public Object newInstance(String name) {
                throw new IllegalStateException("no database");
              }
            });

    assertThatThrownBy(() -> entry(Map.of(), broken))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("GcpEventFunction cannot start")
        .hasMessageContaining("no database");
    assertThat(logged("ERROR"))
        .singleElement()
        .satisfies(line -> assertThat(line.get("stack_trace").asText()).contains("no database"));
  }
}
