package dev.portablefunctions.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OCI image that one {@code mvn package} of {@code src/it/all-clouds} wrote (on an empty base,
 * since nothing can be pulled here): its manifest and config are valid OCI with digests that match
 * the blobs (checked by the plugin's own tests too), and its layers, extracted into a folder, start
 * the container server with the config's entry point, environment and working directory (only
 * {@code java} taken from this machine), which serves the project's functions over HTTP and exits 0
 * on SIGTERM.
 */
class ContainerImageIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static Map<String, byte[]> image;
  private static JsonNode config;
  private static List<JsonNode> layers;

  @BeforeAll
  static void readImage() throws IOException {
    Path tar =
        Path.of(
            System.getProperty("it.projects"),
            "all-clouds",
            "target",
            "portable",
            "container",
            "image.tar");
    assertThat(tar).as("invoker:run built the all-clouds project first").exists();
    image = entries(Files.newInputStream(tar));
    JsonNode index = JSON.readTree(image.get("index.json"));
    JsonNode manifest = JSON.readTree(blob(index.path("manifests").get(0)));
    config = JSON.readTree(blob(manifest.path("config")));
    layers = new ArrayList<>();
    manifest.path("layers").forEach(layers::add);
  }

  private static byte[] blob(JsonNode descriptor) {
    String digest = descriptor.path("digest").asText();
    byte[] blob = image.get("blobs/sha256/" + digest.substring("sha256:".length()));
    assertThat(blob).as("blob %s", digest).isNotNull().hasSize(descriptor.path("size").asInt());
    return blob;
  }

  private static Map<String, byte[]> entries(InputStream in) throws IOException {
    Map<String, byte[]> entries = new HashMap<>();
    try (TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        if (entry.isFile()) {
          entries.put(entry.getName(), tar.readAllBytes());
        }
      }
    }
    return entries;
  }

  private static Map<String, byte[]> layer(int index) throws IOException {
    return entries(new GZIPInputStream(new ByteArrayInputStream(blob(layers.get(index)))));
  }

  @Test
  void layersHoldDependenciesSnapshotsAndTheApplicationApart() throws IOException {
    assertThat(layers).hasSize(3);
    assertThat(layer(0).keySet())
        .allMatch(name -> name.startsWith("app/libs/"))
        .anyMatch(name -> name.contains("jackson-databind"))
        .anyMatch(name -> name.contains("jetty-server"))
        .noneMatch(name -> name.contains("SNAPSHOT"));
    assertThat(layer(1).keySet())
        .allMatch(name -> name.startsWith("app/snapshot-libs/") && name.contains("SNAPSHOT"))
        .anyMatch(name -> name.contains("adapter-container"))
        .anyMatch(name -> name.contains("portable-api"))
        .noneMatch(name -> name.contains("adapter-aws") || name.contains("adapter-azure"));
    assertThat(layer(2).keySet()).containsExactly("app/classes/orders-1.0.jar");
    assertThat(config.path("config").path("User").asText()).isEqualTo("65532:65532");
  }

  @Test
  void itsEntryPointServesTheFunctionsAndStopsCleanlyOnSigterm(@TempDir Path root)
      throws Exception {
    for (int i = 0; i < layers.size(); i++) {
      for (Map.Entry<String, byte[]> file : layer(i).entrySet()) {
        Path target = root.resolve(file.getKey()).normalize();
        assertThat(target.startsWith(root)).isTrue();
        Files.createDirectories(target.getParent());
        Files.write(target, file.getValue());
      }
    }
    JsonNode container = config.path("config");
    List<String> command = new ArrayList<>();
    for (JsonNode part : container.path("Entrypoint")) {
      command.add(part.asText().replace("/app/", root + "/app/"));
    }
    assertThat(command.get(0)).isEqualTo("java");
    command.set(0, Path.of(System.getProperty("java.home"), "bin", "java").toString());
    int port = Runtimes.freePort();
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().clear();
    for (JsonNode variable : container.path("Env")) {
      String[] pair = variable.asText().split("=", 2);
      builder.environment().put(pair[0], pair[1]);
    }
    assertThat(builder.environment()).containsEntry("PORTABLE_HOST", "0.0.0.0");
    builder.environment().put("PORT", Integer.toString(port));
    builder.environment().put("PORTABLE_HOST", "127.0.0.1");
    Path log = root.resolve("server.log");
    Process server =
        builder
            .directory(root.resolve(container.path("WorkingDir").asText().substring(1)).toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    try {
      Runtimes.awaitListening(port, server, log, Duration.ofSeconds(60));
      URI base = URI.create("http://127.0.0.1:" + port);

      HttpResponse<String> greet = Runtimes.get(base.resolve("/greet?name=Ada"));
      assertThat(greet.statusCode()).isEqualTo(200);
      assertThat(JSON.readTree(greet.body()).path("message").asText()).isEqualTo("Hello, Ada");

      HttpResponse<String> welcome =
          Runtimes.postJson(base.resolve("/welcome"), "{\"name\":\"Ada\",\"language\":\"fr\"}");
      assertThat(JSON.readTree(welcome.body()))
          .isEqualTo(JSON.readTree("{\"greeting\":\"Bonjour, Ada\"}"));

      HttpResponse<String> signup =
          Runtimes.postJson(base.resolve("/signup"), Runtimes.SIGNUP_BATCH);
      assertThat(JSON.readTree(signup.body()).path("failed").findValuesAsText("id"))
          .containsExactly("2");
    } finally {
      server.destroy();
    }
    assertThat(server.waitFor(30, TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
    assertThat(server.exitValue())
        .as("exit status after SIGTERM:\n%s", Files.readString(log))
        .isZero();
  }
}
