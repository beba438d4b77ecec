package dev.portablefunctions.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portablefunctions.FunctionLogger;
import dev.portablefunctions.local.fixtures.Echo;
import dev.portablefunctions.spi.FunctionRegistry;
import dev.portablefunctions.spi.Json;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The local server over real HTTP on loopback, with the JDK's HttpClient. Two servers are shared by
 * all cases: one serving every fixture function under its name (with a 4 KiB body limit and a one
 * second timeout), and one serving only {@code echo} at {@code /}.
 */
class LocalServerTest {

  private static final List<String> LOGS = new CopyOnWriteArrayList<>();
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static LocalServer all;
  private static LocalServer single;

  @BeforeAll
  static void start() throws IOException {
    FunctionRegistry registry = FunctionRegistry.load(LocalServerTest.class.getClassLoader());
    all =
        LocalServer.builder()
            .registry(registry)
            .port(0)
            .maxBodyBytes(4096)
            .timeout(Duration.ofSeconds(1))
            .logTo(LOGS::add, FunctionLogger.Level.DEBUG)
            .start();
    single =
        LocalServer.builder()
            .registry(registry)
            .port(0)
            .function("echo")
            .logTo(LOGS::add, FunctionLogger.Level.DEBUG)
            .start();
  }

  @AfterAll
  static void stop() {
    all.close();
    single.close();
  }

  @BeforeEach
  void clearLogs() {
    LOGS.clear();
  }

  private static HttpResponse<String> send(LocalServer server, HttpRequest.Builder request)
      throws IOException, InterruptedException {
    return CLIENT.send(request.timeout(Duration.ofSeconds(10)).build(), BodyHandlers.ofString());
  }

  private static HttpRequest.Builder to(LocalServer server, String pathAndQuery) {
    return HttpRequest.newBuilder(server.uri().resolve(pathAndQuery));
  }

  private static JsonNode json(HttpResponse<String> response) throws IOException {
    return Json.mapper().readTree(response.body());
  }

  private static JsonNode problem(HttpResponse<String> response, int status) throws IOException {
    assertThat(response.statusCode()).isEqualTo(status);
    assertThat(response.headers().firstValue("content-type")).contains("application/problem+json");
    JsonNode problem = json(response);
    assertThat(problem.path("status").asInt()).isEqualTo(status);
    assertThat(problem.path("title").asText()).isNotBlank();
    assertThat(problem.path("invocationId").asText()).isNotBlank();
    // a stack trace in JSON would show as escaped tabs before "at" frames
    assertThat(response.body())
        .doesNotContain("\\tat ")
        .doesNotContain("at dev.")
        .doesNotContain("Exception");
    return problem;
  }

  private static List<String> logsContaining(String text) {
    return LOGS.stream().filter(line -> line.contains(text)).collect(Collectors.toList());
  }

  @Nested
  class Http {

