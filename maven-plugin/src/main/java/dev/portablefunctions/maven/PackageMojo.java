package dev.portablefunctions.maven;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Packages the project's functions for every configured cloud, under {@code target/portable/}:
 *
 * <ul>
 *   <li>{@code aws/}: the Lambda zip (the project's jar and its runtime jars under {@code lib/})
 *       and a SAM {@code template.yaml} with one function per portable function;
 *   <li>{@code azure/}: the app folder ({@code host.json}, one {@code function.json} per function,
 *       {@code lib/}), the same as a zip for zip deploy, and the app settings it needs;
 *   <li>{@code gcp/}: the deployable folder ({@code function/}: a thin jar whose manifest lists
 *       {@code libs/}) and {@code deploy.sh} with one {@code gcloud functions deploy} per function.
 * </ul>
 *
 * <p>The project depends on {@code portable-api} only: each artifact gets its cloud's adapter from
 * here, at the version the project's BOM manages (else this plugin's), and never the local test kit
 * or another cloud's adapter. Trigger settings live in {@code <functions>}; a function without
 * settings gets its kind's defaults. Every problem in the settings fails the build before anything
 * is written, with a message that names the function and the setting.
 */
@Mojo(
    name = "package",
    defaultPhase = LifecyclePhase.PACKAGE,
    requiresDependencyResolution = ResolutionScope.RUNTIME,
    threadSafe = true)
public final class PackageMojo extends PortableMojo {

  /**
   * What to package for: any of {@code aws}, {@code azure}, {@code gcp}, {@code container}. The
   * container image is left out by default: its base image comes from a registry.
   */
  @Parameter(property = "portable.targets", defaultValue = "aws,azure,gcp")
  private List<String> targets;

  /** Each function's settings; functions left out get their kind's defaults. */
  @Parameter private List<FunctionSettings> functions;

  /** The Lambda runtime of every function. */
  @Parameter(property = "portable.aws.runtime", defaultValue = "java21")
  private String awsRuntime;

  /**
   * Whether the SAM template turns on Lambda SnapStart ({@code SnapStart: ApplyOn:
   * PublishedVersions}, with {@code AutoPublishAlias: live} so that each deploy publishes the
   * version the snapshot is taken of). The adapter primes its pipeline before the snapshot.
   */
  @Parameter(property = "portable.aws.snapStart", defaultValue = "false")
  private boolean awsSnapStart;

  /** The Cloud Functions runtime of every function. */
  @Parameter(property = "portable.gcp.runtime", defaultValue = "java21")
  private String gcpRuntime;

  /** The Cloud Functions region {@code deploy.sh} uses unless {@code REGION} is set. */
  @Parameter(property = "portable.gcp.region", defaultValue = "us-central1")
  private String gcpRegion;

  /**
   * The Azure app's HTTP route prefix ({@code host.json}'s {@code extensions.http.routePrefix}),
   * without slashes at either end, or {@code /} for none. Unset, the host's default {@code api}.
   * The app settings then carry {@code PORTABLE_ROUTE_PREFIX}, which the adapter reads.
   */
  @Parameter(property = "portable.azure.routePrefix")
  private String azureRoutePrefix;

  /**
   * The container image and its Knative and Kubernetes manifests, for the {@code container} target.
   */
  @Parameter private ContainerSettings container;

  @Parameter(defaultValue = "${settings.offline}", readonly = true)
  private boolean offline;

  /**
   * Environment variables of every function; a function's own {@code <environment>} adds to them
   * and wins.
   */
  @Parameter private Map<String, String> environment;

  /** Memory in MB of a function that sets none. */
  @Parameter(property = "portable.memory", defaultValue = "512")
  private int memory;

  /** Timeout in seconds of a function that sets none. */
  @Parameter(property = "portable.timeout", defaultValue = "30")
  private int timeout;

  /** Skips packaging. */
  @Parameter(property = "portable.skip", defaultValue = "false")
  private boolean skip;

