package dev.portablefunctions.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpResponseMessage;
import dev.portablefunctions.FunctionLogger;
import dev.portablefunctions.azure.fakes.FakeExecutionContext;
import dev.portablefunctions.azure.fakes.FakeHttpRequest;
import dev.portablefunctions.azure.fakes.FakeHttpResponse;
import dev.portablefunctions.azure.testfunctions.BinaryOut;
import dev.portablefunctions.azure.testing.AdapterLogs;
import dev.portablefunctions.spi.FunctionRegistry;
import dev.portablefunctions.spi.Json;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/**
 * The HTTP entry points, fed what the Java worker passes: the URL the host rebuilt, its maps of
 * lower-case headers and of query parameters (one value per name), and the body as text for most
 * content types, as bytes for {@code application/octet-stream} and {@code multipart/*}.
 */
class AzureFunctionsHttpTest {

  private static final String HOST = "https://pf-echo.azurewebsites.net";

  private final AzureFunctions functions = new AzureFunctions();

  @Test
  void echoHttpSeesMethodPathQueryHeadersAndATextBody() throws Exception {
    FakeExecutionContext context = new FakeExecutionContext("echo-http");
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("content-type", "text/plain");
    headers.put("x-test", "1");
    headers.put("accept", "text/html,application/json");
    FakeHttpRequest<Optional<String>> request =
        FakeHttpRequest.of(
            HttpMethod.POST,
            HOST + "/api/echo-http/a/b%20c?k=v1&k=v2&name=Ada%20L",
            headers,
            Map.of("k", "v1,v2", "name", "Ada L"),
            Optional.of("hi"));

    HttpResponseMessage response = functions.http(request, context);

    assertThat(response.getStatusCode()).isEqualTo(200);
    assertThat(response.getHeader("content-type")).isEqualTo("application/json");
    JsonNode echo = json(response);
    assertThat(echo.path("cloud").asText()).isEqualTo("azure");
    assertThat(echo.path("method").asText()).isEqualTo("POST");
    // The route prefix and the function's own segment are the platform's mount, as on every cloud.
    assertThat(echo.path("path").asText()).isEqualTo("/a/b c");
    assertThat(echo.path("query").toString())
        .isEqualTo("{\"k\":[\"v1\",\"v2\"],\"name\":[\"Ada L\"]}");
    assertThat(echo.path("headers").path("x-test").toString()).isEqualTo("[\"1\"]");
    // The host joined repeated Accept headers; the value stays one, commas intact.
    assertThat(echo.path("headers").path("accept").toString())
        .isEqualTo("[\"text/html,application/json\"]");
    assertThat(echo.path("body").asText()).isEqualTo(base64("hi".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void aTextBodyIsReEncodedAsUtf8() throws Exception {
    FakeHttpRequest<Optional<String>> request =
        FakeHttpRequest.of(
            HttpMethod.PUT,
            HOST + "/api/echo-http",
            Map.of("content-type", "application/json; charset=utf-8"),
            Map.of(),
            Optional.of("{\"name\":\"Zoë ✓\"}"));

    JsonNode echo = json(functions.http(request, new FakeExecutionContext("echo-http")));

    assertThat(echo.path("method").asText()).isEqualTo("PUT");
    assertThat(echo.path("path").asText()).isEqualTo("/");
    assertThat(Base64.getDecoder().decode(echo.path("body").asText()))
        .isEqualTo("{\"name\":\"Zoë ✓\"}".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aHeaderWithALineBreakOrNulIs400NamingNeitherItNorItsValue() throws Exception {
    for (Map.Entry<String, String> header :
        List.of(
            Map.entry("user-agent", "a\r\nb: sk_live_x"),
            Map.entry("x-a", "sk_live_x\u0000"),
            Map.entry("x-sk_live_x\n", "v"))) {
      FakeExecutionContext context = new FakeExecutionContext("echo-http");
      FakeHttpRequest<Optional<String>> request =
          FakeHttpRequest.of(
              HttpMethod.GET,
              HOST + "/api/echo-http",
              Map.ofEntries(header),
              Map.of(),
              Optional.empty());

      HttpResponseMessage response = functions.http(request, context);

      assertThat(response.getStatusCode()).isEqualTo(400);
      assertThat(json(response).path("detail").asText())
          .contains("CR, LF or NUL")
          .doesNotContain("sk_live");
      assertThat(AdapterLogs.echoes(context)).isEmpty();
      assertThat(AdapterLogs.lines(context))
          .allSatisfy(line -> assertThat(line).doesNotContain("sk_live"));
    }
  }

  @Test
  void aBinaryBodyArrivesUnchanged() throws Exception {
    byte[] bytes = BinaryOut.bytes();
    FakeHttpRequest<Optional<byte[]>> request =
        FakeHttpRequest.of(
            HttpMethod.POST,
            HOST + "/api/echo-http/upload",
            Map.of("content-type", "application/octet-stream", "content-length", "256"),
            Map.of(),
            Optional.of(bytes));

    HttpResponseMessage response =
        functions.httpBinary(request, new FakeExecutionContext("echo-http"));

    assertThat(response.getStatusCode()).isEqualTo(200);
    assertThat(json(response).path("body").asText()).isEqualTo(base64(bytes));
  }

  @Test
  void noBodyIsAnEmptyBody() throws Exception {
    FakeHttpRequest<Optional<String>> request =
        FakeHttpRequest.of(
            HttpMethod.GET, HOST + "/api/echo-http", Map.of(), Map.of(), Optional.empty());

    JsonNode echo = json(functions.http(request, new FakeExecutionContext("echo-http")));

    assertThat(echo.path("method").asText()).isEqualTo("GET");
    assertThat(echo.path("body").asText()).isEmpty();
    assertThat(echo.path("query").size()).isZero();
  }

  @Test
  void anUnescapedQueryTheWorkerCannotParseIsReadFromTheUrlItRejected() throws Exception {
    // The worker's getUri() is URI.create(url), which rejects '|', '{', '"' and spaces; clients
    // commonly send them unescaped in a query, and the host passes the query on as it came.
    FakeExecutionContext context = new FakeExecutionContext("echo-http");
    FakeHttpRequest<Optional<String>> request =
        FakeHttpRequest.of(
            HttpMethod.GET,
            HOST + "/api/echo-http/a%20b/c?q=a|b&q=c&j={\"a\":1}&s=x y&e=",
            Map.of(),
            Map.of("q", "a|b,c", "j", "{\"a\":1}", "s", "x y"),
            Optional.empty());
    assertThatThrownBy(request::getUri)
        .isInstanceOf(IllegalArgumentException.class)
        .hasCauseInstanceOf(java.net.URISyntaxException.class);

    JsonNode echo = json(functions.http(request, context));

    assertThat(echo.path("path").asText()).isEqualTo("/a b/c");
    // Repeated values stay separate, empty ones stay: not the host's comma-joined map.
    assertThat(echo.path("query").toString())
        .isEqualTo(
            "{\"q\":[\"a|b\",\"c\"],\"j\":[\"{\\\"a\\\":1}\"],\"s\":[\"x y\"],\"e\":[\"\"]}");
    assertThat(AdapterLogs.records(context)).isEmpty();
  }

  @Test
  void anUnreadableUrlWithoutAQueryKeepsItsPath() throws Exception {
    FakeHttpRequest<Optional<String>> request =
        FakeHttpRequest.of(
            HttpMethod.GET, HOST + "/api/echo-http/{id}/x|y", Map.of(), Map.of(), Optional.empty());

    JsonNode echo = json(functions.http(request, new FakeExecutionContext("echo-http")));

    assertThat(echo.path("path").asText()).isEqualTo("/{id}/x|y");
    assertThat(echo.path("query").size()).isZero();
  }

  @Test
  void theHostsQueryMapIsALastResortWithAWarning() throws Exception {
    FakeExecutionContext context = new FakeExecutionContext("echo-http");
    FakeHttpRequest<Optional<String>> request =
        FakeHttpRequest.<Optional<String>>of(
                HttpMethod.GET,
                HOST + "/api/echo-http/a?q=a&q=b&code=secret-key",
                Map.of(),
                Map.of("q", "a,b", "code", "secret-key"),
                Optional.empty())
            .uriUnreadable();

    JsonNode echo = json(functions.http(request, context));

    assertThat(echo.path("path").asText()).isEqualTo("/");
    assertThat(echo.path("query").path("q").toString()).isEqualTo("[\"a,b\"]");
    assertThat(AdapterLogs.records(context))
        .singleElement()
        .satisfies(
            record -> {
              assertThat(record.getLevel()).isEqualTo(Level.WARNING);
              assertThat(record.getMessage()).contains("host's map").doesNotContain("secret-key");
            });
  }

  @Test
  void theDefaultRouteLosesTheRoutePrefixAndTheFunctionsSegment() throws Exception {
    assertThat(path(functions, "echo-http", "/api/echo-http")).isEqualTo("/");
    assertThat(path(functions, "echo-http", "/api/echo-http/")).isEqualTo("/");
    assertThat(path(functions, "echo-http", "/api/echo-http/a/")).isEqualTo("/a/");
    // The host routes case-insensitively; segments are compared decoded.
    assertThat(path(functions, "echo-http", "/API/Echo-Http/x")).isEqualTo("/x");
    assertThat(path(functions, "echo-http", "/api/echo%2Dhttp/x")).isEqualTo("/x");
    assertThat(path(functions, "echo-http", "/api/echo-http/caf%C3%A9/a%2Fb"))
        .isEqualTo("/café/a/b");
    // The segment is the Azure function's name, suffix included.
    assertThat(path(functions, "echo-http_internal", "/api/echo-http_internal/x")).isEqualTo("/x");
    // Only a whole segment matches: the next one is the function's.
    assertThat(path(functions, "echo-http", "/api/echo-http/echo-http/x"))
        .isEqualTo("/echo-http/x");
  }

  @Test
  void aCustomRouteLosesOnlyTheRoutePrefix() throws Exception {
    assertThat(customRoutePath(functions, "echo-http", "/api/orders/7")).isEqualTo("/orders/7");
    // Even when the route starts with the function's name.
    assertThat(customRoutePath(functions, "echo-http", "/api/echo-http/a"))
        .isEqualTo("/echo-http/a");
    assertThat(customRoutePath(functions, "echo-http", "/api")).isEqualTo("/");

    FakeHttpRequest<Optional<byte[]>> upload =
        FakeHttpRequest.of(
            HttpMethod.POST,
            HOST + "/api/files/report.pdf",
            Map.of("content-type", "application/octet-stream"),
            Map.of(),
            Optional.of(new byte[] {1, 2}));
    JsonNode echo =
        json(functions.httpBinaryCustomRoute(upload, new FakeExecutionContext("echo-http")));
    assertThat(echo.path("path").asText()).isEqualTo("/files/report.pdf");
    assertThat(echo.path("body").asText()).isEqualTo(base64(new byte[] {1, 2}));
  }

  @Test
  void anEmptyRoutePrefixLeavesTheFunctionsSegmentOnTheDefaultRouteAndNothingElse()
      throws Exception {
    AzureFunctions atRoot = withPrefix("");

    assertThat(path(atRoot, "echo-http", "/echo-http/a/b")).isEqualTo("/a/b");
    assertThat(path(atRoot, "echo-http", "/echo-http")).isEqualTo("/");
    assertThat(customRoutePath(atRoot, "echo-http", "/orders/7")).isEqualTo("/orders/7");
  }

  @Test
  void aPrefixOfSeveralSegmentsIsRemovedWhole() throws Exception {
    AzureFunctions versioned = withPrefix("v1/api");

    assertThat(path(versioned, "echo-http", "/v1/api/echo-http/a")).isEqualTo("/a");
    assertThat(customRoutePath(versioned, "echo-http", "/V1/API/orders")).isEqualTo("/orders");
    assertThat(path(versioned, "echo-http", "/v1/echo-http/a")).isEqualTo("/v1/echo-http/a");
  }

  @Test
  void aPathThatDoesNotStartWithThePrefixIsLeftAsItIs() throws Exception {
    assertThat(path(functions, "echo-http", "/echo-http/a")).isEqualTo("/echo-http/a");
    assertThat(path(functions, "echo-http", "/apis/echo-http/a")).isEqualTo("/apis/echo-http/a");
    assertThat(path(functions, "echo-http", "/")).isEqualTo("/");
    assertThat(customRoutePath(functions, "echo-http", "/other/a%20b")).isEqualTo("/other/a b");
    // Under the prefix but not under the function's segment (a stale function.json): the prefix
    // goes.
    assertThat(path(functions, "echo-http", "/api/orders/7")).isEqualTo("/orders/7");
  }

  @Test
  void theRoutePrefixComesFromTheAppSettings() {
    assertThat(Dispatcher.routePrefix(Map.<String, String>of()::get)).isEqualTo("api");
    assertThat(Dispatcher.routePrefix(Map.of("PORTABLE_ROUTE_PREFIX", "v1")::get)).isEqualTo("v1");
    assertThat(Dispatcher.routePrefix(Map.of("PORTABLE_ROUTE_PREFIX", "/")::get)).isEmpty();
    assertThat(Dispatcher.routePrefix(Map.of("PORTABLE_ROUTE_PREFIX", "")::get)).isEmpty();
    assertThat(Dispatcher.routePrefix(Map.of("PORTABLE_ROUTE_PREFIX", "/v1/api/")::get))
        .isEqualTo("v1/api");
    // The host's own override of host.json is what the host routes by.
    assertThat(
            Dispatcher.routePrefix(
                Map.of(
                        "PORTABLE_ROUTE_PREFIX", "v1",
                        "AzureFunctionsJobHost__extensions__http__routePrefix", "prod")
                    ::get))
        .isEqualTo("prod");
  }

  @Test
  void aTypedFunctionTakesJsonInAPost() throws Exception {
    FakeHttpRequest<Optional<String>> request =
        FakeHttpRequest.of(
            HttpMethod.POST,
            HOST + "/api/echo-typed",
            Map.of("content-type", "application/json"),
            Map.of(),
            Optional.of("{\"name\":\"Ada\"}"));

    HttpResponseMessage response = functions.http(request, new FakeExecutionContext("echo-typed"));

    assertThat(response.getStatusCode()).isEqualTo(200);
    assertThat(response.getHeader("content-type")).isEqualTo("application/json");
    assertThat(text(response)).isEqualTo("{\"greeting\":\"Hello, Ada\"}");
  }

  @Test
  void aTypedFunctionAnswersOtherMethodsWith405() throws Exception {
    FakeHttpRequest<Optional<String>> request =
        FakeHttpRequest.of(
            HttpMethod.GET, HOST + "/api/echo-typed", Map.of(), Map.of(), Optional.empty());

    HttpResponseMessage response = functions.http(request, new FakeExecutionContext("echo-typed"));

    assertThat(response.getStatusCode()).isEqualTo(405);
    assertThat(response.getHeader("allow")).isEqualTo("POST");
    assertThat(response.getHeader("content-type")).isEqualTo("application/problem+json");
  }

  @Test
  void aMalformedTypedInputIsA400() throws Exception {
    FakeHttpRequest<Optional<String>> request =
        FakeHttpRequest.of(
            HttpMethod.POST,
            HOST + "/api/echo-typed",
            Map.of("content-type", "application/json"),
            Map.of(),
            Optional.of("{\"name\":"));

    HttpResponseMessage response = functions.http(request, new FakeExecutionContext("echo-typed"));

    assertThat(response.getStatusCode()).isEqualTo(400);
    assertThat(json(response).path("title").asText()).isEqualTo("Bad Request");
  }

  @Test
  void aFunctionThatThrowsIsA500ProblemWithoutTheCauseAndOneLogLine() throws Exception {
    FakeExecutionContext context = new FakeExecutionContext("boom");
    FakeHttpRequest<Optional<String>> request =
        FakeHttpRequest.of(
            HttpMethod.GET, HOST + "/api/boom", Map.of(), Map.of(), Optional.empty());

    HttpResponseMessage response = functions.http(request, context);

    assertThat(response.getStatusCode()).isEqualTo(500);
    assertThat(response.getHeader("content-type")).isEqualTo("application/problem+json");
    String body = text(response);
    assertThat(body)
        .doesNotContain("hunter2")
        .doesNotContain("IllegalStateException")
        .doesNotContain("at dev.");
    JsonNode problem = Json.mapper().readTree(body);
    assertThat(problem.path("status").asInt()).isEqualTo(500);
    assertThat(problem.path("invocationId").asText()).isEqualTo(context.getInvocationId());

    List<LogRecord> records = AdapterLogs.records(context);
    assertThat(records).hasSize(1);
    assertThat(records.get(0).getLevel()).isEqualTo(Level.SEVERE);
    JsonNode line = Json.mapper().readTree(records.get(0).getMessage());
    assertThat(line.path("invocationId").asText()).isEqualTo(context.getInvocationId());
    assertThat(line.path("function").asText()).isEqualTo("boom");
    assertThat(line.path("level").asText()).isEqualTo("ERROR");
    assertThat(line.path("error").asText())
        .contains("IllegalStateException: database password is hunter2");
  }

  @Test
  void aBinaryResponseKeepsItsBytesStatusAndHeaders() throws Exception {
    FakeExecutionContext context = new FakeExecutionContext("binary-out");
    FakeHttpRequest<Optional<String>> request =
        FakeHttpRequest.of(
            HttpMethod.GET, HOST + "/api/binary-out", Map.of(), Map.of(), Optional.empty());

    FakeHttpResponse response = (FakeHttpResponse) functions.http(request, context);

    assertThat(response.getStatusCode()).isEqualTo(201);
    assertThat((byte[]) response.getBody()).isEqualTo(BinaryOut.bytes());
    assertThat(response.headers())
        .containsEntry("content-type", "application/octet-stream")
        .containsEntry("vary", "Accept, Accept-Encoding")
        .containsEntry("set-cookie", "a=1");
    assertThat(AdapterLogs.records(context))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.getLevel()).isEqualTo(Level.WARNING);
              assertThat(r.getMessage()).contains("only the first of 2 Set-Cookie values");
            });
  }

  @Test
  void theContextCarriesTheInvocationTheTraceAndTheNativeObjects() throws Exception {
    FakeExecutionContext context =
        new FakeExecutionContext("context-probe_public")
            .traceparent("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
    FakeHttpRequest<Optional<String>> request =
        FakeHttpRequest.of(
            HttpMethod.GET, HOST + "/api/probe", Map.of(), Map.of(), Optional.empty());

    JsonNode probe = json(functions.http(request, context));

    assertThat(probe.path("invocationId").asText()).isEqualTo(context.getInvocationId());
    assertThat(probe.path("functionName").asText()).isEqualTo("context-probe");
    assertThat(probe.path("cloud").asText()).isEqualTo("azure");
    assertThat(probe.path("traceId").asText()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
    assertThat(probe.path("deadline").asBoolean()).isFalse();
    assertThat(probe.path("azureFunctionName").asText()).isEqualTo("context-probe_public");
    assertThat(probe.path("request").asBoolean()).isTrue();
    assertThat(AdapterLogs.records(context))
        .singleElement()
        .satisfies(
            record -> {
              assertThat(record.getLevel()).isEqualTo(Level.INFO);
              JsonNode line = Json.mapper().readTree(record.getMessage());
              assertThat(line.path("message").asText()).isEqualTo("probing");
              assertThat(line.path("invocationId").asText()).isEqualTo(context.getInvocationId());
              assertThat(line.path("traceId").asText())
                  .isEqualTo("0af7651916cd43dd8448eb211c80319c");
              assertThat(line.path("function").asText()).isEqualTo("context-probe");
            });
  }

  @Test
  void anEmptyTraceparentIsNoTrace() throws Exception {
    FakeHttpRequest<Optional<String>> request =
        FakeHttpRequest.of(
            HttpMethod.GET, HOST + "/api/probe", Map.of(), Map.of(), Optional.empty());

    JsonNode probe = json(functions.http(request, new FakeExecutionContext("context-probe")));

    assertThat(probe.path("traceId").isNull()).isTrue();
  }

  @Test
  void anUnknownFunctionIsA500WithAGenericDetailAndALogLineThatListsTheApp() throws Exception {
    FakeExecutionContext context = new FakeExecutionContext("nope");
    FakeHttpRequest<Optional<String>> request =
        FakeHttpRequest.of(
            HttpMethod.GET, HOST + "/api/nope", Map.of(), Map.of(), Optional.empty());

    HttpResponseMessage response = functions.http(request, context);

    assertThat(response.getStatusCode()).isEqualTo(500);
    assertThat(response.getHeader("content-type")).isEqualTo("application/problem+json");
    JsonNode problem = json(response);
    assertThat(problem.path("detail").asText())
        .contains("not deployed for this kind of request")
        .contains(context.getInvocationId())
        .doesNotContain("nope")
        .doesNotContain("echo-http");
    assertThat(problem.path("invocationId").asText()).isEqualTo(context.getInvocationId());
    assertThat(AdapterLogs.records(context))
        .singleElement()
        .satisfies(
            record -> {
              assertThat(record.getLevel()).isEqualTo(Level.SEVERE);
              assertThat(record.getMessage())
                  .contains("'nope'")
                  .contains("echo-http (an HTTP function)");
            });
  }

  @Test
  void aFunctionOfAnotherKindIsA500AndALogLineThatSaysWhatItTakes() throws Exception {
    FakeExecutionContext context = new FakeExecutionContext("echo-message");
    FakeHttpRequest<Optional<String>> request =
        FakeHttpRequest.of(
            HttpMethod.POST, HOST + "/api/echo-message", Map.of(), Map.of(), Optional.of("x"));

    HttpResponseMessage response = functions.http(request, context);

    assertThat(response.getStatusCode()).isEqualTo(500);
    assertThat(json(response).path("detail").asText())
        .contains("not deployed for this kind of request")
        .doesNotContain("echo-message");
    assertThat(AdapterLogs.records(context))
        .singleElement()
        .satisfies(
            record -> {
              assertThat(record.getLevel()).isEqualTo(Level.SEVERE);
              assertThat(record.getMessage())
                  .contains("echo-message")
                  .contains("a message function")
                  .contains("a Queue Storage, Service Bus or Event Hubs trigger");
            });
  }

  @Test
  void anAppWhoseIndexCannotBeLoadedAnswersAProblemAndLogsTheCauseOnce() throws Exception {
    for (Error broken :
        List.<Error>of(
            new ServiceConfigurationError("dev.portablefunctions.spi.FunctionIndex: broken index"),
            new NoClassDefFoundError("com/example/Gone"))) {
      AzureFunctions app =
          new AzureFunctions(
              new Dispatcher(
                  () -> {
                    throw broken;
                  },
                  Clock.systemUTC(),
                  FunctionLogger.Level.INFO));
      FakeExecutionContext context = new FakeExecutionContext("echo-http");
      FakeHttpRequest<Optional<String>> request =
          FakeHttpRequest.of(
              HttpMethod.GET, HOST + "/api/echo-http", Map.of(), Map.of(), Optional.empty());

      HttpResponseMessage response = app.http(request, context);

      assertThat(response.getStatusCode()).as(broken.toString()).isEqualTo(500);
      assertThat(response.getHeader("content-type")).isEqualTo("application/problem+json");
      assertThat(json(response).path("detail").asText())
          .contains(context.getInvocationId())
          .doesNotContain("broken index")
          .doesNotContain("Gone");
      assertThat(AdapterLogs.records(context))
          .singleElement()
          .satisfies(
              record -> {
                assertThat(record.getLevel()).isEqualTo(Level.SEVERE);
                assertThat(record.getMessage())
                    .contains("cannot be loaded")
                    .contains(broken.getMessage());
              });
    }
  }

  @Test
  void aSuffixAfterAnUnderscoreSelectsTheSameFunction() throws Exception {
    FakeHttpRequest<Optional<String>> request =
        FakeHttpRequest.of(HttpMethod.GET, HOST + "/api/x", Map.of(), Map.of(), Optional.empty());

    HttpResponseMessage response =
        functions.http(request, new FakeExecutionContext("echo-http_internal"));

    assertThat(response.getStatusCode()).isEqualTo(200);
    assertThat(json(response).path("cloud").asText()).isEqualTo("azure");
  }

  private static AzureFunctions withPrefix(String prefix) {
    return new AzureFunctions(
        new Dispatcher(
            () -> FunctionRegistry.load(AzureFunctionsHttpTest.class.getClassLoader()),
            Clock.systemUTC(),
            FunctionLogger.Level.INFO,
            prefix));
  }

  /** The path echo-http sees through the default-route entry point. */
  private static String path(AzureFunctions entry, String function, String path) throws Exception {
    FakeHttpRequest<Optional<String>> request =
        FakeHttpRequest.of(HttpMethod.GET, HOST + path, Map.of(), Map.of(), Optional.empty());
    HttpResponseMessage response = entry.http(request, new FakeExecutionContext(function));
    assertThat(response.getStatusCode()).as(path).isEqualTo(200);
    return json(response).path("path").asText();
  }

  /** The path echo-http sees through the custom-route entry point. */
  private static String customRoutePath(AzureFunctions entry, String function, String path)
      throws Exception {
    FakeHttpRequest<Optional<String>> request =
        FakeHttpRequest.of(HttpMethod.GET, HOST + path, Map.of(), Map.of(), Optional.empty());
    HttpResponseMessage response =
        entry.httpCustomRoute(request, new FakeExecutionContext(function));
    assertThat(response.getStatusCode()).as(path).isEqualTo(200);
    return json(response).path("path").asText();
  }

  static JsonNode json(HttpResponseMessage response) throws Exception {
    return Json.mapper().readTree(text(response));
  }

  static String text(HttpResponseMessage response) {
    return new String((byte[]) response.getBody(), StandardCharsets.UTF_8);
  }

  static String base64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }
}
