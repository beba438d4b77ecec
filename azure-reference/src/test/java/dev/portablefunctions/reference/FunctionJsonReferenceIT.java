package dev.portablefunctions.reference;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Compares the app that azure-functions-maven-plugin 1.35.0 generated from {@link
 * ReferenceFunctions} with the app that the plugin's {@code AzureApp} generates for the same
 * triggers ({@link ReferenceApp}), binding by binding, and checks that every entry point of both
 * resolves from its app folder's jars alone, with the parameter annotations the worker reads.
 *
 * <p>The two apps may differ only where the difference is documented and harmless, and the test
 * asserts exactly those: the plugin writes enum values as Java constants ({@code ANONYMOUS}, {@code
 * MANY}, {@code GET}), the generator as the documentation does ({@code anonymous}, {@code many},
 * {@code get}), and the host reads both case-insensitively. The {@code entryPoint}s differ by
 * design (the reference's own methods, the adapter's entry points), and so do the {@code
 * scriptFile}s (each app's own jar); both are checked by loading them.
 */
class FunctionJsonReferenceIT {

  /** Binding attributes whose values the host reads case-insensitively. */
  private static final Set<String> CASE_INSENSITIVE = Set.of("authLevel", "cardinality", "methods");

  private static final ObjectMapper JSON = new ObjectMapper();

  private static AppFolder reference;
  private static AppFolder generated;

  @BeforeAll
  static void generate() throws IOException {
    Path referenceRoot = Path.of(System.getProperty("reference.app"));
    Path generatedRoot = Path.of(System.getProperty("generated.app"));
    Path echoJar = Path.of(System.getProperty("echo.jar"));
    Path workerLibrary = Path.of(System.getProperty("worker.library"));
    List<Path> libraries =
        Stream.of(
                Files.readString(Path.of(System.getProperty("app.libraries")))
                    .trim()
                    .split(File.pathSeparator))
            .filter(entry -> !entry.isBlank())
            .map(Path::of)
            .collect(Collectors.toList());
    assertThat(referenceRoot.resolve("host.json")).as("the plugin's app folder").exists();
    if (Files.exists(generatedRoot)) {
      try (Stream<Path> old = Files.walk(generatedRoot)) {
        for (Path path : old.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
          Files.delete(path);
        }
      }
    }
    ReferenceApp.of(echoJar.getFileName().toString()).stage(generatedRoot, echoJar, libraries);
    reference = new AppFolder(referenceRoot, workerLibrary);
    generated = new AppFolder(generatedRoot, workerLibrary);
  }

  @AfterAll
  static void close() throws IOException {
    reference.close();
    generated.close();
  }

  @Test
  void bothAppsHaveTheSameFunctions() {
    assertThat(generated.functions().keySet())
        .containsExactlyElementsOf(reference.functions().keySet())
        .hasSize(10);
  }

  @Test
  void bothAppsHaveTheSameHostJson() throws IOException {
    assertThat(generated.hostJson()).isEqualTo(reference.hostJson());
  }

  @Test
  void everyBindingMatchesThePluginsUpToEnumCase() {
    List<String> differences = new ArrayList<>();
    Set<String> caseOnly = new TreeSet<>();
    reference
        .functions()
        .forEach(
            (name, expected) -> {
              JsonNode actual = generated.functions().get(name);
              JsonNode expectedBindings = expected.path("bindings");
              JsonNode actualBindings = actual.path("bindings");
              if (expectedBindings.size() != actualBindings.size()) {
                differences.add(
                    name
                        + ": "
                        + expectedBindings.size()
                        + " bindings in the plugin's, "
                        + actualBindings.size()
                        + " in the generator's");
                return;
              }
              for (int i = 0; i < expectedBindings.size(); i++) {
                compare(
                    name + ".bindings[" + i + "]",
                    expectedBindings.get(i),
                    actualBindings.get(i),
                    differences,
                    caseOnly);
              }
              if (!expected.path("retry").equals(actual.path("retry"))) {
                differences.add(
                    name
                        + ".retry: plugin "
                        + expected.path("retry")
                        + ", generator "
                        + actual.path("retry"));
              }
              Set<String> keys = fieldNames(expected);
              keys.addAll(fieldNames(actual));
              keys.removeAll(Set.of("scriptFile", "entryPoint", "bindings", "retry"));
              if (!keys.isEmpty()) {
                differences.add(name + ": unexpected top-level keys " + keys);
              }
            });

    assertThat(differences).isEmpty();
    // The normalised differences, asserted explicitly: enum case and nothing else.
    assertThat(caseOnly)
        .containsExactly(
            "authLevel: ANONYMOUS / anonymous",
            "authLevel: FUNCTION / function",
            "cardinality: MANY / many",
            "methods: [\"GET\",\"HEAD\",\"POST\",\"PUT\",\"DELETE\",\"CONNECT\",\"OPTIONS\",\"TRACE\",\"PATCH\"]"
                + " / [\"get\",\"head\",\"post\",\"put\",\"delete\",\"connect\",\"options\",\"trace\",\"patch\"]",
            "methods: [\"POST\"] / [\"post\"]");
  }

  @Test
  void theComparisonCoversEveryTriggerAndAttribute() {
    Set<String> seen = new TreeSet<>();
    reference
        .functions()
        .values()
        .forEach(
            f ->
                f.path("bindings")
                    .forEach(
                        b -> {
                          seen.add("type=" + b.path("type").asText());
                          seen.addAll(fieldNames(b));
                        }));
    assertThat(seen)
        .contains(
            "type=httpTrigger",
            "type=http",
            "type=queueTrigger",
            "type=serviceBusTrigger",
            "type=eventHubTrigger",
            "type=blobTrigger",
            "type=timerTrigger",
            "type=eventGridTrigger",
            "direction",
            "name",
            "dataType",
            "cardinality",
            "route",
            "methods",
            "authLevel",
            "schedule",
            "connection",
            "path",
            "queueName",
            "topicName",
            "subscriptionName",
            "eventHubName",
            "consumerGroup");
  }

  @Test
  void everyEntryPointOfThePluginsAppResolvesFromItsJars() {
    List<String> problems = new ArrayList<>();
    reference
        .functions()
        .forEach((name, function) -> problems.addAll(reference.problems(name, function)));
    assertThat(problems).isEmpty();
  }

  @Test
  void everyEntryPointOfTheGeneratedAppResolvesFromItsJars() {
    List<String> problems = new ArrayList<>();
    generated
        .functions()
        .forEach(
            (name, function) -> {
              problems.addAll(generated.problems(name, function));
              assertThat(function.path("entryPoint").asText())
                  .startsWith("dev.portablefunctions.azure.AzureFunctions.");
            });
    assertThat(problems).isEmpty();
    // A custom route has entry points of its own, which keep the route in the function's path.
    assertThat(generated.functions().get("echo-typed").path("entryPoint").asText())
        .isEqualTo("dev.portablefunctions.azure.AzureFunctions.httpCustomRoute");
    assertThat(generated.functions().get("echo-http").path("entryPoint").asText())
        .isEqualTo("dev.portablefunctions.azure.AzureFunctions.httpBinary");
  }

  @Test
  void theGeneratedAppLeavesTheWorkersLibraryOutButKeepsTheAnnotations() {
    List<String> lib =
        AppFolder.jars(generated.root.resolve("lib")).stream()
            .map(p -> p.getFileName().toString())
            .collect(Collectors.toList());
    assertThat(lib).anyMatch(n -> n.startsWith("adapter-azure-"));
    assertThat(lib).anyMatch(n -> n.startsWith("portable-api-"));
    assertThat(lib).anyMatch(n -> n.startsWith("jackson-databind-"));
    assertThat(lib).anyMatch(n -> n.startsWith("cloudevents-json-jackson-"));
    assertThat(lib).anyMatch(n -> n.startsWith("azure-functions-java-library-"));
    assertThat(lib).noneMatch(n -> n.startsWith("azure-functions-java-core-library-"));
    assertThat(lib).noneMatch(n -> n.startsWith("echo-"));
  }

  @Test
  void everyGeneratedFunctionFindsItsPortableFunctionInTheAppsJars() throws Exception {
    Class<?> registryType = generated.load("dev.portablefunctions.spi.FunctionRegistry");
    Object registry = registryType.getMethod("load", ClassLoader.class).invoke(null, generated.app);
    Map<String, Set<String>> kinds =
        Map.of(
            "httpTrigger", Set.of("HTTP", "TYPED"),
            "queueTrigger", Set.of("MESSAGE"),
            "serviceBusTrigger", Set.of("MESSAGE"),
            "eventHubTrigger", Set.of("MESSAGE"),
            "blobTrigger", Set.of("STORAGE"),
            "timerTrigger", Set.of("SCHEDULE"),
            "eventGridTrigger", Set.of("STORAGE", "CLOUD_EVENT"));
    for (Map.Entry<String, JsonNode> function : generated.functions().entrySet()) {
      String portable = function.getKey().split("_", 2)[0];
      Optional<?> found =
          (Optional<?>) registryType.getMethod("find", String.class).invoke(registry, portable);
      assertThat(found).as(function.getKey()).isPresent();
      String kind = AppFolder.invoke(found.get(), "kind").toString();
      assertThat(kinds.get(AppFolder.trigger(function.getValue()).path("type").asText()))
          .as(function.getKey())
          .contains(kind);
    }
  }

  @Test
  void theGeneratedAppRunsATimerAnEventGridEventAndAnHttpRequestFromItsOwnJars() throws Exception {
    Class<?> entry = generated.load("dev.portablefunctions.azure.AzureFunctions");
    Class<?> executionContext = generated.load("com.microsoft.azure.functions.ExecutionContext");
    Object functions = entry.getConstructor().newInstance();

    List<String> timer = new CopyOnWriteArrayList<>();
    entry
        .getMethod("timer", String.class, executionContext)
        .invoke(
            functions,
            "{\"Schedule\":{\"AdjustForDST\":true},\"ScheduleStatus\":{\"Last\":\"2022-10-11T10:52:00.003967+02:00\","
                + "\"Next\":\"2022-10-11T10:53:00+02:00\",\"LastUpdated\":\"2022-10-11T10:52:00.003967+02:00\"},"
                + "\"IsPastDue\":false}",
            context(executionContext, "echo-schedule", timer));
    assertThat(echoes(timer))
        .singleElement()
        .asString()
        .contains("ECHO {\\\"time\\\":\\\"2022-10-11T08:53:00Z\\\"}");
    assertThat(outcomes(timer)).singleElement().asString().contains("\"outcome\":\"success\"");

    List<String> event = new CopyOnWriteArrayList<>();
    entry
        .getMethod("eventGrid", String.class, executionContext)
        .invoke(
            functions,
            "{\"specversion\":\"1.0\",\"type\":\"com.example.someevent\",\"source\":\"/mycontext\","
                + "\"id\":\"C234-1234-1234\",\"time\":\"2018-04-05T17:31:00Z\",\"subject\":null,"
                + "\"datacontenttype\":\"application/json\",\"data\":{\"appinfoA\":\"abc\"}}",
            context(executionContext, "echo-event", event));
    assertThat(echoes(event))
        .singleElement()
        .asString()
        .contains("C234-1234-1234")
        .contains("/mycontext");
    assertThat(outcomes(event)).singleElement().asString().contains("\"outcome\":\"success\"");

    Class<?> requestType = generated.load("com.microsoft.azure.functions.HttpRequestMessage");
    Map<String, Object> response = new HashMap<>();
    Object request = request(requestType, response);
    Object result =
        entry
            .getMethod("httpBinary", requestType, executionContext)
            .invoke(functions, request, context(executionContext, "echo-http", new ArrayList<>()));
    assertThat(result).isNotNull();
    assertThat(AppFolder.invoke(response.get("status"), "value")).isEqualTo(200);
    JsonNode echo = JSON.readTree((byte[]) response.get("body"));
    assertThat(echo.path("cloud").asText()).isEqualTo("azure");
    // echo-http has the default route: the route prefix and its own segment are the mount.
    assertThat(echo.path("path").asText()).isEqualTo("/upload");
    assertThat(echo.path("body").asText()).isEqualTo("AAEC/w==");
  }

  private static Object context(Class<?> type, String name, List<String> lines) {
    Logger logger = Logger.getAnonymousLogger();
    logger.setUseParentHandlers(false);
    logger.addHandler(
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            lines.add(record.getMessage());
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        });
    return Proxy.newProxyInstance(
        generated.app,
        new Class<?>[] {type},
        (proxy, method, args) -> {
          switch (method.getName()) {
            case "getLogger":
              return logger;
            case "getInvocationId":
              return "it-" + name;
            case "getFunctionName":
              return name;
            default:
              return null;
          }
        });
  }

  private static Object request(Class<?> requestType, Map<String, Object> response)
      throws Exception {
    Class<?> builderType =
        generated.load("com.microsoft.azure.functions.HttpResponseMessage$Builder");
    Class<?> responseType = generated.load("com.microsoft.azure.functions.HttpResponseMessage");
    Class<?> methodType = generated.load("com.microsoft.azure.functions.HttpMethod");
    Object post = methodType.getMethod("valueOf", String.class).invoke(null, "POST");
    Object[] builder = new Object[1];
    builder[0] =
        Proxy.newProxyInstance(
            generated.app,
            new Class<?>[] {builderType, responseType},
            (proxy, method, args) -> {
              switch (method.getName()) {
                case "status":
                  response.put("status", args[0]);
                  return proxy;
                case "header":
                  response.put("header:" + args[0], args[1]);
                  return proxy;
                case "body":
                  response.put("body", args[0]);
                  return proxy;
                case "build":
                  return proxy;
                default:
                  return null;
              }
            });
    return Proxy.newProxyInstance(
        generated.app,
        new Class<?>[] {requestType},
        (proxy, method, args) -> {
          switch (method.getName()) {
            case "getUri":
              return URI.create("https://pf-portable.azurewebsites.net/api/echo-http/upload");
            case "getHttpMethod":
              return post;
            case "getHeaders":
              return Map.of("content-type", "application/octet-stream");
            case "getQueryParameters":
              return Map.of();
            case "getBody":
              return Optional.of(new byte[] {0, 1, 2, (byte) 0xff});
            case "createResponseBuilder":
              response.put("status", args[0]);
              return builder[0];
            default:
              return null;
          }
        });
  }

  private static void compare(
      String where,
      JsonNode expected,
      JsonNode actual,
      List<String> differences,
      Set<String> caseOnly) {
    Set<String> keys = fieldNames(expected);
    keys.addAll(fieldNames(actual));
    for (String key : keys) {
      JsonNode plugin = expected.get(key);
      JsonNode ours = actual.get(key);
      if (plugin == null || ours == null) {
        differences.add(
            where
                + "."
                + key
                + ": only in the "
                + (plugin == null ? "generator's" : "plugin's")
                + " ("
                + (plugin == null ? ours : plugin)
                + ")");
      } else if (!plugin.equals(ours)) {
        if (CASE_INSENSITIVE.contains(key) && lower(plugin).equals(lower(ours))) {
          caseOnly.add(key + ": " + text(plugin) + " / " + text(ours));
        } else {
          differences.add(where + "." + key + ": plugin " + plugin + ", generator " + ours);
        }
      }
    }
  }

  private static String lower(JsonNode node) {
    return node.toString().toLowerCase(Locale.ROOT);
  }

  private static String text(JsonNode node) {
    return node.isTextual() ? node.asText() : node.toString();
  }

  private static Set<String> fieldNames(JsonNode node) {
    Set<String> names = new TreeSet<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names;
  }

  /** The lines the echo function logged (each invocation also ends with its outcome record). */
  private static List<String> echoes(List<String> lines) {
    return lines.stream().filter(line -> line.contains("ECHO ")).toList();
  }

  private static List<String> outcomes(List<String> lines) {
    return lines.stream().filter(line -> line.contains("\"outcome\":")).toList();
  }
}
