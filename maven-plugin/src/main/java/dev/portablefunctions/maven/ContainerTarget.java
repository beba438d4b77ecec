package dev.portablefunctions.maven;

import com.google.cloud.tools.jib.api.CacheDirectoryCreationException;
import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.InvalidImageReferenceException;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.RegistryException;
import com.google.cloud.tools.jib.api.TarImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.ImageFormat;
import com.google.cloud.tools.jib.api.buildplan.Port;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.regex.Pattern;

/**
 * A container platform (Cloud Run, Knative, Kubernetes, Docker): {@code target/portable/container/}
 * holds {@code image.tar}, an OCI image built with Jib and no Docker daemon (layers for the
 * dependencies, the snapshot dependencies and the project's jar; the container server as its entry
 * point; not root), a Knative {@code serving.knative.dev/v1} Service ({@code knative.yaml}) and a
 * Kubernetes Deployment and Service ({@code kubernetes.yaml}).
 */
final class ContainerTarget implements Target {

  static final String SERVER = "dev.portablefunctions.container.ContainerServer";
  static final String IMAGE_TAR = "image.tar";
  static final AbsoluteUnixPath APP = AbsoluteUnixPath.get("/app");
  static final String LIBS = "/app/libs";
  static final String SNAPSHOT_LIBS = "/app/snapshot-libs";
  static final String CLASSES = "/app/classes";

  private static final Pattern USER =
      Pattern.compile("[a-z0-9_][a-z0-9_.\\-]{0,31}(:[a-z0-9_][a-z0-9_.\\-]{0,31})?");
  private static final Pattern TIMESTAMPED_SNAPSHOT =
      Pattern.compile(".*-\\d{8}\\.\\d{6}-\\d+(-[^/]+)?\\.jar");

  @Override
  public String id() {
    return "container";
  }

  @Override
  public String adapter() {
    return "adapter-container";
  }

  @Override
  public List<String> check(Build build) {
    List<String> problems = new ArrayList<>();
    ContainerSettings container = build.options().container();
    String image = image(build);
    try {
      ImageReference.parse(image);
    } catch (InvalidImageReferenceException e) {
      problems.add(
          "<container><image> is not an image reference such as"
              + " europe-docker.pkg.dev/my-project/functions/orders:1.0");
    }
    String base = container.baseImage();
    if (!base.equals("scratch") && !base.startsWith("docker://") && !base.startsWith("tar://")) {
      try {
        ImageReference.parse(base.startsWith("registry://") ? base.substring(11) : base);
      } catch (InvalidImageReferenceException e) {
        problems.add(
            "<container><baseImage> is not an image reference such as eclipse-temurin:21-jre,"
                + " docker://name, tar:///path/image.tar or scratch");
      }
    }
    if (!USER.matcher(container.user()).matches()) {
      problems.add("<container><user> must be a user, a uid, or user:group, such as 65532:65532");
    }
    if (container.port() < 1 || container.port() > 65535) {
      problems.add("<container><port> must be between 1 and 65535");
    }
    if (container.concurrency() < 1) {
      problems.add("<container><concurrency> must be at least 1");
    }
    if (container.shutdownSeconds() < 0 || container.shutdownSeconds() > 3600) {
      problems.add("<container><shutdownSeconds> must be between 0 and 3600");
    }
    build.sharedEnvironment(problems);
    container
        .function()
        .filter(name -> build.functions().stream().noneMatch(f -> f.name().equals(name)))
        .ifPresent(
            name ->
                problems.add(
                    "<container><function> '"
                        + name
                        + "' names no function of this project."
                        + " The project has: "
                        + String.join(
                            ", ",
                            build.functions().stream().map(IndexedFunction::describe).toList())));
    return problems;
  }

