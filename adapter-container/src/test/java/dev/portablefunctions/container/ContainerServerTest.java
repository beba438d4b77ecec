package dev.portablefunctions.container;

import static dev.portablefunctions.container.TestServers.LOG;
import static dev.portablefunctions.container.TestServers.get;
import static dev.portablefunctions.container.TestServers.post;
import static dev.portablefunctions.container.TestServers.send;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portablefunctions.HttpResponse;
import dev.portablefunctions.TraceContext;
import dev.portablefunctions.samples.echo.EchoEvent;
import dev.portablefunctions.samples.echo.EchoHttp;
import dev.portablefunctions.samples.echo.EchoMessage;
import dev.portablefunctions.samples.echo.EchoSchedule;
import dev.portablefunctions.samples.echo.EchoStorage;
import dev.portablefunctions.samples.echo.EchoTyped;
import dev.portablefunctions.spi.FunctionDefinition;
import dev.portablefunctions.spi.Json;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/** The local server's wire format, served by the container server, over real HTTP. */
@Timeout(20)
class ContainerServerTest {

  static FunctionDefinition[] echoFunctions() {
    return new FunctionDefinition[] {
      FunctionDefinition.of(new EchoHttp()),
      FunctionDefinition.of(new EchoTyped()),
      FunctionDefinition.of(new EchoMessage()),
      FunctionDefinition.of(new EchoStorage()),
      FunctionDefinition.of(new EchoSchedule()),
      FunctionDefinition.of(new EchoEvent()),
      FunctionDefinition.http("trace", (request, context) -> traceOf(context.trace())),
    };
  }

  private static HttpResponse traceOf(TraceContext trace) {
    ObjectNode json = Json.mapper().createObjectNode();
    trace.traceId().ifPresent(id -> json.put("traceId", id));
    trace.spanId().ifPresent(id -> json.put("spanId", id));
    json.put("sampled", trace.sampled());
    trace.traceparent().ifPresent(value -> json.put("traceparent", value));
    trace.tracestate().ifPresent(value -> json.put("tracestate", value));
    trace.b3Header().ifPresent(value -> json.put("b3", value));
    trace.requestId().ifPresent(value -> json.put("requestId", value));
    return HttpResponse.ok().json(json);
  }

  static JsonNode json(java.net.http.HttpResponse<String> response) throws Exception {
    return Json.mapper().readTree(response.body());
  }

  /** Every function under /<name>. */
  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class EveryFunction {

    private ContainerServer server;

    @BeforeAll
    void start() throws Exception {
      server = TestServers.start(Map.of(), echoFunctions());
    }

    @AfterAll
    void stop() {
      server.close();
    }

    @Test
    void rootListsTheFunctions() throws Exception {
      var response = get(server, "/");

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(json(response).findValuesAsText("name"))
          .contains(
              "echo-http",
              "echo-typed",
              "echo-message",
              "echo-storage",
              "echo-schedule",
              "echo-event");
    }

    @Test
    void httpFunctionSeesThePathBelowItsNameTheQueryHeadersAndBody() throws Exception {
      var response =
          send(
              HttpRequest.newBuilder(server.uri().resolve("/echo-http/a/b%20c?k=v1&k=v2"))
                  .header("X-Test", "1")
                  .POST(HttpRequest.BodyPublishers.ofString("hi"))
                  .build());

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("content-type")).contains("application/json");
      JsonNode echo = json(response);
      assertThat(echo.get("cloud").asText()).isEqualTo("local");
      assertThat(echo.get("method").asText()).isEqualTo("POST");
      assertThat(echo.get("path").asText()).isEqualTo("/a/b c");
      assertThat(echo.get("query").get("k").toString()).isEqualTo("[\"v1\",\"v2\"]");
      assertThat(echo.get("headers").get("x-test").get(0).asText()).isEqualTo("1");
      assertThat(echo.get("body").asText()).isEqualTo("aGk=");
    }

