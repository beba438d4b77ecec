package dev.portablefunctions.test;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.azure.functions.HttpResponseMessage;
import dev.portablefunctions.FunctionException;
import dev.portablefunctions.HttpResponse;
import dev.portablefunctions.test.internal.Catalogue;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every Azure trigger input of the catalogue, replayed through the entry methods of {@code
 * AzureFunctions}, answered as the worker sees it: an HTTP response, nothing, or an exception the
 * host retries, abandons or dead-letters the message for.
 */
class AzureReplayTest {

  private final Replay echo = Replay.function("echo");
  private final Replay inbox = Replay.function("inbox");
  private final Replay uploads = Replay.function("uploads");
  private final Replay events = Replay.function("events");

  @Test
  void anHttpRequestOnTheDefaultRouteReachesTheFunctionBelowItsName() {
    AzureResult result =
        echo.azure(
            AzureEvent.http("POST", "/api/echo/orders/7?tag=a&tag=b")
                .withHeader("Content-Type", "text/plain")
                .withBody("hello"));

    HttpResponseMessage message = result.response().orElseThrow();
    assertThat(message.getStatusCode()).isEqualTo(200);
    HttpResponse response = result.httpResponse();
    assertThat(response.headers().first("x-echo")).contains("yes");
    JsonNode echoed = Catalogue.parse(response.bodyAsString(), "body");
    assertThat(echoed.path("path").asText()).isEqualTo("/orders/7");
    // The adapter reads the query from the URL the host rebuilt, not from the host's joined map.
    assertThat(echoed.path("query").path("tag").toString()).isEqualTo("[\"a\",\"b\"]");
    assertThat(echoed.path("body").asText()).isEqualTo("hello");
    assertThat(echoed.path("cloud").asText()).isEqualTo("azure");
  }

  @Test
  void theRoutePrefixComesFromTheAppSettings() {
    AzureResult result =
        echo.withEnvironment("PORTABLE_ROUTE_PREFIX", "/").azure(AzureEvent.http("GET", "/echo/x"));

    assertThat(Catalogue.parse(result.httpResponse().bodyAsString(), "body").path("path").asText())
        .isEqualTo("/x");
  }

  @Test
  void aBinaryBodyReachesTheBinaryEntryPointUnchanged() {
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', (byte) 0xff};

    AzureResult result = echo.azure(AzureEvent.http("POST", "/api/echo").binary().withBody(png));

    JsonNode echoed = Catalogue.parse(result.httpResponse().bodyAsString(), "body");
    assertThat(echoed.path("body").asText().getBytes(StandardCharsets.UTF_8))
        .endsWith(0xef, 0xbf, 0xbd);
    assertThat(result.failure()).isEmpty();
  }

  @Test
  void queueStorageAndServiceBusMessagesRunOneByOneAndAPoisonOneIsThrown() {
    for (AzureEvent message :
        List.of(AzureEvent.queue(), AzureEvent.serviceBusQueue(), AzureEvent.serviceBusTopic())) {
      AzureResult ok = inbox.azure(message);
      AzureResult poison = inbox.azure(message.withMessages("poison"));

      assertThat(ok.failure()).as(message.toString()).isEmpty();
      assertThat(ok.response()).isEmpty();
      assertThat(poison.failure())
          .as(message.toString())
          .hasValueSatisfying(failure -> assertThat(failure).isInstanceOf(FunctionException.class));
    }
    assertThat(messages(inbox.azure(AzureEvent.queue())))
        .contains("got 800ae4b3-bdd2-4c08-badd-f08e5a34b865: hello queue {}");
    assertThat(
            messages(
                inbox.azure(
                    AzureEvent.serviceBusQueue().withAttribute("tenant", "acme").withId("m-1"))))
        .contains("got m-1: {\"order\":7} {prop1=value1, prop2=value2, tenant=acme}");
  }

