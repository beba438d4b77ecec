package dev.portablefunctions.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portablefunctions.FunctionException;
import dev.portablefunctions.Message;
import dev.portablefunctions.azure.fakes.FakeExecutionContext;
import dev.portablefunctions.azure.testfunctions.Recorded;
import dev.portablefunctions.azure.testing.AdapterLogs;
import dev.portablefunctions.azure.testing.Fixtures;
import dev.portablefunctions.spi.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Queue Storage, Service Bus and Event Hubs entry points, fed the values the Java worker binds
 * to {@code String} parameters: plain strings for string metadata, JSON text for the rest (so dates
 * arrive with their quotes), from the recorded metadata in {@code events/azure}.
 */
class AzureFunctionsMessageTest {

  private final AzureFunctions functions = new AzureFunctions();

  private final JsonNode queueMetadata = tree(Fixtures.read("queue-trigger-metadata.json"));

  @BeforeEach
  void clear() {
    Recorded.clear();
  }

  // What the worker passes for each queue metadata entry bound to a String: Id is a string entry,
  // DequeueCount and InsertionTime are JSON entries, passed as their JSON text.
  private String id() {
    return queueMetadata.path("Id").asText();
  }

  private String dequeueCount() {
    return queueMetadata.path("DequeueCount").toString();
  }

  private String insertionTime() {
    return queueMetadata.path("InsertionTime").toString();
  }

  @Test
  void aQueueMessageReachesEchoMessage() throws Exception {
    FakeExecutionContext context = new FakeExecutionContext("echo-message");

    functions.queue(bytes("hello"), id(), dequeueCount(), insertionTime(), context);

    assertThat(AdapterLogs.echoes(context))
        .containsExactly(
            "{\"id\":\"800ae4b3-bdd2-4c08-badd-f08e5a34b865\",\"body\":\""
                + base64("hello")
                + "\",\"attributes\":{}}");
  }

  @Test
  void aQueueMessageCarriesItsMetadata() throws Exception {
    assertThat(insertionTime()).isEqualTo("\"2019-10-09T17:58:31+00:00\"");

    functions.queue(
        bytes("hello"),
        id(),
        dequeueCount(),
        insertionTime(),
        new FakeExecutionContext("record-message"));

    Message message = (Message) Recorded.values().get(0);
    assertThat(message.id()).isEqualTo("800ae4b3-bdd2-4c08-badd-f08e5a34b865");
    assertThat(message.deliveryAttempt()).hasValue(1);
    assertThat(message.publishTime()).contains(Instant.parse("2019-10-09T17:58:31Z"));
    assertThat(message.bodyAsString()).isEqualTo("hello");
    assertThat(message.attributes()).isEmpty();
  }

  @Test
  void aPoisonQueueMessageIsThrownToTheHostAsAFunctionExceptionAndLoggedOnce() {
    FakeExecutionContext context = new FakeExecutionContext("echo-message");

    assertThatThrownBy(() -> functions.queue(bytes("poison"), id(), "5", insertionTime(), context))
        .satisfies(e -> assertReported(e, FunctionException.Kind.INTERNAL, context))
        .hasMessageNotContaining("poison message");

    // The runner's log line has the function's exception and its stack; the host's record of the
    // rethrown failure repeats neither.
    assertThat(AdapterLogs.records(context).stream().filter(r -> r.getLevel() == Level.SEVERE))
        .singleElement()
        .satisfies(
            r -> assertThat(r.getMessage()).contains("poison message 800ae4b3").contains("\\tat "));
  }

