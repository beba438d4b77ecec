package dev.portablefunctions.maven;

import static dev.portablefunctions.maven.Fixtures.GREET;
import static dev.portablefunctions.maven.Fixtures.SIGNUP;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContainerTargetTest {

  private final ContainerTarget target = new ContainerTarget();

  @TempDir Path folder;

  private Build build(ContainerSettings container, IndexedFunction... functions) {
    return new Build(
        "orders-1.0",
        List.of(functions),
        Map.of(),
        folder.resolve("out/portable"),
        new Build.Options(
            "java21", "java21", "us-central1", 512, 30, null, container, true, Map.of()));
  }

  /** The tar's files by name. */
  private static Map<String, byte[]> entries(Path tar) throws IOException {
    Map<String, byte[]> entries = new HashMap<>();
    try (InputStream file = Files.newInputStream(tar);
        TarArchiveInputStream in = new TarArchiveInputStream(file)) {
      TarArchiveEntry entry;
      while ((entry = in.getNextEntry()) != null) {
        if (entry.isFile()) {
          entries.put(entry.getName(), in.readAllBytes());
        }
      }
    }
    return entries;
  }

  private static String sha256(byte[] bytes) {
    try {
      return "sha256:"
          + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void writesAnOciImageWhoseDigestsMatchItsBlobs() throws Exception {
    Path in = folder.resolve("in");
    Path projectJar = Fixtures.jar(in, "orders-1.0.jar", "x/Greet.class");
    Path jackson = Fixtures.jar(in, "jackson-core-2.23.0.jar", "com/fasterxml/A.class");
    Path snapshot = Fixtures.jar(in, "adapter-container-0.1.0-SNAPSHOT.jar", "dev/A.class");
    Build build =
        build(
            new ContainerSettings().image("orders:1.0").baseImage("scratch").function("greet"),
            GREET,
            SIGNUP);
    assertThat(target.check(build)).isEmpty();

    target.write(build, new Jars(projectJar, List.of(jackson, snapshot)));

    Map<String, byte[]> tar = entries(folder.resolve("out/portable/container/image.tar"));
    var json = new com.fasterxml.jackson.databind.ObjectMapper();
    var index = json.readTree(tar.get("index.json"));
    assertThat(tar.get("oci-layout")).isNotNull();
    var manifestDescriptor = index.path("manifests").get(0);
    assertThat(manifestDescriptor.path("mediaType").asText())
        .isEqualTo("application/vnd.oci.image.manifest.v1+json");
    byte[] manifestBytes = blob(tar, manifestDescriptor.path("digest").asText());
    assertThat(manifestBytes).hasSize(manifestDescriptor.path("size").asInt());
    var manifest = json.readTree(manifestBytes);
    var config = manifest.path("config");
    assertThat(config.path("mediaType").asText())
        .isEqualTo("application/vnd.oci.image.config.v1+json");
    byte[] configBytes = blob(tar, config.path("digest").asText());
    var layers = manifest.path("layers");
    assertThat(layers).hasSize(3);
    for (var layer : layers) {
      assertThat(layer.path("mediaType").asText())
          .isEqualTo("application/vnd.oci.image.layer.v1.tar+gzip");
      assertThat(blob(tar, layer.path("digest").asText())).hasSize(layer.path("size").asInt());
    }
    var imageConfig = json.readTree(configBytes).path("config");
    assertThat(imageConfig.path("User").asText()).isEqualTo("65532:65532");
    assertThat(imageConfig.path("WorkingDir").asText()).isEqualTo("/app");
    assertThat(json.convertValue(imageConfig.path("Entrypoint"), String[].class))
        .containsExactly(
            "java",
            "-XX:MaxRAMPercentage=75",
            "-cp",
            "/app/classes/*:/app/snapshot-libs/*:/app/libs/*",
            ContainerTarget.SERVER);
    assertThat(json.convertValue(imageConfig.path("Env"), String[].class))
        .contains(
            "PORT=8080",
            "PORTABLE_HOST=0.0.0.0",
            "PORTABLE_CONCURRENCY=80",
            "PORTABLE_SHUTDOWN_SECONDS=10",
            "PORTABLE_FUNCTION=greet");
    assertThat(imageConfig.path("ExposedPorts").has("8080/tcp")).isTrue();
  }

  private static byte[] blob(Map<String, byte[]> tar, String digest) {
    byte[] blob = tar.get("blobs/sha256/" + digest.substring("sha256:".length()));
    assertThat(blob).as("blob %s", digest).isNotNull();
    assertThat(sha256(blob)).isEqualTo(digest);
    return blob;
  }

  @Test
  void layersSeparateDependenciesSnapshotsAndTheApplication() {
    assertThat(ContainerTarget.isSnapshot(Path.of("adapter-aws-0.1.0-SNAPSHOT.jar"))).isTrue();
    assertThat(ContainerTarget.isSnapshot(Path.of("lib-1.0-20240101.120000-3.jar"))).isTrue();
    assertThat(ContainerTarget.isSnapshot(Path.of("jackson-core-2.23.0.jar"))).isFalse();
  }

  @Test
  void manifestsMatchTheServersSettings() throws Exception {
    Build build =
        build(
            new ContainerSettings()
                .image("europe-docker.pkg.dev/p/functions/orders_app:1.0")
                .baseImage("scratch")
                .concurrency(40)
                .shutdownSeconds(20),
            GREET);

    target.write(
        build,
        new Jars(Fixtures.jar(folder.resolve("in"), "orders-1.0.jar", "x/G.class"), List.of()));

    Path out = folder.resolve("out/portable/container");
    Map<String, Object> knative =
        new org.yaml.snakeyaml.Yaml().load(Files.readString(out.resolve("knative.yaml")));
    assertThat(knative)
        .containsEntry("apiVersion", "serving.knative.dev/v1")
        .containsEntry("kind", "Service");
    assertThat(at(knative, "metadata")).containsEntry("name", "orders-app");
    Map<String, Object> spec = at(knative, "spec", "template", "spec");
    assertThat(spec).containsEntry("containerConcurrency", 40).containsEntry("timeoutSeconds", 30);
    @SuppressWarnings("unchecked")
    Map<String, Object> container = ((List<Map<String, Object>>) spec.get("containers")).get(0);
    assertThat(container)
        .containsEntry("image", "europe-docker.pkg.dev/p/functions/orders_app:1.0");
    assertThat(container.get("env").toString())
        .doesNotContain("name=PORT,")
        .contains("PORTABLE_CONCURRENCY");

    List<Object> documents = new java.util.ArrayList<>();
    new org.yaml.snakeyaml.Yaml()
        .loadAll(Files.readString(out.resolve("kubernetes.yaml")))
        .forEach(documents::add);
    assertThat(documents).hasSize(2);
    @SuppressWarnings("unchecked")
    Map<String, Object> deployment = (Map<String, Object>) documents.get(0);
    assertThat(deployment).containsEntry("kind", "Deployment");
    Map<String, Object> pod = at(deployment, "spec", "template", "spec");
    assertThat(pod).containsEntry("terminationGracePeriodSeconds", 25);
    assertThat(at(pod, "securityContext"))
        .containsEntry("runAsNonRoot", true)
        .containsEntry("runAsUser", 65532);
    @SuppressWarnings("unchecked")
    Map<String, Object> service = (Map<String, Object>) documents.get(1);
    assertThat(service).containsEntry("kind", "Service");
  }

  @Test
  void everyProblemNamesTheSetting() {
    Build build =
        build(
            new ContainerSettings()
                .image("Not An Image")
                .baseImage("bad image!")
                .user("root; rm")
                .port(0)
                .concurrency(0)
                .function("nope"),
            GREET);

    assertThat(target.check(build))
        .containsExactly(
            "<container><image> is not an image reference such as"
                + " europe-docker.pkg.dev/my-project/functions/orders:1.0",
            "<container><baseImage> is not an image reference such as eclipse-temurin:21-jre,"
                + " docker://name, tar:///path/image.tar or scratch",
            "<container><user> must be a user, a uid, or user:group, such as 65532:65532",
            "<container><port> must be between 1 and 65535",
            "<container><concurrency> must be at least 1",
            "<container><function> 'nope' names no function of this project. The project has:"
                + " greet (an HTTP function)");
  }

  @Test
  void functionsSharingTheProcessMustAgreeOnTheirVariables() {
    Build build =
        new Build(
            "orders-1.0",
            List.of(GREET, SIGNUP),
            Map.of(
                "greet", new FunctionSettings("greet").environment("REGION", "eu"),
                "signup", new FunctionSettings("signup").environment("REGION", "us")),
            folder.resolve("out/portable"),
            new Build.Options(
                "java21",
                "java21",
                "us-central1",
                512,
                30,
                null,
                new ContainerSettings().baseImage("scratch"),
                true,
                Map.of()));

    assertThat(target.check(build))
        .containsExactly(
            "<environment><REGION> differs between functions greet and signup, which share one"
                + " process here: give it one value");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> at(Map<String, Object> node, String... keys) {
    Object current = node;
    for (String key : keys) {
      current = ((Map<String, Object>) current).get(key);
    }
    return (Map<String, Object>) current;
  }
}