    @Test
    void aHeaderWithANulIs400WithoutReachingTheFunction() throws Exception {
      String answer;
      try (java.net.Socket socket = new java.net.Socket("127.0.0.1", all.port())) {
        socket.setSoTimeout(10_000);
        socket
            .getOutputStream()
            .write(
                ("GET /echo HTTP/1.1\r\n"
                        + "Host: x\r\n"
                        + "X-Token: a\u0000sk_live_x\r\n"
                        + "Connection: close\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        answer =
            new String(
                socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      }

      // The JDK's server passes the NUL on; Headers refuses it, and the adapter answers 400
      // (before,
      // the connection closed without an answer).
      assertThat(answer)
          .startsWith("HTTP/1.1 400")
          .contains("application/problem+json", "CR, LF or NUL")
          .doesNotContain("sk_live");
      assertThat(LOGS).noneMatch(line -> line.contains("sk_live"));
    }

    @Test
    void multiValuedQueryAndHeadersReachTheFunctionWithLowerCaseNames() throws Exception {
      HttpResponse<String> response =
          send(
              all,
              to(all, "/echo/a/b?k=v1&k=v2&space=a+b%20c")
                  .header("X-Test", "1")
                  .header("X-Multi", "one")
                  .header("X-Multi", "two")
                  .POST(BodyPublishers.ofByteArray(new byte[] {0, 1, (byte) 0xff})));

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("x-echo")).contains("1");
      JsonNode echo = json(response);
      assertThat(echo.path("cloud").asText()).isEqualTo("local");
      assertThat(echo.path("method").asText()).isEqualTo("POST");
      assertThat(echo.path("path").asText()).isEqualTo("/a/b");
      assertThat(echo.path("query").path("k").toString()).isEqualTo("[\"v1\",\"v2\"]");
      assertThat(echo.path("query").path("space").get(0).asText()).isEqualTo("a b c");
      assertThat(echo.path("headers").path("x-test").toString()).isEqualTo("[\"1\"]");
      assertThat(echo.path("headers").path("x-multi").toString()).isEqualTo("[\"one\",\"two\"]");
      assertThat(echo.path("body").asText()).isEqualTo("AAH/");
      assertThat(echo.path("hasDeadline").asBoolean()).isTrue();
    }

    @Test
    void aSingleFunctionServerServesEveryPathAndTheFunctionSeesTheFullPath() throws Exception {
      HttpResponse<String> root = send(single, to(single, "/"));
      HttpResponse<String> deep = send(single, to(single, "/echo/x/y?z=1"));

      assertThat(json(root).path("path").asText()).isEqualTo("/");
      assertThat(json(deep).path("path").asText()).isEqualTo("/echo/x/y");
    }

    @Test
    void aServerOfGivenFunctionInstancesServesTheOneItIsGivenAtTheRoot() throws Exception {
      try (LocalServer given =
          LocalServer.builder()
              .functions(new Echo())
              .port(0)
              .logTo(LOGS::add, FunctionLogger.Level.INFO)
              .start()) {
        HttpResponse<String> response = send(given, to(given, "/a/b"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).path("path").asText()).isEqualTo("/a/b");
      }
      assertThatThrownBy(() -> LocalServer.builder().functions(new Object()))
          .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void framingHeadersFromAFunctionAreDropped() throws Exception {
      HttpResponse<String> response = send(all, to(all, "/echo?framing=1"));

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("transfer-encoding")).isEmpty();
      assertThat(json(response).path("method").asText()).isEqualTo("GET");
    }

    @Test
    void traceHeadersAreNormalisedIntoTheContext() throws Exception {
      HttpResponse<String> response =
          send(
              all,
              to(all, "/echo")
                  .header("X-Cloud-Trace-Context", "105445aa7843bc8bf206b12000100000/1;o=1"));

      assertThat(json(response).path("traceId").asText())
          .isEqualTo("105445aa7843bc8bf206b12000100000");
    }

    @Test
    void theRootListsTheFunctions() throws Exception {
      JsonNode index = json(send(all, to(all, "/")));

      assertThat(index.path("functions").findValuesAsText("name"))
          .contains("echo", "boom", "slow", "square", "collect", "events", "uploads", "ticks");
    }

    @Test
    void aPathWithADotSegmentIs400OnBothServersAndReachesNoFunction() throws Exception {
      assertThat(send(all, to(all, "/echo/a.b/..c")).statusCode()).isEqualTo(200);
      assertThat(logsContaining("Invocation succeeded")).hasSize(1); // what a run would log
      LOGS.clear();

      for (String path : List.of("/echo/%2e%2e/secret", "/echo/../secret", "/echo/./x")) {
        for (LocalServer server : List.of(all, single)) {
          JsonNode problem = problem(send(server, to(server, path)), 400);

          assertThat(problem.path("detail").asText())
              .as(path)
              .contains("'.' or '..' segment")
              .doesNotContain("secret");
        }
      }
      assertThat(logsContaining("Invocation succeeded")).isEmpty();
    }

    @Test
    void anUnknownFunctionIs404AndListsWhatIsServed() throws Exception {
      JsonNode problem = problem(send(all, to(all, "/nope/x")), 404);

      assertThat(problem.path("detail").asText())
          .contains("No function at this path")
          .contains("/echo")
          .doesNotContain("nope"); // the path is the caller's input
    }

    @Test
    void aThrowingFunctionIs500WithoutItsMessageAndTheOperatorGetsOneLogLine() throws Exception {
      JsonNode problem = problem(send(all, to(all, "/boom")), 500);

      String invocationId = problem.path("invocationId").asText();
      assertThat(problem.path("detail").asText()).contains(invocationId).doesNotContain("hunter2");
      List<String> errors = logsContaining("\"level\":\"ERROR\"");
      assertThat(errors).hasSize(1);
      assertThat(errors.get(0))
          .contains(invocationId)
          .contains("IllegalStateException")
          .contains("hunter2")
          .contains("Boom.handle");
    }

    @Test
    void aFunctionExceptionKeepsItsStatusAndDetail() throws Exception {
      JsonNode problem = problem(send(all, to(all, "/boom?kind=conflict")), 409);

      assertThat(problem.path("title").asText()).isEqualTo("Conflict");
      assertThat(problem.path("detail").asText()).isEqualTo("order 7 is already paid");
      assertThat(logsContaining("\"level\":\"WARN\"")).hasSize(1);
    }

    @Test
    void aFunctionPastTheTimeoutIs504AndIsInterrupted() throws Exception {
      long start = System.nanoTime();
      JsonNode problem = problem(send(all, to(all, "/slow")), 504);

      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
      assertThat(problem.path("detail").asText()).contains("did not finish within 1s");
      for (int i = 0; i < 50 && logsContaining("SLOW interrupted").isEmpty(); i++) {
        Thread.sleep(20);
      }
      assertThat(logsContaining("SLOW interrupted")).hasSize(1);
    }

    @Test
    void aBodyOverTheLimitIs413() throws Exception {
      JsonNode problem =
          problem(
              send(all, to(all, "/echo").POST(BodyPublishers.ofByteArray(new byte[5000]))), 413);

      assertThat(problem.path("detail").asText())
          .contains("4096 bytes")
          .contains("PORTABLE_MAX_BODY_BYTES")
          .doesNotContain("5000"); // the declared length is the client's, not quoted back
    }

    @Test
    void aChunkedBodyOverTheLimitIs413() throws Exception {
      // ofInputStream has no known length, so the client streams it chunked
      HttpRequest.BodyPublisher chunked =
          BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(new byte[9000]));
      problem(send(all, to(all, "/echo").POST(chunked)), 413);
    }
  }