  @Test
  void anEventHubsBatchRunsEveryEventAndThrowsOnceListingTheFailedSequenceNumbers() {
    AzureEvent batch = AzureEvent.eventHub().withMessages("one", "poison", "three", "poison");

    AzureResult result = inbox.azure(batch);

    assertThat(batch.messageIds()).containsExactly("12", "13", "14", "15");
    assertThat(result.failure())
        .hasValueSatisfying(
            failure ->
                assertThat(failure.getMessage())
                    .contains("2 of 4 events failed (sequence numbers 13, 15)"));
    assertThat(messages(result)).contains("got 12: one {}", "got 14: three {}");
    assertThat(inbox.azure(AzureEvent.eventHub()).failure()).isEmpty();
  }

  @Test
  void aBlobReachesAStorageFunction() {
    assertThat(messages(uploads.azure(AzureEvent.blob())))
        .contains("CREATED samples-workitems/hello.txt");
    assertThat(uploads.azure(AzureEvent.blob().withObject("in", "poison.txt")).failure())
        .isPresent();
  }

  @Test
  void eventGridBlobEventsReachAStorageFunctionInBothSchemas() {
    assertThat(messages(uploads.azure(AzureEvent.eventGridBlobCreated())))
        .contains("CREATED test-container/new-file.txt");
    assertThat(messages(uploads.azure(AzureEvent.eventGridBlobDeleted())))
        .contains("DELETED testcontainer/file-to-delete.txt");
    assertThat(
            messages(
                uploads.azure(AzureEvent.cloudEventsBlobCreated().withObject("photos", "a/b.jpg"))))
        .contains("CREATED photos/a/b.jpg");
    assertThat(messages(uploads.azure(AzureEvent.cloudEventsBlobDeleted())))
        .contains("DELETED testcontainer/file-to-delete.txt");
  }

  @Test
  void anEventGridEventAStorageFunctionCannotTakeIsThrownWithoutRunningIt() {
    AzureResult result = uploads.azure(AzureEvent.eventGridCustom());

    assertThat(result.failure()).isPresent();
    assertThat(result.logs())
        .anySatisfy(line -> assertThat(line.path("level").asText()).isEqualTo("ERROR"));
  }

  @Test
  void customEventGridEventsReachACloudEventFunctionInBothSchemas() {
    assertThat(messages(events.azure(AzureEvent.eventGridCustom())))
        .anyMatch(
            message -> message.startsWith("event recordInserted") && message.contains("Ducati"));
    assertThat(messages(events.azure(AzureEvent.cloudEventsCustom().withData("{\"id\":7}"))))
        .anyMatch(
            message ->
                message.startsWith("event com.example.someevent /mycontext")
                    && message.contains("{\"id\":7}"));
  }

  @Test
  void aTimerTickIsTheOccurrenceTheHostRuns() {
    AzureResult result = Replay.function("ticks").azure(AzureEvent.timer());

    assertThat(messages(result)).contains("tick 2022-10-11T08:53:00Z ticks");
  }

  @Test
  void theAzureFunctionNameSelectsTheFunctionWithAnOptionalSuffix() {
    AzureResult result = inbox.withAzureFunctionName("inbox_orders").azure(AzureEvent.queue());
    AzureResult wrong = inbox.withAzureFunctionName("outbox").azure(AzureEvent.queue());

    assertThat(result.failure()).isEmpty();
    assertThat(wrong.failure()).isPresent();
    assertThat(wrong.logs())
        .anySatisfy(
            line ->
                assertThat(line.path("message").asText())
                    .contains("runs portable function 'outbox', which is not in this app"));
  }

  @Test
  void everyLineCarriesTheInvocationIdAndTheHostsTrace() {
    AzureResult result = inbox.azure(AzureEvent.queue());

    assertThat(result.logs())
        .isNotEmpty()
        .allSatisfy(
            line -> {
              assertThat(line.path("function").asText()).isEqualTo("inbox");
              assertThat(line.path("invocationId").asText()).hasSize(36);
              assertThat(line.path("traceId").asText()).hasSize(32);
            });
  }

  static List<String> messages(AzureResult result) {
    return result.logs().stream().map(line -> line.path("message").asText()).toList();
  }
}
