package dev.portablefunctions.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portablefunctions.FunctionException;
import dev.portablefunctions.FunctionLogger;
import dev.portablefunctions.ScheduleEvent;
import dev.portablefunctions.StorageEvent;
import dev.portablefunctions.azure.fakes.FakeExecutionContext;
import dev.portablefunctions.azure.testfunctions.Recorded;
import dev.portablefunctions.azure.testing.AdapterLogs;
import dev.portablefunctions.azure.testing.Fixtures;
import dev.portablefunctions.spi.FunctionRegistry;
import io.cloudevents.CloudEvent;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.logging.Level;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The blob, timer and Event Grid entry points, fed the recorded payloads: {@code BlobTrigger} and
 * {@code Properties} metadata, the worker's {@code TimerInfo} JSON, and single Event Grid events in
 * both schemas.
 */
class AzureFunctionsEventTest {

  private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

  private final AzureFunctions functions =
      new AzureFunctions(
          new Dispatcher(
              () -> FunctionRegistry.load(AzureFunctionsEventTest.class.getClassLoader()),
              Clock.fixed(NOW, ZoneOffset.UTC),
              FunctionLogger.Level.INFO));

  @BeforeEach
  void clear() {
    Recorded.clear();
  }

  @Test
  void aBlobReachesEchoStorage() throws Exception {
    FakeExecutionContext context = new FakeExecutionContext("echo-storage");

    functions.blob(
        bytes("hello world!"), "samples/photo.jpg", Fixtures.read("blob-properties.json"), context);

    assertThat(AdapterLogs.echoes(context))
        .containsExactly(
            "{\"bucket\":\"samples\",\"key\":\"photo.jpg\",\"size\":12,\"change\":\"created\"}");
  }

  @Test
  void aBlobCarriesItsProperties() throws Exception {
    functions.blob(
        bytes("hello world!"),
        "photos/2024/05/cat.jpg",
        Fixtures.read("blob-properties.json"),
        new FakeExecutionContext("record-storage"));

    StorageEvent event = (StorageEvent) Recorded.values().get(0);
    assertThat(event.bucket()).isEqualTo("photos");
    assertThat(event.key()).isEqualTo("2024/05/cat.jpg");
    assertThat(event.change()).isEqualTo(StorageEvent.Change.CREATED);
    assertThat(event.size()).hasValue(12);
    assertThat(event.contentType()).contains("application/octet-stream");
    assertThat(event.etag()).contains("0x8D8989BC453467D");
    assertThat(event.time()).contains(Instant.parse("2020-12-04T21:30:05Z"));
  }

  @Test
  void aBlobWithoutALengthPropertyIsSizedByItsContent() throws Exception {
    functions.blob(
        bytes("abc"),
        "c/b",
        "{\"ContentType\":\"text/plain\"}",
        new FakeExecutionContext("record-storage"));

    assertThat(((StorageEvent) Recorded.values().get(0)).size()).hasValue(3);
  }

  @Test
  void aSizeThatDoesNotFitALongIsBadInputNotAWrappedValue() {
    FakeExecutionContext blob = new FakeExecutionContext("record-storage");
    assertThatThrownBy(
            () ->
                functions.blob(bytes("x"), "c/b", "{\"ContentLength\":99999999999999999999}", blob))
        .satisfies(
            e ->
                AzureFunctionsMessageTest.assertReported(e, FunctionException.Kind.BAD_INPUT, blob))
        .hasMessageContaining(
            "at /ContentLength: expected a whole number from 0 to 9223372036854775807");

    String event =
        Fixtures.read("eventgrid-blob-created.json")
            .replaceFirst(
                "\"contentLength\"\\s*:\\s*\\d+", "\"contentLength\": 99999999999999999999");
    assertThat(event).contains("99999999999999999999");
    FakeExecutionContext grid = new FakeExecutionContext("record-storage");
    assertThatThrownBy(() -> functions.eventGrid(event, grid))
        .satisfies(
            e ->
                AzureFunctionsMessageTest.assertReported(e, FunctionException.Kind.BAD_INPUT, grid))
        .hasMessageContaining("at /data/contentLength")
        .hasMessageNotContaining("7766279631452241919");
    assertThat(Recorded.values()).isEmpty();
  }