  @Nested
  class Typed {

    private HttpRequest.Builder post(String body, String contentType) {
      return to(all, "/square")
          .header("Content-Type", contentType)
          .POST(BodyPublishers.ofString(body));
    }

    @Test
    void aJsonPostReturnsTheOutputAsJson() throws Exception {
      HttpResponse<String> response = send(all, post("{\"value\":12}", "application/json"));

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("content-type")).contains("application/json");
      assertThat(response.body()).isEqualTo("{\"square\":144}");
    }

    @Test
    void aNullOutputIs204() throws Exception {
      assertThat(send(all, post("{\"value\":-1}", "application/json")).statusCode()).isEqualTo(204);
    }

    @Test
    void malformedJsonIs400AndSaysWhere() throws Exception {
      JsonNode problem = problem(send(all, post("{\"value\":", "application/json")), 400);

      assertThat(problem.path("detail").asText()).contains("not valid JSON").contains("line 1");
    }

    @Test
    void jsonOfTheWrongShapeIs400AndNamesTheProperty() throws Exception {
      JsonNode problem = problem(send(all, post("{\"value\":\"many\"}", "application/json")), 400);

      assertThat(problem.path("detail").asText()).contains("at /value");
    }

    @Test
    void trailingGarbageAfterTheJsonIs400() throws Exception {
      problem(send(all, post("{\"value\":2}xx", "application/json")), 400);
    }

    @Test
    void theJsonNullIs400() throws Exception {
      JsonNode problem = problem(send(all, post("null", "application/json")), 400);

      assertThat(problem.path("detail").asText()).contains("JSON null").contains("In");
    }

    @Test
    void aWrongContentTypeIs415() throws Exception {
      JsonNode problem =
          problem(send(all, post("value=3", "application/x-www-form-urlencoded")), 415);

      assertThat(problem.path("detail").asText())
          .contains("application/json")
          .doesNotContain("x-www-form-urlencoded"); // the caller's Content-Type is not repeated
    }

    @Test
    void aGetIs405WithAllow() throws Exception {
      HttpResponse<String> response = send(all, to(all, "/square"));

      problem(response, 405);
      assertThat(response.headers().firstValue("allow")).contains("POST");
    }
  }

  @Nested
  class Messages {

    private HttpResponse<String> post(String body) throws Exception {
      return send(
          all,
          to(all, "/collect")
              .header("Content-Type", "application/json")
              .POST(BodyPublishers.ofString(body)));
    }