  @Override
  public void write(Build build, Jars jars) throws IOException {
    Path folder = build.output(id());
    Files.createDirectories(folder);
    ContainerSettings container = build.options().container();
    String image = image(build);
    try {
      JibContainerBuilder builder =
          container.baseImage().equals("scratch")
              ? Jib.fromScratch()
              : Jib.from(container.baseImage());
      List<Path> release = new ArrayList<>();
      List<Path> snapshots = new ArrayList<>();
      for (Path jar : jars.libraries()) {
        (isSnapshot(jar) ? snapshots : release).add(jar);
      }
      builder
          .addFileEntriesLayer(layer("dependencies", release, LIBS))
          .addFileEntriesLayer(layer("snapshot-dependencies", snapshots, SNAPSHOT_LIBS))
          .addFileEntriesLayer(layer("application", List.of(jars.projectJar()), CLASSES))
          .setEntrypoint(entrypoint(container))
          .setEnvironment(environment(container, build.sharedEnvironment(new ArrayList<>())))
          .setExposedPorts(Port.tcp(container.port()))
          .setUser(container.user())
          .setWorkingDirectory(APP)
          .setCreationTime(Instant.EPOCH)
          .setFormat(ImageFormat.OCI)
          .addLabel("dev.portablefunctions.server", SERVER);
      Path tar = folder.resolve(IMAGE_TAR);
      Files.deleteIfExists(tar);
      builder.containerize(
          Containerizer.to(TarImage.at(tar).named(image))
              .setOfflineMode(build.options().offline())
              .setApplicationLayersCache(build.output().resolveSibling("jib-cache"))
              .setToolName("portable-functions-maven-plugin"));
    } catch (InvalidImageReferenceException e) {
      throw new IOException("<container><baseImage> is not an image reference", e);
    } catch (RegistryException | ExecutionException e) {
      throw new IOException(
          "Cannot read the base image "
              + container.baseImage()
              + " (<container><baseImage>): "
              + e.getMessage()
              + ". The build needs its registry once (Jib caches it); offline, use a saved image"
              + " (tar:///path/image.tar), the Docker daemon's (docker://name) or scratch.",
          e);
    } catch (CacheDirectoryCreationException e) {
      throw new IOException("Cannot create Jib's cache directory", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("Interrupted while building the image", e);
    }
    String name = resourceName(build);
    Files.writeString(
        folder.resolve("knative.yaml"), knative(build, name, image), StandardCharsets.UTF_8);
    Files.writeString(
        folder.resolve("kubernetes.yaml"), kubernetes(build, name, image), StandardCharsets.UTF_8);
  }

  static List<String> entrypoint(ContainerSettings container) {
    List<String> command = new ArrayList<>();
    command.add(container.java());
    command.addAll(container.jvmFlags());
    command.add("-cp");
    command.add(CLASSES + "/*:" + SNAPSHOT_LIBS + "/*:" + LIBS + "/*");
    command.add(SERVER);
    return command;
  }

  static Map<String, String> environment(ContainerSettings container, Map<String, String> shared) {
    Map<String, String> environment = new LinkedHashMap<>(shared);
    environment.put("PORT", Integer.toString(container.port()));
    environment.put("PORTABLE_HOST", "0.0.0.0");
    environment.put("PORTABLE_CONCURRENCY", Integer.toString(container.concurrency()));
    environment.put("PORTABLE_SHUTDOWN_SECONDS", Integer.toString(container.shutdownSeconds()));
    container.function().ifPresent(function -> environment.put("PORTABLE_FUNCTION", function));
    return environment;
  }

  private static FileEntriesLayer layer(String name, List<Path> jars, String directory) {
    FileEntriesLayer.Builder layer = FileEntriesLayer.builder().setName(name);
    for (Path jar : jars) {
      layer.addEntry(jar, AbsoluteUnixPath.get(directory + "/" + jar.getFileName()));
    }
    return layer.build();
  }

  static boolean isSnapshot(Path jar) {
    String name = jar.getFileName().toString();
    return name.contains("-SNAPSHOT") || TIMESTAMPED_SNAPSHOT.matcher(name).matches();
  }

  private static String image(Build build) {
    return build
        .options()
        .container()
        .image()
        .orElse(build.artifactName().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "-"));
  }

  /** A DNS-1035 label from the artifact: lower case, letters, digits and '-', 63 at most. */
  static String resourceName(Build build) {
    String image = image(build);
    String repository = image.contains(":") ? image.substring(0, image.lastIndexOf(':')) : image;
    repository = repository.substring(repository.lastIndexOf('/') + 1);
    String name =
        repository
            .toLowerCase(Locale.ROOT)
            .replaceAll("[^a-z0-9-]", "-")
            .replaceAll("^[^a-z]+", "");
    name = name.replaceAll("-+$", "");
    if (name.isEmpty()) {
      name = "functions";
    }
    return name.length() > 63 ? name.substring(0, 63).replaceAll("-+$", "") : name;
  }

