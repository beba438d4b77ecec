package dev.portablefunctions.azure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpResponseMessage;
import dev.portablefunctions.FunctionException;
import dev.portablefunctions.Message;
import dev.portablefunctions.azure.fakes.FakeExecutionContext;
import dev.portablefunctions.azure.fakes.FakeHttpRequest;
import dev.portablefunctions.azure.testfunctions.Recorded;
import dev.portablefunctions.azure.testing.AdapterLogs;
import dev.portablefunctions.azure.testing.Fixtures;
import dev.portablefunctions.fuzz.Fuzz;
import dev.portablefunctions.fuzz.FuzzTries;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;

/**
 * The Azure metadata readers, the message and event mappings and the entry points, on hostile
 * metadata and mutations of the recorded payloads: every value ends as a portable value or a {@code
 * BAD_INPUT}; an entry point throws nothing but a {@link FunctionException} and answers every HTTP
 * request; no detail, failure, answer or log line repeats the input; nothing hangs. Message ids are
 * echoed by design (they name the failed message) and are not fuzzed with the marker.
 */
@AddLifecycleHook(FuzzTries.class)
class AzureFuzzTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
  private final AzureFunctions functions = new AzureFunctions();

  @Provide
  Arbitrary<String> metadata() {
    return Arbitraries.oneOf(
        Fuzz.hostileStrings(),
        Fuzz.mutationsOf(
            List.of(
                Fixtures.read("servicebus-application-properties.json"),
                Fixtures.read("eventhub-system-properties-array.json"),
                Fixtures.read("blob-properties.json"),
                Fixtures.read("timer-info.json"),
                "\"2019-10-09T17:58:31+00:00\"",
                "12")),
        Arbitraries.of("99999999999999999999", "1e400", "-1", "3.5", "\"\"", "null", null));
  }

  @Provide
  Arbitrary<String> events() {
    return Fuzz.mutationsOf(
        List.of(
            Fixtures.read("eventgrid-blob-created.json"),
            Fixtures.read("eventgrid-blob-deleted.json"),
            Fixtures.read("eventgrid-custom.json"),
            Fixtures.read("cloudevents-blob-created.json"),
            Fixtures.read("cloudevents-blob-deleted.json"),
            Fixtures.read("cloudevents-custom.json")));
  }

  @Property(tries = 500)
  void metadataIsReadWithoutEverThrowing(@ForAll("metadata") String raw) {
    Fuzz.within(
        () -> {
          Metadata.text(raw);
          long number = Metadata.number(raw, -7);
          assertThat(number == -7 || raw != null).isTrue();
          Metadata.instant(raw);
          JsonNode tree = Metadata.tree(raw);
          Metadata.attributes(tree);
          Metadata.value(raw);
          Metadata.field(tree, "ContentLength");
          return null;
        });
  }

  @Property(tries = 400)
  void messageMetadataMapsToAMessage(
      @ForAll("metadata") String count,
      @ForAll("metadata") String time,
      @ForAll("metadata") String properties) {
    Message queue =
        Fuzz.decodeOrRefuse(
            () -> MessageMapping.queue(new byte[] {1}, "id-1", count, time, "fallback"));
    Message serviceBus =
        Fuzz.decodeOrRefuse(
            () ->
                MessageMapping.serviceBus(new byte[0], null, count, time, properties, "fallback"));
    List<Message> batch =
        Fuzz.decodeOrRefuse(
            () -> MessageMapping.eventHub(new byte[][] {{1}, {2}}, properties, time, 1));

    assertThat(queue).isNotNull();
    assertThat(serviceBus).isNotNull();
    assertThat(batch).hasSize(2);
  }

  @Property(tries = 500)
  void eventGridEventsMapOrAreBadInput(@ForAll("events") String event) {
    Fuzz.decodeOrRefuse(() -> EventMapping.cloudEvent(event));
    Fuzz.decodeOrRefuse(() -> EventMapping.storage(event));
    Fuzz.assertNoEcho(
        "the type's description", Fuzz.within(() -> EventMapping.describeType(event)));
  }

  @Property(tries = 400)
  void blobAndTimerMetadataMapOrAreBadInput(
      @ForAll("metadata") String blobTrigger, @ForAll("metadata") String properties) {
    Fuzz.decodeOrRefuse(() -> EventMapping.blob(blobTrigger, properties, new byte[3]));
    Fuzz.decodeOrRefuse(() -> EventMapping.blob("container/" + blobTrigger, properties, null));
    Fuzz.decodeOrRefuse(() -> EventMapping.timer(properties, "nightly", CLOCK));
  }

  @Property(tries = 200)
  void entryPointsFailOnlyWithAFunctionExceptionAndLogNoInput(
      @ForAll("events") String event,
      @ForAll("metadata") String count,
      @ForAll("metadata") String properties) {
    Recorded.clear();
    run("record-storage", context -> functions.eventGrid(event, context));
    run("record-event", context -> functions.eventGrid(event, context));
    run(
        "record-storage",
        context -> functions.blob(new byte[2], "c/" + count, properties, context));
    run("record-schedule", context -> functions.timer(properties, context));
    run(
        "record-message",
        context -> functions.queue(new byte[1], "m-1", count, properties, context));
    run(
        "record-message",
        context ->
            functions.serviceBusQueue(new byte[1], "m-2", count, count, properties, context));
    run(
        "record-message",
        context -> functions.eventHub(new byte[][] {{1}}, properties, properties, context));
    Recorded.clear();
  }

  @Provide
  Arbitrary<Map<String, String>> headers() {
    return Fuzz.hostileHeaders();
  }

  @Provide
  Arbitrary<String> urlTails() {
    return Arbitraries.oneOf(
        Fuzz.hostileStrings(),
        Arbitraries.strings().withChars("/%?&=#aZ09 |{}\"é").ofMaxLength(30));
  }

  @Property(tries = 400)
  void everyHttpRequestIsAnsweredWithoutEcho(
      @ForAll("headers") Map<String, String> headers,
      @ForAll("urlTails") String tail,
      @ForAll("urlTails") String body) {
    FakeExecutionContext context = new FakeExecutionContext("context-probe");
    FakeHttpRequest<Optional<String>> request =
        FakeHttpRequest.of(
            HttpMethod.POST,
            "https://pf.azurewebsites.net/api/context-probe/" + tail,
            headers,
            Map.of("q", tail),
            Optional.of(body));

    HttpResponseMessage response = Fuzz.within(() -> functions.http(request, context));

    assertThat(response.getStatusCode()).isBetween(200, 499);
    Object answer = response.getBody();
    Fuzz.assertNoEcho(
        "the answer",
        answer instanceof byte[]
            ? new String((byte[]) answer, StandardCharsets.UTF_8)
            : String.valueOf(answer));
    Fuzz.assertNoEcho("a log line", AdapterLogs.lines(context));
  }

  @FunctionalInterface
  private interface Invocation {
    void run(FakeExecutionContext context);
  }

  private static void run(String function, Invocation invocation) {
    FakeExecutionContext context = new FakeExecutionContext(function);
    try {
      Fuzz.within(
          () -> {
            invocation.run(context);
            return null;
          });
    } catch (FunctionException failed) {
      Fuzz.assertNoEcho("the reported failure", failed.getMessage());
      assertThat(failed.getCause()).isNull();
    }
    Fuzz.assertNoEcho("a log line", AdapterLogs.lines(context));
  }
}
