package dev.portablefunctions.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portablefunctions.test.internal.Catalogue;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every Google Cloud event of the catalogue, in binary and structured mode, replayed through the
 * Functions Framework entry points, answered as the invoker answers: 200 with no body for a
 * CloudEvent the function took, 500 for one it failed (so Pub/Sub and Eventarc redeliver), the
 * function's response for a plain request.
 */
class GcpReplayTest {

  private final Replay echo = Replay.function("echo");
  private final Replay inbox = Replay.function("inbox");
  private final Replay uploads = Replay.function("uploads");
  private final Replay ticks = Replay.function("ticks");

  @Test
  void aPubSubMessageIsAcknowledgedWithA200InBothContentModes() {
    for (GcpEvent event : List.of(GcpEvent.pubSub(), GcpEvent.pubSub().structured())) {
      GcpResult result = inbox.gcp(event);

      assertThat(result.statusCode()).as(event.toString()).isEqualTo(200);
      assertThat(result.body()).isEmpty();
      assertThat(messages(result)).contains("got message-id: test message 3 {attr1=attr1-value}");
    }
  }

  @Test
  void aPoisonPubSubMessageIsA500SoPubSubRedeliversIt() {
    GcpResult result = inbox.gcp(GcpEvent.pubSub().withMessages("poison"));

    assertThat(result.statusCode()).isEqualTo(500);
    assertThat(result.logs())
        .anySatisfy(
            line -> {
              assertThat(line.path("severity").asText()).isEqualTo("ERROR");
              assertThat(line.path("logging.googleapis.com/labels").path("execution_id").asText())
                  .isEqualTo("3103425958877813");
              assertThat(line.path("stack_trace").asText()).contains("poison message message-id");
            });
  }

  @Test
  void theBinaryModeRequestCarriesTheAttributesAsCeHeadersAndTheDataAsTheBody() {
    GcpEvent event = GcpEvent.pubSub().withId("42").withAttribute("tenant", "acme");

    assertThat(event.method()).isEqualTo("POST");
    assertThat(event.headers().get("ce-id")).containsExactly("42");
    assertThat(event.headers().get("ce-type"))
        .containsExactly("google.cloud.pubsub.topic.v1.messagePublished");
    assertThat(event.headers().get("Content-Type")).containsExactly("application/json");
    JsonNode data = Catalogue.parse(new String(event.body(), StandardCharsets.UTF_8), "body");
    assertThat(data.path("message").path("messageId").asText()).isEqualTo("42");
    assertThat(data.path("message").path("attributes").path("tenant").asText()).isEqualTo("acme");
    assertThat(messages(inbox.gcp(event)))
        .anyMatch(message -> message.startsWith("got 42: test message 3"));
  }

  @Test
  void theStructuredModeRequestIsTheRecordedEventByteForByte() {
    GcpEvent event = GcpEvent.pubSub().structured();

    assertThat(new String(event.body(), StandardCharsets.UTF_8))
        .isEqualTo(Catalogue.text("gcp/pubsub-message-published.json"));
    assertThat(event.headers().get("Content-Type").get(0))
        .startsWith("application/cloudevents+json");
  }

  @Test
  void cloudStorageEventsReachAStorageFunction() {
    assertThat(messages(uploads.gcp(GcpEvent.storageObjectFinalized())))
        .contains("CREATED some-bucket/folder/Test.cs");
    assertThat(messages(uploads.gcp(GcpEvent.storageObjectDeleted().structured())))
        .contains("DELETED some-bucket/folder/Test.cs");
    GcpEvent renamed = GcpEvent.storageObjectFinalized().withObject("photos", "2024/a b.jpg");
    assertThat(messages(uploads.gcp(renamed))).contains("CREATED photos/2024/a b.jpg");
    assertThat(uploads.gcp(renamed.withObject("photos", "poison.jpg")).statusCode()).isEqualTo(500);
  }

