package dev.portablefunctions.maven;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

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

  /** What an environment variable's name may be: a portable subset every platform accepts. */
  private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  /**
   * A function's environment variables: the build's, then the function's own (which win), and
   * {@code PORTABLE_FUNCTION}.
   *
   * @param function the function
   * @return the variables, in order
   */
  Map<String, String> environmentOf(IndexedFunction function) {
    Map<String, String> environment = new LinkedHashMap<>();
    environment.put("PORTABLE_FUNCTION", function.name());
    environment.putAll(options.environment());
    environment.putAll(settingsOf(function).environment());
    return environment;
  }

  /**
   * Checks every environment variable's name and value.
   *
   * @return one message per problem
   */
  List<String> checkEnvironment() {
    List<String> problems = new ArrayList<>();
    checkVariables("<environment>", options.environment(), problems);
    for (IndexedFunction function : functions) {
      List<String> own = new ArrayList<>();
      checkVariables("<environment>", settingsOf(function).environment(), own);
      own.forEach(problem -> problems.add("function " + function.describe() + ": " + problem));
    }
    return problems;
  }

  private static void checkVariables(
      String setting, Map<String, String> variables, List<String> problems) {
    for (Map.Entry<String, String> variable : variables.entrySet()) {
      String name = variable.getKey();
      if (!VARIABLE.matcher(name).matches()) {
        problems.add(
            setting
                + " has a variable whose name is not letters, digits and _ (not starting"
                + " with a digit)");
      } else if (name.equals("PORTABLE_FUNCTION")) {
        problems.add(setting + " sets PORTABLE_FUNCTION, which the build sets per function");
      } else if (variable.getValue() == null) {
        problems.add(setting + "<" + name + "> has no value");
      } else if (variable.getValue().chars().anyMatch(c -> c == 0)) {
        problems.add(setting + "<" + name + "> contains a NUL character");
      }
    }
  }

  /**
   * The variables of an app whose functions share one process (Azure, the container): every
   * function's, without {@code PORTABLE_FUNCTION}.
   *
   * @param problems receives a message for each variable two functions set differently
   * @return the variables
   */
  Map<String, String> sharedEnvironment(List<String> problems) {
    Map<String, String> shared = new LinkedHashMap<>(options.environment());
    Map<String, String> setBy = new LinkedHashMap<>();
    for (IndexedFunction function : functions) {
      for (Map.Entry<String, String> variable : settingsOf(function).environment().entrySet()) {
        String name = variable.getKey();
        String before = setBy.get(name);
        if (before != null && !Objects.equals(shared.get(name), variable.getValue())) {
          problems.add(
              "<environment><"
                  + name
                  + "> differs between functions "
                  + before
                  + " and "
                  + function.name()
                  + ", which share one process here: give it one value");
        } else {
          shared.put(name, variable.getValue());
          setBy.putIfAbsent(name, function.name());
        }
      }
    }
    return shared;
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
   * @param environment environment variables of every function
   * @param awsSnapStart whether the SAM template turns on Lambda SnapStart (on published versions,
   *     with the alias {@code live} published on each deploy)
   */
  record Options(
      String awsRuntime,
      String gcpRuntime,
      String gcpRegion,
      int memory,
      int timeout,
      String azureRoutePrefix,
      ContainerSettings container,
      boolean offline,
      Map<String, String> environment,
      boolean awsSnapStart) {

    /** Checks the components and copies the map. */
    Options {
      Objects.requireNonNull(container, "container");
      environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
    }

    /** The options without SnapStart. */
    Options(
        String awsRuntime,
        String gcpRuntime,
        String gcpRegion,
        int memory,
        int timeout,
        String azureRoutePrefix,
        ContainerSettings container,
        boolean offline,
        Map<String, String> environment) {
      this(
          awsRuntime,
          gcpRuntime,
          gcpRegion,
          memory,
          timeout,
          azureRoutePrefix,
          container,
          offline,
          environment,
          false);
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
      this(
          awsRuntime,
          gcpRuntime,
          gcpRegion,
          memory,
          timeout,
          null,
          new ContainerSettings(),
          false,
          Map.of());
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
          awsRuntime,
          gcpRuntime,
          gcpRegion,
          memory,
          timeout,
          azureRoutePrefix,
          new ContainerSettings(),
          false,
          Map.of());
    }
  }
}
