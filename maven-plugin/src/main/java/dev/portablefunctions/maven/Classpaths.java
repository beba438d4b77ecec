package dev.portablefunctions.maven;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.model.DependencyManagement;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.project.MavenProject;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.graph.Exclusion;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;

/**
 * The runtime classpath of one artifact: the project's runtime dependencies without the modules
 * that belong elsewhere (the local test kit, the other clouds' adapters and what only they bring)
 * and without the build-time-only ones (the index processor), plus one module of this library with
 * everything it needs, resolved under the project's dependency management (so the BOM's Jackson is
 * the Jackson of every artifact). Where both have a library, the project's version wins.
 */
final class Classpaths {

  static final String GROUP = "dev.portablefunctions";

  /** The modules no cloud artifact ships unless it is that artifact's own adapter. */
  static final Set<String> MODULES =
      Set.of(
          "adapter-local",
          "adapter-aws",
          "adapter-azure",
          "adapter-gcp",
          "adapter-container",
          "portable-functions-maven-plugin");

  /**
   * The modules needed at build time only, never shipped: the function index processor, which
   * portable-api brings onto the compile classpath with compile scope.
   */
  static final Set<String> BUILD_ONLY = Set.of("portable-api-processor");

  private final MavenProject project;
  private final RepositorySystem system;
  private final RepositorySystemSession session;
  private final List<RemoteRepository> repositories;
  private final String libraryVersion;

  Classpaths(
      MavenProject project,
      RepositorySystem system,
      RepositorySystemSession session,
      List<RemoteRepository> repositories,
      String libraryVersion) {
    this.project = project;
    this.system = system;
    this.session = session;
    this.repositories = repositories;
    this.libraryVersion = libraryVersion;
  }

  /**
   * The project's runtime jars as they are, for reading its function index.
   *
   * @return the output directory, then the runtime jars
   */
  List<Path> projectRuntime() {
    List<Path> entries = new ArrayList<>();
    entries.add(Path.of(project.getBuild().getOutputDirectory()));
    for (Artifact artifact : project.getArtifacts()) {
      if (isRuntime(artifact) && artifact.getFile() != null) {
        entries.add(artifact.getFile().toPath());
      }
    }
    return entries;
  }

  /**
   * The runtime jars of an artifact built around one module of this library.
   *
   * @param module the module's artifactId, such as {@code adapter-aws}
   * @return the jars, the project's own dependencies first
   * @throws MojoExecutionException if the module cannot be resolved
   */
  List<Path> runtimeWith(String module) throws MojoExecutionException {
    Map<String, Path> jars = new LinkedHashMap<>();
    for (Artifact artifact : project.getArtifacts()) {
      if (isRuntime(artifact)
          && artifact.getFile() != null
          && !isForeign(artifact, module)
          && !isBuildOnly(artifact.getGroupId(), artifact.getArtifactId())) {
        jars.putIfAbsent(
            key(artifact.getGroupId(), artifact.getArtifactId(), artifact.getClassifier()),
            artifact.getFile().toPath());
      }
    }
    for (ArtifactResult result : resolve(module)) {
      org.eclipse.aether.artifact.Artifact artifact = result.getArtifact();
      if (isBuildOnly(artifact.getGroupId(), artifact.getArtifactId())) {
        continue;
      }
      jars.putIfAbsent(
          key(artifact.getGroupId(), artifact.getArtifactId(), artifact.getClassifier()),
          artifact.getFile().toPath());
    }
    return uniqueFileNames(new ArrayList<>(jars.values()));
  }

  private boolean isForeign(Artifact artifact, String module) {
    if (isModule(artifact.getGroupId(), artifact.getArtifactId(), module)) {
      return true;
    }
    List<String> trail = artifact.getDependencyTrail();
    if (trail != null && trail.size() > 2) {
      String[] first = trail.get(1).split(":");
      return first.length > 1 && isModule(first[0], first[1], module);
    }
    return false;
  }