  @Test
  void aServiceBusMessageReachesEchoMessageWithItsApplicationProperties() throws Exception {
    FakeExecutionContext context = new FakeExecutionContext("echo-message_commands");

    functions.serviceBusQueue(
        bytes("{\"order\":7}"),
        "f3b1a1c2-0001",
        "1",
        "\"2020-08-31T16:48:37.708\"",
        Fixtures.read("servicebus-application-properties.json"),
        context);

    assertThat(AdapterLogs.echoes(context))
        .containsExactly(
            "{\"id\":\"f3b1a1c2-0001\",\"body\":\""
                + base64("{\"order\":7}")
                + "\",\"attributes\":{\"prop1\":\"value1\",\"prop2\":\"value2\"}}");
  }

  @Test
  void aServiceBusMessageCarriesItsMetadata() throws Exception {
    functions.serviceBusTopic(
        bytes("x"),
        "m-1",
        "3",
        "\"2020-08-31T16:48:37.708\"",
        "{\"tenant\":\"acme\",\"priority\":5,\"urgent\":true,\"missing\":null}",
        new FakeExecutionContext("record-message"));

    Message message = (Message) Recorded.values().get(0);
    assertThat(message.id()).isEqualTo("m-1");
    assertThat(message.deliveryAttempt()).hasValue(3);
    assertThat(message.publishTime()).contains(Instant.parse("2020-08-31T16:48:37.708Z"));
    assertThat(message.attributes())
        .containsExactly(
            Map.entry("tenant", "acme"), Map.entry("priority", "5"), Map.entry("urgent", "true"));
  }

  @Test
  void aPoisonServiceBusMessageIsThrownSoTheHostAbandonsIt() {
    FakeExecutionContext context = new FakeExecutionContext("echo-message");

    assertThatThrownBy(
            () ->
                functions.serviceBusQueue(
                    bytes("poison pill"),
                    "m-2",
                    "10",
                    "\"2020-08-31T16:48:37.708\"",
                    "{}",
                    context))
        .satisfies(e -> assertReported(e, FunctionException.Kind.INTERNAL, context))
        .hasMessageNotContaining("poison message");
    assertThat(AdapterLogs.echoes(context)).hasSize(1);
    assertThat(AdapterLogs.records(context).stream().filter(r -> r.getLevel() == Level.SEVERE))
        .hasSize(1);
  }

  @Test
  void aFunctionExceptionKeepsItsKindAndDetailOnItsWayToTheHost() {
    FakeExecutionContext context = new FakeExecutionContext("reject-message");

    assertThatThrownBy(() -> functions.queue(bytes("x"), id(), "1", insertionTime(), context))
        .isInstanceOf(FunctionException.class)
        .hasMessage("order 7 is not valid")
        .satisfies(
            e ->
                assertThat(((FunctionException) e).kind())
                    .isEqualTo(FunctionException.Kind.BAD_INPUT));
    assertThat(AdapterLogs.records(context))
        .singleElement()
        .satisfies(r -> assertThat(r.getLevel()).isEqualTo(Level.WARNING));
  }

  @Test
  void anEventHubsBatchRunsEveryEventAndThenThrowsListingTheFailedOnes() {
    FakeExecutionContext context = new FakeExecutionContext("echo-message_telemetry");
    byte[][] events = {bytes("poison reading"), bytes("{\"temp\":21}")};

    assertThatThrownBy(
            () ->
                functions.eventHub(
                    events,
                    Fixtures.read("eventhub-system-properties-array.json"),
                    "[{},{}]",
                    context))
        .satisfies(e -> assertReported(e, FunctionException.Kind.INTERNAL, context))
        .hasMessageContaining("1 of 2 events failed (sequence numbers 12)")
        .hasMessageNotContaining("poison");

    // The event after the poison one still ran.
    assertThat(AdapterLogs.echoes(context))
        .containsExactly(
            "{\"id\":\"12\",\"body\":\"" + base64("poison reading") + "\",\"attributes\":{}}",
            "{\"id\":\"13\",\"body\":\"" + base64("{\"temp\":21}") + "\",\"attributes\":{}}");
    // One log line for the failure, from the shared pipeline; the batch exception is not logged
    // again.
    assertThat(AdapterLogs.records(context).stream().filter(r -> r.getLevel() == Level.SEVERE))
        .hasSize(1);
  }