    @Test
    void anEncodedSlashReachesTheFunctionDecodedAsOnEveryCloudButDotSegmentsDoNot()
        throws Exception {
      var slash = get(server, "/echo-http/files/a%2Fb");
      assertThat(slash.statusCode()).isEqualTo(200);
      assertThat(json(slash).get("path").asText()).isEqualTo("/files/a/b");

      var dots = get(server, "/echo-http/%2E%2E/x");
      assertThat(dots.statusCode()).isEqualTo(400);
      assertThat(dots.headers().firstValue("content-type")).contains("application/problem+json");
    }

    @Test
    void typedFunctionTakesAPostOfJson() throws Exception {
      var response = post(server, "/echo-typed", "application/json", "{\"name\":\"Ada\"}");

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(json(response).get("greeting").asText()).isEqualTo("Hello, Ada");
    }

    @Test
    void messageBatchIsAnsweredWithTheFailedIds() throws Exception {
      var response =
          post(
              server,
              "/echo-message",
              "application/json",
              "[{\"id\":\"1\",\"text\":\"fine\"},{\"id\":\"2\",\"text\":\"poison\"}]");

      assertThat(response.statusCode()).isEqualTo(200);
      JsonNode report = json(response);
      assertThat(report.get("received").asInt()).isEqualTo(2);
      assertThat(report.get("failed").get(0).get("id").asText()).isEqualTo("2");
      assertThat(report.get("failed").get(0).get("status").asInt()).isEqualTo(500);
    }

    @Test
    void storageAndScheduleEventsTakeTheirJson() {
      String key = "cat-" + UUID.randomUUID() + ".jpg";
      var storage =
          post(
              server,
              "/echo-storage",
              "application/json",
              "{\"bucket\":\"photos\",\"key\":\""
                  + key
                  + "\",\"change\":\"created\",\"size\":52311}");
      var schedule =
          post(server, "/echo-schedule", "application/json", "{\"time\":\"2024-05-01T00:00:00Z\"}");

      assertThat(storage.statusCode()).isEqualTo(204);
      assertThat(schedule.statusCode()).isEqualTo(204);
      assertThat(LOG).anyMatch(line -> line.contains("ECHO") && line.contains(key));
    }

    @Test
    void cloudEventsArriveInBinaryAndStructuredMode() {
      String binaryId = UUID.randomUUID().toString();
      String structuredId = UUID.randomUUID().toString();
      var binary =
          send(
              HttpRequest.newBuilder(server.uri().resolve("/echo-event"))
                  .header("ce-specversion", "1.0")
                  .header("ce-id", binaryId)
                  .header("ce-source", "/demo")
                  .header("ce-type", "demo.created")
                  .header("Content-Type", "text/plain")
                  .POST(HttpRequest.BodyPublishers.ofString("hello"))
                  .build());
      var structured =
          post(
              server,
              "/echo-event",
              "application/cloudevents+json",
              "{\"specversion\":\"1.0\",\"id\":\""
                  + structuredId
                  + "\",\"source\":\"/demo\",\"type\":\"demo.created\",\"data\":{\"a\":1}}");

      assertThat(binary.statusCode()).isEqualTo(204);
      assertThat(structured.statusCode()).isEqualTo(204);
      assertThat(LOG).anyMatch(line -> line.contains(binaryId) && line.contains("aGVsbG8="));
      assertThat(LOG).anyMatch(line -> line.contains(structuredId));
    }

    @Test
    void unknownFunctionAndWrongMethodAreProblems() throws Exception {
      var unknown = get(server, "/nope");
      var wrongMethod = get(server, "/echo-typed");

      assertThat(unknown.statusCode()).isEqualTo(404);
      assertThat(unknown.headers().firstValue("content-type")).contains("application/problem+json");
      assertThat(json(unknown).get("detail").asText()).contains("echo-http");
      assertThat(wrongMethod.statusCode()).isEqualTo(405);
      assertThat(wrongMethod.headers().firstValue("allow")).contains("POST");
    }