  private static String knative(Build build, String name, String image) {
    ContainerSettings container = build.options().container();
    List<Object> env = new ArrayList<>();
    // Knative sets PORT itself and refuses a container that sets it.
    environment(container, Map.of())
        .forEach(
            (key, value) -> {
              if (!key.equals("PORT")) {
                env.add(map("name", key, "value", value));
              }
            });
    Map<String, Object> containerSpec = new LinkedHashMap<>();
    containerSpec.put("image", image);
    containerSpec.put("ports", List.of(map("containerPort", container.port(), "name", "http1")));
    containerSpec.put("env", env);
    containerSpec.put("readinessProbe", map("tcpSocket", Map.of()));
    containerSpec.put("resources", map("limits", map("memory", build.options().memory() + "Mi")));
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("apiVersion", "serving.knative.dev/v1");
    root.put("kind", "Service");
    root.put("metadata", map("name", name));
    root.put(
        "spec",
        map(
            "template",
            map(
                "spec",
                map(
                    "containerConcurrency", container.concurrency(),
                    "timeoutSeconds", build.options().timeout(),
                    "containers", List.of(containerSpec)))));
    return "# Written by portable-functions-maven-plugin: kubectl apply -f knative.yaml\n"
        + Yaml.write(root);
  }

  private static String kubernetes(Build build, String name, String image) {
    ContainerSettings container = build.options().container();
    Map<String, Object> probe = map("tcpSocket", map("port", "http"), "periodSeconds", 5);
    Map<String, Object> liveness =
        map("tcpSocket", map("port", "http"), "initialDelaySeconds", 10, "periodSeconds", 10);
    Map<String, Object> containerSpec = new LinkedHashMap<>();
    containerSpec.put("name", "functions");
    containerSpec.put("image", image);
    containerSpec.put("ports", List.of(map("containerPort", container.port(), "name", "http")));
    containerSpec.put("readinessProbe", probe);
    containerSpec.put("livenessProbe", liveness);
    String memory = build.options().memory() + "Mi";
    containerSpec.put(
        "resources",
        map("requests", map("cpu", "250m", "memory", memory), "limits", map("memory", memory)));
    Map<String, Object> podSpec = new LinkedHashMap<>();
    // Time for the server's own graceful shutdown, and a little more.
    podSpec.put("terminationGracePeriodSeconds", container.shutdownSeconds() + 5);
    String[] user = container.user().split(":");
    if (user[0].chars().allMatch(Character::isDigit)) {
      Map<String, Object> security =
          map("runAsNonRoot", true, "runAsUser", Long.parseLong(user[0]));
      if (user.length > 1 && user[1].chars().allMatch(Character::isDigit)) {
        security.put("runAsGroup", Long.parseLong(user[1]));
      }
      podSpec.put("securityContext", security);
    }
    podSpec.put("containers", List.of(containerSpec));
    Map<String, Object> deployment = new LinkedHashMap<>();
    deployment.put("apiVersion", "apps/v1");
    deployment.put("kind", "Deployment");
    deployment.put("metadata", map("name", name, "labels", map("app", name)));
    deployment.put(
        "spec",
        map(
            "replicas", 2,
            "selector", map("matchLabels", map("app", name)),
            "template", map("metadata", map("labels", map("app", name)), "spec", podSpec)));
    Map<String, Object> service = new LinkedHashMap<>();
    service.put("apiVersion", "v1");
    service.put("kind", "Service");
    service.put("metadata", map("name", name, "labels", map("app", name)));
    service.put(
        "spec",
        map(
            "selector", map("app", name),
            "ports", List.of(map("name", "http", "port", 80, "targetPort", "http"))));
    return "# Written by portable-functions-maven-plugin: kubectl apply -f kubernetes.yaml\n"
        + Yaml.write(deployment)
        + "---\n"
        + Yaml.write(service);
  }

  private static Map<String, Object> map(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }
}