  @Test
  void everyFailedEventIsListedAndLoggedOnce() {
    FakeExecutionContext context = new FakeExecutionContext("echo-message");
    byte[][] events = {bytes("poison a"), bytes("fine"), bytes("poison b")};
    String system = "[{\"SequenceNumber\":7},{\"SequenceNumber\":8},{\"SequenceNumber\":9}]";

    assertThatThrownBy(() -> functions.eventHub(events, system, "[]", context))
        .satisfies(e -> assertReported(e, FunctionException.Kind.INTERNAL, context))
        .hasMessageContaining("2 of 3 events failed (sequence numbers 7, 9)")
        .satisfies(e -> assertThat(e.getSuppressed()).isEmpty());
    assertThat(AdapterLogs.echoes(context)).hasSize(3);
    // Each failure is logged once, with its message id; the batch's exception is not logged.
    assertThat(AdapterLogs.records(context).stream().filter(r -> r.getLevel() == Level.SEVERE))
        .extracting(r -> r.getMessage())
        .satisfiesExactly(
            first -> assertThat(first).contains("failed on message 7"),
            second -> assertThat(second).contains("failed on message 9"));
  }

  @Test
  void anEventHubsEventCarriesItsSystemAndApplicationProperties() throws Exception {
    byte[][] events = {bytes("a"), bytes("")};

    functions.eventHub(
        events,
        Fixtures.read("eventhub-system-properties-array.json"),
        "[{\"source\":\"sensor-7\",\"count\":2},{}]",
        new FakeExecutionContext("record-message").retryCount(2));

    List<Message> messages =
        Recorded.values().stream().map(Message.class::cast).collect(Collectors.toList());
    assertThat(messages).extracting(Message::id).containsExactly("12", "13");
    Message first = messages.get(0);
    assertThat(first.orderingKey()).contains("device-1");
    assertThat(first.publishTime()).contains(Instant.parse("2024-05-01T10:15:30.123Z"));
    assertThat(first.attributes())
        .containsExactly(Map.entry("source", "sensor-7"), Map.entry("count", "2"));
    assertThat(first.deliveryAttempt()).hasValue(3);
    Message second = messages.get(1);
    assertThat(second.orderingKey()).isEmpty();
    assertThat(second.body()).isEmpty();
    assertThat(second.attributes()).isEmpty();
  }

  @Test
  void eachMessageUnwrapsItsOwnRecord() throws Exception {
    functions.queue(
        bytes("q"),
        id(),
        dequeueCount(),
        insertionTime(),
        new FakeExecutionContext("record-message-record"));
    functions.serviceBusQueue(
        bytes("s"),
        "sb-1",
        "2",
        "\"2024-05-01T10:15:30\"",
        "{\"tenant\":\"t1\"}",
        new FakeExecutionContext("record-message-record"));
    functions.eventHub(
        new byte[][] {bytes("a"), bytes("b")},
        Fixtures.read("eventhub-system-properties-array.json"),
        "[{\"source\":\"sensor-7\"},{\"source\":\"sensor-8\"}]",
        new FakeExecutionContext("record-message-record"));

    List<JsonNode> records =
        Recorded.values().stream().map(JsonNode.class::cast).collect(Collectors.toList());
    assertThat(records).hasSize(4);
    assertThat(records.get(0).path("Id").asText())
        .isEqualTo("800ae4b3-bdd2-4c08-badd-f08e5a34b865");
    assertThat(records.get(0).path("DequeueCount").asInt()).isEqualTo(1);
    assertThat(records.get(0).path("InsertionTime").asText())
        .isEqualTo("2019-10-09T17:58:31+00:00");
    assertThat(records.get(1).path("MessageId").asText()).isEqualTo("sb-1");
    assertThat(records.get(1).path("DeliveryCount").asInt()).isEqualTo(2);
    assertThat(records.get(1).path("ApplicationProperties").path("tenant").asText())
        .isEqualTo("t1");
    // In a batch, each event sees its own metadata, not the batch's arrays.
    assertThat(records.get(2).path("SystemProperties").path("SequenceNumber").asLong())
        .isEqualTo(12);
    assertThat(records.get(2).path("Properties").path("source").asText()).isEqualTo("sensor-7");
    assertThat(records.get(3).path("SystemProperties").path("SequenceNumber").asLong())
        .isEqualTo(13);
    assertThat(records.get(3).path("Properties").path("source").asText()).isEqualTo("sensor-8");
  }