    @Test
    void aPoisonMessageFailsAloneAndIsReported() throws Exception {
      HttpResponse<String> response =
          post(
              "[{\"id\":\"m1\",\"text\":\"one\"},"
                  + "{\"id\":\"m2\",\"text\":\"poison\"},"
                  + "{\"id\":\"m3\",\"data\":\"dGhyZWU=\",\"attributes\":{\"k\":\"v\"},"
                  + "\"orderingKey\":\"g\",\"deliveryAttempt\":2}]");

      assertThat(response.statusCode()).isEqualTo(200);
      JsonNode report = json(response);
      assertThat(report.path("received").asInt()).isEqualTo(3);
      assertThat(report.path("failed")).hasSize(1);
      assertThat(report.path("failed").get(0).path("id").asText()).isEqualTo("m2");
      assertThat(report.path("failed").get(0).path("status").asInt()).isEqualTo(500);
      assertThat(report.toString()).doesNotContain("cannot digest");
      assertThat(logsContaining("SEEN m1 one")).hasSize(1);
      assertThat(logsContaining("SEEN m3 three {k=v} g 2")).hasSize(1);
      assertThat(logsContaining("failed on message m2"))
          .singleElement()
          .asString()
          .contains(report.path("invocationId").asText())
          .contains("cannot digest m2");
    }

    @Test
    void aFailureFailsTheLaterMessagesOfItsOrderingKeyWithoutRunningThem() throws Exception {
      JsonNode report =
          json(
              post(
                  "[{\"id\":\"a1\",\"text\":\"poison\",\"orderingKey\":\"a\"},"
                      + "{\"id\":\"b1\",\"text\":\"ok\",\"orderingKey\":\"b\"},"
                      + "{\"id\":\"a2\",\"text\":\"ok\",\"orderingKey\":\"a\"}]"));

      assertThat(report.path("failed").findValuesAsText("id")).containsExactly("a1", "a2");
      assertThat(logsContaining("SEEN a2")).isEmpty();
      assertThat(logsContaining("SEEN b1")).hasSize(1);
    }

    @Test
    void aSingleFailingMessageIsAnsweredWithItsProblem() throws Exception {
      problem(post("{\"id\":\"solo\",\"text\":\"poison\"}"), 500);
    }

    @Test
    void aSingleMessageSucceeds() throws Exception {
      HttpResponse<String> response = post("{\"text\":\"hello\"}");

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(json(response).path("failed")).isEmpty();
    }

    @Test
    void badBase64Is400AndPointsAtTheMessage() throws Exception {
      JsonNode problem = problem(post("[{\"id\":\"m9\",\"data\":\"not base64!\"}]"), 400);

      assertThat(problem.path("detail").asText())
          .isEqualTo("The message batch is invalid at /0/data: expected base64 text.");
      assertThat(logsContaining("SEEN")).isEmpty();
    }

    @Test
    void malformedJsonIs400() throws Exception {
      problem(post("[{\"id\":"), 400);
    }

    @Test
    void unknownFieldsAre400ListingTheKnownOnes() throws Exception {
      JsonNode problem = problem(post("{\"id\":\"m1\",\"sk_live_x\":\"hello\"}"), 400);

      // The unknown name is the caller's input: the detail lists the format's fields instead.
      assertThat(problem.path("detail").asText())
          .contains("only the fields attributes, data")
          .doesNotContain("sk_live");
      assertThat(logsContaining("SEEN")).isEmpty();
    }

    @Test
    void anEmptyIdIs400() throws Exception {
      problem(post("{\"id\":\"\",\"text\":\"x\"}"), 400);
    }

    @Test
    void aBatchPastTheTimeoutRunsNoFurtherMessage() throws Exception {
      JsonNode problem =
          problem(
              post(
                  "[{\"id\":\"t1\",\"text\":\"sleep\"},{\"id\":\"t2\",\"text\":\"ok\"},"
                      + "{\"id\":\"t3\",\"text\":\"ok\"}]"),
              504);

      Thread.sleep(700); // long enough for t2 and t3 to have run, had the batch gone on
      assertThat(logsContaining("SEEN t1")).hasSize(1);
      assertThat(logsContaining("SEEN t2")).isEmpty();
      assertThat(logsContaining("SEEN t3")).isEmpty();
      assertThat(logsContaining("\"level\":\"ERROR\""))
          .singleElement()
          .asString()
          .contains("did not finish");
      assertThat(problem.path("detail").asText()).contains("did not finish within 1s");
    }
  }

  @Nested
  class Events {