  @Test
  void aStorageFunctionUnwrapsItsRecordsJson() throws Exception {
    functions.blob(
        bytes("hello world!"),
        "photos/cat.jpg",
        Fixtures.read("blob-properties.json"),
        new FakeExecutionContext("record-storage-record"));
    functions.eventGrid(
        Fixtures.read("eventgrid-blob-created.json"),
        new FakeExecutionContext("record-storage-record"));

    JsonNode blob = (JsonNode) Recorded.values().get(0);
    assertThat(blob.path("BlobTrigger").asText()).isEqualTo("photos/cat.jpg");
    assertThat(blob.path("Properties").path("ContentLength").asLong()).isEqualTo(12);
    JsonNode grid = (JsonNode) Recorded.values().get(1);
    assertThat(grid.path("eventType").asText()).isEqualTo("Microsoft.Storage.BlobCreated");
  }

  @Test
  void aBlobTriggerPathWithoutAContainerIsRefused() {
    FakeExecutionContext context = new FakeExecutionContext("echo-storage");

    assertThatThrownBy(() -> functions.blob(bytes("x"), "no-slash", "{}", context))
        .satisfies(
            e ->
                AzureFunctionsMessageTest.assertReported(
                    e, FunctionException.Kind.BAD_INPUT, context))
        .hasMessageContaining("container/blob name");
    assertThat(AdapterLogs.records(context))
        .singleElement()
        .satisfies(r -> assertThat(r.getLevel()).isEqualTo(Level.WARNING));
  }

  @Test
  void blobCreatedInTheEventGridSchemaReachesEchoStorage() throws Exception {
    FakeExecutionContext context = new FakeExecutionContext("echo-storage_grid");

    functions.eventGrid(Fixtures.read("eventgrid-blob-created.json"), context);

    assertThat(AdapterLogs.echoes(context))
        .containsExactly(
            "{\"bucket\":\"test-container\",\"key\":\"new-file.txt\",\"size\":524288,\"change\":\"created\"}");
  }

  @Test
  void blobDeletedInTheEventGridSchemaReachesEchoStorage() throws Exception {
    FakeExecutionContext context = new FakeExecutionContext("echo-storage");

    functions.eventGrid(Fixtures.read("eventgrid-blob-deleted.json"), context);

    assertThat(AdapterLogs.echoes(context))
        .containsExactly(
            "{\"bucket\":\"testcontainer\",\"key\":\"file-to-delete.txt\",\"size\":null,\"change\":\"deleted\"}");
  }

  @Test
  void blobEventsInTheCloudEventsSchemaReachEchoStorage() throws Exception {
    FakeExecutionContext context = new FakeExecutionContext("echo-storage");

    functions.eventGrid(Fixtures.read("cloudevents-blob-created.json"), context);
    functions.eventGrid(Fixtures.read("cloudevents-blob-deleted.json"), context);

    assertThat(AdapterLogs.echoes(context))
        .containsExactly(
            "{\"bucket\":\"test-container\",\"key\":\"new-file.txt\",\"size\":524288,\"change\":\"created\"}",
            "{\"bucket\":\"testcontainer\",\"key\":\"file-to-delete.txt\",\"size\":null,\"change\":\"deleted\"}");
  }

  @Test
  void aBlobEventCarriesItsDetails() throws Exception {
    functions.eventGrid(
        Fixtures.read("cloudevents-blob-created.json"), new FakeExecutionContext("record-storage"));

    StorageEvent event = (StorageEvent) Recorded.values().get(0);
    assertThat(event.contentType()).contains("text/plain");
    assertThat(event.etag()).contains("\"0x8D4BCC2E4835CD0\"");
    assertThat(event.time()).contains(Instant.parse("2017-06-26T18:41:00.9584103Z"));
  }