    @Test
    void malformedJsonIsABadRequest() throws Exception {
      var response = post(server, "/echo-typed", "application/json", "{\"name\":");

      assertThat(response.statusCode()).isEqualTo(400);
      assertThat(json(response).get("status").asInt()).isEqualTo(400);
    }

    @Test
    void headIsAnsweredWithoutABody() {
      var response =
          send(
              HttpRequest.newBuilder(server.uri().resolve("/echo-http/x"))
                  .method("HEAD", HttpRequest.BodyPublishers.noBody())
                  .build());

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).isEmpty();
    }

    @Test
    void h2cUpgradeServesHttp2() throws Exception {
      HttpClient http2 =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_2)
              .connectTimeout(Duration.ofSeconds(5))
              .build();
      HttpRequest request =
          HttpRequest.newBuilder(server.uri().resolve("/echo-http/h2?x=1")).build();

      var first = http2.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
      var second = http2.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());

      assertThat(first.statusCode()).isEqualTo(200);
      assertThat(second.version()).isEqualTo(HttpClient.Version.HTTP_2);
      JsonNode echo = json(second);
      assertThat(echo.get("path").asText()).isEqualTo("/h2");
      assertThat(echo.get("headers").has("host")).isTrue();
      assertThat(echo.get("headers").has("http2-settings")).isFalse();
    }

    @Test
    void w3cTraceAndRequestIdReachTheContext() throws Exception {
      var response =
          send(
              HttpRequest.newBuilder(server.uri().resolve("/trace"))
                  .header("traceparent", "00-5759e988bd862e3fe1be46a994272793-53995c3f42cd8ad8-01")
                  .header("tracestate", "congo=t61rcWkgMzE")
                  .header("x-request-id", "f7c2a9e0-istio")
                  .build());

      JsonNode trace = json(response);
      assertThat(trace.get("traceId").asText()).isEqualTo("5759e988bd862e3fe1be46a994272793");
      assertThat(trace.get("spanId").asText()).isEqualTo("53995c3f42cd8ad8");
      assertThat(trace.get("sampled").asBoolean()).isTrue();
      assertThat(trace.get("tracestate").asText()).isEqualTo("congo=t61rcWkgMzE");
      assertThat(trace.get("requestId").asText()).isEqualTo("f7c2a9e0-istio");
    }

    @Test
    void b3SingleAndMultiHeadersReachTheContext() throws Exception {
      var single =
          send(
              HttpRequest.newBuilder(server.uri().resolve("/trace"))
                  .header("b3", "80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1-1")
                  .build());
      var multi =
          send(
              HttpRequest.newBuilder(server.uri().resolve("/trace"))
                  .header("X-B3-TraceId", "80f198ee56343ba864fe8b2a57d3eff7")
                  .header("X-B3-SpanId", "e457b5a2e4d86bd1")
                  .header("X-B3-Sampled", "1")
                  .header("x-request-id", "r-2")
                  .build());

      for (var response : java.util.List.of(single, multi)) {
        JsonNode trace = json(response);
        assertThat(trace.get("traceId").asText()).isEqualTo("80f198ee56343ba864fe8b2a57d3eff7");
        assertThat(trace.get("spanId").asText()).isEqualTo("e457b5a2e4d86bd1");
        assertThat(trace.get("traceparent").asText())
            .isEqualTo("00-80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1-01");
      }
      assertThat(json(multi).get("requestId").asText()).isEqualTo("r-2");
    }
  }

  /** PORTABLE_FUNCTION: one function at / and every path under it. */
  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class OneFunction {

    private ContainerServer server;

    @BeforeAll
    void start() throws Exception {
      server = TestServers.start(Map.of("PORTABLE_FUNCTION", "echo-http"), echoFunctions());
    }

    @AfterAll
    void stop() {
      server.close();
    }

    @Test
    void servesTheFunctionAtRootAndEveryPath() throws Exception {
      assertThat(json(get(server, "/")).get("path").asText()).isEqualTo("/");
      assertThat(json(get(server, "/echo-typed/x?y=1")).get("path").asText())
          .isEqualTo("/echo-typed/x");
    }
  }
}