  @Test
  void anEventWithoutMetadataIsNamedByItsPositionWhichNoSequenceNumberCanBe() throws Exception {
    functions.eventHub(
        new byte[][] {bytes("a"), bytes("b")},
        "[]",
        "[]",
        new FakeExecutionContext("record-message"));

    assertThat(Recorded.values()).extracting(m -> ((Message) m).id()).containsExactly("#0", "#1");
  }

  @Test
  void aBatchWithAndWithoutMetadataListsDistinctIds() {
    FakeExecutionContext context = new FakeExecutionContext("echo-message");
    byte[][] events = {bytes("poison a"), bytes("poison b")};

    // The second event has no system properties: its id must not look like sequence number 1.
    assertThatThrownBy(() -> functions.eventHub(events, "[{\"SequenceNumber\":1}]", "[]", context))
        .hasMessageContaining("2 of 2 events failed (sequence numbers 1, #1)");
  }

  @Test
  void aMessageTriggerOnAnHttpFunctionIsThrownWithWhatItTakes() {
    FakeExecutionContext context = new FakeExecutionContext("echo-http");

    assertThatThrownBy(
            () -> functions.queue(bytes("x"), "1", "1", "\"2019-10-09T17:58:31+00:00\"", context))
        .satisfies(e -> assertReported(e, FunctionException.Kind.INTERNAL, context))
        .hasMessageContaining("not deployed for this kind of request or event");
    assertThat(AdapterLogs.records(context))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.getLevel()).isEqualTo(Level.SEVERE);
              assertThat(r.getMessage())
                  .contains("a Queue Storage trigger")
                  .contains("an HTTP function")
                  .contains("Give it an HTTP trigger");
            });
    assertThat(AdapterLogs.echoes(context)).isEmpty();
  }

  @Test
  void anUnknownFunctionIsThrown() {
    FakeExecutionContext context = new FakeExecutionContext("orders");

    assertThatThrownBy(
            () ->
                functions.serviceBusQueue(
                    bytes("x"), "1", "1", "\"2020-08-31T16:48:37\"", "{}", context))
        .satisfies(e -> assertReported(e, FunctionException.Kind.INTERNAL, context))
        .hasMessageNotContaining("orders");
    assertThat(AdapterLogs.records(context))
        .singleElement()
        .satisfies(r -> assertThat(r.getMessage()).contains("'orders'"));
  }

  /**
   * Checks that a failure thrown to the host is a {@link FunctionException}: its kind, no cause, no
   * stack trace, and, for an internal failure, a detail that names only the invocation id.
   */
  static void assertReported(
      Throwable thrown, FunctionException.Kind kind, FakeExecutionContext context) {
    assertThat(thrown).isInstanceOf(FunctionException.class).hasNoCause();
    assertThat(thrown.getStackTrace()).isEmpty();
    assertThat(((FunctionException) thrown).kind()).isEqualTo(kind);
    if (kind == FunctionException.Kind.INTERNAL) {
      assertThat(thrown.getMessage()).contains(context.getInvocationId());
    }
  }

  static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  static String base64(String text) {
    return Base64.getEncoder().encodeToString(bytes(text));
  }

  static JsonNode tree(String json) {
    try {
      return Json.mapper().readTree(json);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