  @Test
  void anotherEventTypeOnAStorageFunctionFailsSoEventGridRetriesAndDeadLettersIt() {
    for (String fixture : new String[] {"eventgrid-custom.json", "cloudevents-custom.json"}) {
      FakeExecutionContext context = new FakeExecutionContext("echo-storage");

      assertThatThrownBy(() -> functions.eventGrid(Fixtures.read(fixture), context))
          .as(fixture)
          .satisfies(
              e ->
                  AzureFunctionsMessageTest.assertReported(
                      e, FunctionException.Kind.INTERNAL, context))
          .hasMessageContaining("not deployed for this kind of request or event");

      assertThat(AdapterLogs.echoes(context)).isEmpty();
      assertThat(AdapterLogs.records(context))
          .singleElement()
          .satisfies(
              record -> {
                assertThat(record.getLevel()).isEqualTo(Level.SEVERE);
                assertThat(record.getMessage())
                    .contains("Microsoft.Storage.BlobCreated")
                    .contains("an event of another type")
                    // The type is the sender's input: not repeated.
                    .doesNotContain(
                        fixture.startsWith("eventgrid")
                            ? "recordInserted"
                            : "com.example.someevent")
                    .contains("Filter the Event Grid subscription");
              });
    }
  }

  @Test
  void aCustomEventInTheEventGridSchemaReachesEchoEventAsACloudEvent() throws Exception {
    FakeExecutionContext context = new FakeExecutionContext("echo-event");

    functions.eventGrid(Fixtures.read("eventgrid-custom.json"), context);

    // The documentation's topic holds {placeholders}, which are escaped to make a URI.
    assertThat(AdapterLogs.echoes(context))
        .containsExactly(
            "{\"id\":\"1807\",\"source\":\"/subscriptions/%7Bsubscription-id%7D/resourceGroups/"
                + "%7Bresource-group%7D/providers/Microsoft.EventGrid/topics/%7Btopic%7D\","
                + "\"type\":\"recordInserted\",\"subject\":\"myapp/vehicles/motorcycles\",\"data\":\""
                + base64("{\"make\":\"Ducati\",\"model\":\"Monster\"}")
                + "\"}");
  }

  @Test
  void anEventGridSchemaEventMapsTimeAndDataContentType() throws Exception {
    functions.eventGrid(
        Fixtures.read("eventgrid-custom.json"), new FakeExecutionContext("record-event"));

    CloudEvent event = (CloudEvent) Recorded.values().get(0);
    assertThat(event.getTime().toInstant()).isEqualTo(Instant.parse("2017-08-10T21:03:07Z"));
    assertThat(event.getDataContentType()).isEqualTo("application/json");
    assertThat(event.getSpecVersion().toString()).isEqualTo("1.0");
  }

  @Test
  void aCustomEventInTheCloudEventsSchemaReachesEchoEvent() throws Exception {
    FakeExecutionContext context = new FakeExecutionContext("echo-event");

    functions.eventGrid(Fixtures.read("cloudevents-custom.json"), context);

    assertThat(AdapterLogs.echoes(context)).hasSize(1);
    var echo = AzureFunctionsMessageTest.tree(AdapterLogs.echoes(context).get(0));
    assertThat(echo.path("id").asText()).isEqualTo("C234-1234-1234");
    assertThat(echo.path("source").asText()).isEqualTo("/mycontext");
    assertThat(echo.path("type").asText()).isEqualTo("com.example.someevent");
    assertThat(echo.path("subject").isNull()).isTrue();
    assertThat(
            AzureFunctionsMessageTest.tree(
                new String(
                    Base64.getDecoder().decode(echo.path("data").asText()),
                    StandardCharsets.UTF_8)))
        .isEqualTo(
            AzureFunctionsMessageTest.tree(
                "{\"appinfoA\":\"abc\",\"appinfoB\":123,\"appinfoC\":true}"));
  }

  @Test
  void aCloudEventKeepsItsExtensions() throws Exception {
    functions.eventGrid(
        Fixtures.read("cloudevents-custom.json"), new FakeExecutionContext("record-event"));

    CloudEvent event = (CloudEvent) Recorded.values().get(0);
    assertThat(event.getExtension("comexampleextension1")).isEqualTo("value");
    assertThat(event.getTime().toInstant()).isEqualTo(Instant.parse("2018-04-05T17:31:00Z"));
  }