  @Test
  void cloudSchedulerTicksArriveThroughPubSubAndOverHttp() {
    GcpResult pubSub = ticks.gcp(GcpEvent.schedulerPubSub());
    GcpResult http = ticks.gcp(GcpEvent.schedulerHttp());

    assertThat(pubSub.statusCode()).isEqualTo(200);
    assertThat(messages(pubSub))
        .anyMatch(message -> message.startsWith("tick 2021-02-06T02:00:00.412Z"));
    assertThat(http.statusCode()).isEqualTo(204);
    assertThat(messages(http)).contains("tick 2021-02-06T02:00:00Z nightly-report");
  }

  @Test
  void anAuditLogEventIsTakenInBinaryModeAndRefusedByTheSdkInStructuredMode() {
    Replay events = Replay.function("events");

    GcpResult binary = events.gcp(GcpEvent.auditLogWritten());
    GcpResult structured = events.gcp(GcpEvent.auditLogWritten().structured());

    assertThat(binary.statusCode()).isEqualTo(200);
    assertThat(messages(binary))
        .anyMatch(message -> message.startsWith("event google.cloud.audit.log.v1.written"));
    // camelCase extension names: the invoker's CloudEvents SDK refuses the event; the function
    // never runs.
    assertThat(structured.statusCode()).isEqualTo(500);
    assertThat(structured.logs()).isEmpty();
  }

  @Test
  void aCloudEventTheInvokerCannotReadIsA500ThatTheAdapterNeverSees() {
    GcpResult result =
        inbox.gcp(GcpEvent.cloudEvent("{\"specversion\":\"1.0\",\"type\":\"t\"}").structured());

    assertThat(result.statusCode()).isEqualTo(500);
    assertThat(result.body()).isEmpty();
    assertThat(result.logs()).isEmpty();
  }

  @Test
  void aPlainRequestIsAnsweredWithTheFunctionsStatusHeadersAndBody() {
    GcpResult result =
        echo.gcp(
            GcpEvent.http("POST", "/orders/a%20b?status=201&tag=x")
                .withHeader("Content-Type", "text/plain")
                .withBody("hello"));

    assertThat(result.statusCode()).isEqualTo(201);
    assertThat(result.headers().first("x-echo")).contains("yes");
    assertThat(result.headers().first("content-type")).contains("application/json");
    JsonNode echoed = Catalogue.parse(result.bodyAsString(), "body");
    assertThat(echoed.path("path").asText()).isEqualTo("/orders/a b");
    assertThat(echoed.path("body").asText()).isEqualTo("hello");
    assertThat(echoed.path("cloud").asText()).isEqualTo("gcp");
    assertThat(result.httpResponse().statusCode()).isEqualTo(201);
  }

  @Test
  void binaryResponsesKeepTheirBytes() {
    GcpResult result = echo.gcp(GcpEvent.http("GET", "/?binary"));

    assertThat(result.body()).containsExactly(0x89, 'P', 'N', 'G', 0xff);
    assertThat(Base64.getEncoder().encodeToString(result.httpResponse().body()))
        .isEqualTo("iVBOR/8=");
  }

  @Test
  void aFunctionAnEntryPointCannotRunFailsTheDeploymentAsTheInvokerWould() {
    assertThatThrownBy(() -> echo.gcp(GcpEvent.pubSub()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("GcpEventFunction cannot start")
        .hasMessageContaining("Function echo is an HTTP function");
    assertThatThrownBy(() -> Replay.function("nobody").gcp(GcpEvent.http("GET", "/")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("PORTABLE_FUNCTION='nobody' matches no function");
  }

  @Test
  void theProjectFromTheEnvironmentQualifiesTheTraceOnEveryLine() {
    GcpResult result =
        echo.withEnvironment("GOOGLE_CLOUD_PROJECT", "my-project")
            .gcp(
                GcpEvent.http("GET", "/")
                    .withHeader(
                        "traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"));

    assertThat(result.logs())
        .singleElement()
        .satisfies(
            line ->
                assertThat(line.path("logging.googleapis.com/trace").asText())
                    .isEqualTo("projects/my-project/traces/0af7651916cd43dd8448eb211c80319c"));
  }

  static List<String> messages(GcpResult result) {
    return result.logs().stream().map(line -> line.path("message").asText()).toList();
  }
}