    @Test
    void aBinaryModeCloudEventReachesTheFunction() throws Exception {
      HttpResponse<String> response =
          send(
              all,
              to(all, "/events")
                  .header("ce-specversion", "1.0")
                  .header("ce-id", "e1")
                  .header("ce-source", "//storage.googleapis.com/projects/_/buckets/b")
                  .header("ce-type", "com.example.thing.v1")
                  .header("ce-subject", "objects/a.txt")
                  .header("Content-Type", "text/plain")
                  .POST(BodyPublishers.ofString("payload")));

      assertThat(response.statusCode()).isEqualTo(204);
      assertThat(
              logsContaining(
                  "EVENT e1 //storage.googleapis.com/projects/_/buckets/b com.example.thing.v1"
                      + " objects/a.txt payload"))
          .hasSize(1);
    }

    @Test
    void aStructuredModeCloudEventReachesTheFunction() throws Exception {
      HttpResponse<String> response =
          send(
              all,
              to(all, "/events")
                  .header("Content-Type", "application/cloudevents+json; charset=utf-8")
                  .POST(
                      BodyPublishers.ofString(
                          "{\"specversion\":\"1.0\",\"id\":\"e2\",\"source\":\"/s\","
                              + "\"type\":\"t\",\"datacontenttype\":\"application/json\","
                              + "\"data\":{\"a\":1}}")));

      assertThat(response.statusCode()).isEqualTo(204);
      assertThat(logsContaining("EVENT e2 /s t null {\\\"a\\\":1}")).hasSize(1);
    }

    @Test
    void aFailingEventFunctionIs500AndLoggedOnce() throws Exception {
      JsonNode problem =
          problem(
              send(
                  all,
                  to(all, "/events")
                      .header("ce-specversion", "1.0")
                      .header("ce-id", "boom")
                      .header("ce-source", "/s")
                      .header("ce-type", "t")
                      .header("ce-subject", "explode")
                      .POST(BodyPublishers.noBody())),
              500);

      assertThat(logsContaining("\"level\":\"ERROR\""))
          .singleElement()
          .asString()
          .contains(problem.path("invocationId").asText())
          .contains("exploded on request");
    }

    @Test
    void aCloudEventWithoutASourceIs400() throws Exception {
      JsonNode problem =
          problem(
              send(
                  all,
                  to(all, "/events")
                      .header("Content-Type", "application/cloudevents+json")
                      .POST(
                          BodyPublishers.ofString(
                              "{\"specversion\":\"1.0\",\"id\":\"x\",\"type\":\"t\"}"))),
              400);

      assertThat(problem.path("detail").asText())
          .startsWith("The CloudEvent is not a valid CloudEvent")
          .contains("source");
    }

    @Test
    void aStructuredCloudEventThatIsNotJsonIs400WithoutEchoingIt() throws Exception {
      JsonNode problem =
          problem(
              send(
                  all,
                  to(all, "/events")
                      .header("Content-Type", "application/cloudevents+json")
                      .POST(
                          BodyPublishers.ofString("{\"specversion\":\"1.0\",\"id\":secrettoken}"))),
              400);

      assertThat(problem.path("detail").asText())
          .contains("not valid JSON")
          .doesNotContain("secrettoken");
    }

    @Test
    void aCloudEventWithAnUnknownSpecVersionIs400() throws Exception {
      problem(
          send(
              all,
              to(all, "/events")
                  .header("ce-specversion", "9.9")
                  .header("ce-id", "x")
                  .POST(BodyPublishers.ofString("x"))),
          400);
    }

    @Test
    void plainJsonToACloudEventFunctionIs415() throws Exception {
      JsonNode problem =
          problem(
              send(
                  all,
                  to(all, "/events")
                      .header("Content-Type", "application/json")
                      .POST(BodyPublishers.ofString("{}"))),
              415);

      assertThat(problem.path("detail").asText())
          .contains("ce-*")
          .contains("application/cloudevents+json");
    }

    @Test
    void aStorageEventArrivesAsPortableJsonOrAsCloudEventData() throws Exception {
      String storage =
          "{\"bucket\":\"photos\",\"key\":\"a b.jpg\",\"change\":\"created\",\"size\":12}";
      HttpResponse<String> plain =
          send(
              all,
              to(all, "/uploads")
                  .header("Content-Type", "application/json")
                  .POST(BodyPublishers.ofString(storage)));
      HttpResponse<String> binary =
          send(
              all,
              to(all, "/uploads")
                  .header("ce-specversion", "1.0")
                  .header("ce-id", "s1")
                  .header("ce-source", "/local")
                  .header("ce-type", "storage")
                  .header("Content-Type", "application/json")
                  .POST(BodyPublishers.ofString(storage.replace("created", "deleted"))));

      assertThat(plain.statusCode()).isEqualTo(204);
      assertThat(binary.statusCode()).isEqualTo(204);
      assertThat(logsContaining("STORAGE CREATED photos/a b.jpg 12")).hasSize(1);
      assertThat(logsContaining("STORAGE DELETED photos/a b.jpg 12")).hasSize(1);
    }