  @Parameter(defaultValue = "${project.build.directory}/portable", required = true)
  private java.io.File outputDirectory;

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("Skipping portable packaging (portable.skip)");
      return;
    }
    if ("pom".equals(project.getPackaging())) {
      getLog().info("Nothing to package in a project of packaging pom");
      return;
    }
    Path projectJar =
        project.getArtifact().getFile() == null ? null : project.getArtifact().getFile().toPath();
    if (projectJar == null || !Files.isRegularFile(projectJar)) {
      throw new MojoFailureException(
          "The project's jar has not been built: run 'mvn package' (the goal binds to the package"
              + " phase, after the jar plugin), not the goal alone.");
    }
    List<Target> chosen = chooseTargets();
    Classpaths classpaths = classpaths();
    List<IndexedFunction> indexed = readIndex(classpaths);
    List<String> problems = new ArrayList<>();
    Build build =
        new Build(
            project.getArtifactId() + "-" + project.getVersion(),
            indexed,
            settingsByName(indexed, problems),
            outputDirectory.toPath(),
            new Build.Options(
                awsRuntime,
                gcpRuntime,
                gcpRegion,
                memory,
                timeout,
                azureRoutePrefix,
                containerSettings(),
                offline,
                environment == null ? Map.of() : environment,
                awsSnapStart));
    problems.addAll(build.checkEnvironment());

    for (Target target : chosen) {
      problems.addAll(target.check(build));
    }
    // A setting several targets read (the environment Azure and the container both share) is
    // reported by each: say it once.
    problems = new ArrayList<>(new LinkedHashSet<>(problems));
    if (!problems.isEmpty()) {
      throw new MojoFailureException(
          "The portable functions build settings have "
              + (problems.size() == 1 ? "a problem" : problems.size() + " problems")
              + ":\n  - "
              + String.join("\n  - ", problems));
    }
    for (Target target : chosen) {
      Jars jars = new Jars(projectJar, classpaths.runtimeWith(target.adapter()));
      try {
        target.write(build, jars);
      } catch (IOException e) {
        throw new MojoExecutionException(
            "Cannot write " + build.output(target.id()) + ": " + e.getMessage(), e);
      }
      getLog().info("Packaged for " + target.id() + ": " + build.output(target.id()));
    }
  }

  /** The container settings, the image named {@code <artifactId>:<version>} unless set. */
  private ContainerSettings containerSettings() {
    ContainerSettings settings = container == null ? new ContainerSettings() : container;
    if (settings.image().isEmpty()) {
      settings.image(
          project.getArtifactId().toLowerCase(java.util.Locale.ROOT)
              + ":"
              + project.getVersion().replaceAll("[^A-Za-z0-9._-]", "-"));
    }
    return settings;
  }

  private List<Target> chooseTargets() throws MojoFailureException {
    Map<String, Target> known = new LinkedHashMap<>();
    for (Target target :
        List.of(new AwsTarget(), new AzureTarget(), new GcpTarget(), new ContainerTarget())) {
      known.put(target.id(), target);
    }
    List<Target> chosen = new ArrayList<>();
    for (String id : targets) {
      String trimmed = id.trim();
      if (trimmed.isEmpty()) {
        continue;
      }
      Target target = known.get(trimmed);
      if (target == null) {
        throw new MojoFailureException(
            "<targets> names '"
                + trimmed
                + "', which is not a target; use any of "
                + known.keySet());
      }
      if (!chosen.contains(target)) {
        chosen.add(target);
      }
    }
    return chosen;
  }

  private List<IndexedFunction> readIndex(Classpaths classpaths) throws MojoFailureException {
    List<IndexedFunction> indexed;
    try {
      indexed = FunctionIndexReader.read(classpaths.projectRuntime());
    } catch (FunctionIndexReader.IndexException e) {
      throw new MojoFailureException(e.getMessage(), e);
    }
    if (indexed.isEmpty()) {
      throw new MojoFailureException(
          "No portable function in "
              + project.getBuild().getOutputDirectory()
              + ": the build-time index is empty. A function is a public class implementing"
              + " HttpFunction, TypedFunction, MessageFunction or EventFunction, compiled with"
              + " annotation processing on (on javac 23 and later, add <proc>full</proc> to the"
              + " maven-compiler-plugin's configuration).");
    }
    return indexed;
  }

  private Map<String, FunctionSettings> settingsByName(
      List<IndexedFunction> indexed, List<String> problems) {
    Map<String, FunctionSettings> byName = new LinkedHashMap<>();
    if (functions == null) {
      return byName;
    }
    for (FunctionSettings settings : functions) {
      String name = settings.name();
      if (name == null || name.isBlank()) {
        problems.add("a <function> has no <name>: name the function it configures");
        continue;
      }
      if (indexed.stream().noneMatch(f -> f.name().equals(name))) {
        problems.add(
            "<function> '"
                + name
                + "' names no function of this project. The project has: "
                + String.join(", ", indexed.stream().map(IndexedFunction::describe).toList()));
        continue;
      }
      if (byName.putIfAbsent(name, settings) != null) {
        problems.add("<function> '" + name + "' is configured twice: merge the two elements");
      }
    }
    return byName;
  }
}
