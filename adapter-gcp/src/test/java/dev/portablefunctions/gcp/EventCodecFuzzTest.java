package dev.portablefunctions.gcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portablefunctions.FunctionLogger;
import dev.portablefunctions.Message;
import dev.portablefunctions.ScheduleEvent;
import dev.portablefunctions.StorageEvent;
import dev.portablefunctions.fuzz.Fuzz;
import dev.portablefunctions.fuzz.FuzzTries;
import dev.portablefunctions.gcp.testing.RecordedEvents;
import dev.portablefunctions.spi.FunctionDefinition;
import dev.portablefunctions.spi.FunctionRegistry;
import dev.portablefunctions.spi.ReportedFailure;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;

/**
 * The Pub/Sub, Cloud Storage and Scheduler codecs, and the event entry point around them, on
 * mutations of the recorded payloads: every event ends as a portable value or as a {@code
 * BAD_INPUT}; the entry point throws nothing but a {@link ReportedFailure}; no detail, failure or
 * log line repeats the data (whose every planted string carries {@link Fuzz#MARKER}); nothing
 * hangs. The event's id is the invocation id, on every log line by design, and is not mutated.
 */
@AddLifecycleHook(FuzzTries.class)
class EventCodecFuzzTest {

  private static final List<String> PUBSUB =
      List.of(
          data("pubsub-message-published.json"),
          data("pubsub-scheduler.json"),
          data("pubsub-with-poison.json"),
          "{\"deliveryAttempt\":5,\"message\":{\"data\":\"aGk=\",\"messageId\":\"m1\","
              + "\"publish_time\":\"2021-02-05T04:06:14Z\",\"ordering_key\":\"k\"},\"subscription\":\"s\"}");
  private static final List<String> STORAGE =
      List.of(data("storage-object-finalized.json"), data("storage-object-deleted.json"));

  private static String data(String file) {
    return new String(RecordedEvents.event(file).getData().toBytes(), StandardCharsets.UTF_8);
  }

  private static CloudEvent withData(String file, byte[] data) {
    return CloudEventBuilder.from(RecordedEvents.event(file))
        .withData("application/json", data)
        .build();
  }

  @Provide
  Arbitrary<byte[]> pubsubData() {
    return Fuzz.byteMutationsOf(PUBSUB);
  }

  @Provide
  Arbitrary<byte[]> storageData() {
    return Fuzz.byteMutationsOf(STORAGE);
  }

  @Property(tries = 400)
  void pubsubDataIsAMessageOrBadInput(@ForAll("pubsubData") byte[] data) {
    CloudEvent event = withData("pubsub-message-published.json", data);

    Message message = Fuzz.decodeOrRefuse(() -> EventCodec.message(event));
    ScheduleEvent tick = Fuzz.decodeOrRefuse(() -> EventCodec.schedule(event, Instant.EPOCH));

    assertThat(message == null).isEqualTo(tick == null);
  }

  @Property(tries = 400)
  void storageDataIsAnObjectChangeOrBadInput(@ForAll("storageData") byte[] data) {
    StorageEvent change =
        Fuzz.decodeOrRefuse(
            () -> EventCodec.storage(withData("storage-object-finalized.json", data)));

    if (change != null) {
      assertThat(change.size().orElse(0)).isNotNegative();
    }
  }

  @Property(tries = 200)
  void theEntryPointFailsOnlyWithAReportedFailureAndLogsNoInput(
      @ForAll("pubsubData") byte[] pubsub, @ForAll("storageData") byte[] storage) {
    List<String> lines = new CopyOnWriteArrayList<>();
    FunctionRegistry messages =
        FunctionRegistry.of(FunctionDefinition.message("orders", (message, context) -> {}));
    FunctionRegistry objects =
        FunctionRegistry.of(FunctionDefinition.event("thumbs", StorageEvent.class, (e, c) -> {}));
    GcpEventFunction orders = entry(messages, lines);
    GcpEventFunction thumbs = entry(objects, lines);
    lines.clear();

    accept(orders, withData("pubsub-message-published.json", pubsub));
    accept(thumbs, withData("storage-object-finalized.json", storage));

    Fuzz.assertNoEcho("a log line", lines);
  }

  @Provide
  Arbitrary<String> attributes() {
    return Fuzz.hostileStrings();
  }

  @Property(tries = 300)
  void hostileAttributesAreNeverRepeated(
      @ForAll("attributes") String type, @ForAll("attributes") String traceparent) {
    List<String> lines = new CopyOnWriteArrayList<>();
    GcpEventFunction orders =
        entry(
            FunctionRegistry.of(FunctionDefinition.message("orders", (message, context) -> {})),
            lines);
    lines.clear();
    CloudEvent event =
        CloudEventBuilder.from(RecordedEvents.event("pubsub-message-published.json"))
            .withType(type)
            .withSource(URI.create("//pubsub.googleapis.com/x"))
            .withExtension("traceparent", traceparent)
            .build();

    accept(orders, event);

    Fuzz.assertNoEcho("a log line", lines);
  }

  private static GcpEventFunction entry(FunctionRegistry registry, List<String> lines) {
    return new GcpEventFunction(
        Deployment.of(
            Deployment.Entry.EVENT,
            () -> registry,
            Map.of(),
            lines::add,
            FunctionLogger.Level.DEBUG));
  }

  private static void accept(GcpEventFunction entry, CloudEvent event) {
    try {
      Fuzz.within(
          () -> {
            entry.accept(event);
            return null;
          });
    } catch (ReportedFailure failed) {
      Fuzz.assertNoEcho("the reported failure", failed.getMessage());
      assertThat(failed.getCause()).isNull();
    }
  }
}