    @Test
    void aSizeThatDoesNotFitALongIs400NotAWrappedValue() throws Exception {
      JsonNode problem =
          problem(
              send(
                  all,
                  to(all, "/uploads")
                      .header("Content-Type", "application/json")
                      .POST(
                          BodyPublishers.ofString(
                              "{\"bucket\":\"b\",\"key\":\"k\",\"change\":\"created\","
                                  + "\"size\":99999999999999999999}"))),
              400);

      assertThat(problem.path("detail").asText())
          .isEqualTo(
              "The storage event is invalid at /size: expected a whole number from 0 to"
                  + " 9223372036854775807.");
      assertThat(logsContaining("STORAGE")).isEmpty();
    }

    @Test
    void aChangeThatIsNeitherIs400WithoutRepeatingIt() throws Exception {
      JsonNode problem =
          problem(
              send(
                  all,
                  to(all, "/uploads")
                      .header("Content-Type", "application/json")
                      .POST(
                          BodyPublishers.ofString(
                              "{\"bucket\":\"b\",\"key\":\"k\",\"change\":\"sk_live_x\"}"))),
              400);

      assertThat(problem.path("detail").asText())
          .contains("at /change", "\"created\" or \"deleted\"")
          .doesNotContain("sk_live");
    }

    @Test
    void aStorageEventWithoutAKeyIs400() throws Exception {
      JsonNode problem =
          problem(
              send(
                  all,
                  to(all, "/uploads")
                      .header("Content-Type", "application/json")
                      .POST(BodyPublishers.ofString("{\"bucket\":\"b\",\"change\":\"created\"}"))),
              400);

      assertThat(problem.path("detail").asText()).contains("at /key");
    }

    @Test
    void aScheduleTickCarriesItsTimeAndName() throws Exception {
      HttpResponse<String> response =
          send(
              all,
              to(all, "/ticks")
                  .header("Content-Type", "application/json")
                  .POST(
                      BodyPublishers.ofString(
                          "{\"time\":\"2024-05-01T00:00:00Z\",\"name\":\"nightly\"}")));

      assertThat(response.statusCode()).isEqualTo(204);
      assertThat(logsContaining("TICK 2024-05-01T00:00:00Z nightly")).hasSize(1);
    }

    @Test
    void anEventFunctionTakesOnlyPost() throws Exception {
      HttpResponse<String> response = send(all, to(all, "/ticks"));

      problem(response, 405);
      assertThat(response.headers().firstValue("allow")).contains("POST");
    }
  }

  @Nested
  class Configuration {

    @Test
    void aMalformedPortNamesTheVariable() {
      assertThatThrownBy(() -> LocalServer.builder().environment(Map.of("PORT", "eighty")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("PORT")
          .hasMessageContaining("eighty");
    }

    @Test
    void anUnknownFunctionSelectionFailsAtStartWithWhatIsAvailable() {
      assertThatThrownBy(
              () ->
                  LocalServer.builder()
                      .registry(FunctionRegistry.load(LocalServerTest.class.getClassLoader()))
                      .environment(Map.of("PORTABLE_FUNCTION", "missing", "PORT", "0"))
                      .start())
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("PORTABLE_FUNCTION='missing'")
          .hasMessageContaining("echo");
    }

    @Test
    void anEmptyRegistryFailsAtStartAndExplainsTheIndex() {
      assertThatThrownBy(
              () -> LocalServer.builder().registry(FunctionRegistry.of()).port(0).start())
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("index processor");
    }

    @Test
    void theServerListensOnLoopbackByDefault() {
      assertThat(all.boundAddress().getAddress().isLoopbackAddress()).isTrue();
    }

    @Test
    void allInterfacesWhenAskedForAContainer() throws IOException {
      try (LocalServer open =
          LocalServer.builder()
              .registry(FunctionRegistry.load(LocalServerTest.class.getClassLoader()))
              .environment(Map.of("PORT", "0", "PORTABLE_HOST", "0.0.0.0"))
              .logTo(LOGS::add, FunctionLogger.Level.INFO)
              .start()) {
        assertThat(open.boundAddress().getAddress().isAnyLocalAddress()).isTrue();
      }
    }
  }
}
