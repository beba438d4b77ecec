package dev.portablefunctions.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portablefunctions.FunctionException;
import dev.portablefunctions.FunctionLogger;
import dev.portablefunctions.ScheduleEvent;
import dev.portablefunctions.StorageEvent;
import dev.portablefunctions.azure.testfunctions.Recorded;
import dev.portablefunctions.azure.testing.FakeExecutionContext;
import dev.portablefunctions.azure.testing.Fixtures;
import dev.portablefunctions.spi.FunctionRegistry;
import io.cloudevents.CloudEvent;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.logging.Level;
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

    assertThat(context.echoes())
        .containsExactly("{\"bucket\":\"samples\",\"key\":\"photo.jpg\",\"size\":12,\"change\":\"created\"}");
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
    functions.blob(bytes("abc"), "c/b", "{\"ContentType\":\"text/plain\"}", new FakeExecutionContext("record-storage"));

    assertThat(((StorageEvent) Recorded.values().get(0)).size()).hasValue(3);
  }

  @Test
  void aBlobTriggerPathWithoutAContainerIsRefused() {
    FakeExecutionContext context = new FakeExecutionContext("echo-storage");

    assertThatThrownBy(() -> functions.blob(bytes("x"), "no-slash", "{}", context))
        .isInstanceOf(FunctionException.class)
        .hasMessageContaining("container/blob name");
    assertThat(context.records()).singleElement().satisfies(r -> assertThat(r.getLevel()).isEqualTo(Level.WARNING));
  }

  @Test
  void blobCreatedInTheEventGridSchemaReachesEchoStorage() throws Exception {
    FakeExecutionContext context = new FakeExecutionContext("echo-storage_grid");

    functions.eventGrid(Fixtures.read("eventgrid-blob-created.json"), context);

    assertThat(context.echoes())
        .containsExactly(
            "{\"bucket\":\"test-container\",\"key\":\"new-file.txt\",\"size\":524288,\"change\":\"created\"}");
  }

  @Test
  void blobDeletedInTheEventGridSchemaReachesEchoStorage() throws Exception {
    FakeExecutionContext context = new FakeExecutionContext("echo-storage");

    functions.eventGrid(Fixtures.read("eventgrid-blob-deleted.json"), context);

    assertThat(context.echoes())
        .containsExactly(
            "{\"bucket\":\"testcontainer\",\"key\":\"file-to-delete.txt\",\"size\":null,\"change\":\"deleted\"}");
  }

  @Test
  void blobEventsInTheCloudEventsSchemaReachEchoStorage() throws Exception {
    FakeExecutionContext context = new FakeExecutionContext("echo-storage");

    functions.eventGrid(Fixtures.read("cloudevents-blob-created.json"), context);
    functions.eventGrid(Fixtures.read("cloudevents-blob-deleted.json"), context);

    assertThat(context.echoes())
        .containsExactly(
            "{\"bucket\":\"test-container\",\"key\":\"new-file.txt\",\"size\":524288,\"change\":\"created\"}",
            "{\"bucket\":\"testcontainer\",\"key\":\"file-to-delete.txt\",\"size\":null,\"change\":\"deleted\"}");
  }

  @Test
  void aBlobEventCarriesItsDetails() throws Exception {
    functions.eventGrid(Fixtures.read("cloudevents-blob-created.json"), new FakeExecutionContext("record-storage"));

    StorageEvent event = (StorageEvent) Recorded.values().get(0);
    assertThat(event.contentType()).contains("text/plain");
    assertThat(event.etag()).contains("\"0x8D4BCC2E4835CD0\"");
    assertThat(event.time()).contains(Instant.parse("2017-06-26T18:41:00.9584103Z"));
  }

  @Test
  void anotherEventTypeOnAStorageFunctionIsAcknowledgedWithAWarning() throws Exception {
    FakeExecutionContext context = new FakeExecutionContext("echo-storage");

    functions.eventGrid(Fixtures.read("eventgrid-custom.json"), context);

    assertThat(context.echoes()).isEmpty();
    assertThat(context.records()).singleElement().satisfies(record -> {
      assertThat(record.getLevel()).isEqualTo(Level.WARNING);
      assertThat(record.getMessage()).contains("Filter the Event Grid subscription");
    });
  }

  @Test
  void aCustomEventInTheEventGridSchemaReachesEchoEventAsACloudEvent() throws Exception {
    FakeExecutionContext context = new FakeExecutionContext("echo-event");

    functions.eventGrid(Fixtures.read("eventgrid-custom.json"), context);

    // The documentation's topic holds {placeholders}, which are escaped to make a URI.
    assertThat(context.echoes())
        .containsExactly(
            "{\"id\":\"1807\",\"source\":\"/subscriptions/%7Bsubscription-id%7D/resourceGroups/"
                + "%7Bresource-group%7D/providers/Microsoft.EventGrid/topics/%7Btopic%7D\","
                + "\"type\":\"recordInserted\",\"subject\":\"myapp/vehicles/motorcycles\",\"data\":\""
                + base64("{\"make\":\"Ducati\",\"model\":\"Monster\"}") + "\"}");
  }

  @Test
  void anEventGridSchemaEventMapsTimeAndDataContentType() throws Exception {
    functions.eventGrid(Fixtures.read("eventgrid-custom.json"), new FakeExecutionContext("record-event"));

    CloudEvent event = (CloudEvent) Recorded.values().get(0);
    assertThat(event.getTime().toInstant()).isEqualTo(Instant.parse("2017-08-10T21:03:07Z"));
    assertThat(event.getDataContentType()).isEqualTo("application/json");
    assertThat(event.getSpecVersion().toString()).isEqualTo("1.0");
  }

  @Test
  void aCustomEventInTheCloudEventsSchemaReachesEchoEvent() throws Exception {
    FakeExecutionContext context = new FakeExecutionContext("echo-event");

    functions.eventGrid(Fixtures.read("cloudevents-custom.json"), context);

    assertThat(context.echoes()).hasSize(1);
    var echo = AzureFunctionsMessageTest.tree(context.echoes().get(0));
    assertThat(echo.path("id").asText()).isEqualTo("C234-1234-1234");
    assertThat(echo.path("source").asText()).isEqualTo("/mycontext");
    assertThat(echo.path("type").asText()).isEqualTo("com.example.someevent");
    assertThat(echo.path("subject").isNull()).isTrue();
    assertThat(AzureFunctionsMessageTest.tree(
            new String(Base64.getDecoder().decode(echo.path("data").asText()), StandardCharsets.UTF_8)))
        .isEqualTo(AzureFunctionsMessageTest.tree("{\"appinfoA\":\"abc\",\"appinfoB\":123,\"appinfoC\":true}"));
  }

  @Test
  void aCloudEventKeepsItsExtensions() throws Exception {
    functions.eventGrid(Fixtures.read("cloudevents-custom.json"), new FakeExecutionContext("record-event"));

    CloudEvent event = (CloudEvent) Recorded.values().get(0);
    assertThat(event.getExtension("comexampleextension1")).isEqualTo("value");
    assertThat(event.getTime().toInstant()).isEqualTo(Instant.parse("2018-04-05T17:31:00Z"));
  }

  @Test
  void aBlobEventReachesACloudEventFunctionAsItIs() throws Exception {
    FakeExecutionContext context = new FakeExecutionContext("echo-event");

    functions.eventGrid(Fixtures.read("cloudevents-blob-created.json"), context);

    var echo = AzureFunctionsMessageTest.tree(context.echoes().get(0));
    assertThat(echo.path("type").asText()).isEqualTo("Microsoft.Storage.BlobCreated");
    assertThat(echo.path("subject").asText()).isEqualTo("/blobServices/default/containers/test-container/blobs/new-file.txt");
  }

  @Test
  void malformedEventGridJsonIsThrownAsBadInput() {
    FakeExecutionContext context = new FakeExecutionContext("echo-event");

    assertThatThrownBy(() -> functions.eventGrid("{\"id\":", context))
        .isInstanceOf(FunctionException.class)
        .satisfies(e -> assertThat(((FunctionException) e).kind()).isEqualTo(FunctionException.Kind.BAD_INPUT));
    assertThatThrownBy(() -> functions.eventGrid("{\"id\":\"1\"}", context))
        .hasMessageContaining("neither the Event Grid schema");
  }

  @Test
  void aTimerTickReachesEchoScheduleAtItsScheduledTime() throws Exception {
    FakeExecutionContext context = new FakeExecutionContext("echo-schedule");

    functions.timer(Fixtures.read("timer-info.json"), context);

    // ScheduleStatus.Next is the occurrence being run: 10:53 at +02:00.
    assertThat(context.echoes()).containsExactly("{\"time\":\"2022-10-11T08:53:00Z\"}");
  }

  @Test
  void theDocumentedTimerInfoGivesItsNextOccurrenceAndTheFunctionsName() throws Exception {
    functions.timer(Fixtures.read("timer-info-docs.json"), new FakeExecutionContext("record-schedule_nightly"));

    assertThat(Recorded.values())
        .containsExactly(ScheduleEvent.of(Instant.parse("2016-10-04T10:20:00Z"), "record-schedule_nightly"));
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

    assertThat(((ScheduleEvent) Recorded.values().get(0)).time()).isEqualTo(Instant.parse("2026-11-26T12:00:00.5Z"));
  }

  @Test
  void aTimerOnAMessageFunctionIsThrown() {
    assertThatThrownBy(() -> functions.timer(Fixtures.read("timer-info.json"), new FakeExecutionContext("echo-message")))
        .isInstanceOf(FunctionException.class)
        .hasMessageContaining("a timer trigger")
        .hasMessageContaining("a message function");
  }

  @Test
  void aBlobTriggerOnACloudEventFunctionIsThrown() {
    assertThatThrownBy(() -> functions.blob(bytes("x"), "c/b", "{}", new FakeExecutionContext("echo-event")))
        .isInstanceOf(FunctionException.class)
        .hasMessageContaining("Give it an Event Grid trigger");
  }

  @Test
  void anHttpFunctionBehindEventGridIsThrown() {
    assertThatThrownBy(() -> functions.eventGrid(Fixtures.read("eventgrid-custom.json"), new FakeExecutionContext("boom")))
        .isInstanceOf(FunctionException.class)
        .hasMessageContaining("an HTTP function");
  }

  @Test
  void anEventFunctionThatThrowsIsThrownToTheHostAsItIsAndLoggedOnce() {
    FakeExecutionContext context = new FakeExecutionContext("broken-schedule");

    assertThatThrownBy(() -> functions.timer(Fixtures.read("timer-info.json"), context))
        .isInstanceOf(java.io.IOException.class)
        .hasMessage("report store unreachable");
    assertThat(context.records()).singleElement().satisfies(r -> assertThat(r.getLevel()).isEqualTo(Level.SEVERE));
  }

  static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  static String base64(String text) {
    return Base64.getEncoder().encodeToString(bytes(text));
  }
}
