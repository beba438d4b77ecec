package dev.portablefunctions.gcp;

import static dev.portablefunctions.gcp.testing.GcpInvokers.EVENT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portablefunctions.gcp.testing.GcpInvokers;
import dev.portablefunctions.gcp.testing.InvokerProcess;
import dev.portablefunctions.gcp.testing.LogLines;
import dev.portablefunctions.gcp.testing.RecordedEvents;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link GcpEventFunction} inside the real Functions Framework invoker, fed the recorded events
 * over HTTP in binary mode (as Eventarc delivers them) and in structured mode.
 */
class GcpEventFunctionIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration LOG_WAIT = Duration.ofSeconds(10);
  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private static HttpResponse<String> binary(InvokerProcess invoker, RecordedEvents.Binary event)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(invoker.uri("/")).timeout(Duration.ofSeconds(20));
    event.headers().forEach(request::header);
    return CLIENT.send(
        request.POST(BodyPublishers.ofByteArray(event.body())).build(), BodyHandlers.ofString());
  }

  private static HttpResponse<String> binary(InvokerProcess invoker, String file) throws Exception {
    return binary(invoker, RecordedEvents.binary(file));
  }

  private static HttpResponse<String> structured(InvokerProcess invoker, byte[] body)
      throws Exception {
    return CLIENT.send(
        HttpRequest.newBuilder(invoker.uri("/"))
            .timeout(Duration.ofSeconds(20))
            .header("Content-Type", "application/cloudevents+json; charset=utf-8")
            .POST(BodyPublishers.ofByteArray(body))
            .build(),
        BodyHandlers.ofString());
  }

  /** The recorded event in structured mode, under another id so that its log lines stand apart. */
  private static byte[] structuredWithId(String file, String id) throws Exception {
    ObjectNode event = (ObjectNode) RecordedEvents.json(file);
    event.put("id", id);
    return JSON.writeValueAsBytes(event);
  }

  private static List<JsonNode> awaitLines(InvokerProcess invoker, String executionId) {
    assertThat(
            invoker.awaitOutput(out -> !LogLines.ofExecution(out, executionId).isEmpty(), LOG_WAIT))
        .as("a log line with execution_id " + executionId)
        .isTrue();
    return LogLines.ofExecution(invoker.stdout(), executionId);
  }

  private static String echoOf(InvokerProcess invoker, String executionId) {
    List<JsonNode> lines = awaitLines(invoker, executionId);
    assertThat(lines)
        .singleElement()
        .satisfies(line -> assertThat(line.get("message").asText()).startsWith("ECHO "));
    return lines.get(0).get("message").asText().substring("ECHO ".length());
  }

  @Test
  void aPubsubMessageReachesTheMessageFunctionInBothModes() throws Exception {
    InvokerProcess invoker = GcpInvokers.echo("echo-message", EVENT);

    HttpResponse<String> binary = binary(invoker, "pubsub-message-published.json");
    HttpResponse<String> structured =
        structured(invoker, structuredWithId("pubsub-message-published.json", "structured-1"));

    assertThat(binary.statusCode()).isBetween(200, 299);
    assertThat(structured.statusCode()).isBetween(200, 299);
    String expected =
        "{\"id\":\"message-id\",\"body\":\"dGVzdCBtZXNzYWdlIDM=\",\"attributes\":{\"attr1\":\"attr1-value\"}}";
    assertThat(echoOf(invoker, "3103425958877813")).isEqualTo(expected);
    assertThat(echoOf(invoker, "structured-1")).isEqualTo(expected);
  }

  @Test
  void aPoisonMessageFailsItsInvocationSoPubsubRedeliversIt() throws Exception {
    InvokerProcess invoker = GcpInvokers.echo("echo-message", EVENT);

    HttpResponse<String> poison = binary(invoker, "pubsub-with-poison.json");
    HttpResponse<String> next = binary(invoker, "pubsub-scheduler.json");

    assertThat(poison.statusCode()).isEqualTo(500);
    assertThat(poison.body()).isEmpty();
    List<JsonNode> lines = awaitLines(invoker, "3103425958877999");
    assertThat(lines)
        .filteredOn(line -> line.get("severity").asText().equals("ERROR"))
        .singleElement()
        .satisfies(
            line -> {
              assertThat(line.get("message").asText())
                  .contains("echo-message failed on message 3103425958877999");
              assertThat(line.get("stack_trace").asText())
                  .contains("IllegalStateException: poison message");
            });
    // The invoker logs what it caught: one short line, not the stack trace again.
    assertThat(
            invoker.awaitOutputContaining(
                "dev.portablefunctions.spi.ReportedFailure: The function failed unexpectedly. Its operator can"
                    + " find the cause in the logs under invocation id 3103425958877999.",
                LOG_WAIT))
        .isTrue();
    assertThat(
            invoker.output().split("at dev.portablefunctions.samples.echo.EchoMessage.handle", -1))
        .as("the stack trace is in the log once")
        .hasSize(2);
    // Nothing else is affected: the next message succeeds.
    assertThat(next.statusCode()).isBetween(200, 299);
    assertThat(echoOf(invoker, "8236145932876544")).contains("\"id\":\"8236145932876544\"");
  }

  @Test
  void malformedDataFailsItsEventSayingWhereWithoutRepeatingIt() throws Exception {
    InvokerProcess invoker = GcpInvokers.echo("echo-message", EVENT);
    RecordedEvents.Binary recorded = RecordedEvents.binary("pubsub-message-published.json");
    Map<String, String> headers = new java.util.LinkedHashMap<>(recorded.headers());
    headers.put("ce-id", "malformed-data-1");
    // Binary mode: the invoker hands the data over as bytes, and the adapter parses it. Jackson
    // would quote the bare token in its message ("Unrecognized token 'sk_live_…'").
    byte[] body =
        new String(recorded.body(), java.nio.charset.StandardCharsets.UTF_8)
            .replaceFirst("\\{", "{\"junk\":sk_live_51Hx9secret,")
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);

    HttpResponse<String> response = binary(invoker, new RecordedEvents.Binary(headers, body));

    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(awaitLines(invoker, "malformed-data-1"))
        .singleElement()
        .satisfies(
            line -> {
              assertThat(line.get("severity").asText()).isEqualTo("WARNING");
              assertThat(line.get("message").asText())
                  .contains(
                      "The data of the Pub/Sub event is not valid JSON (line 1, column 9): expected a JSON value");
            });
    assertThat(
            invoker.awaitOutputContaining(
                "ReportedFailure: The data of the Pub/Sub event", LOG_WAIT))
        .isTrue();
    assertThat(invoker.output()).doesNotContain("sk_live");
  }

  @Test
  void storageEventsReachTheStorageFunctionInBothModes() throws Exception {
    InvokerProcess invoker = GcpInvokers.echo("echo-storage", EVENT);

    assertThat(binary(invoker, "storage-object-finalized.json").statusCode()).isBetween(200, 299);
    assertThat(binary(invoker, "storage-object-deleted.json").statusCode()).isBetween(200, 299);
    assertThat(
            structured(invoker, structuredWithId("storage-object-finalized.json", "structured-2"))
                .statusCode())
        .isBetween(200, 299);

    assertThat(echoOf(invoker, "aaaaaa-1111-bbbb-2222-cccccccccccc"))
        .isEqualTo(
            "{\"bucket\":\"some-bucket\",\"key\":\"folder/Test.cs\",\"size\":352,\"change\":\"created\"}");
    assertThat(echoOf(invoker, "aaaaaa-1111-bbbb-2222-dddddddddddd"))
        .isEqualTo(
            "{\"bucket\":\"some-bucket\",\"key\":\"folder/Test.cs\",\"size\":352,\"change\":\"deleted\"}");
    assertThat(echoOf(invoker, "structured-2")).contains("\"change\":\"created\"");
  }

  @Test
  void aStorageFunctionFailsVisiblyOnAnotherEventType() throws Exception {
    InvokerProcess invoker = GcpInvokers.echo("echo-storage", EVENT);

    HttpResponse<String> response =
        structured(invoker, structuredWithId("pubsub-message-published.json", "wrong-type-1"));

    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(response.body()).isEmpty();
    assertThat(awaitLines(invoker, "wrong-type-1"))
        .singleElement()
        .satisfies(
            line -> {
              assertThat(line.get("severity").asText()).isEqualTo("ERROR");
              assertThat(line.get("message").asText())
                  .contains(
                      "echo-storage is a storage event function",
                      "google.cloud.storage.object.v1.finalized");
            });
  }

  @Test
  void aCloudSchedulerPubsubTargetReachesTheScheduleFunction() throws Exception {
    InvokerProcess invoker = GcpInvokers.echo("echo-schedule", EVENT);

    assertThat(binary(invoker, "pubsub-scheduler.json").statusCode()).isBetween(200, 299);

    assertThat(echoOf(invoker, "8236145932876544"))
        .isEqualTo("{\"time\":\"2021-02-06T02:00:00.412Z\"}");
  }

  @Test
  void anyCloudEventReachesTheCloudEventFunction() throws Exception {
    InvokerProcess invoker = GcpInvokers.echo("echo-event", EVENT);
    String protobuf =
        RecordedEvents.json("firestore-document-written.json").get("data_base64").asText();

    assertThat(binary(invoker, "firestore-document-written.json").statusCode()).isBetween(200, 299);
    assertThat(
            structured(invoker, structuredWithId("firestore-document-written.json", "structured-3"))
                .statusCode())
        .isBetween(200, 299);
    assertThat(
            structured(
                    invoker, RecordedEvents.structured("firestore-document-written-jsondata.json"))
                .statusCode())
        .isBetween(200, 299);
    assertThat(binary(invoker, "audit-log-written.json").statusCode()).isBetween(200, 299);
    assertThat(binary(invoker, "pubsub-with-poison.json").statusCode()).isBetween(200, 299);
    assertThat(binary(invoker, "storage-object-deleted.json").statusCode()).isBetween(200, 299);

    String firestore =
        "{\"id\":\"%s\",\"source\":\"//firestore.googleapis.com/projects/project-id/databases/(default)\","
            + "\"type\":\"google.cloud.firestore.document.v1.written\","
            + "\"subject\":\"documents/gcf-test/IH75dRdeYJKd4uuQiqch\",\"data\":\""
            + protobuf
            + "\"}";
    // Both modes hand over the protobuf bytes unchanged; the JSON-data variant and the audit log
    // arrive too.
    List<JsonNode> firstId = awaitLines(invoker, "aaaaaa-1111-bbbb-2222-cccccccccccc");
    assertThat(
            invoker.awaitOutput(
                out -> LogLines.ofExecution(out, "aaaaaa-1111-bbbb-2222-cccccccccccc").size() == 2,
                LOG_WAIT))
        .isTrue();
    firstId = LogLines.ofExecution(invoker.stdout(), "aaaaaa-1111-bbbb-2222-cccccccccccc");
    assertThat(firstId)
        .extracting(line -> line.get("message").asText())
        .contains("ECHO " + String.format(firestore, "aaaaaa-1111-bbbb-2222-cccccccccccc"))
        .anySatisfy(message -> assertThat(message).contains("\"data\":\"eyJvbGRWYWx1ZSI6e30s"));
    assertThat(echoOf(invoker, "structured-3")).isEqualTo(String.format(firestore, "structured-3"));
    assertThat(
            echoOf(
                invoker,
                "projects/test-project/logs/cloudaudit.googleapis.com%2Fdata_access1234567123456789"))
        .contains(
            "\"type\":\"google.cloud.audit.log.v1.written\"",
            "\"subject\":\"bigquery.googleapis.com/projects/test-project/jobs/sample-job\"");
    // Pub/Sub and Storage events too, as they are (the poison message is only data here).
    assertThat(echoOf(invoker, "3103425958877999"))
        .startsWith(
            "{\"id\":\"3103425958877999\",\"source\":\"//pubsub.googleapis.com/projects/test-project/topics/my-topic\"")
        .contains("\"subject\":null");
    assertThat(echoOf(invoker, "aaaaaa-1111-bbbb-2222-dddddddddddd"))
        .contains(
            "\"type\":\"google.cloud.storage.object.v1.deleted\"",
            "\"subject\":\"objects/folder/Test.cs\"");
  }

  @Test
  void traceComesFromTheTraceparentExtension() throws Exception {
    InvokerProcess invoker = GcpInvokers.echo("echo-event", EVENT);
    RecordedEvents.Binary event = RecordedEvents.binary("storage-object-finalized.json");
    Map<String, String> headers = new java.util.LinkedHashMap<>(event.headers());
    headers.put("ce-id", "traced-1");
    headers.put("ce-traceparent", "00-5759e988bd862e3fe1be46a994272793-53995c3f42cd8ad8-01");
    // A plain traceparent header is invisible to a CloudEventsFunction: only the extension counts.
    headers.put("traceparent", "00-11111111111111111111111111111111-2222222222222222-01");

    assertThat(binary(invoker, new RecordedEvents.Binary(headers, event.body())).statusCode())
        .isBetween(200, 299);

    assertThat(awaitLines(invoker, "traced-1"))
        .singleElement()
        .satisfies(
            line ->
                assertThat(line.get("logging.googleapis.com/trace").asText())
                    .isEqualTo("projects/test-project/traces/5759e988bd862e3fe1be46a994272793"));
  }

  @Test
  void malformedCloudEventsNeverReachTheFunction() throws Exception {
    InvokerProcess invoker = GcpInvokers.echo("echo-event", EVENT);
    RecordedEvents.Binary event = RecordedEvents.binary("pubsub-message-published.json");
    Map<String, String> noId = new java.util.LinkedHashMap<>(event.headers());
    noId.remove("ce-id");
    byte[] noType = "{\"specversion\":\"1.0\",\"id\":\"malformed-2\",\"source\":\"/x\"}".getBytes();
    invoker.clearOutput();

    HttpResponse<String> missingId = binary(invoker, new RecordedEvents.Binary(noId, event.body()));
    HttpResponse<String> missingType = structured(invoker, noType);
    // The audit-log example as recorded upstream has camelCase extension names, which the SDK
    // rejects.
    HttpResponse<String> camelCase =
        structured(invoker, RecordedEvents.structured("audit-log-written.json"));

    // What the invoker does, documented on GcpEventFunction: 500, empty body, its own stack trace.
    for (HttpResponse<String> response : List.of(missingId, missingType, camelCase)) {
      assertThat(response.statusCode()).isEqualTo(500);
      assertThat(response.body()).isEmpty();
    }
    assertThat(invoker.awaitOutput(out -> out.split("Failed to execute", -1).length == 4, LOG_WAIT))
        .isTrue();
    assertThat(invoker.output()).contains("Invalid extensions name: methodName");
    assertThat(LogLines.adapterLines(invoker.stdout())).isEmpty();
  }

  @Test
  void anHttpFunctionBehindTheEventEntryFailsStartUp() {
    InvokerProcess.StartFailedException failure =
        GcpInvokers.failedStart("echo-http", EVENT, GcpInvokers.echoClasspath());

    assertThat(failure.exitCode()).as("the invoker exits by itself").hasValue(1);
    assertThat(failure.output())
        .doesNotContain("Started ServerConnector")
        .contains(
            "Exception in thread \"main\"",
            "Caused by: java.lang.IllegalStateException: GcpEventFunction cannot start: Function echo-http is an"
                + " HTTP function",
            "--entry-point=dev.portablefunctions.gcp.GcpHttpFunction");
    assertThat(LogLines.adapterLines(failure.output()))
        .singleElement()
        .satisfies(
            line -> {
              assertThat(line.get("severity").asText()).isEqualTo("ERROR");
              assertThat(line.get("message").asText()).contains("echo-http is an HTTP function");
            });
  }

  @Test
  void anUnknownSelectionFailsStartUpNamingTheAvailableFunctions() {
    InvokerProcess.StartFailedException failure =
        GcpInvokers.failedStart("nope", EVENT, GcpInvokers.echoClasspath());

    assertThat(failure.exitCode()).hasValue(1);
    assertThat(failure.output())
        .contains(
            "Caused by: java.lang.IllegalStateException: GcpEventFunction cannot start:"
                + " PORTABLE_FUNCTION='nope' matches no function in this artifact. Available: ",
            "echo-storage (a storage event function)");
  }
}
