package dev.portablefunctions.gcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portablefunctions.Context;
import dev.portablefunctions.FunctionException;
import dev.portablefunctions.FunctionLogger;
import dev.portablefunctions.HttpResponse;
import dev.portablefunctions.ScheduleEvent;
import dev.portablefunctions.StorageEvent;
import dev.portablefunctions.gcp.testing.LogLines;
import dev.portablefunctions.samples.echo.EchoHttp;
import dev.portablefunctions.samples.echo.EchoMessage;
import dev.portablefunctions.samples.echo.EchoTyped;
import dev.portablefunctions.spi.FunctionDefinition;
import dev.portablefunctions.spi.FunctionRegistry;
import io.cloudevents.CloudEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class GcpHttpFunctionTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, String> ENV = Map.of("GOOGLE_CLOUD_PROJECT", "my-project");

  private final List<String> lines = new CopyOnWriteArrayList<>();

  private GcpHttpFunction entry(Map<String, String> env, FunctionDefinition... functions) {
    FunctionRegistry registry = FunctionRegistry.of(functions);
    return new GcpHttpFunction(
        Deployment.of(
            Deployment.Entry.HTTP, () -> registry, env, lines::add, FunctionLogger.Level.DEBUG));
  }

  private GcpHttpFunction entry(FunctionDefinition... functions) {
    return entry(ENV, functions);
  }

  private static FakeHttpResponse call(GcpHttpFunction entry, FakeHttpRequest request) {
    FakeHttpResponse response = new FakeHttpResponse();
    entry.service(request, response);
    return response;
  }

  private static JsonNode json(FakeHttpResponse response) throws Exception {
    return JSON.readTree(response.bodyBytes());
  }

  /** The adapter's lines, without the DEBUG lines that say how each request was classified. */
  private List<JsonNode> logged() {
    List<JsonNode> logged = new ArrayList<>(LogLines.adapterLines(lines));
    logged.removeIf(line -> line.get("severity").asText().equals("DEBUG"));
    return logged;
  }

  private List<JsonNode> logged(String severity) {
    List<JsonNode> matching = new ArrayList<>();
    for (JsonNode line : logged()) {
      if (line.get("severity").asText().equals(severity)) {
        matching.add(line);
      }
    }
    return matching;
  }

  @Test
  void servesAnHttpFunctionWithCloudGcp() throws Exception {
    GcpHttpFunction entry = entry(FunctionDefinition.of(new EchoHttp()));

    FakeHttpResponse response =
        call(
            entry,
            new FakeHttpRequest("POST", "/a%20b?k=v1&k=v2").header("X-Test", "1").body("hi"));

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.getContentType()).contains("application/json");
    JsonNode echo = json(response);
    assertThat(echo.get("cloud").asText()).isEqualTo("gcp");
    assertThat(echo.get("method").asText()).isEqualTo("POST");
    assertThat(echo.get("path").asText()).isEqualTo("/a b");
    assertThat(echo.get("query").get("k").toString()).isEqualTo("[\"v1\",\"v2\"]");
    assertThat(echo.get("headers").get("x-test").toString()).isEqualTo("[\"1\"]");
    assertThat(echo.get("body").asText())
        .isEqualTo(Base64.getEncoder().encodeToString("hi".getBytes()));
  }

  @Test
  void startupLogsWhichFunctionItServes() {
    entry(FunctionDefinition.of(new EchoHttp()));

    assertThat(logged())
        .singleElement()
        .satisfies(
            line -> {
              assertThat(line.get("severity").asText()).isEqualTo("INFO");
              assertThat(line.get("message").asText())
                  .contains(
                      "echo-http",
                      "an HTTP function",
                      EchoHttp.class.getName(),
                      GcpHttpFunction.class.getName());
            });
  }

  @Test
  void typedFunctionTakesAJsonPost() throws Exception {
    GcpHttpFunction entry = entry(FunctionDefinition.of(new EchoTyped()));

    FakeHttpResponse ok =
        call(
            entry,
            new FakeHttpRequest("POST", "/")
                .header("Content-Type", "application/json")
                .body("{\"name\":\"Ada\"}"));
    FakeHttpResponse malformed =
        call(
            entry,
            new FakeHttpRequest("POST", "/")
                .header("Content-Type", "application/json")
                .body("{\"name\":"));
    FakeHttpResponse get = call(entry, new FakeHttpRequest("GET", "/"));

    assertThat(ok.status()).isEqualTo(200);
    assertThat(ok.bodyText()).isEqualTo("{\"greeting\":\"Hello, Ada\"}");
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.getContentType()).contains("application/problem+json");
    assertThat(json(malformed).get("detail").asText()).contains("not valid JSON");
    assertThat(get.status()).isEqualTo(405);
    assertThat(get.header("allow")).containsExactly("POST");
  }

  @Test
  void anUnexpectedExceptionIs500ProblemWithoutStackTraceAndOneLogLine() throws Exception {
    GcpHttpFunction entry =
        entry(
            FunctionDefinition.http(
                "boom",
                (request, context) -> {
                  throw new IllegalStateException("secret=s3cr3t");
                }));
    lines.clear();

    FakeHttpResponse response =
        call(entry, new FakeHttpRequest("GET", "/").header("Function-Execution-Id", "exec-42"));

    assertThat(response.status()).isEqualTo(500);
    assertThat(response.getContentType()).contains("application/problem+json");
    JsonNode problem = json(response);
    assertThat(problem.get("invocationId").asText()).isEqualTo("exec-42");
    assertThat(problem.get("detail").asText()).contains("exec-42");
    assertThat(response.bodyText()).doesNotContain("s3cr3t", "IllegalStateException", "\tat ");
    assertThat(logged())
        .singleElement()
        .satisfies(
            line -> {
              assertThat(line.get("severity").asText()).isEqualTo("ERROR");
              assertThat(LogLines.executionId(line)).isEqualTo("exec-42");
              assertThat(line.get("stack_trace").asText())
                  .contains("IllegalStateException: secret=s3cr3t");
            });
  }

  @Test
  void aFunctionExceptionKeepsItsStatusAndDetail() throws Exception {
    GcpHttpFunction entry =
        entry(
            FunctionDefinition.http(
                "orders",
                (request, context) -> {
                  throw FunctionException.notFound("No order 7.");
                }));
    lines.clear();

    FakeHttpResponse response = call(entry, new FakeHttpRequest("GET", "/orders/7"));

    assertThat(response.status()).isEqualTo(404);
    assertThat(json(response).get("detail").asText()).isEqualTo("No order 7.");
    assertThat(logged("WARNING")).hasSize(1);
    assertThat(logged()).hasSize(1);
  }

  @Test
  void executionIdIsTheHeaderOrAFreshId() {
    AtomicReference<Context> seen = new AtomicReference<>();
    GcpHttpFunction entry =
        entry(
            FunctionDefinition.http(
                "ctx",
                (request, context) -> {
                  seen.set(context);
                  return HttpResponse.noContent();
                }));

    call(entry, new FakeHttpRequest("GET", "/").header("Function-Execution-Id", "abc123"));
    String fromHeader = seen.get().invocationId();
    call(entry, new FakeHttpRequest("GET", "/"));
    String first = seen.get().invocationId();
    call(entry, new FakeHttpRequest("GET", "/"));

    assertThat(fromHeader).isEqualTo("abc123");
    assertThat(first).isNotBlank().isNotEqualTo(seen.get().invocationId());
    assertThat(java.util.UUID.fromString(first).version()).isEqualTo(4);
    assertThat(java.util.UUID.fromString(first).variant()).isEqualTo(2);
  }

  @Test
  void contextCarriesNameCloudTraceDeadlineAndTheFrameworkObjects() {
    AtomicReference<Context> seen = new AtomicReference<>();
    GcpHttpFunction entry =
        entry(
            Map.of(
                "GOOGLE_CLOUD_PROJECT",
                "my-project",
                "CLOUD_RUN_TIMEOUT_SECONDS",
                "300",
                "K_SERVICE",
                "svc"),
            FunctionDefinition.http(
                "ctx",
                (request, context) -> {
                  seen.set(context);
                  context.logger().info("inside");
                  return HttpResponse.noContent();
                }));
    FakeHttpRequest request =
        new FakeHttpRequest("GET", "/")
            .header("X-Cloud-Trace-Context", "105445aa7843bc8bf206b12000100000/1;o=1");
    FakeHttpResponse response = call(entry, request);

    Context context = seen.get();
    assertThat(context.functionName()).isEqualTo("ctx");
    assertThat(context.cloud().id()).isEqualTo("gcp");
    assertThat(context.trace().traceId()).contains("105445aa7843bc8bf206b12000100000");
    assertThat(context.remainingTime())
        .hasValueSatisfying(
            left -> assertThat(left).isBetween(Duration.ofSeconds(290), Duration.ofSeconds(300)));
    assertThat(context.unwrap(com.google.cloud.functions.HttpRequest.class)).containsSame(request);
    assertThat(context.unwrap(com.google.cloud.functions.HttpResponse.class))
        .containsSame(response);
    JsonNode line = logged("INFO").get(1);
    assertThat(line.get("message").asText()).isEqualTo("inside");
    assertThat(line.get("logging.googleapis.com/trace").asText())
        .isEqualTo("projects/my-project/traces/105445aa7843bc8bf206b12000100000");
    assertThat(line.get("logging.googleapis.com/spanId").asText()).isEqualTo("0000000000000001");
  }

  @Test
  void withoutATimeoutTheDeadlineIsUnknown() {
    AtomicReference<Context> seen = new AtomicReference<>();
    GcpHttpFunction entry =
        entry(
            Map.of(),
            FunctionDefinition.http(
                "ctx",
                (request, context) -> {
                  seen.set(context);
                  return HttpResponse.noContent();
                }));

    call(entry, new FakeHttpRequest("GET", "/"));

    assertThat(seen.get().deadline()).isEmpty();
  }

  @Test
  void anUnknownSelectionFailsStartUpAfterOneErrorLineNamingWhatIsAvailable() {
    assertThatThrownBy(
            () ->
                entry(
                    Map.of("PORTABLE_FUNCTION", "nope"),
                    FunctionDefinition.of(new EchoHttp()),
                    FunctionDefinition.of(new EchoTyped())))
        .isExactlyInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith(
            "GcpHttpFunction cannot start: PORTABLE_FUNCTION='nope' matches no function")
        .hasMessageContainingAll("echo-http", "echo-typed")
        .hasNoCause();

    assertThat(logged())
        .singleElement()
        .satisfies(
            line -> {
              assertThat(line.get("severity").asText()).isEqualTo("ERROR");
              assertThat(line.get("message").asText())
                  .contains(
                      "PORTABLE_FUNCTION='nope' matches no function", "echo-http", "echo-typed");
              assertThat(line.get("logging.googleapis.com/labels").get("function").asText())
                  .isEqualTo("nope");
            });
  }

  @Test
  void severalFunctionsWithoutASelectionFailStartUpSayingWhatToSet() {
    assertThatThrownBy(
            () ->
                entry(
                    Map.of(),
                    FunctionDefinition.of(new EchoHttp()),
                    FunctionDefinition.of(new EchoTyped())))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContainingAll("2 functions", "set PORTABLE_FUNCTION", "echo-http", "echo-typed");

    assertThat(logged("ERROR"))
        .singleElement()
        .satisfies(
            line -> {
              assertThat(line.get("message").asText()).contains("set PORTABLE_FUNCTION");
              assertThat(line.get("logging.googleapis.com/labels").get("function").asText())
                  .isEqualTo(Deployment.UNSELECTED);
            });
  }

  @Test
  void aBrokenIndexFailsStartUp() {
    assertThatThrownBy(
            () ->
                new GcpHttpFunction(
                    Deployment.of(
                        Deployment.Entry.HTTP,
                        () -> {
                          throw new ServiceConfigurationError("Provider x.Index not found");
                        },
                        Map.of(),
                        lines::add,
                        FunctionLogger.Level.INFO)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Provider x.Index not found")
        .hasCauseInstanceOf(ServiceConfigurationError.class);

    assertThat(logged("ERROR"))
        .singleElement()
        .satisfies(
            line -> {
              assertThat(line.get("message").asText())
                  .contains("cannot load the function index", "Provider x.Index not found");
              assertThat(line.get("stack_trace").asText()).contains("ServiceConfigurationError");
            });
  }

  @Test
  void aMessageFunctionFailsStartUpNamingTheEntryPointToUse() {
    assertThatThrownBy(() -> entry(FunctionDefinition.of(new EchoMessage())))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContainingAll(
            "GcpHttpFunction cannot start",
            "echo-message is a message function",
            "--entry-point=" + GcpEventFunction.class.getName());

    assertThat(logged())
        .singleElement()
        .satisfies(
            line -> {
              assertThat(line.get("severity").asText()).isEqualTo("ERROR");
              assertThat(line.get("message").asText())
                  .contains("echo-message is a message function", GcpEventFunction.class.getName());
            });
  }

  @Test
  void theEntryRunsHttpTypedAndScheduleFunctionsOnly() {
    for (FunctionDefinition function :
        List.of(
            FunctionDefinition.event("files", StorageEvent.class, (event, context) -> {}),
            FunctionDefinition.event("any", CloudEvent.class, (event, context) -> {}))) {
      assertThatThrownBy(() -> entry(function))
          .as(function.toString())
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("--entry-point=" + GcpEventFunction.class.getName());
    }
  }

  @Test
  void aFunctionInterruptedByAShutdownIs504AndOneWarning() throws Exception {
    GcpHttpFunction entry =
        entry(
            FunctionDefinition.http(
                "slow",
                (request, context) -> {
                  Thread.currentThread().interrupt(); // what a shutdown of the thread pool does
                  Thread.sleep(60_000);
                  return HttpResponse.noContent();
                }));
    lines.clear();

    FakeHttpResponse response;
    try {
      response =
          call(entry, new FakeHttpRequest("GET", "/").header("Function-Execution-Id", "e-int"));
      assertThat(Thread.currentThread().isInterrupted())
          .as("the interrupt status stays set")
          .isTrue();
    } finally {
      Thread.interrupted();
    }

    assertThat(response.status()).isEqualTo(504);
    assertThat(json(response).get("invocationId").asText()).isEqualTo("e-int");
    assertThat(logged())
        .singleElement()
        .satisfies(
            line -> {
              assertThat(line.get("severity").asText()).isEqualTo("WARNING");
              assertThat(LogLines.executionId(line)).isEqualTo("e-int");
              assertThat(line.get("message").asText()).contains("slow", "interrupted", "504");
            });
  }

  @Test
  void aScheduleFunctionTakesCloudSchedulerRequests() {
    AtomicReference<ScheduleEvent> tick = new AtomicReference<>();
    GcpHttpFunction entry =
        entry(
            FunctionDefinition.event(
                "nightly", ScheduleEvent.class, (event, context) -> tick.set(event)));

    FakeHttpResponse response =
        call(
            entry,
            new FakeHttpRequest("POST", "/")
                .header("X-CloudScheduler", "true")
                .header("X-CloudScheduler-JobName", "nightly-report")
                .header("X-CloudScheduler-ScheduleTime", "2021-02-06T02:00:00.000Z")
                .header("Content-Type", "application/json")
                .body("{\"job\":\"nightly-report\"}"));

    assertThat(response.status()).isEqualTo(204);
    assertThat(tick.get())
        .isEqualTo(ScheduleEvent.of(Instant.parse("2021-02-06T02:00:00Z"), "nightly-report"));
  }

  @Test
  void aRequestNotFromCloudSchedulerIsAnUnsupportedTrigger500LoggedOnceAsError() throws Exception {
    AtomicReference<ScheduleEvent> tick = new AtomicReference<>();
    GcpHttpFunction entry =
        entry(
            FunctionDefinition.event(
                "nightly", ScheduleEvent.class, (event, context) -> tick.set(event)));
    lines.clear();

    FakeHttpResponse response =
        call(
            entry,
            new FakeHttpRequest("POST", "/run")
                .header("Function-Execution-Id", "e-plain")
                .body("{}"));

    assertThat(tick.get()).isNull();
    assertThat(response.status()).isEqualTo(500);
    assertThat(response.getContentType()).contains("application/problem+json");
    JsonNode problem = json(response);
    assertThat(problem.get("invocationId").asText()).isEqualTo("e-plain");
    assertThat(problem.get("detail").asText())
        .contains("e-plain")
        .doesNotContain("nightly", "X-CloudScheduler");
    assertThat(logged())
        .singleElement()
        .satisfies(
            line -> {
              assertThat(line.get("severity").asText()).isEqualTo("ERROR");
              assertThat(LogLines.executionId(line)).isEqualTo("e-plain");
              assertThat(line.get("message").asText())
                  .contains("nightly is a schedule event function", "X-CloudScheduler-JobName")
                  .doesNotContain("/run"); // the request's path is the sender's input
            });
  }

  @Test
  void aHeaderWithALineBreakOrNulIs400WithoutReachingTheFunction() throws Exception {
    AtomicReference<Object> called = new AtomicReference<>();
    GcpHttpFunction entry =
        entry(
            FunctionDefinition.http(
                "echo",
                (request, context) -> {
                  called.set(request);
                  return HttpResponse.ok().text("hi");
                }));
    for (String[] header :
        new String[][] {
          {"user-agent", "a\r\nb: sk_live_x"}, {"x-a", "sk_live_x\u0000"}, {"x-\nsk_live_x", "v"}
        }) {
      lines.clear();

      FakeHttpResponse response =
          call(entry, new FakeHttpRequest("GET", "/").header(header[0], header[1]));

      assertThat(response.status()).isEqualTo(400);
      assertThat(json(response).get("detail").asText())
          .contains("CR, LF or NUL")
          .doesNotContain("sk_live");
      assertThat(lines).allSatisfy(line -> assertThat(line).doesNotContain("sk_live"));
    }
    assertThat(called.get()).isNull();
  }

  @Test
  void aMalformedScheduleTimeIs400() throws Exception {
    GcpHttpFunction entry =
        entry(FunctionDefinition.event("nightly", ScheduleEvent.class, (event, context) -> {}));
    lines.clear();

    FakeHttpResponse response =
        call(
            entry,
            new FakeHttpRequest("POST", "/").header("X-CloudScheduler-ScheduleTime", "yesterday"));

    assertThat(response.status()).isEqualTo(400);
    assertThat(json(response).get("detail").asText()).contains("RFC 3339");
    assertThat(logged("WARNING")).hasSize(1);
    assertThat(logged()).hasSize(1);
  }

  @Test
  void aScheduleFunctionsFunctionExceptionKeepsItsStatusAndIsLoggedOnce() throws Exception {
    GcpHttpFunction entry =
        entry(
            FunctionDefinition.event(
                "nightly",
                ScheduleEvent.class,
                (event, context) -> {
                  throw FunctionException.of(
                      FunctionException.Kind.UNAVAILABLE, "The warehouse is down.");
                }));
    lines.clear();

    FakeHttpResponse response =
        call(entry, new FakeHttpRequest("POST", "/").header("X-CloudScheduler", "true"));

    assertThat(response.status()).isEqualTo(503);
    assertThat(json(response).get("detail").asText()).isEqualTo("The warehouse is down.");
    assertThat(logged())
        .singleElement()
        .satisfies(
            line -> assertThat(line.get("message").asText()).contains("The warehouse is down."));
  }

  @Test
  void anInterruptedScheduleFunctionIs504AndOneWarning() throws Exception {
    GcpHttpFunction entry =
        entry(
            FunctionDefinition.event(
                "nightly",
                ScheduleEvent.class,
                (event, context) -> {
                  Thread.currentThread().interrupt();
                  Thread.sleep(60_000);
                }));
    lines.clear();

    FakeHttpResponse response;
    try {
      response = call(entry, new FakeHttpRequest("POST", "/").header("X-CloudScheduler", "true"));
    } finally {
      Thread.interrupted();
    }

    assertThat(response.status()).isEqualTo(504);
    assertThat(logged())
        .singleElement()
        .satisfies(
            line -> {
              assertThat(line.get("severity").asText()).isEqualTo("WARNING");
              assertThat(line.get("message").asText()).contains("nightly", "interrupted");
            });
  }

  @Test
  void aFailingScheduleFunctionIs500AndLoggedOnce() throws Exception {
    GcpHttpFunction entry =
        entry(
            FunctionDefinition.event(
                "nightly",
                ScheduleEvent.class,
                (event, context) -> {
                  throw new IllegalStateException("report failed");
                }));
    lines.clear();

    FakeHttpResponse response =
        call(entry, new FakeHttpRequest("POST", "/").header("X-CloudScheduler-JobName", "nightly"));

    assertThat(response.status()).isEqualTo(500);
    assertThat(response.bodyText()).doesNotContain("report failed");
    assertThat(logged())
        .singleElement()
        .satisfies(line -> assertThat(line.get("stack_trace").asText()).contains("report failed"));
  }
}
