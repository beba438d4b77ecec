package dev.portablefunctions.maven;

import static dev.portablefunctions.maven.Fixtures.AUDIT;
import static dev.portablefunctions.maven.Fixtures.GREET;
import static dev.portablefunctions.maven.Fixtures.NIGHTLY;
import static dev.portablefunctions.maven.Fixtures.SIGNUP;
import static dev.portablefunctions.maven.Fixtures.UPLOADED;
import static dev.portablefunctions.maven.Fixtures.WELCOME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portablefunctions.maven.azure.AzureApp;
import dev.portablefunctions.maven.azure.AzureFunction;
import dev.portablefunctions.maven.azure.AzureTrigger;
import dev.portablefunctions.maven.azure.RetryPolicy;
import dev.portablefunctions.spi.FunctionKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AzureTargetTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ENTRY = "dev.portablefunctions.azure.AzureFunctions.";

  private final AzureTarget target = new AzureTarget();

  @TempDir Path folder;

  @Test
  void itPackagesWithTheAzureAdapter() {
    assertThat(target.id()).isEqualTo("azure");
    assertThat(target.adapter()).isEqualTo("adapter-azure");
  }

  @Test
  void everyKindGetsItsDefaultTrigger() throws IOException {
    Build build =
        build(
            List.of(GREET, WELCOME, SIGNUP, UPLOADED, NIGHTLY, AUDIT),
            new FunctionSettings("nightly-report").schedule("30 2 * * 1-5"));

    assertThat(target.check(build)).isEmpty();
    Path app = write(build);

    JsonNode greet = functionJson(app, "greet");
    assertThat(greet.path("scriptFile").asText()).isEqualTo("../orders-1.0.jar");
    assertThat(greet.path("entryPoint").asText()).isEqualTo(ENTRY + "http");
    assertThat(trigger(greet).path("type").asText()).isEqualTo("httpTrigger");
    assertThat(trigger(greet).path("authLevel").asText()).isEqualTo("function");
    assertThat(trigger(greet).path("route").asText()).isEqualTo("greet/{*path}");
    assertThat(trigger(greet).path("methods")).hasSize(9);
    assertThat(functionJson(app, "welcome").path("entryPoint").asText()).isEqualTo(ENTRY + "http");
    JsonNode signup = functionJson(app, "signup");
    assertThat(signup.path("entryPoint").asText()).isEqualTo(ENTRY + "queue");
    assertThat(trigger(signup).path("queueName").asText()).isEqualTo("signup");
    assertThat(trigger(signup).path("connection").asText()).isEqualTo("AzureWebJobsStorage");
    assertThat(functionJson(app, "on-upload").path("entryPoint").asText())
        .isEqualTo(ENTRY + "eventGrid");
    JsonNode nightly = functionJson(app, "nightly-report");
    assertThat(nightly.path("entryPoint").asText()).isEqualTo(ENTRY + "timer");
    assertThat(trigger(nightly).path("schedule").asText()).isEqualTo("0 30 2 * * 1-5");
    assertThat(functionJson(app, "audit").path("entryPoint").asText())
        .isEqualTo(ENTRY + "eventGrid");
  }

  @Test
  void everyTriggerCanBeConfigured() throws IOException {
    Build build =
        build(
            List.of(
                GREET,
                WELCOME,
                SIGNUP,
                message("commands"),
                message("events"),
                message("telemetry"),
                UPLOADED,
                NIGHTLY),
            new FunctionSettings("greet")
                .azure(
                    new AzureSettings()
                        .trigger("http")
                        .route("greetings/{name}")
                        .methods("get, Post")
                        .authLevel("Anonymous")
                        .binary(true)),
            new FunctionSettings("welcome").azure(new AzureSettings().methods("POST")),
            new FunctionSettings("signup")
                .azure(new AzureSettings().queue("pf-signups").connection("SignupStorage")),
            new FunctionSettings("commands")
                .azure(
                    new AzureSettings()
                        .trigger("serviceBusQueue")
                        .queue("commands")
                        .connection("ServiceBusConnection")),
            new FunctionSettings("events")
                .azure(
                    new AzureSettings()
                        .trigger("serviceBusTopic")
                        .topic("events")
                        .subscription("billing")
                        .connection("ServiceBusConnection")),
            new FunctionSettings("telemetry")
                .azure(
                    new AzureSettings()
                        .trigger("eventHub")
                        .eventHub("telemetry")
                        .consumerGroup("portable")
                        .connection("EventHubConnection")),
            new FunctionSettings("on-upload")
                .azure(new AzureSettings().trigger("blob").path("uploads/{name}")),
            new FunctionSettings("nightly-report")
                // The Azure expression wins over the portable one.
                .schedule("30 2 * * *")
                .azure(new AzureSettings().trigger("timer").schedule("0 */5 * * * *")));

    assertThat(target.check(build)).isEmpty();
    Path app = write(build);

    JsonNode greet = functionJson(app, "greet");
    assertThat(greet.path("entryPoint").asText()).isEqualTo(ENTRY + "httpBinaryCustomRoute");
    assertThat(tree(trigger(greet)))
        .isEqualTo(
            "{\"type\":\"httpTrigger\",\"direction\":\"in\",\"name\":\"request\","
                + "\"authLevel\":\"anonymous\",\"methods\":[\"get\",\"post\"],"
                + "\"route\":\"greetings/{name}\",\"dataType\":\"binary\"}");
    assertThat(trigger(functionJson(app, "welcome")).path("methods").toString())
        .isEqualTo("[\"post\"]");
    assertThat(tree(trigger(functionJson(app, "signup"))))
        .isEqualTo(
            "{\"type\":\"queueTrigger\",\"direction\":\"in\",\"name\":\"message\","
                + "\"queueName\":\"pf-signups\",\"connection\":\"SignupStorage\","
                + "\"dataType\":\"binary\"}");
    JsonNode commands = functionJson(app, "commands");
    assertThat(commands.path("entryPoint").asText()).isEqualTo(ENTRY + "serviceBusQueue");
    assertThat(tree(trigger(commands)))
        .isEqualTo(
            "{\"type\":\"serviceBusTrigger\",\"direction\":\"in\",\"name\":\"message\","
                + "\"queueName\":\"commands\",\"connection\":\"ServiceBusConnection\","
                + "\"dataType\":\"binary\"}");
    JsonNode events = functionJson(app, "events");
    assertThat(events.path("entryPoint").asText()).isEqualTo(ENTRY + "serviceBusTopic");
    assertThat(trigger(events).path("topicName").asText()).isEqualTo("events");
    assertThat(trigger(events).path("subscriptionName").asText()).isEqualTo("billing");
    JsonNode telemetry = functionJson(app, "telemetry");
    assertThat(telemetry.path("entryPoint").asText()).isEqualTo(ENTRY + "eventHub");
    assertThat(tree(trigger(telemetry)))
        .isEqualTo(
            "{\"type\":\"eventHubTrigger\",\"direction\":\"in\",\"name\":\"events\","
                + "\"eventHubName\":\"telemetry\",\"connection\":\"EventHubConnection\","
                + "\"consumerGroup\":\"portable\",\"cardinality\":\"many\",\"dataType\":\"binary\"}");
    JsonNode upload = functionJson(app, "on-upload");
    assertThat(upload.path("entryPoint").asText()).isEqualTo(ENTRY + "blob");
    assertThat(trigger(upload).path("path").asText()).isEqualTo("uploads/{name}");
    assertThat(trigger(upload).path("connection").asText()).isEqualTo("AzureWebJobsStorage");
    assertThat(trigger(functionJson(app, "nightly-report")).path("schedule").asText())
        .isEqualTo("0 */5 * * * *");
  }

  @Test
  void triggerNamesAreCaseInsensitive() {
    Build build =
        build(
            List.of(UPLOADED, AUDIT),
            new FunctionSettings("on-upload").azure(new AzureSettings().trigger("EVENTGRID")),
            new FunctionSettings("audit").azure(new AzureSettings().trigger("eventgrid")));

    assertThat(target.check(build)).isEmpty();
  }

  @Test
  void anUnknownOrUnfitTriggerIsReported() {
    Build build =
        build(
            List.of(GREET, SIGNUP, NIGHTLY, AUDIT),
            new FunctionSettings("greet").azure(new AzureSettings().trigger("queue")),
            new FunctionSettings("signup").azure(new AzureSettings().trigger("sqs")),
            new FunctionSettings("nightly-report").azure(new AzureSettings().trigger("http")),
            new FunctionSettings("audit").azure(new AzureSettings().trigger("blob")));

    assertThat(target.check(build))
        .containsExactly(
            "function greet (an HTTP function): <azure><trigger> 'queue' cannot run an HTTP"
                + " function, which takes an HTTP request; use http",
            "function signup (a message function): <azure><trigger> 'sqs' is not an Azure trigger;"
                + " use one of http, queue, serviceBusQueue, serviceBusTopic, eventHub, blob,"
                + " eventGrid, timer",
            "function nightly-report (a schedule event function): <azure><trigger> 'http' cannot"
                + " run a schedule event function, which takes a schedule tick; use timer",
            "function audit (a CloudEvent function): <azure><trigger> 'blob' cannot run a"
                + " CloudEvent function, which takes any event, as a CloudEvent; use eventGrid");
  }

  @Test
  void missingSettingsAreReported() {
    Build build =
        build(
            List.of(
                message("commands"), message("events"), message("telemetry"), UPLOADED, NIGHTLY),
            new FunctionSettings("commands").azure(new AzureSettings().trigger("serviceBusQueue")),
            new FunctionSettings("events")
                .azure(
                    new AzureSettings()
                        .trigger("serviceBusTopic")
                        .topic("events")
                        .connection("ServiceBusConnection")),
            new FunctionSettings("telemetry")
                .azure(new AzureSettings().trigger("eventHub").connection("EventHubConnection")),
            new FunctionSettings("on-upload").azure(new AzureSettings().trigger("blob")));

    assertThat(target.check(build))
        .containsExactly(
            "function commands (a message function): <azure><queue> is required by the"
                + " serviceBusQueue trigger: the Service Bus queue it reads",
            "function commands (a message function): <azure><connection> is required by the"
                + " serviceBusQueue trigger: the name of the app setting with the Service Bus"
                + " namespace's connection (or the prefix of its identity-based settings)",
            "function events (a message function): <azure><subscription> is required by the"
                + " serviceBusTopic trigger: the topic's subscription it reads",
            "function telemetry (a message function): <azure><eventHub> is required by the"
                + " eventHub trigger: the event hub it reads",
            "function on-upload (a storage event function): <azure><path> is required by the blob"
                + " trigger: the container and blob pattern, such as photos/{name}",
            "function nightly-report (a schedule event function): <schedule> is required: a"
                + " five-field cron expression in UTC, such as '30 2 * * *' (or <azure><schedule>,"
                + " a six-field NCRONTAB expression)");
  }

  @Test
  void invalidValuesAreReportedWithTheGeneratorsReason() {
    Build build =
        build(
            List.of(
                GREET, WELCOME, SIGNUP, message("commands"), UPLOADED, NIGHTLY, schedule("hourly")),
            new FunctionSettings("greet")
                .azure(
                    new AzureSettings().route("/greet").methods("GET,FETCH").authLevel("public")),
            new FunctionSettings("welcome").azure(new AzureSettings().methods("GET")),
            new FunctionSettings("signup").azure(new AzureSettings().queue("Signups")),
            new FunctionSettings("commands")
                .azure(
                    new AzureSettings()
                        .trigger("serviceBusQueue")
                        .queue("commands")
                        .connection("Endpoint=sb://x.servicebus.windows.net/;SharedAccessKey=k")),
            new FunctionSettings("on-upload")
                .azure(new AzureSettings().trigger("blob").path("uploads")),
            new FunctionSettings("nightly-report").schedule("0 30 2 * * *"),
            new FunctionSettings("hourly").azure(new AzureSettings().schedule("0 * * * *")));

    List<String> problems = target.check(build);

    assertThat(problems)
        .containsExactly(
            "function greet (an HTTP function): <azure><route> is invalid: route is relative to the"
                + " route prefix and must not start with '/': /greet",
            "function greet (an HTTP function): <azure><methods> is invalid: Unknown HTTP method"
                + " 'FETCH'; Azure Functions accepts [GET, HEAD, POST, PUT, DELETE, CONNECT, OPTIONS,"
                + " TRACE, PATCH]",
            "function greet (an HTTP function): <azure><authLevel> 'public' is not an authorization"
                + " level; use one of anonymous, function, admin",
            "function welcome (a typed function): <azure><methods> is invalid: Function welcome is a"
                + " typed function, which takes its input in a POST; its HTTP trigger allows only"
                + " [GET].",
            "function signup (a message function): <azure><queue> is invalid: queueName must be 3 to"
                + " 63 lower-case letters, digits and single hyphens, starting and ending with a"
                + " letter or digit (or an %AppSetting% expression); was 'Signups'",
            "function commands (a message function): <azure><connection> is invalid: connection must"
                + " name an app setting (letters, digits, '_', '.', ':', '-'), such as"
                + " AzureWebJobsStorage, not a connection string; was"
                + " 'Endpoint=sb://x.servicebus.windows.ne...'",
            "function on-upload (a storage event function): <azure><path> is invalid: path must be"
                + " 'container/blob pattern', such as 'photos/{name}'; was 'uploads'",
            "function nightly-report (a schedule event function): <schedule> has six fields; write"
                + " five (minute hour day-of-month month day-of-week), without seconds, such as '30 2"
                + " * * *': each cloud gets it in its own syntax",
            "function hourly (a schedule event function): <azure><schedule> is invalid: schedule"
                + " '0 * * * *' has 5 fields; Azure's NCRONTAB has six, seconds first: {second}"
                + " {minute} {hour} {day} {month} {day-of-week} (did you mean '0 0 * * * *'?)");
  }

  @Test
  void aDefaultQueueNameTheGeneratorRefusesIsReportedAsTheDefault() {
    Build build = build(List.of(message("ab")));

    assertThat(target.check(build))
        .containsExactly(
            "function ab (a message function): <azure><queue> (default: the function's name) is"
                + " invalid: queueName must be 3 to 63 lower-case letters, digits and single"
                + " hyphens, starting and ending with a letter or digit (or an %AppSetting%"
                + " expression); was 'ab'");
  }

  @Test
  void settingsOfAnotherTriggerAreReported() {
    Build build =
        build(
            List.of(GREET, SIGNUP, AUDIT),
            new FunctionSettings("greet").azure(new AzureSettings().queue("orders")),
            new FunctionSettings("signup").azure(new AzureSettings().route("x").binary(true)),
            new FunctionSettings("audit").azure(new AzureSettings().connection("Storage")));

    assertThat(target.check(build))
        .containsExactly(
            "function greet (an HTTP function): <azure><queue> applies to the queue or"
                + " serviceBusQueue trigger, not to http; remove it",
            "function signup (a message function): <azure><route> applies to the http trigger, not"
                + " to queue; remove it",
            "function signup (a message function): <azure><binary> applies to the http trigger,"
                + " not to queue; remove it",
            "function audit (a CloudEvent function): <azure><connection> applies to the queue,"
                + " serviceBusQueue, serviceBusTopic, eventHub or blob trigger, not to eventGrid;"
                + " remove it");
  }

  @Test
  void retryPoliciesLandInFunctionJsonAsTheGeneratorWritesThem() throws IOException {
    Build build =
        build(
            List.of(message("telemetry"), NIGHTLY, SIGNUP),
            new FunctionSettings("telemetry")
                .azure(
                    new AzureSettings()
                        .trigger("eventHub")
                        .eventHub("telemetry")
                        .connection("EventHubConnection")
                        .retry(
                            new AzureRetrySettings()
                                .strategy("fixedDelay")
                                .maxRetryCount(3)
                                .delayInterval("PT5S"))),
            new FunctionSettings("nightly-report")
                .schedule("30 2 * * *")
                .azure(
                    new AzureSettings()
                        .retry(
                            new AzureRetrySettings()
                                // Any case; an interval as ISO-8601 or as function.json's hh:mm:ss.
                                .strategy("EXPONENTIALBACKOFF")
                                .maxRetryCount(-1)
                                .minimumInterval("00:00:10")
                                .maximumInterval(" PT15M "))));

    assertThat(target.check(build)).isEmpty();
    Path app = write(build);

    assertThat(tree(functionJson(app, "telemetry").path("retry")))
        .isEqualTo(
            "{\"strategy\":\"fixedDelay\",\"maxRetryCount\":3,\"delayInterval\":\"00:00:05\"}");
    assertThat(tree(functionJson(app, "nightly-report").path("retry")))
        .isEqualTo(
            "{\"strategy\":\"exponentialBackoff\",\"maxRetryCount\":-1,"
                + "\"minimumInterval\":\"00:00:10\",\"maximumInterval\":\"00:15:00\"}");
    assertThat(functionJson(app, "signup").has("retry")).isFalse();
    // Byte for byte what the generator writes for the same policies.
    AzureApp expected =
        AzureApp.builder("orders-1.0.jar")
            .function(
                AzureFunction.of(
                        "telemetry",
                        FunctionKind.MESSAGE,
                        AzureTrigger.eventHub("telemetry", "EventHubConnection"))
                    .withRetry(RetryPolicy.fixedDelay(3, Duration.ofSeconds(5))))
            .function(
                AzureFunction.of(
                        "nightly-report", FunctionKind.SCHEDULE, AzureTrigger.timer("0 30 2 * * *"))
                    .withRetry(
                        RetryPolicy.exponentialBackoff(
                            -1, Duration.ofSeconds(10), Duration.ofMinutes(15))))
            .build();
    for (String function : List.of("telemetry", "nightly-report")) {
      assertThat(Files.readString(app.resolve(function).resolve("function.json")))
          .as(function)
          .isEqualTo(expected.functionJson(function));
    }
  }

  @Test
  void retryIntervalsMayHaveDaysAndMilliseconds() throws IOException {
    Build build =
        build(
            List.of(NIGHTLY, schedule("hourly")),
            new FunctionSettings("nightly-report")
                .schedule("30 2 * * *")
                .azure(
                    new AzureSettings()
                        .retry(
                            new AzureRetrySettings()
                                .strategy("fixeddelay")
                                .maxRetryCount(0)
                                .delayInterval("1.02:03:04.5"))),
            new FunctionSettings("hourly")
                .schedule("0 * * * *")
                .azure(
                    new AzureSettings()
                        .retry(
                            new AzureRetrySettings()
                                .strategy("exponentialBackoff")
                                .maxRetryCount(5)
                                .minimumInterval("PT0.25S")
                                .maximumInterval("P2D"))));

    assertThat(target.check(build)).isEmpty();
    Path app = write(build);

    assertThat(tree(functionJson(app, "nightly-report").path("retry")))
        .isEqualTo(
            "{\"strategy\":\"fixedDelay\",\"maxRetryCount\":0,"
                + "\"delayInterval\":\"1.02:03:04.500\"}");
    assertThat(tree(functionJson(app, "hourly").path("retry")))
        .isEqualTo(
            "{\"strategy\":\"exponentialBackoff\",\"maxRetryCount\":5,"
                + "\"minimumInterval\":\"00:00:00.250\",\"maximumInterval\":\"2.00:00:00\"}");
  }

  @Test
  void retryProblemsAreReported() {
    Build build =
        build(
            List.of(
                message("telemetry"),
                message("metrics"),
                message("clicks"),
                NIGHTLY,
                schedule("hourly"),
                schedule("daily"),
                schedule("weekly")),
            new FunctionSettings("telemetry")
                .azure(eventHub("telemetry").retry(new AzureRetrySettings())),
            new FunctionSettings("metrics")
                .azure(
                    eventHub("metrics")
                        .retry(
                            new AzureRetrySettings()
                                .strategy("linear")
                                .maxRetryCount(3)
                                .delayInterval("5s"))),
            new FunctionSettings("clicks")
                .azure(
                    eventHub("clicks")
                        .retry(new AzureRetrySettings().strategy("fixedDelay").maxRetryCount(-2))),
            new FunctionSettings("nightly-report")
                .schedule("30 2 * * *")
                .azure(
                    new AzureSettings()
                        .retry(
                            new AzureRetrySettings()
                                .strategy("exponentialBackoff")
                                .maxRetryCount(3)
                                .delayInterval("PT5S")
                                .maximumInterval("00:75:00"))),
            new FunctionSettings("hourly")
                .schedule("0 * * * *")
                .azure(
                    new AzureSettings()
                        .retry(
                            new AzureRetrySettings()
                                .strategy("exponentialBackoff")
                                .maxRetryCount(1)
                                .minimumInterval("PT2M")
                                .maximumInterval("00:01:00"))),
            new FunctionSettings("daily")
                .schedule("0 3 * * *")
                .azure(
                    new AzureSettings()
                        .retry(
                            new AzureRetrySettings()
                                .strategy("fixedDelay")
                                .maxRetryCount(1)
                                .delayInterval("00:00:00")
                                .minimumInterval("PT5S"))),
            new FunctionSettings("weekly")
                .schedule("0 3 * * 0")
                .azure(
                    new AzureSettings()
                        .retry(
                            new AzureRetrySettings()
                                .strategy("exponentialBackoff")
                                .maxRetryCount(1)
                                .minimumInterval("-PT5S")
                                .maximumInterval("PT0.0005S"))));

    assertThat(target.check(build))
        .containsExactly(
            "function telemetry (a message function): <azure><retry><strategy> is required:"
                + " fixedDelay or exponentialBackoff",
            "function telemetry (a message function): <azure><retry><maxRetryCount> is required:"
                + " the most retries, -1 for no limit",
            "function metrics (a message function): <azure><retry><strategy> 'linear' is not a"
                + " retry strategy; use fixedDelay or exponentialBackoff",
            "function metrics (a message function): <azure><retry><delayInterval> '5s' is not a"
                + " duration; write it in ISO-8601, such as PT5S, or as [d.]hh:mm:ss, such as"
                + " 00:00:05",
            "function clicks (a message function): <azure><retry><maxRetryCount> is invalid:"
                + " maxRetryCount must be -1 (retry until it succeeds) or more, was -2",
            "function clicks (a message function): <azure><retry><delayInterval> is required by"
                + " the fixedDelay strategy: the delay between retries, such as PT5S",
            "function nightly-report (a schedule event function): <azure><retry><delayInterval>"
                + " applies to the fixedDelay strategy, not to exponentialBackoff; remove it",
            "function nightly-report (a schedule event function): <azure><retry><minimumInterval>"
                + " is required by the exponentialBackoff strategy: the first delay, such as PT5S",
            "function nightly-report (a schedule event function): <azure><retry><maximumInterval>"
                + " '00:75:00' is not a duration; write it in ISO-8601, such as PT5S, or as"
                + " [d.]hh:mm:ss, such as 00:00:05",
            "function hourly (a schedule event function): <azure><retry><maximumInterval> is"
                + " invalid: maximum (PT1M) must not be less than minimum (PT2M)",
            "function daily (a schedule event function): <azure><retry><delayInterval> is invalid:"
                + " delay must be positive, was PT0S",
            "function daily (a schedule event function): <azure><retry><minimumInterval> applies"
                + " to the exponentialBackoff strategy, not to fixedDelay; remove it",
            "function weekly (a schedule event function): <azure><retry><minimumInterval> is"
                + " invalid: minimum must be positive, was PT-5S",
            "function weekly (a schedule event function): <azure><retry><maximumInterval>"
                + " 'PT0.0005S' is finer than a millisecond, the precision of function.json's"
                + " intervals ([d.]hh:mm:ss.fff); round it");
  }

  @Test
  void aRetryOnATriggerTheHostIgnoresItForIsReported() {
    AzureRetrySettings retry =
        new AzureRetrySettings().strategy("fixedDelay").maxRetryCount(3).delayInterval("PT5S");
    Build build =
        build(
            List.of(SIGNUP, message("commands"), GREET, UPLOADED),
            new FunctionSettings("signup").azure(new AzureSettings().retry(retry)),
            new FunctionSettings("commands")
                .azure(
                    new AzureSettings()
                        .trigger("serviceBusQueue")
                        .queue("commands")
                        .connection("ServiceBusConnection")
                        .retry(retry)),
            new FunctionSettings("greet").azure(new AzureSettings().retry(retry)),
            // Its parts are not checked where the retry does not apply at all.
            new FunctionSettings("on-upload")
                .azure(new AzureSettings().retry(new AzureRetrySettings().strategy("linear"))));

    assertThat(target.check(build))
        .containsExactly(
            "function signup (a message function): <azure><retry> applies to the eventHub or"
                + " timer trigger, not to queue; remove it",
            "function commands (a message function): <azure><retry> applies to the eventHub or"
                + " timer trigger, not to serviceBusQueue; remove it",
            "function greet (an HTTP function): <azure><retry> applies to the eventHub or timer"
                + " trigger, not to http; remove it",
            "function on-upload (a storage event function): <azure><retry> applies to the"
                + " eventHub or timer trigger, not to eventGrid; remove it");
  }

  @Test
  void theAppAsAWholeIsChecked() {
    IndexedFunction orders = new IndexedFunction("orders", FunctionKind.HTTP, "x.Orders");
    IndexedFunction host = new IndexedFunction("host", FunctionKind.HTTP, "x.Host");
    Build build =
        build(
            List.of(GREET, orders, host),
            new FunctionSettings("greet").azure(new AzureSettings().route("orders/{id}")),
            new FunctionSettings("orders").azure(new AzureSettings().route("Orders/{id}")));

    assertThat(target.check(build))
        .containsExactly(
            "function orders (an HTTP function): <azure><route> is invalid: Functions greet and"
                + " orders have the same route orders/{id}",
            "function host (an HTTP function): <name> is invalid: Invalid Azure function name"
                + " 'host': the host reserves it. Add a suffix, such as 'host_api', or rename the"
                + " portable function.");
  }

  @Test
  void writeLaysOutTheAppFolderAndZipsIt() throws IOException {
    Build build = build(List.of(GREET, SIGNUP));
    Path in = folder.resolve("in");
    Path jar = Fixtures.jar(in, "orders-1.0.jar", "x/Greet.class");
    Path adapter =
        Fixtures.jar(
            in, "adapter-azure-0.1.0.jar", "dev/portablefunctions/azure/AzureFunctions.class");
    Path core = Fixtures.jar(in, "azure-functions-java-core-library-1.2.0.jar", "c/Core.class");
    Path annotations = Fixtures.jar(in, "azure-functions-java-library-3.1.0.jar", "a/A.class");

    target.write(build, new Jars(jar, List.of(adapter, core, annotations)));

    Path out = folder.resolve("out/azure");
    Path app = out.resolve("app");
    assertThat(files(app))
        .containsExactly(
            "greet/function.json",
            "host.json",
            "lib/adapter-azure-0.1.0.jar",
            "lib/azure-functions-java-library-3.1.0.jar",
            "orders-1.0.jar",
            "signup/function.json");
    assertThat(app.resolve("orders-1.0.jar")).hasSameBinaryContentAs(jar);
    assertThat(JSON.readTree(app.resolve("host.json").toFile()).path("version").asText())
        .isEqualTo("2.0");

    Path zip = out.resolve("orders-1.0.zip");
    try (ZipFile file = new ZipFile(zip.toFile())) {
      List<? extends ZipEntry> entries = Collections.list(file.entries());
      assertThat(entries).extracting(ZipEntry::getName).containsExactlyElementsOf(files(app));
      assertThat(entries)
          .allSatisfy(e -> assertThat(e.getLastModifiedTime()).isEqualTo(Zips.TIMESTAMP));
      for (ZipEntry entry : entries) {
        assertThat(file.getInputStream(entry).readAllBytes())
            .as(entry.getName())
            .isEqualTo(Files.readAllBytes(app.resolve(entry.getName())));
      }
    }

    JsonNode settings = JSON.readTree(out.resolve("app-settings.json").toFile());
    assertThat(
            JSON.convertValue(
                settings,
                new com.fasterxml.jackson.core.type.TypeReference<Map<String, String>>() {}))
        .containsExactly(
            Map.entry("FUNCTIONS_WORKER_RUNTIME", "java"),
            Map.entry("FUNCTIONS_EXTENSION_VERSION", "~4"),
            Map.entry("JAVA_OPTS", "-Dfile.encoding=UTF-8"));
  }

  @Test
  void writingAgainReplacesTheAppAndGivesTheSameZip() throws IOException {
    Path jar = Fixtures.jar(folder.resolve("in"), "orders-1.0.jar", "x/Greet.class");
    target.write(build(List.of(GREET, SIGNUP)), new Jars(jar, List.of()));
    Path zip = folder.resolve("out/azure/orders-1.0.zip");
    byte[] first = Files.readAllBytes(zip);

    target.write(build(List.of(GREET)), new Jars(jar, List.of()));

    assertThat(files(folder.resolve("out/azure/app")))
        .containsExactly("greet/function.json", "host.json", "orders-1.0.jar");
    target.write(build(List.of(GREET, SIGNUP)), new Jars(jar, List.of()));
    assertThat(Files.readAllBytes(zip)).isEqualTo(first);
  }

  @Test
  void theScriptFileIsTheProjectJarsName() throws IOException {
    Path jar = Fixtures.jar(folder.resolve("in"), "orders-1.0-azure.jar", "x/Greet.class");

    target.write(build(List.of(GREET)), new Jars(jar, List.of()));

    assertThat(functionJson(folder.resolve("out/azure/app"), "greet").path("scriptFile").asText())
        .isEqualTo("../orders-1.0-azure.jar");
  }

  @Test
  void writeRefusesABuildThatDoesNotPassTheCheck() throws IOException {
    Path jar = Fixtures.jar(folder.resolve("in"), "orders-1.0.jar", "x/Greet.class");
    Build build =
        build(
            List.of(SIGNUP),
            new FunctionSettings("signup").azure(new AzureSettings().trigger("sqs")));

    assertThatThrownBy(() -> target.write(build, new Jars(jar, List.of())))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("'sqs' is not an Azure trigger");
  }

  @Test
  void appSettingsStartWithTheWorkerRuntimeAndPinTheWorkersCharsetToUtf8() {
    List<String> problems = new ArrayList<>();
    var app = target.app(build(List.of(GREET)), "orders-1.0.jar", problems).orElseThrow();

    // JAVA_OPTS: the worker decodes text bodies with the JVM's default charset (see appSettings).
    assertThat(AzureTarget.appSettings(app))
        .containsExactly(
            Map.entry("FUNCTIONS_WORKER_RUNTIME", "java"),
            Map.entry("FUNCTIONS_EXTENSION_VERSION", "~4"),
            Map.entry("JAVA_OPTS", "-Dfile.encoding=UTF-8"));
    assertThat(problems).isEmpty();
  }

  @Test
  void aRoutePrefixReachesHostJsonAndTheAppSettings() throws IOException {
    Build build =
        new Build(
            "orders-1.0",
            List.of(GREET),
            Map.of(),
            folder.resolve("out"),
            new Build.Options("java21", "java21", "europe-west1", 512, 30, "v1"));
    Path jar = Fixtures.jar(folder.resolve("in"), "orders-1.0.jar", "x/Greet.class");

    target.write(build, new Jars(jar, List.of()));

    Path out = folder.resolve("out/azure");
    assertThat(
            JSON.readTree(out.resolve("app/host.json").toFile())
                .at("/extensions/http/routePrefix")
                .asText())
        .isEqualTo("v1");
    assertThat(
            JSON.readTree(out.resolve("app-settings.json").toFile())
                .path("PORTABLE_ROUTE_PREFIX")
                .asText())
        .isEqualTo("v1");
  }

  @Test
  void aSlashRoutePrefixMeansNone() throws IOException {
    Build build =
        new Build(
            "orders-1.0",
            List.of(GREET),
            Map.of(),
            folder.resolve("out"),
            new Build.Options("java21", "java21", "europe-west1", 512, 30, "/"));

    target.write(
        build,
        new Jars(Fixtures.jar(folder.resolve("in"), "orders-1.0.jar", "x/G.class"), List.of()));

    Path out = folder.resolve("out/azure");
    JsonNode prefix =
        JSON.readTree(out.resolve("app/host.json").toFile()).at("/extensions/http/routePrefix");
    assertThat(prefix.isTextual()).as("host.json sets the prefix").isTrue();
    assertThat(prefix.asText()).isEmpty();
    assertThat(
            JSON.readTree(out.resolve("app-settings.json").toFile())
                .path("PORTABLE_ROUTE_PREFIX")
                .asText())
        .isEqualTo("/");
  }

  private Build build(List<IndexedFunction> functions, FunctionSettings... settings) {
    return Fixtures.build(folder.resolve("out"), functions, settings);
  }

  private Path write(Build build) throws IOException {
    Path jar = Fixtures.jar(folder.resolve("in"), "orders-1.0.jar", "x/Greet.class");
    target.write(build, new Jars(jar, List.of()));
    return folder.resolve("out/azure/app");
  }

  private static IndexedFunction message(String name) {
    return new IndexedFunction(name, FunctionKind.MESSAGE, "x.Message");
  }

  private static AzureSettings eventHub(String hub) {
    return new AzureSettings().trigger("eventHub").eventHub(hub).connection("EventHubConnection");
  }

  private static IndexedFunction schedule(String name) {
    return new IndexedFunction(name, FunctionKind.SCHEDULE, "x.Schedule");
  }

  private static JsonNode functionJson(Path app, String function) throws IOException {
    return JSON.readTree(app.resolve(function).resolve("function.json").toFile());
  }

  private static JsonNode trigger(JsonNode functionJson) {
    return functionJson.path("bindings").get(0);
  }

  private static String tree(JsonNode node) {
    return node.toString();
  }

  /** The files under a folder, relative, with '/', in name order. */
  private static List<String> files(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile)
          .map(p -> root.relativize(p).toString().replace('\\', '/'))
          .sorted()
          .collect(Collectors.toList());
    }
  }
}