  /**
   * Tells whether an artifact is needed at build time only and so left out of every artifact.
   *
   * @param groupId the artifact's group
   * @param artifactId the artifact's id
   * @return whether it is build-time only
   */
  static boolean isBuildOnly(String groupId, String artifactId) {
    return GROUP.equals(groupId) && BUILD_ONLY.contains(artifactId);
  }

  private static boolean isModule(String groupId, String artifactId, String except) {
    return GROUP.equals(groupId) && MODULES.contains(artifactId) && !artifactId.equals(except);
  }

  private List<ArtifactResult> resolve(String module) throws MojoExecutionException {
    String version = managedVersion(module);
    CollectRequest collect = new CollectRequest();
    collect.setRoot(new Dependency(new DefaultArtifact(GROUP, module, "jar", version), "runtime"));
    collect.setRepositories(repositories);
    collect.setManagedDependencies(managedDependencies());
    DependencyRequest request =
        new DependencyRequest(
            collect,
            (node, parents) -> {
              Dependency dependency = node.getDependency();
              if (dependency == null) {
                return true;
              }
              String scope = dependency.getScope();
              return !dependency.isOptional()
                  && (scope.isEmpty() || scope.equals("compile") || scope.equals("runtime"));
            });
    try {
      return system.resolveDependencies(session, request).getArtifactResults();
    } catch (DependencyResolutionException e) {
      throw new MojoExecutionException(
          "Cannot resolve " + GROUP + ":" + module + ":" + version + ": " + e.getMessage(), e);
    }
  }

  /** The project's version of a module if it manages one (the BOM), else the plugin's. */
  private String managedVersion(String module) {
    DependencyManagement management = project.getDependencyManagement();
    if (management != null) {
      for (org.apache.maven.model.Dependency managed : management.getDependencies()) {
        if (GROUP.equals(managed.getGroupId()) && module.equals(managed.getArtifactId())) {
          return managed.getVersion();
        }
      }
    }
    return libraryVersion;
  }

  private List<Dependency> managedDependencies() {
    List<Dependency> managed = new ArrayList<>();
    DependencyManagement management = project.getDependencyManagement();
    if (management == null) {
      return managed;
    }
    for (org.apache.maven.model.Dependency dependency : management.getDependencies()) {
      List<Exclusion> exclusions = new ArrayList<>();
      for (org.apache.maven.model.Exclusion exclusion : dependency.getExclusions()) {
        exclusions.add(new Exclusion(exclusion.getGroupId(), exclusion.getArtifactId(), "*", "*"));
      }
      managed.add(
          new Dependency(
              new DefaultArtifact(
                  dependency.getGroupId(),
                  dependency.getArtifactId(),
                  dependency.getClassifier(),
                  dependency.getType() == null ? "jar" : dependency.getType(),
                  dependency.getVersion()),
              dependency.getScope(),
              null,
              exclusions));
    }
    return managed;
  }

  private static boolean isRuntime(Artifact artifact) {
    String scope = artifact.getScope();
    return (Artifact.SCOPE_COMPILE.equals(scope) || Artifact.SCOPE_RUNTIME.equals(scope))
        && artifact.getArtifactHandler().isAddedToClasspath();
  }

  private static String key(String groupId, String artifactId, String classifier) {
    return groupId
        + ":"
        + artifactId
        + (classifier == null || classifier.isEmpty() ? "" : ":" + classifier);
  }

  /** Two jars of one name (same artifactId, other groups) would overwrite each other in lib/. */
  private static List<Path> uniqueFileNames(List<Path> jars) {
    Set<String> seen = new HashSet<>();
    for (Path jar : jars) {
      if (!seen.add(jar.getFileName().toString())) {
        throw new IllegalStateException(
            "Two runtime jars are both named " + jar.getFileName() + "; rename one in the build");
      }
    }
    return jars;
  }
}
