package dev.portablefunctions.maven.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portablefunctions.HttpResponse;
import dev.portablefunctions.maven.azure.AzureTrigger.Http.AuthLevel;
import dev.portablefunctions.spi.FunctionDefinition;
import dev.portablefunctions.spi.FunctionKind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the generator writes for each trigger, and what it refuses. */
class AzureAppTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String PREFIX =
      "{\"scriptFile\":\"../echo.jar\",\"entryPoint\":\"dev.portablefunctions.azure.AzureFunctions.";

  @Test
  void anHttpFunctionGetsAnHttpTriggerAndAReturnBinding() throws Exception {
    assertFunctionJson(
        AzureFunction.of("echo-http", FunctionKind.HTTP, AzureTrigger.http()),
        PREFIX
            + "http\",\"bindings\":[{\"type\":\"httpTrigger\",\"direction\":\"in\",\"name\":\"request\","
            + "\"authLevel\":\"function\",\"methods\":[\"get\",\"head\",\"post\",\"put\",\"delete\",\"connect\","
            + "\"options\",\"trace\",\"patch\"],\"route\":\"echo-http/{*path}\"},"
            + "{\"type\":\"http\",\"direction\":\"out\",\"name\":\"$return\"}]}");
  }

  @Test
  void anHttpFunctionOnACustomRouteHasAnEntryPointThatKeepsTheRoute() throws Exception {
    assertFunctionJson(
        AzureFunction.of(
            "echo-http",
            FunctionKind.HTTP,
            AzureTrigger.http().withRoute("orders/{id}").withMethods("GET")),
        PREFIX
            + "httpCustomRoute\",\"bindings\":[{\"type\":\"httpTrigger\",\"direction\":\"in\",\"name\":\"request\","
            + "\"authLevel\":\"function\",\"methods\":[\"get\"],\"route\":\"orders/{id}\"},"
            + "{\"type\":\"http\",\"direction\":\"out\",\"name\":\"$return\"}]}");
    assertFunctionJson(
        AzureFunction.of("echo-http", FunctionKind.HTTP, AzureTrigger.http().withBinaryBody()),
        PREFIX
            + "httpBinary\",\"bindings\":[{\"type\":\"httpTrigger\",\"direction\":\"in\",\"name\":\"request\","
            + "\"authLevel\":\"function\",\"methods\":[\"get\",\"head\",\"post\",\"put\",\"delete\",\"connect\","
            + "\"options\",\"trace\",\"patch\"],\"route\":\"echo-http/{*path}\",\"dataType\":\"binary\"},"
            + "{\"type\":\"http\",\"direction\":\"out\",\"name\":\"$return\"}]}");
  }

  @Test
  void aBinaryHttpFunctionUsesTheBinaryEntryPoint() throws Exception {
    assertFunctionJson(
        AzureFunction.of(
            "echo-http",
            FunctionKind.HTTP,
            AzureTrigger.http()
                .withRoute("echo/{*rest}")
                .withMethods("get", "POST", "post")
                .withAuthLevel(AuthLevel.ANONYMOUS)
                .withBinaryBody()),
        PREFIX
            + "httpBinaryCustomRoute\",\"bindings\":[{\"type\":\"httpTrigger\",\"direction\":\"in\",\"name\":\"request\","
            + "\"authLevel\":\"anonymous\",\"methods\":[\"get\",\"post\"],\"route\":\"echo/{*rest}\","
            + "\"dataType\":\"binary\"},{\"type\":\"http\",\"direction\":\"out\",\"name\":\"$return\"}]}");
  }

  @Test
  void aQueueFunctionGetsABinaryQueueTrigger() throws Exception {
    assertFunctionJson(
        AzureFunction.of(
            "echo-message",
            FunctionKind.MESSAGE,
            AzureTrigger.queue("pf-orders", "AzureWebJobsStorage")),
        PREFIX
            + "queue\",\"bindings\":[{\"type\":\"queueTrigger\",\"direction\":\"in\",\"name\":\"message\","
            + "\"queueName\":\"pf-orders\",\"connection\":\"AzureWebJobsStorage\",\"dataType\":\"binary\"}]}");
  }

  @Test
  void serviceBusQueuesAndTopicsHaveTheirOwnEntryPoints() throws Exception {
    assertFunctionJson(
        AzureFunction.of(
            "echo-message",
            FunctionKind.MESSAGE,
            AzureTrigger.serviceBusQueue("pf-commands", "ServiceBusConnection")),
        PREFIX
            + "serviceBusQueue\",\"bindings\":[{\"type\":\"serviceBusTrigger\",\"direction\":\"in\","
            + "\"name\":\"message\",\"queueName\":\"pf-commands\",\"connection\":\"ServiceBusConnection\","
            + "\"dataType\":\"binary\"}]}");
    assertFunctionJson(
        AzureFunction.of(
            "echo-message",
            FunctionKind.MESSAGE,
            AzureTrigger.serviceBusTopic("pf-events", "billing", "ServiceBusConnection")),
        PREFIX
            + "serviceBusTopic\",\"bindings\":[{\"type\":\"serviceBusTrigger\",\"direction\":\"in\","
            + "\"name\":\"message\",\"topicName\":\"pf-events\",\"subscriptionName\":\"billing\","
            + "\"connection\":\"ServiceBusConnection\",\"dataType\":\"binary\"}]}");
  }

  @Test
  void anEventHubFunctionTakesBatchesAndMayRetry() throws Exception {
    assertFunctionJson(
        AzureFunction.of(
            "echo-message",
            FunctionKind.MESSAGE,
            AzureTrigger.eventHub("pf-telemetry", "EventHubConnection")),
        PREFIX
            + "eventHub\",\"bindings\":[{\"type\":\"eventHubTrigger\",\"direction\":\"in\",\"name\":\"events\","
            + "\"eventHubName\":\"pf-telemetry\",\"connection\":\"EventHubConnection\",\"cardinality\":\"many\","
            + "\"dataType\":\"binary\"}]}");
    assertFunctionJson(
        AzureFunction.of(
                "echo-message",
                FunctionKind.MESSAGE,
                AzureTrigger.eventHub("pf-telemetry", "EventHubConnection")
                    .withConsumerGroup("portable"))
            .withRetry(RetryPolicy.fixedDelay(3, Duration.ofSeconds(5))),
        PREFIX
            + "eventHub\",\"bindings\":[{\"type\":\"eventHubTrigger\",\"direction\":\"in\",\"name\":\"events\","
            + "\"eventHubName\":\"pf-telemetry\",\"connection\":\"EventHubConnection\",\"consumerGroup\":\"portable\","
            + "\"cardinality\":\"many\",\"dataType\":\"binary\"}],"
            + "\"retry\":{\"strategy\":\"fixedDelay\",\"maxRetryCount\":3,\"delayInterval\":\"00:00:05\"}}");
  }

  @Test
  void blobTimerAndEventGridFunctions() throws Exception {
    assertFunctionJson(
        AzureFunction.of(
            "echo-storage",
            FunctionKind.STORAGE,
            AzureTrigger.blob("samples/{name}", "AzureWebJobsStorage")),
        PREFIX
            + "blob\",\"bindings\":[{\"type\":\"blobTrigger\",\"direction\":\"in\",\"name\":\"content\","
            + "\"path\":\"samples/{name}\",\"connection\":\"AzureWebJobsStorage\",\"dataType\":\"binary\"}]}");
    assertFunctionJson(
        AzureFunction.of(
                "echo-schedule", FunctionKind.SCHEDULE, AzureTrigger.timer(" 0 */5 * * * * "))
            .withRetry(
                RetryPolicy.exponentialBackoff(-1, Duration.ofSeconds(10), Duration.ofMinutes(15))),
        PREFIX
            + "timer\",\"bindings\":[{\"type\":\"timerTrigger\",\"direction\":\"in\",\"name\":\"timer\","
            + "\"schedule\":\"0 */5 * * * *\"}],\"retry\":{\"strategy\":\"exponentialBackoff\",\"maxRetryCount\":-1,"
            + "\"minimumInterval\":\"00:00:10\",\"maximumInterval\":\"00:15:00\"}}");
    assertFunctionJson(
        AzureFunction.of("echo-event", FunctionKind.CLOUD_EVENT, AzureTrigger.eventGrid()),
        PREFIX
            + "eventGrid\",\"bindings\":[{\"type\":\"eventGridTrigger\",\"direction\":\"in\",\"name\":\"event\"}]}");
  }

  @Test
  void hostJsonDeclaresVersion2AndTheExtensionBundleAsThePluginDoes() throws Exception {
    AzureApp app = app();
    assertThat(tree(app.hostJson())).isEqualTo(tree(fixture("plugin-output/host.json")));
    assertThat(
            tree(
                AzureApp.builder("echo.jar")
                    .routePrefix("")
                    .function(http("echo-http"))
                    .build()
                    .hostJson()))
        .isEqualTo(
            tree(
                "{\"version\":\"2.0\",\"extensionBundle\":{\"id\":\"Microsoft.Azure.Functions.ExtensionBundle\","
                    + "\"version\":\"[4.*, 5.0.0)\"},\"extensions\":{\"http\":{\"routePrefix\":\"\"}}}"));
  }

  @Test
  void aFunctionCanBeDescribedFromItsDefinition() {
    AzureFunction http =
        AzureFunction.of(
            FunctionDefinition.http("echo-http", (request, context) -> HttpResponse.ok()),
            AzureTrigger.http());
    AzureFunction message =
        AzureFunction.of(
            FunctionDefinition.message("echo-message", (m, c) -> {}),
            AzureTrigger.queue("q-1", "S"));

    assertThat(List.of(http, message))
        .extracting(AzureFunction::name, AzureFunction::kind)
        .containsExactly(
            tuple("echo-http", FunctionKind.HTTP), tuple("echo-message", FunctionKind.MESSAGE));
  }

  @Test
  void theJsonFilesArePrettyPrintedAsBefore() {
    AzureApp app =
        AzureApp.builder("echo.jar")
            .routePrefix("v1")
            .function(
                AzureFunction.of(
                        "echo-message", FunctionKind.MESSAGE, AzureTrigger.eventHub("hub", "Conn"))
                    .withRetry(RetryPolicy.fixedDelay(3, Duration.ofSeconds(5))))
            .build();

    assertThat(app.functionJson("echo-message"))
        .isEqualTo(
            "{\n"
                + "  \"scriptFile\" : \"../echo.jar\",\n"
                + "  \"entryPoint\" : \"dev.portablefunctions.azure.AzureFunctions.eventHub\",\n"
                + "  \"bindings\" : [ {\n"
                + "    \"type\" : \"eventHubTrigger\",\n"
                + "    \"direction\" : \"in\",\n"
                + "    \"name\" : \"events\",\n"
                + "    \"eventHubName\" : \"hub\",\n"
                + "    \"connection\" : \"Conn\",\n"
                + "    \"cardinality\" : \"many\",\n"
                + "    \"dataType\" : \"binary\"\n"
                + "  } ],\n"
                + "  \"retry\" : {\n"
                + "    \"strategy\" : \"fixedDelay\",\n"
                + "    \"maxRetryCount\" : 3,\n"
                + "    \"delayInterval\" : \"00:00:05\"\n"
                + "  }\n"
                + "}\n");
    assertThat(app.hostJson())
        .isEqualTo(
            "{\n"
                + "  \"version\" : \"2.0\",\n"
                + "  \"extensionBundle\" : {\n"
                + "    \"id\" : \"Microsoft.Azure.Functions.ExtensionBundle\",\n"
                + "    \"version\" : \"[4.*, 5.0.0)\"\n"
                + "  },\n"
                + "  \"extensions\" : {\n"
                + "    \"http\" : {\n"
                + "      \"routePrefix\" : \"v1\"\n"
                + "    }\n"
                + "  }\n"
                + "}\n");
  }

  @Test
  void theAppSettingsCarryTheRoutePrefix() {
    AzureFunction echo = http("echo-http");
    assertThat(AzureApp.builder("echo.jar").function(echo).build().appSettings()).isEmpty();
    assertThat(AzureApp.builder("echo.jar").routePrefix("").function(echo).build().appSettings())
        .containsExactly(Map.entry("PORTABLE_ROUTE_PREFIX", "/"));
    assertThat(AzureApp.builder("echo.jar").routePrefix("v1").function(echo).build().appSettings())
        .containsExactly(Map.entry("PORTABLE_ROUTE_PREFIX", "v1"));
    assertThatThrownBy(() -> AzureApp.builder("echo.jar").routePrefix("/v1"))
        .hasMessageContaining("must not start or end with '/'");
  }

  @Test
  void writeToCreatesAFolderPerFunctionAndHostJson(@TempDir Path dir) throws Exception {
    AzureApp app = app();

    app.writeTo(dir);

    assertThat(tree(Files.readString(dir.resolve("host.json")))).isEqualTo(tree(app.hostJson()));
    for (AzureFunction function : app.functions()) {
      assertThat(tree(Files.readString(dir.resolve(function.name()).resolve("function.json"))))
          .isEqualTo(tree(app.functionJson(function.name())));
    }
  }

  @Test
  void stageLaysOutTheJarsAsThePluginDoes(@TempDir Path dir) throws Exception {
    Path build = Files.createDirectories(dir.resolve("build"));
    Path jar = Files.write(build.resolve("echo.jar"), new byte[] {1});
    Path adapter = Files.write(build.resolve("adapter-azure-0.1.jar"), new byte[] {2});
    Path core =
        Files.write(build.resolve("azure-functions-java-core-library-1.2.0.jar"), new byte[] {3});
    Path annotations =
        Files.write(build.resolve("azure-functions-java-library-3.1.0.jar"), new byte[] {4});
    Path app = dir.resolve("app");
    Files.createDirectories(app.resolve("lib"));
    Files.write(app.resolve("lib").resolve("stale-1.0.jar"), new byte[] {5});

    app().stage(app, jar, List.of(adapter, core, annotations));

    assertThat(Files.readAllBytes(app.resolve("echo.jar"))).containsExactly(1);
    try (Stream<Path> lib = Files.list(app.resolve("lib"))) {
      assertThat(lib.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList()))
          .containsExactly("adapter-azure-0.1.jar", "azure-functions-java-library-3.1.0.jar");
    }
    assertThat(app.resolve("echo-http").resolve("function.json")).exists();
    assertThatThrownBy(() -> app().stage(app, adapter, List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("scriptFile");
    assertThatThrownBy(() -> app().stage(app, jar, List.of(build.resolve("missing.jar"))))
        .hasMessageContaining("No such file");
  }

  @Test
  void stageAcceptsLibrariesAlreadyInLib(@TempDir Path dir) throws Exception {
    Path app = dir.resolve("app");
    Path lib = Files.createDirectories(app.resolve("lib"));
    Path adapter = Files.write(lib.resolve("adapter-azure-0.1.jar"), new byte[] {2});
    Files.write(lib.resolve("old-0.9.jar"), new byte[] {9});
    Path jar = Files.write(dir.resolve("echo.jar"), new byte[] {1});

    app().stage(app, jar, List.of(adapter));

    try (Stream<Path> files = Files.list(lib)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactly("adapter-azure-0.1.jar");
    }
    assertThat(Files.readAllBytes(adapter)).containsExactly(2);
  }

  @Test
  void functionNamesFollowThePortableRulesWithAnOptionalSuffix() {
    assertThat(
            AzureFunction.of(
                    "echo-message_orders-2", FunctionKind.MESSAGE, AzureTrigger.queue("q-1", "S"))
                .portableName())
        .isEqualTo("echo-message");
    for (String bad :
        List.of(
            "Echo",
            "echo_",
            "-echo",
            "echo-",
            "echo message",
            "host",
            "echo.http",
            "",
            "e".repeat(64))) {
      assertThatThrownBy(() -> AzureFunction.of(bad, FunctionKind.HTTP, AzureTrigger.http()))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("Invalid Azure function name");
    }
  }

  @Test
  void aTriggerMustBeAbleToRunTheKind() {
    assertThatThrownBy(
            () -> AzureFunction.of("echo-message", FunctionKind.MESSAGE, AzureTrigger.http()))
        .hasMessage(
            "Function echo-message is a message function and takes a queue or topic message; an HTTP"
                + " trigger cannot run it. Give it a Queue Storage, Service Bus or Event Hubs trigger.");
    assertThatThrownBy(
            () ->
                AzureFunction.of(
                    "echo-event", FunctionKind.CLOUD_EVENT, AzureTrigger.blob("c/b", "S")))
        .hasMessageContaining("Give it an Event Grid trigger");
    assertThatThrownBy(
            () ->
                AzureFunction.of(
                    "echo-typed", FunctionKind.TYPED, AzureTrigger.http().withMethods("GET")))
        .hasMessageContaining("takes its input in a POST");
    assertThatThrownBy(
            () ->
                AzureFunction.of(
                    "echo-typed", FunctionKind.TYPED, AzureTrigger.http().withBinaryBody()))
        .hasMessageContaining("Leave the body as text");
    assertThatThrownBy(
            () ->
                AzureFunction.of("echo-schedule", FunctionKind.SCHEDULE, AzureTrigger.eventGrid()))
        .hasMessageContaining("Give it a timer trigger");
  }

  @Test
  void settingsAreChecked() {
    assertThatThrownBy(() -> AzureTrigger.queue("Orders", "S"))
        .hasMessageContaining("queueName must be 3 to 63");
    assertThatThrownBy(() -> AzureTrigger.queue("a--b", "S"))
        .hasMessageContaining("single hyphens");
    assertThat(AzureTrigger.queue("%OrdersQueue%", "S").queueName()).isEqualTo("%OrdersQueue%");
    assertThatThrownBy(
            () -> AzureTrigger.queue("orders", "DefaultEndpointsProtocol=https;AccountName=x"))
        .hasMessageContaining("not a connection string");
    assertThatThrownBy(() -> AzureTrigger.serviceBusQueue("orders", ""))
        .hasMessageContaining("connection");
    assertThatThrownBy(() -> AzureTrigger.eventHub("hub", null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> AzureTrigger.serviceBusTopic("t", " ", "S"))
        .hasMessageContaining("subscriptionName");
    assertThatThrownBy(() -> AzureTrigger.blob("/photos/{name}", "S"))
        .hasMessageContaining("container/blob pattern");
    assertThatThrownBy(() -> AzureTrigger.blob("photos", "S"))
        .hasMessageContaining("container/blob pattern");
    assertThatThrownBy(() -> AzureTrigger.http().withRoute("/orders"))
        .hasMessageContaining("must not start with '/'");
    assertThatThrownBy(() -> AzureTrigger.http().withMethods("FETCH"))
        .hasMessageContaining("Unknown HTTP method");
    assertThatThrownBy(() -> AzureTrigger.http().withMethods())
        .hasMessageContaining("at least one");
  }

  @Test
  void theRecordsCheckTheirSettingsLikeTheFactories() {
    assertThatThrownBy(() -> new AzureTrigger.Queue("Orders", "S"))
        .hasMessageContaining("queueName must be 3 to 63");
    assertThatThrownBy(
            () ->
                new AzureTrigger.Http(
                    Optional.of("/orders"), List.of("GET"), AuthLevel.ADMIN, false))
        .hasMessageContaining("must not start with '/'");
    assertThatThrownBy(() -> new AzureTrigger.EventHub("hub", "S", " "))
        .hasMessageContaining("consumerGroup");
    assertThatThrownBy(() -> new AzureTrigger.ServiceBusTopic("t", "s", "Endpoint=sb://x/"))
        .hasMessageContaining("not a connection string");
    AzureTrigger.Http http =
        new AzureTrigger.Http(
            Optional.empty(), List.of("get", "GET", "post"), AuthLevel.ADMIN, false);
    assertThat(http.methods()).containsExactly("GET", "POST");
    assertThat(http)
        .isEqualTo(
            AzureTrigger.http()
                .withMethods("POST", "get")
                .withMethods("GET", "post")
                .withAuthLevel(AuthLevel.ADMIN));
    assertThat(new AzureTrigger.Timer(" 0 0 * * * * ").schedule()).isEqualTo("0 0 * * * *");
  }

  @Test
  void schedulesHaveSixFieldsOrAreIntervalsOrSettings() {
    assertThatThrownBy(() -> AzureTrigger.timer("*/5 * * * *"))
        .hasMessageContaining("has 5 fields")
        .hasMessageContaining("did you mean '0 */5 * * * *'?");
    assertThatThrownBy(() -> AzureTrigger.timer("0 0 * * * * 2026"))
        .hasMessageContaining("has 7 fields");
    assertThatThrownBy(() -> AzureTrigger.timer("0 0 * * * {}"))
        .hasMessageContaining("invalid field '{}'");
    assertThat(AzureTrigger.timer("0 30 9 * * Mon-Fri").schedule()).isEqualTo("0 30 9 * * Mon-Fri");
    assertThat(AzureTrigger.timer("00:05:00").schedule()).isEqualTo("00:05:00");
    assertThat(AzureTrigger.timer("%ReportSchedule%").schedule()).isEqualTo("%ReportSchedule%");
  }

  @Test
  void retryPoliciesAreForTimersAndEventHubsOnly() {
    assertThatThrownBy(
            () ->
                AzureFunction.of(
                        "echo-message", FunctionKind.MESSAGE, AzureTrigger.queue("q-1", "S"))
                    .withRetry(RetryPolicy.fixedDelay(3, Duration.ofSeconds(1))))
        .hasMessageContaining("ignores a retry policy");
    assertThatThrownBy(() -> RetryPolicy.fixedDelay(-2, Duration.ofSeconds(1)))
        .hasMessageContaining("maxRetryCount");
    assertThatThrownBy(() -> RetryPolicy.fixedDelay(1, Duration.ZERO))
        .hasMessageContaining("positive");
    assertThatThrownBy(
            () -> RetryPolicy.exponentialBackoff(1, Duration.ofMinutes(2), Duration.ofMinutes(1)))
        .hasMessageContaining("must not be less than minimum");
    assertThat(RetryPolicy.timeSpan(Duration.ofDays(1).plusHours(2).plusMillis(5)))
        .isEqualTo("1.02:00:00.005");
  }

  @Test
  void anAppRefusesDuplicateNamesAndRoutes() {
    assertThatThrownBy(
            () ->
                AzureApp.builder("echo.jar")
                    .function(http("echo-http"))
                    .function(http("echo-http")))
        .hasMessageContaining("already has a function named echo-http");
    assertThatThrownBy(
            () ->
                AzureApp.builder("echo.jar")
                    .function(
                        AzureFunction.of(
                            "echo-http", FunctionKind.HTTP, AzureTrigger.http().withRoute("x")))
                    .function(
                        AzureFunction.of(
                            "echo-http_b", FunctionKind.HTTP, AzureTrigger.http().withRoute("X"))))
        .hasMessageContaining("the same route x");
    assertThatThrownBy(() -> AzureApp.builder("echo.jar").build())
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> AzureApp.builder("lib/echo.jar")).hasMessageContaining("file name");
    assertThatThrownBy(() -> AzureApp.builder("echo.zip")).hasMessageContaining("file name");
    assertThatThrownBy(() -> app().functionJson("nope")).hasMessageContaining("no function nope");
  }

  private static AzureFunction http(String name) {
    return AzureFunction.of(name, FunctionKind.HTTP, AzureTrigger.http());
  }

  private static AzureApp app() {
    return AzureApp.builder("echo.jar")
        .function(http("echo-http"))
        .function(
            AzureFunction.of(
                "echo-message",
                FunctionKind.MESSAGE,
                AzureTrigger.queue("pf-orders", "AzureWebJobsStorage")))
        .function(
            AzureFunction.of(
                "echo-schedule", FunctionKind.SCHEDULE, AzureTrigger.timer("0 */5 * * * *")))
        .build();
  }

  private static void assertFunctionJson(AzureFunction function, String expected) throws Exception {
    String json =
        AzureApp.builder("echo.jar").function(function).build().functionJson(function.name());
    assertThat(json).endsWith("\n").contains("\n  \"bindings\"");
    // Compared as text without whitespace: the key order is part of the contract (type, direction,
    // name first, as the plugin writes them).
    assertThat(JSON.readTree(json).toString()).isEqualTo(expected);
  }

  private static JsonNode tree(String json) throws Exception {
    return JSON.readTree(json);
  }

  /** Reads a file under {@code src/test/resources/azure/}. */
  private static String fixture(String name) throws IOException {
    try (InputStream in = AzureAppTest.class.getResourceAsStream("/azure/" + name)) {
      assertThat(in).as(name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