  @Test
  void aBlobEventReachesACloudEventFunctionAsItIs() throws Exception {
    FakeExecutionContext context = new FakeExecutionContext("echo-event");

    functions.eventGrid(Fixtures.read("cloudevents-blob-created.json"), context);

    var echo = AzureFunctionsMessageTest.tree(AdapterLogs.echoes(context).get(0));
    assertThat(echo.path("type").asText()).isEqualTo("Microsoft.Storage.BlobCreated");
    assertThat(echo.path("subject").asText())
        .isEqualTo("/blobServices/default/containers/test-container/blobs/new-file.txt");
  }

  @Test
  void malformedEventGridJsonIsThrownAsBadInput() {
    FakeExecutionContext context = new FakeExecutionContext("echo-event");

    assertThatThrownBy(() -> functions.eventGrid("{\"id\":", context))
        .satisfies(
            e ->
                AzureFunctionsMessageTest.assertReported(
                    e, FunctionException.Kind.BAD_INPUT, context))
        .hasMessage(
            "The Event Grid event is not valid JSON (line 1, column 7): expected more input; it ends"
                + " before the JSON value is complete.");
    assertThatThrownBy(() -> functions.eventGrid("{\"id\":\"1\"}", context))
        .isInstanceOf(FunctionException.class)
        .hasMessageContaining(
            "expected the Event Grid schema (with eventType) or the CloudEvents schema");
    // A caller's error: each logged once as a warning.
    assertThat(AdapterLogs.records(context))
        .hasSize(2)
        .allSatisfy(r -> assertThat(r.getLevel()).isEqualTo(Level.WARNING));
  }

  @Test
  void aTimerTickReachesEchoScheduleAtItsScheduledTime() throws Exception {
    FakeExecutionContext context = new FakeExecutionContext("echo-schedule");

    functions.timer(Fixtures.read("timer-info.json"), context);

    // ScheduleStatus.Next is the occurrence being run: 10:53 at +02:00.
    assertThat(AdapterLogs.echoes(context)).containsExactly("{\"time\":\"2022-10-11T08:53:00Z\"}");
  }

  @Test
  void theDocumentedTimerInfoGivesItsNextOccurrenceAndTheFunctionsName() throws Exception {
    functions.timer(
        Fixtures.read("timer-info-docs.json"), new FakeExecutionContext("record-schedule_nightly"));

    assertThat(Recorded.values())
        .containsExactly(
            ScheduleEvent.of(Instant.parse("2016-10-04T10:20:00Z"), "record-schedule_nightly"));
  }

  @Test
  void withoutAScheduleStatusTheTickIsNow() throws Exception {
    functions.timer(
        "{\"Schedule\":{\"AdjustForDST\":true},\"ScheduleStatus\":null,\"IsPastDue\":false}",
        new FakeExecutionContext("record-schedule"));

    assertThat(((ScheduleEvent) Recorded.values().get(0)).time()).isEqualTo(NOW);
  }

  @Test
  void aRunOnStartupWhoseNextOccurrenceIsAheadIsNow() throws Exception {
    functions.timer(
        "{\"ScheduleStatus\":{\"Last\":\"2026-11-26T11:55:00+00:00\",\"Next\":\"2026-11-26T12:05:00+00:00\","
            + "\"LastUpdated\":\"2026-11-26T11:55:00+00:00\"},\"IsPastDue\":false}",
        new FakeExecutionContext("record-schedule"));

    assertThat(((ScheduleEvent) Recorded.values().get(0)).time()).isEqualTo(NOW);
  }

  @Test
  void aTickFiredJustBeforeItsTimeKeepsItsScheduledTime() throws Exception {
    functions.timer(
        "{\"ScheduleStatus\":{\"Next\":\"2026-11-26T12:00:00.5+00:00\"},\"IsPastDue\":false}",
        new FakeExecutionContext("record-schedule"));

    assertThat(((ScheduleEvent) Recorded.values().get(0)).time())
        .isEqualTo(Instant.parse("2026-11-26T12:00:00.5Z"));
  }

