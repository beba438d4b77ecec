package dev.portablefunctions.it.samples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** Reads what {@code mvn package} wrote under a sample's {@code target/portable}. */
final class Packaged {

  private static final ObjectMapper JSON = new ObjectMapper();

  final Path root;
  final String artifact;
  private final String sample;

  /**
   * Reads a sample's output.
   *
   * @param sample the sample's folder name under {@code samples/}, also its artifactId
   */
  Packaged(String sample) {
    this.sample = sample;
    root = Path.of(System.getProperty("samples.dir"), sample, "target", "portable");
    artifact = sample + "-" + System.getProperty("samples.version");
    assertThat(root.resolve("aws/template.yaml")).as("mvn package ran the plugin").exists();
  }

  /**
   * Checks the container target: the image tar, a Knative Service of the sample's image with the
   * server's concurrency, and a Kubernetes Deployment and Service that run as non-root.
   */
  void assertContainerImageAndManifests() throws IOException {
    Path container = root.resolve("container");
    assertThat(container.resolve("image.tar")).isRegularFile();
    assertThat(Files.readString(container.resolve("knative.yaml")))
        .contains(
            "apiVersion: \"serving.knative.dev/v1\"",
            "containerConcurrency: 80",
            "image: \"" + sample + ":");
    assertThat(Files.readString(container.resolve("kubernetes.yaml")))
        .contains("kind: \"Deployment\"", "kind: \"Service\"", "runAsNonRoot: true");
  }

  /** The lines of one resource of the SAM template, by its logical id. */
  String samResource(String logicalId) {
    List<String> lines = read(root.resolve("aws/template.yaml")).lines().toList();
    int start = lines.indexOf("  " + logicalId + ":");
    assertThat(start).as("resource %s in template.yaml", logicalId).isNotNegative();
    StringBuilder block = new StringBuilder();
    for (int i = start + 1; i < lines.size() && lines.get(i).startsWith("   "); i++) {
      block.append(lines.get(i).strip()).append('\n');
    }
    return block.toString();
  }

  /** The first binding of an Azure function's {@code function.json}. */
  JsonNode azureTrigger(String function) {
    JsonNode json = azureFunction(function);
    return json.path("bindings").get(0);
  }

  /** An Azure function's {@code function.json}. */
  JsonNode azureFunction(String function) {
    try {
      return JSON.readTree(read(root.resolve("azure/app/" + function + "/function.json")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The whole of {@code gcp/deploy.sh}. */
  String deployScript() {
    return read(root.resolve("gcp/deploy.sh"));
  }

  /** The {@code gcloud functions deploy} command of one function in {@code deploy.sh}. */
  String gcloudDeploy(String function) {
    String script = deployScript();
    int start = script.indexOf("gcloud functions deploy " + function + " ");
    assertThat(start).as("deploy command of %s", function).isNotNegative();
    int end = script.indexOf("\n\n", start);
    return script.substring(start, end < 0 ? script.length() : end);
  }

  /** The entries of the Lambda zip. */
  List<String> lambdaZipEntries() {
    List<String> entries = new ArrayList<>();
    try (ZipFile zip = new ZipFile(root.resolve("aws/" + artifact + ".zip").toFile())) {
      zip.stream().map(ZipEntry::getName).forEach(entries::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return entries;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
