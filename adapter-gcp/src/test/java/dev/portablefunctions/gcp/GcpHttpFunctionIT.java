package dev.portablefunctions.gcp;

import static dev.portablefunctions.gcp.testing.GcpInvokers.HTTP;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portablefunctions.gcp.testing.GcpInvokers;
import dev.portablefunctions.gcp.testing.InvokerProcess;
import dev.portablefunctions.gcp.testing.LogLines;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * {@link GcpHttpFunction} inside the real Functions Framework invoker (a child JVM), over real HTTP
 * on loopback, serving the echo sample and the {@code probe} fixture.
 */
class GcpHttpFunctionIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration LOG_WAIT = Duration.ofSeconds(10);
  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private static HttpResponse<byte[]> send(HttpRequest request) throws Exception {
    return CLIENT.send(request, BodyHandlers.ofByteArray());
  }

  private static HttpRequest.Builder request(InvokerProcess invoker, String pathAndQuery) {
    return HttpRequest.newBuilder(invoker.uri(pathAndQuery)).timeout(Duration.ofSeconds(20));
  }

  private static JsonNode json(HttpResponse<byte[]> response) throws Exception {
    return JSON.readTree(response.body());
  }

  /** Sends a request no well-behaved client would, over a plain socket, and reads to the close. */
  private static String exchange(InvokerProcess invoker, String raw) throws Exception {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), invoker.port())) {
      socket.setSoTimeout(20_000);
      socket.getOutputStream().write(raw.getBytes(StandardCharsets.US_ASCII));
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static InvokerProcess probe() {
    return GcpInvokers.fixture("probe", HTTP, Map.of("CLOUD_RUN_TIMEOUT_SECONDS", "60"));
  }

  @Test
  void everyMethodReachesEchoHttpWithPathQueryHeadersAndBody() throws Exception {
    InvokerProcess invoker = GcpInvokers.echo("echo-http", HTTP);
    for (String method : List.of("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS")) {
      boolean withBody = List.of("POST", "PUT", "PATCH").contains(method);
      HttpResponse<byte[]> response =
          send(
              request(invoker, "/a/b%20c/caf%C3%A9?k=v1&k=v2&sp=x+y&enc=%2F")
                  .header("X-Test", "1")
                  .header("X-Dup", "one")
                  .header("X-Dup", "two")
                  .header("Content-Type", "text/plain; charset=utf-8")
                  .method(
                      method,
                      withBody ? BodyPublishers.ofString("hi " + method) : BodyPublishers.noBody())
                  .build());

      assertThat(response.statusCode()).as(method).isEqualTo(200);
      assertThat(response.headers().firstValue("content-type")).contains("application/json");
      JsonNode echo = json(response);
      assertThat(echo.get("cloud").asText()).isEqualTo("gcp");
      assertThat(echo.get("method").asText()).isEqualTo(method);
      assertThat(echo.get("path").asText()).isEqualTo("/a/b c/café");
      assertThat(echo.get("query").toString())
          .isEqualTo("{\"k\":[\"v1\",\"v2\"],\"sp\":[\"x y\"],\"enc\":[\"/\"]}");
      assertThat(echo.get("headers").get("x-test").toString()).isEqualTo("[\"1\"]");
      assertThat(echo.get("headers").get("x-dup").toString()).isEqualTo("[\"one\",\"two\"]");
      assertThat(
              new String(
                  Base64.getDecoder().decode(echo.get("body").asText()), StandardCharsets.UTF_8))
          .isEqualTo(withBody ? "hi " + method : "");
    }
    HttpResponse<byte[]> head =
        send(request(invoker, "/").method("HEAD", BodyPublishers.noBody()).build());
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.body()).isEmpty();
  }

  @Test
  void aBinaryBodyArrivesByteForByte() throws Exception {
    byte[] bytes = new byte[1_000_000];
    new Random(42).nextBytes(bytes);

    HttpResponse<byte[]> response =
        send(
            request(GcpInvokers.echo("echo-http", HTTP), "/upload")
                .header("Content-Type", "application/octet-stream")
                .POST(BodyPublishers.ofByteArray(bytes))
                .build());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(Base64.getDecoder().decode(json(response).get("body").asText())).isEqualTo(bytes);
  }

  @Test
  void aFormBodyStaysTheBodyAndAMalformedQueryEscapeIsKept() throws Exception {
    // The invoker's own getQueryParameters() would eat this form body, and answer 500 to %zz. The
    // JDK client refuses to send %zz, so this request goes over a plain socket.
    InvokerProcess invoker = GcpInvokers.echo("echo-http", HTTP);
    String raw =
        "POST /form?x=1&bad=%zz HTTP/1.1\r\nHost: 127.0.0.1:"
            + invoker.port()
            + "\r\n"
            + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 7\r\n"
            + "Connection: close\r\n\r\na=1&b=2";
    String response = exchange(invoker, raw);

    assertThat(response).startsWith("HTTP/1.1 200");
    JsonNode echo = JSON.readTree(response.substring(response.indexOf("\r\n\r\n") + 4));
    assertThat(echo.get("query").toString()).isEqualTo("{\"x\":[\"1\"],\"bad\":[\"%zz\"]}");
    assertThat(
            new String(
                Base64.getDecoder().decode(echo.get("body").asText()), StandardCharsets.UTF_8))
        .isEqualTo("a=1&b=2");
  }

  @Test
  void aBodyWithMalformedChunkingIs400AndRunsNothing() throws Exception {
    InvokerProcess invoker = GcpInvokers.echo("echo-http", HTTP);
    String raw =
        "POST /x HTTP/1.1\r\nHost: 127.0.0.1:"
            + invoker.port()
            + "\r\nTransfer-Encoding: chunked\r\nFunction-Execution-Id: exec-it-chunks\r\n"
            + "Connection: close\r\n\r\nZq7chunk\r\nab\r\n0\r\n\r\n";
    String response = exchange(invoker, raw);

    // Was a 500 naming the function's failure: the body is the client's, the function never ran.
    assertThat(response).startsWith("HTTP/1.1 400").doesNotContain("Zq7chunk");
    JsonNode problem = JSON.readTree(response.substring(response.indexOf("\r\n\r\n") + 4));
    assertThat(problem.get("detail").asText()).contains("chunked framing is malformed");
    assertThat(
            invoker.awaitOutput(
                out -> !LogLines.ofExecution(out, "exec-it-chunks").isEmpty(), LOG_WAIT))
        .isTrue();
    assertThat(LogLines.ofExecution(invoker.stdout(), "exec-it-chunks"))
        .allSatisfy(line -> assertThat(line.toString()).doesNotContain("Zq7chunk"))
        .noneSatisfy(line -> assertThat(line.get("severity").asText()).isEqualTo("ERROR"));
  }

  @Test
  void manyConcurrentRequestsEachGetTheirOwnAnswer() throws Exception {
    InvokerProcess invoker = GcpInvokers.echo("echo-http", HTTP);
    List<CompletableFuture<HttpResponse<byte[]>>> responses = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      responses.add(
          CLIENT.sendAsync(
              request(invoker, "/n/" + i).header("X-N", Integer.toString(i)).build(),
              BodyHandlers.ofByteArray()));
    }
    for (int i = 0; i < responses.size(); i++) {
      HttpResponse<byte[]> response = responses.get(i).get();
      assertThat(response.statusCode()).isEqualTo(200);
      JsonNode echo = json(response);
      assertThat(echo.get("path").asText()).isEqualTo("/n/" + i);
      assertThat(echo.get("headers").get("x-n").get(0).asText()).isEqualTo(Integer.toString(i));
    }
  }

  @Test
  void typedFunctionAnswersJsonAndRejectsWhatIsNot() throws Exception {
    InvokerProcess invoker = GcpInvokers.echo("echo-typed", HTTP);

    HttpResponse<byte[]> ok =
        send(
            request(invoker, "/")
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString("{\"name\":\"Ada\"}"))
                .build());
    HttpResponse<byte[]> malformed =
        send(
            request(invoker, "/")
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString("{\"name\":"))
                .build());
    HttpResponse<byte[]> get = send(request(invoker, "/").GET().build());
    HttpResponse<byte[]> text =
        send(
            request(invoker, "/")
                .header("Content-Type", "text/plain")
                .POST(BodyPublishers.ofString("Ada"))
                .build());

    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(new String(ok.body(), StandardCharsets.UTF_8))
        .isEqualTo("{\"greeting\":\"Hello, Ada\"}");
    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(malformed.headers().firstValue("content-type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(json(malformed).get("detail").asText()).contains("not valid JSON");
    assertThat(get.statusCode()).isEqualTo(405);
    assertThat(get.headers().firstValue("allow")).contains("POST");
    assertThat(text.statusCode()).isEqualTo(415);
  }

  @Test
  void theFirstRequestOfTheInstanceIsRecordedColdAndTheNextOnesWarmWithTheirDuration()
      throws Exception {
    InvokerProcess invoker = probe();
    for (String id : List.of("exec-it-outcome-1", "exec-it-outcome-2")) {
      assertThat(
              send(request(invoker, "/ctx").header("Function-Execution-Id", id).build())
                  .statusCode())
          .isEqualTo(200);
    }

    assertThat(
            invoker.awaitOutput(
                out -> LogLines.outcomeOf(out, "exec-it-outcome-2") != null, LOG_WAIT))
        .isTrue();
    JsonNode record = LogLines.outcomeOf(invoker.stdout(), "exec-it-outcome-2");
    assertThat(record.get("severity").asText()).isEqualTo("INFO");
    assertThat(record.get("logging.googleapis.com/labels").get("function").asText())
        .isEqualTo("probe");
    assertThat(record.get("outcome").asText()).isEqualTo("success");
    assertThat(record.get("trigger").asText()).isEqualTo("http");
    assertThat(record.get("status").asInt()).isEqualTo(200);
    assertThat(record.get("coldStart").asBoolean()).isFalse();
    assertThat(record.get("durationMs").isNumber()).isTrue();
    assertThat(record.get("durationMs").asDouble()).isPositive();
    assertThat(LogLines.outcomeOf(invoker.stdout(), "exec-it-outcome-1")).isNotNull();
    // The tests share this instance, in any order: its first record is the cold one, and the only
    // one.
    List<JsonNode> records = LogLines.outcomes(invoker.stdout());
    assertThat(records.get(0).get("coldStart").asBoolean()).isTrue();
    assertThat(records.subList(1, records.size()))
        .allSatisfy(later -> assertThat(later.get("coldStart").asBoolean()).isFalse());
  }

  @Test
  void contextCarriesExecutionIdTraceDeadlineAndTheFrameworkObjects() throws Exception {
    InvokerProcess invoker = probe();

    HttpResponse<byte[]> response =
        send(
            request(invoker, "/ctx")
                .header("Function-Execution-Id", "exec-it-1")
                .header("traceparent", "00-5759e988bd862e3fe1be46a994272793-53995c3f42cd8ad8-01")
                .build());

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode context = json(response);
    assertThat(context.get("invocationId").asText()).isEqualTo("exec-it-1");
    assertThat(context.get("functionName").asText()).isEqualTo("probe");
    assertThat(context.get("cloud").asText()).isEqualTo("gcp");
    assertThat(context.get("traceId").asText()).isEqualTo("5759e988bd862e3fe1be46a994272793");
    assertThat(context.get("spanId").asText()).isEqualTo("53995c3f42cd8ad8");
    assertThat(context.get("remainingSeconds").asLong()).isBetween(50L, 60L);
    assertThat(context.get("frameworkPath").asText()).isEqualTo("/ctx");
    assertThat(context.get("frameworkResponse").asBoolean()).isTrue();
    assertThat(
            invoker.awaitOutput(out -> !LogLines.ofExecution(out, "exec-it-1").isEmpty(), LOG_WAIT))
        .isTrue();
    JsonNode line = LogLines.ofExecution(invoker.stdout(), "exec-it-1").get(0);
    assertThat(line.get("severity").asText()).isEqualTo("INFO");
    assertThat(line.get("message").asText()).isEqualTo("probe /ctx");
    assertThat(line.get("logging.googleapis.com/trace").asText())
        .isEqualTo("projects/test-project/traces/5759e988bd862e3fe1be46a994272793");
    assertThat(line.get("logging.googleapis.com/spanId").asText()).isEqualTo("53995c3f42cd8ad8");
    assertThat(line.get("logging.googleapis.com/labels").get("function").asText())
        .isEqualTo("probe");
  }

  @Test
  void aThrowingFunctionIs500ProblemWithoutStackTraceLoggedOnce() throws Exception {
    InvokerProcess invoker = probe();

    HttpResponse<byte[]> response =
        send(request(invoker, "/throw").header("Function-Execution-Id", "exec-it-throw").build());

    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(response.headers().firstValue("content-type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    JsonNode problem = json(response);
    assertThat(problem.get("status").asInt()).isEqualTo(500);
    assertThat(problem.get("invocationId").asText()).isEqualTo("exec-it-throw");
    assertThat(new String(response.body(), StandardCharsets.UTF_8))
        .doesNotContain("s3cr3t", "IllegalStateException", "\tat ", "Probe.java");
    assertThat(
            invoker.awaitOutput(
                out -> !LogLines.ofExecution(out, "exec-it-throw").isEmpty(), LOG_WAIT))
        .isTrue();
    assertThat(LogLines.ofExecution(invoker.stdout(), "exec-it-throw"))
        .singleElement()
        .satisfies(
            line -> {
              assertThat(line.get("severity").asText()).isEqualTo("ERROR");
              assertThat(line.get("stack_trace").asText())
                  .contains("IllegalStateException: probe failed: secret=s3cr3t");
            });
    // The adapter answered, so the invoker had nothing to log: the failure is in the log once.
    assertThat(invoker.output()).doesNotContain("Failed to execute");
  }

  @Test
  void statusEveryHeaderValueAndABinaryBodyGoOut() throws Exception {
    byte[] bytes = new byte[256];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) i;
    }

    HttpResponse<byte[]> response =
        send(request(probe(), "/created").POST(BodyPublishers.ofByteArray(bytes)).build());

    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(response.headers().allValues("set-cookie")).containsExactly("a=1", "b=2");
    assertThat(response.headers().firstValue("location")).contains("/orders/7");
    assertThat(response.headers().firstValue("content-type")).contains("application/octet-stream");
    assertThat(response.headers().firstValue("content-length")).contains("256");
    assertThat(response.body()).isEqualTo(bytes);
  }

  @Test
  void aFunctionExceptionKeepsItsStatus() throws Exception {
    HttpResponse<byte[]> response = send(request(probe(), "/not-found").build());

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(json(response).get("detail").asText()).isEqualTo("No order 7.");
  }

  @Test
  void cloudSchedulerReachesAScheduleFunctionOverHttp() throws Exception {
    InvokerProcess invoker = GcpInvokers.echo("echo-schedule", HTTP);

    HttpResponse<byte[]> tick =
        send(
            request(invoker, "/jobs/nightly-report?dryRun=false")
                .header("User-Agent", "Google-Cloud-Scheduler")
                .header("X-CloudScheduler", "true")
                .header("X-CloudScheduler-JobName", "nightly-report")
                .header("X-CloudScheduler-ScheduleTime", "2021-02-06T02:00:00.000Z")
                .header("X-Cloud-Trace-Context", "105445aa7843bc8bf206b12000100000/1;o=1")
                .header("Function-Execution-Id", "exec-it-tick")
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString("{\"job\":\"nightly-report\"}"))
                .build());
    HttpResponse<byte[]> notScheduler =
        send(
            request(invoker, "/")
                .header("Function-Execution-Id", "exec-it-not-scheduler")
                .POST(BodyPublishers.ofString("{}"))
                .build());

    assertThat(tick.statusCode()).isEqualTo(204);
    assertThat(
            invoker.awaitOutput(
                out -> !LogLines.ofExecution(out, "exec-it-tick").isEmpty(), LOG_WAIT))
        .isTrue();
    assertThat(LogLines.ofExecution(invoker.stdout(), "exec-it-tick"))
        .singleElement()
        .satisfies(
            line -> {
              assertThat(line.get("message").asText())
                  .isEqualTo("ECHO {\"time\":\"2021-02-06T02:00:00Z\"}");
              assertThat(line.get("logging.googleapis.com/trace").asText())
                  .isEqualTo("projects/test-project/traces/105445aa7843bc8bf206b12000100000");
            });
    // Not a Cloud Scheduler request: a deployment error, reported as on every cloud.
    assertThat(notScheduler.statusCode()).isEqualTo(500);
    assertThat(json(notScheduler).get("invocationId").asText()).isEqualTo("exec-it-not-scheduler");
    assertThat(json(notScheduler).get("detail").asText())
        .doesNotContain("X-CloudScheduler", "echo-schedule");
    assertThat(
            invoker.awaitOutput(
                out -> !LogLines.ofExecution(out, "exec-it-not-scheduler").isEmpty(), LOG_WAIT))
        .isTrue();
    assertThat(LogLines.ofExecution(invoker.stdout(), "exec-it-not-scheduler"))
        .singleElement()
        .satisfies(
            line -> {
              assertThat(line.get("severity").asText()).isEqualTo("ERROR");
              assertThat(line.get("message").asText())
                  .contains(
                      "echo-schedule is a schedule event function", "X-CloudScheduler-JobName");
            });
  }

  /**
   * What a misconfigured deployment looks like: the invoker constructs the entry class before it
   * opens its port, so the constructor's exception makes it exit without ever listening (on Cloud
   * Run, the revision fails its start-up check). Its output has the adapter's ERROR line and the
   * invoker's stack trace, both with the reason.
   */
  private static void assertFailsToStart(
      InvokerProcess.StartFailedException failure, String entry, String... reason) {
    assertThat(failure.exitCode()).as("the invoker exits by itself").hasValue(1);
    String output = failure.output();
    assertThat(output).doesNotContain("Started ServerConnector");
    assertThat(output)
        .contains(
            "Exception in thread \"main\"",
            "Could not construct an instance of dev.portablefunctions.gcp." + entry,
            "Caused by: java.lang.IllegalStateException: " + entry + " cannot start: ");
    assertThat(output.substring(output.indexOf("Caused by: java.lang.IllegalStateException")))
        .contains(reason);
    assertThat(LogLines.adapterLines(output))
        .singleElement()
        .satisfies(
            line -> {
              assertThat(line.get("severity").asText()).isEqualTo("ERROR");
              assertThat(line.get("message").asText())
                  .startsWith(entry + " cannot start: ")
                  .contains(reason);
            });
  }

  @Test
  void anUnknownSelectionFailsStartUpNamingTheAvailableFunctions() {
    InvokerProcess.StartFailedException failure =
        GcpInvokers.failedStart("no-such-function", HTTP, GcpInvokers.echoClasspath());

    assertFailsToStart(
        failure,
        "GcpHttpFunction",
        "PORTABLE_FUNCTION='no-such-function' matches no function in this artifact",
        "Available: ",
        "echo-http (an HTTP function)",
        "echo-message (a message function)");
  }

  @Test
  void severalFunctionsWithoutASelectionFailStartUpSayingWhatToSet() {
    InvokerProcess.StartFailedException failure =
        GcpInvokers.failedStart(null, HTTP, GcpInvokers.echoClasspath());

    assertFailsToStart(
        failure, "GcpHttpFunction", "set PORTABLE_FUNCTION to the one to run", "echo-typed");
  }

  @Test
  void aMessageFunctionBehindTheHttpEntryFailsStartUpNamingTheEventEntry() {
    InvokerProcess.StartFailedException failure =
        GcpInvokers.failedStart("echo-message", HTTP, GcpInvokers.echoClasspath());

    assertFailsToStart(
        failure,
        "GcpHttpFunction",
        "echo-message is a message function",
        "--entry-point=dev.portablefunctions.gcp.GcpEventFunction");
  }
}