  @Test
  void aTimerOnAMessageFunctionIsThrown() {
    FakeExecutionContext context = new FakeExecutionContext("echo-message");
    assertMisdeployed(
        context,
        () -> functions.timer(Fixtures.read("timer-info.json"), context),
        "echo-message",
        "a timer trigger",
        "a message function");
  }

  @Test
  void aBlobTriggerOnACloudEventFunctionIsThrown() {
    FakeExecutionContext context = new FakeExecutionContext("echo-event");
    assertMisdeployed(
        context,
        () -> functions.blob(bytes("x"), "c/b", "{}", context),
        "echo-event",
        "Give it an Event Grid trigger");
  }

  @Test
  void anHttpFunctionBehindEventGridIsThrown() {
    FakeExecutionContext context = new FakeExecutionContext("boom");
    assertMisdeployed(
        context,
        () -> functions.eventGrid(Fixtures.read("eventgrid-custom.json"), context),
        "boom",
        "an HTTP function");
  }

  @Test
  void anEventFunctionThatThrowsIsLoggedOnceAndReportedToTheHostWithoutItsMessage() {
    FakeExecutionContext context = new FakeExecutionContext("broken-schedule");

    assertThatThrownBy(() -> functions.timer(Fixtures.read("timer-info.json"), context))
        .satisfies(
            e ->
                AzureFunctionsMessageTest.assertReported(
                    e, FunctionException.Kind.INTERNAL, context))
        .hasMessageNotContaining("report store unreachable");
    assertThat(AdapterLogs.records(context))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.getLevel()).isEqualTo(Level.SEVERE);
              assertThat(r.getMessage()).contains("java.io.IOException: report store unreachable");
            });
  }

  @Test
  void aFailingBlobOrEventGridFunctionIsReportedTheSameWay() {
    FakeExecutionContext blob = new FakeExecutionContext("broken-storage");
    assertThatThrownBy(() -> functions.blob(bytes("x"), "c/b", "{}", blob))
        .satisfies(
            e ->
                AzureFunctionsMessageTest.assertReported(e, FunctionException.Kind.INTERNAL, blob));
    assertThat(AdapterLogs.records(blob))
        .singleElement()
        .satisfies(r -> assertThat(r.getLevel()).isEqualTo(Level.SEVERE));

    FakeExecutionContext grid = new FakeExecutionContext("broken-storage_grid");
    assertThatThrownBy(
            () -> functions.eventGrid(Fixtures.read("eventgrid-blob-created.json"), grid))
        .satisfies(
            e ->
                AzureFunctionsMessageTest.assertReported(e, FunctionException.Kind.INTERNAL, grid));
    assertThat(AdapterLogs.records(grid))
        .singleElement()
        .satisfies(r -> assertThat(r.getLevel()).isEqualTo(Level.SEVERE));
  }

  /**
   * A deployment error on a non-HTTP trigger: thrown to the host with a generic detail, logged once
   * at ERROR with the full explanation, and the function not run.
   */
  private static void assertMisdeployed(
      FakeExecutionContext context, ThrowingCallable call, String function, String... logged) {
    Recorded.clear();
    Throwable thrown = catchThrowable(call);
    assertThat(thrown).isInstanceOf(FunctionException.class).hasNoCause();
    assertThat(((FunctionException) thrown).kind()).isEqualTo(FunctionException.Kind.INTERNAL);
    assertThat(thrown.getMessage())
        .contains("not deployed for this kind of request or event")
        .doesNotContain(function);
    assertThat(thrown.getMessage()).contains(context.getInvocationId());
    assertThat(Recorded.values()).isEmpty();
    assertThat(AdapterLogs.echoes(context)).isEmpty();
    assertThat(AdapterLogs.records(context))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.getLevel()).isEqualTo(Level.SEVERE);
              assertThat(r.getMessage()).contains(logged);
            });
  }

  static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  static String base64(String text) {
    return Base64.getEncoder().encodeToString(bytes(text));
  }
}
