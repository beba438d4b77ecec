package dev.portablefunctions.azure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpResponseMessage;
import dev.portablefunctions.azure.testfunctions.BinaryOut;
import dev.portablefunctions.azure.testing.FakeExecutionContext;
import dev.portablefunctions.azure.testing.FakeHttpRequest;
import dev.portablefunctions.azure.testing.FakeHttpResponse;
import dev.portablefunctions.spi.Json;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    assertThat(echo.path("path").asText()).isEqualTo("/api/echo-http/a/b c");
    assertThat(echo.path("query").toString()).isEqualTo("{\"k\":[\"v1\",\"v2\"],\"name\":[\"Ada L\"]}");
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
    assertThat(echo.path("path").asText()).isEqualTo("/api/echo-http");
    assertThat(Base64.getDecoder().decode(echo.path("body").asText()))
        .isEqualTo("{\"name\":\"Zoë ✓\"}".getBytes(StandardCharsets.UTF_8));
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

    HttpResponseMessage response = functions.httpBinary(request, new FakeExecutionContext("echo-http"));

    assertThat(response.getStatusCode()).isEqualTo(200);
    assertThat(json(response).path("body").asText()).isEqualTo(base64(bytes));
  }

  @Test
  void noBodyIsAnEmptyBody() throws Exception {
    FakeHttpRequest<Optional<String>> request =
        FakeHttpRequest.of(HttpMethod.GET, HOST + "/api/echo-http", Map.of(), Map.of(), Optional.empty());

    JsonNode echo = json(functions.http(request, new FakeExecutionContext("echo-http")));

    assertThat(echo.path("method").asText()).isEqualTo("GET");
    assertThat(echo.path("body").asText()).isEmpty();
    assertThat(echo.path("query").size()).isZero();
  }

  @Test
  void theQueryFallsBackToTheHostsMapWhenTheUriCannotBeRead() throws Exception {
    // '|' is not legal in a URI, so getUri() throws; the host's map still has the parameter.
    FakeHttpRequest<Optional<String>> request =
        FakeHttpRequest.of(
            HttpMethod.GET, HOST + "/api/echo-http?q=a|b", Map.of(), Map.of("q", "a|b"), Optional.empty());

    JsonNode echo = json(functions.http(request, new FakeExecutionContext("echo-http")));

    assertThat(echo.path("path").asText()).isEqualTo("/");
    assertThat(echo.path("query").toString()).isEqualTo("{\"q\":[\"a|b\"]}");
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
        FakeHttpRequest.of(HttpMethod.GET, HOST + "/api/echo-typed", Map.of(), Map.of(), Optional.empty());

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
        FakeHttpRequest.of(HttpMethod.GET, HOST + "/api/boom", Map.of(), Map.of(), Optional.empty());

    HttpResponseMessage response = functions.http(request, context);

    assertThat(response.getStatusCode()).isEqualTo(500);
    assertThat(response.getHeader("content-type")).isEqualTo("application/problem+json");
    String body = text(response);
    assertThat(body).doesNotContain("hunter2").doesNotContain("IllegalStateException").doesNotContain("at dev.");
    JsonNode problem = Json.mapper().readTree(body);
    assertThat(problem.path("status").asInt()).isEqualTo(500);
    assertThat(problem.path("invocationId").asText()).isEqualTo(context.getInvocationId());

    List<LogRecord> records = context.records();
    assertThat(records).hasSize(1);
    assertThat(records.get(0).getLevel()).isEqualTo(Level.SEVERE);
    JsonNode line = Json.mapper().readTree(records.get(0).getMessage());
    assertThat(line.path("invocationId").asText()).isEqualTo(context.getInvocationId());
    assertThat(line.path("function").asText()).isEqualTo("boom");
    assertThat(line.path("level").asText()).isEqualTo("ERROR");
    assertThat(line.path("error").asText()).contains("IllegalStateException: database password is hunter2");
  }

  @Test
  void aBinaryResponseKeepsItsBytesStatusAndHeaders() throws Exception {
    FakeExecutionContext context = new FakeExecutionContext("binary-out");
    FakeHttpRequest<Optional<String>> request =
        FakeHttpRequest.of(HttpMethod.GET, HOST + "/api/binary-out", Map.of(), Map.of(), Optional.empty());

    FakeHttpResponse response = (FakeHttpResponse) functions.http(request, context);

    assertThat(response.getStatusCode()).isEqualTo(201);
    assertThat((byte[]) response.getBody()).isEqualTo(BinaryOut.bytes());
    assertThat(response.headers())
        .containsEntry("content-type", "application/octet-stream")
        .containsEntry("vary", "Accept, Accept-Encoding")
        .containsEntry("set-cookie", "a=1");
    assertThat(context.records()).singleElement().satisfies(r -> {
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
        FakeHttpRequest.of(HttpMethod.GET, HOST + "/api/probe", Map.of(), Map.of(), Optional.empty());

    JsonNode probe = json(functions.http(request, context));

    assertThat(probe.path("invocationId").asText()).isEqualTo(context.getInvocationId());
    assertThat(probe.path("functionName").asText()).isEqualTo("context-probe");
    assertThat(probe.path("cloud").asText()).isEqualTo("azure");
    assertThat(probe.path("traceId").asText()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
    assertThat(probe.path("deadline").asBoolean()).isFalse();
    assertThat(probe.path("azureFunctionName").asText()).isEqualTo("context-probe_public");
    assertThat(probe.path("request").asBoolean()).isTrue();
    assertThat(context.records()).singleElement().satisfies(record -> {
      assertThat(record.getLevel()).isEqualTo(Level.INFO);
      JsonNode line = Json.mapper().readTree(record.getMessage());
      assertThat(line.path("message").asText()).isEqualTo("probing");
      assertThat(line.path("invocationId").asText()).isEqualTo(context.getInvocationId());
      assertThat(line.path("traceId").asText()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
      assertThat(line.path("function").asText()).isEqualTo("context-probe");
    });
  }

  @Test
  void anEmptyTraceparentIsNoTrace() throws Exception {
    FakeHttpRequest<Optional<String>> request =
        FakeHttpRequest.of(HttpMethod.GET, HOST + "/api/probe", Map.of(), Map.of(), Optional.empty());

    JsonNode probe = json(functions.http(request, new FakeExecutionContext("context-probe")));

    assertThat(probe.path("traceId").isNull()).isTrue();
  }

  @Test
  void anUnknownFunctionIsA500ThatNamesItAndALogLineThatListsTheApp() throws Exception {
    FakeExecutionContext context = new FakeExecutionContext("nope");
    FakeHttpRequest<Optional<String>> request =
        FakeHttpRequest.of(HttpMethod.GET, HOST + "/api/nope", Map.of(), Map.of(), Optional.empty());

    HttpResponseMessage response = functions.http(request, context);

    assertThat(response.getStatusCode()).isEqualTo(500);
    assertThat(response.getHeader("content-type")).isEqualTo("application/problem+json");
    String detail = json(response).path("detail").asText();
    assertThat(detail).contains("'nope'").doesNotContain("echo-http");
    assertThat(context.records()).singleElement().satisfies(record -> {
      assertThat(record.getLevel()).isEqualTo(Level.SEVERE);
      assertThat(record.getMessage()).contains("'nope'").contains("echo-http (an HTTP function)");
    });
  }

  @Test
  void aFunctionOfAnotherKindIsA500ThatSaysWhatItTakes() throws Exception {
    FakeExecutionContext context = new FakeExecutionContext("echo-message");
    FakeHttpRequest<Optional<String>> request =
        FakeHttpRequest.of(HttpMethod.POST, HOST + "/api/echo-message", Map.of(), Map.of(), Optional.of("x"));

    HttpResponseMessage response = functions.http(request, context);

    assertThat(response.getStatusCode()).isEqualTo(500);
    assertThat(json(response).path("detail").asText())
        .contains("echo-message")
        .contains("a message function")
        .contains("a Queue Storage, Service Bus or Event Hubs trigger");
    assertThat(context.records()).hasSize(1);
  }

  @Test
  void aSuffixAfterAnUnderscoreSelectsTheSameFunction() throws Exception {
    FakeHttpRequest<Optional<String>> request =
        FakeHttpRequest.of(HttpMethod.GET, HOST + "/api/x", Map.of(), Map.of(), Optional.empty());

    HttpResponseMessage response = functions.http(request, new FakeExecutionContext("echo-http_internal"));

    assertThat(response.getStatusCode()).isEqualTo(200);
    assertThat(json(response).path("cloud").asText()).isEqualTo("azure");
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
