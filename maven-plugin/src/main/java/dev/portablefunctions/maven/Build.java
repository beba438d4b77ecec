package dev.portablefunctions.maven;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a target packages: the project's functions with their settings.
 *
 * @param artifactName the base name of the files written, {@code <artifactId>-<version>}
 * @param functions the project's functions, in index order
 * @param settings each function's settings by name; a function without settings has defaults
 * @param output {@code target/portable}
 * @param options the target-wide options
 */
record Build(
    String artifactName,
    List<IndexedFunction> functions,
    Map<String, FunctionSettings> settings,
    Path output,
    Options options) {

  /** Checks the components and copies the collections. */
  Build {
    Objects.requireNonNull(artifactName, "artifactName");
    functions = List.copyOf(functions);
    settings = Map.copyOf(settings);
    Objects.requireNonNull(output, "output");
    Objects.requireNonNull(options, "options");
  }

  /**
   * The settings of a function, defaults if the build has none for it.
   *
   * @param function the function
   * @return its settings
   */
  FunctionSettings settingsOf(IndexedFunction function) {
    FunctionSettings found = settings.get(function.name());
    return found != null ? found : new FunctionSettings(function.name());
  }

  /**
   * The folder of a target.
   *
   * @param target its id
   * @return {@code target/portable/<id>}
   */
  Path output(String target) {
    return output.resolve(target);
  }

  /**
   * The options every function of a target shares.
   *
   * @param awsRuntime the Lambda runtime, such as {@code java21}
   * @param gcpRuntime the Cloud Functions runtime, such as {@code java21}
   * @param gcpRegion the Cloud Functions region
   * @param memory the default memory in MB
   * @param timeout the default timeout in seconds
   * @param azureRoutePrefix the Azure app's HTTP route prefix, or null for the host's default
   *     ({@code api})
   * @param container the container image's settings
   * @param offline whether the build may not reach a registry (Maven's {@code -o})
   */
  record Options(
      String awsRuntime,
      String gcpRuntime,
      String gcpRegion,
      int memory,
      int timeout,
      String azureRoutePrefix,
      ContainerSettings container,
      boolean offline) {

    /** Checks the components. */
    Options {
      java.util.Objects.requireNonNull(container, "container");
    }

    /**
     * The options with the host's default route prefix and the default container settings.
     *
     * @param awsRuntime the Lambda runtime
     * @param gcpRuntime the Cloud Functions runtime
     * @param gcpRegion the Cloud Functions region
     * @param memory the default memory in MB
     * @param timeout the default timeout in seconds
     */
    Options(String awsRuntime, String gcpRuntime, String gcpRegion, int memory, int timeout) {
      this(awsRuntime, gcpRuntime, gcpRegion, memory, timeout, null, new ContainerSettings(), false);
    }

    /**
     * The options with the default container settings.
     *
     * @param awsRuntime the Lambda runtime
     * @param gcpRuntime the Cloud Functions runtime
     * @param gcpRegion the Cloud Functions region
     * @param memory the default memory in MB
     * @param timeout the default timeout in seconds
     * @param azureRoutePrefix the Azure app's HTTP route prefix, or null
     */
    Options(
        String awsRuntime,
        String gcpRuntime,
        String gcpRegion,
        int memory,
        int timeout,
        String azureRoutePrefix) {
      this(
          awsRuntime, gcpRuntime, gcpRegion, memory, timeout, azureRoutePrefix,
          new ContainerSettings(), false);
    }
  }
}
