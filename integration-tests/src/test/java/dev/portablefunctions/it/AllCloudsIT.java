package dev.portablefunctions.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portablefunctions.aws.testing.FakeLambdaRuntimeApi.InvocationResult;
import dev.portablefunctions.gcp.testing.InvokerProcess;
import dev.portablefunctions.it.Runtimes.Lambda;
import dev.portablefunctions.reference.AppFolder;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs what one {@code mvn package} of the consumer project {@code src/it/all-clouds} (no parent
 * pom, only the BOM, {@code portable-api} and the plugin) wrote, in the components that run it in
 * each cloud: the Lambda zip, unpacked as the task root, under the real AWS Lambda runtime
 * interface client with only the runtime's jars on its class path; the Cloud Functions folder under
 * the real Functions Framework invoker; the Azure app folder loaded as the Java worker loads it,
 * from its own jars and {@code lib/} alone.
 */
class AllCloudsIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WAIT = Duration.ofSeconds(30);

  private static Path portable;

  @BeforeAll
  static void packaged() {
    portable = Path.of(System.getProperty("it.projects"), "all-clouds", "target", "portable");
    assertThat(portable.resolve("aws/template.yaml"))
        .as("invoker:run built the all-clouds project first")
        .exists();
  }

  // ---------------------------------------------------------------- AWS

  @Test
  void lambdaZipHoldsTheFunctionsAndTheAwsAdapterOnly() throws IOException {
    List<String> entries = new ArrayList<>();
    try (ZipFile zip = new ZipFile(portable.resolve("aws/orders-1.0.zip").toFile())) {
      zip.stream().map(ZipEntry::getName).forEach(entries::add);
    }
    assertThat(entries).allMatch(name -> name.startsWith("lib/") && name.endsWith(".jar"));
    assertThat(entries)
        .contains("lib/orders-1.0.jar", "lib/aws-lambda-java-core-1.4.0.jar")
        .anyMatch(name -> name.startsWith("lib/adapter-aws-"))
        .anyMatch(name -> name.startsWith("lib/jackson-databind-"))
        .noneMatch(name -> name.contains("adapter-local"))
        .noneMatch(name -> name.contains("adapter-azure") || name.contains("adapter-gcp"))
        .noneMatch(name -> name.contains("azure-functions") || name.contains("functions-framework"))
        .noneMatch(name -> name.contains("junit"))
        // Build time only: portable-api brings it onto the compile classpath, never into a zip.
        .noneMatch(name -> name.contains("portable-api-processor"));
    assertThat(entries.stream().filter(name -> name.contains("jackson-core")))
        .as("one Jackson")
        .hasSize(1);
    assertThat(Files.size(portable.resolve("aws/orders-1.0.zip"))).isLessThan(3_000_000);
  }

  @Test
  void lambdaZipServesEveryFunctionUnderTheRuntimeInterfaceClient(@TempDir Path taskRoot)
      throws IOException {
    Runtimes.unzip(portable.resolve("aws/orders-1.0.zip"), taskRoot);

    ObjectNode get = Runtimes.awsEvent("apigw-http-v2.json");
    get.put("rawQueryString", "name=Ada");
    get.set("queryStringParameters", JSON.createObjectNode().put("name", "Ada"));
    try (Lambda greet = Lambda.start(taskRoot, "greet")) {
      JsonNode response = greet.respond(get.toString());
      assertThat(response.path("statusCode").asInt()).isEqualTo(200);
      assertThat(JSON.readTree(response.path("body").asText()))
          .isEqualTo(JSON.readTree("{\"message\":\"Hello, Ada\",\"cloud\":\"AWS\"}"));
    }

    try (Lambda welcome = Lambda.start(taskRoot, "welcome")) {
      assertThat(welcome.respond("{\"name\":\"Ada\",\"language\":\"fr\"}"))
          .isEqualTo(JSON.readTree("{\"greeting\":\"Bonjour, Ada\"}"));
      InvocationResult refused = welcome.invoke("{\"language\":\"fr\"}");
      assertThat(refused.isSuccess()).isFalse();
      assertThat(refused.body()).contains("name is required").doesNotContain("\tat ");
    }

    ObjectNode batch = Runtimes.awsEvent("sqs-with-poison.json");
    ArrayNode records = (ArrayNode) batch.path("Records");
    ((ObjectNode) records.get(0)).put("body", "ada@example.com");
    String poison = records.get(1).path("messageId").asText();
    try (Lambda signup = Lambda.start(taskRoot, "signup")) {
      JsonNode response = signup.respond(batch.toString());
      assertThat(response)
          .isEqualTo(
              JSON.readTree("{\"batchItemFailures\":[{\"itemIdentifier\":\"" + poison + "\"}]}"));
    }
  }

  // ---------------------------------------------------------------- Google Cloud

  @Test
  void cloudFunctionsFolderServesEveryFunctionUnderTheInvoker() throws Exception {
    Path function = portable.resolve("gcp/function");
    Path jar = function.resolve("orders-1.0.jar");
    try (var files = Files.list(function)) {
      assertThat(files.filter(p -> p.toString().endsWith(".jar")).toList()).containsExactly(jar);
    }
    try (var libs = Files.list(function.resolve("libs"))) {
      assertThat(libs.map(p -> p.getFileName().toString()).toList())
          .anyMatch(name -> name.startsWith("adapter-gcp-"))
          .noneMatch(name -> name.contains("adapter-aws") || name.contains("adapter-local"))
          .noneMatch(name -> name.contains("functions-framework-api"));
    }
    HttpClient client = HttpClient.newHttpClient();

    try (InvokerProcess greet =
        invoker(jar, "dev.portablefunctions.gcp.GcpHttpFunction", "greet")) {
      HttpResponse<String> response = Runtimes.get(greet.uri("/?name=Ada"));
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(JSON.readTree(response.body()))
          .isEqualTo(JSON.readTree("{\"message\":\"Hello, Ada\",\"cloud\":\"GCP\"}"));
    }

    try (InvokerProcess welcome =
        invoker(jar, "dev.portablefunctions.gcp.GcpHttpFunction", "welcome")) {
      HttpResponse<String> response =
          Runtimes.postJson(welcome.uri("/"), "{\"name\":\"Ada\",\"language\":\"fr\"}");
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(JSON.readTree(response.body()))
          .isEqualTo(JSON.readTree("{\"greeting\":\"Bonjour, Ada\"}"));
    }

    try (InvokerProcess signup =
        invoker(jar, "dev.portablefunctions.gcp.GcpEventFunction", "signup")) {
      assertThat(pubSub(client, signup, "1", "ada@example.com")).isEqualTo(200);
      assertThat(pubSub(client, signup, "2", "poison"))
          .as("a failed message is a non-2xx, so Pub/Sub redelivers it")
          .isGreaterThanOrEqualTo(400);
      assertThat(signup.awaitOutputContaining("SIGNED UP 1", WAIT)).isTrue();
    }
  }

  private static InvokerProcess invoker(Path jar, String target, String function) {
    return InvokerProcess.builder(InvokerProcess.invokerJarFromSystemProperty())
        .classpath(jar)
        .target(target)
        .env("PORTABLE_FUNCTION", function)
        .start();
  }

  /** A Pub/Sub message as Eventarc delivers it: a binary-mode CloudEvent. */
  private static int pubSub(HttpClient client, InvokerProcess invoker, String id, String text)
      throws Exception {
    String data = Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    String body =
        "{\"message\":{\"data\":\""
            + data
            + "\",\"messageId\":\""
            + id
            + "\",\"message_id\":\""
            + id
            + "\",\"publishTime\":\"2024-05-01T12:00:00.000Z\",\"publish_time\":"
            + "\"2024-05-01T12:00:00.000Z\"},\"subscription\":"
            + "\"projects/my-project/subscriptions/eventarc-us-central1-signup-sub-001\"}";
    HttpRequest request =
        HttpRequest.newBuilder(invoker.uri("/"))
            .header("Content-Type", "application/json")
            .header("ce-id", id)
            .header("ce-specversion", "1.0")
            .header("ce-source", "//pubsub.googleapis.com/projects/my-project/topics/signups")
            .header("ce-type", "google.cloud.pubsub.topic.v1.messagePublished")
            .header("ce-time", "2024-05-01T12:00:00.000Z")
            .POST(BodyPublishers.ofString(body))
            .build();
    return client.send(request, BodyHandlers.ofString()).statusCode();
  }

  // ---------------------------------------------------------------- Azure

  @Test
  void azureAppLoadsEveryEntryPointFromItsOwnJarsAlone() throws IOException {
    Path app = portable.resolve("azure/app");
    Path workerLibrary = Path.of(System.getProperty("worker.library"));
    try (AppFolder folder = new AppFolder(app, workerLibrary)) {
      Map<String, JsonNode> functions = folder.functions();
      assertThat(functions).containsOnlyKeys("greet", "signup", "welcome");
      for (Map.Entry<String, JsonNode> function : functions.entrySet()) {
        assertThat(folder.problems(function.getKey(), function.getValue()))
            .as(function.getKey())
            .isEmpty();
      }
      assertThat(functions.get("signup").path("bindings").get(0))
          .isEqualTo(
              JSON.readTree(
                  "{\"type\":\"serviceBusTrigger\",\"direction\":\"in\",\"name\":\"message\","
                      + "\"queueName\":\"signups\",\"connection\":\"ServiceBusConnection\","
                      + "\"dataType\":\"binary\"}"));
    }
    try (var libs = Files.list(app.resolve("lib"))) {
      assertThat(libs.map(p -> p.getFileName().toString()).toList())
          .anyMatch(name -> name.startsWith("adapter-azure-"))
          .anyMatch(name -> name.startsWith("azure-functions-java-library-"))
          .noneMatch(name -> name.startsWith("azure-functions-java-core-library"))
          .noneMatch(name -> name.contains("adapter-aws") || name.contains("adapter-local"));
    }
    List<String> zipped = new ArrayList<>();
    try (ZipFile zip = new ZipFile(portable.resolve("azure/orders-1.0.zip").toFile())) {
      zip.stream().map(ZipEntry::getName).forEach(zipped::add);
    }
    assertThat(zipped).contains("host.json", "greet/function.json", "orders-1.0.jar");
  }
}
