package dev.portablefunctions.maven.azure;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An Azure Functions app of portable functions, and the files the Functions host reads for it: one
 * {@code <function>/function.json} per function and the app's {@code host.json}.
 *
 * <pre>{@code
 * AzureApp app = AzureApp.builder("orders-1.0.jar")
 *     .function(AzureFunction.of("create-order", FunctionKind.HTTP,
 *         AzureTrigger.http().withMethods("POST").withAuthLevel(AuthLevel.ANONYMOUS)))
 *     .function(AzureFunction.of("ship-order", FunctionKind.MESSAGE,
 *         AzureTrigger.serviceBusQueue("to-ship", "ServiceBusConnection")))
 *     .build();
 * app.stage(Path.of("target/azure-functions/orders"), Path.of("target/orders-1.0.jar"), dependencyJars);
 * }</pre>
 *
 * <p>The app folder then holds what the Java worker loads: the application jar at its root (the
 * {@code scriptFile} of every function), its dependencies, the adapter among them, under {@code
 * lib/}, {@code host.json}, and a folder per function. Each {@code function.json} names a method of
 * adapter-azure's {@code dev.portablefunctions.azure.AzureFunctions} as its {@code entryPoint}, and
 * that method finds the portable function by the Azure function's name, so no {@code
 * PORTABLE_FUNCTION} setting is needed.
 *
 * <p>{@code host.json} declares version 2.0 and the extension bundle {@value #EXTENSION_BUNDLE}
 * {@value #EXTENSION_BUNDLE_VERSION}, which brings every trigger the adapter uses, and, if set, the
 * HTTP route prefix. The adapter does not read {@code host.json}: an app with a route prefix of its
 * own needs the app settings of {@link #appSettings()}, so that an HTTP function's {@code path()}
 * is the path below the prefix, as on every other cloud.
 *
 * <p>Build-time code: the plugin writes these files, the adapter runs the functions. The two share
 * no classes, only names: the entry methods, the bindings' names and the app settings below, which
 * the plugin's tests check against adapter-azure.
 *
 * <p>Immutable and thread-safe.
 */
public final class AzureApp {

  /** The extension bundle {@code host.json} declares. */
  public static final String EXTENSION_BUNDLE = "Microsoft.Azure.Functions.ExtensionBundle";

  /** The extension bundle's version range. */
  public static final String EXTENSION_BUNDLE_VERSION = "[4.*, 5.0.0)";

  /**
   * The library the Java worker provides itself ({@code ExecutionContext}, the HTTP types), left
   * out of {@code lib/} as the azure-functions-maven-plugin leaves it out.
   */
  static final String WORKER_LIBRARY = "azure-functions-java-core-library";

  /**
   * The app setting that tells the adapter the HTTP route prefix of {@code host.json}, which it
   * removes from the path an HTTP function sees: the prefix without slashes at either end, or
   * {@code /} for none. Unset, the adapter assumes the host's default, {@value
   * #DEFAULT_ROUTE_PREFIX}. The adapter's {@code AzureFunctions.ROUTE_PREFIX_SETTING}.
   */
  public static final String ROUTE_PREFIX_SETTING = "PORTABLE_ROUTE_PREFIX";

  /**
   * The app setting with which the host itself overrides {@code host.json}'s route prefix; when
   * set, the adapter reads the prefix from it rather than from {@value #ROUTE_PREFIX_SETTING}. The
   * adapter's {@code AzureFunctions.HOST_ROUTE_PREFIX_SETTING}.
   */
  public static final String HOST_ROUTE_PREFIX_SETTING =
      "AzureFunctionsJobHost__extensions__http__routePrefix";

  /** The host's default HTTP route prefix. */
  public static final String DEFAULT_ROUTE_PREFIX = "api";

  /** Writes the JSON files: two-space indents, {@code " : "} between names and values. */
  private static final ObjectWriter JSON = new ObjectMapper().writerWithDefaultPrettyPrinter();

  private final String jar;
  private final List<AzureFunction> functions;
  private final String routePrefix;

  private AzureApp(Builder builder) {
    this.jar = builder.jar;
    this.functions = List.copyOf(builder.functions);
    this.routePrefix = builder.routePrefix;
  }

  /**
   * Starts an app.
   *
   * @param jar the file name of the application's jar, such as {@code orders-1.0.jar}: the {@code
   *     scriptFile} of every function
   * @return a builder
   */
  public static Builder builder(String jar) {
    return new Builder(jar);
  }

  /**
   * Returns the functions, in the order they were added.
   *
   * @return the functions
   */
  public List<AzureFunction> functions() {
    return functions;
  }

  /**
   * Returns the application jar's file name.
   *
   * @return the name
   */
  public String jar() {
    return jar;
  }

  /**
   * Returns the HTTP route prefix, if set; the host's default is {@code api}.
   *
   * @return the prefix
   */
  public Optional<String> routePrefix() {
    return Optional.ofNullable(routePrefix);
  }

  /**
   * Returns the app settings the adapter needs for this app, beyond those every Functions app has
   * ({@code FUNCTIONS_WORKER_RUNTIME}, {@code AzureWebJobsStorage}, the connections): {@value
   * #ROUTE_PREFIX_SETTING} when the route prefix is set (its value, or {@code /} for an empty
   * prefix), since the adapter cannot read {@code host.json}. Set them on the function app (and in
   * {@code local.settings.json} for {@code func start}).
   *
   * @return the settings, by name; empty if none is needed
   */
  public Map<String, String> appSettings() {
    Map<String, String> settings = new LinkedHashMap<>();
    if (routePrefix != null) {
      settings.put(ROUTE_PREFIX_SETTING, routePrefix.isEmpty() ? "/" : routePrefix);
    }
    return Collections.unmodifiableMap(settings);
  }

  /**
   * Returns a function's {@code function.json}.
   *
   * @param name the Azure function's name
   * @return the JSON, pretty-printed
   * @throws IllegalArgumentException if the app has no such function
   */
  public String functionJson(String name) {
    Objects.requireNonNull(name, "name");
    AzureFunction function =
        functions.stream()
            .filter(f -> f.name().equals(name))
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException("This app has no function " + name));
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("scriptFile", "../" + jar);
    json.put("entryPoint", function.entryPoint());
    ArrayNode bindings = json.putArray("bindings");
    TriggerBinding.of(function.trigger(), function.name()).writeTo(bindings);
    function.retry().ifPresent(retry -> retry.write(json.putObject("retry")));
    return write(json);
  }

  /**
   * Returns the app's {@code host.json}.
   *
   * @return the JSON, pretty-printed
   */
  public String hostJson() {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("version", "2.0");
    ObjectNode bundle = json.putObject("extensionBundle");
    bundle.put("id", EXTENSION_BUNDLE);
    bundle.put("version", EXTENSION_BUNDLE_VERSION);
    if (routePrefix != null) {
      json.putObject("extensions").putObject("http").put("routePrefix", routePrefix);
    }
    return write(json);
  }

  /**
   * Writes {@code host.json} and each {@code <function>/function.json} into an app folder, creating
   * folders as needed and replacing those files.
   *
   * @param appFolder the app folder
   * @throws IOException if a file cannot be written
   */
  public void writeTo(Path appFolder) throws IOException {
    Objects.requireNonNull(appFolder, "appFolder");
    Files.createDirectories(appFolder);
    Files.writeString(appFolder.resolve("host.json"), hostJson(), StandardCharsets.UTF_8);
    for (AzureFunction function : functions) {
      Path folder = Files.createDirectories(appFolder.resolve(function.name()));
      Files.writeString(
          folder.resolve("function.json"), functionJson(function.name()), StandardCharsets.UTF_8);
    }
  }

  /**
   * Lays out a complete app folder, as the azure-functions-maven-plugin's {@code package} goal
   * does: {@link #writeTo(Path) the JSON files}, the application jar at the root and the
   * dependencies in {@code lib/}, from which other jars are removed first (libraries may already be
   * in {@code lib/}). {@code azure-functions-java-core-library} is left out, since the Java worker
   * provides it.
   *
   * @param appFolder the app folder
   * @param appJar the application jar; its file name must be {@link #jar()}
   * @param libraries the application's runtime dependencies, the adapter among them
   * @throws IOException if a file cannot be copied or written
   * @throws IllegalArgumentException if {@code appJar} is not named {@link #jar()}, or a file is
   *     missing
   */
  public void stage(Path appFolder, Path appJar, Collection<Path> libraries) throws IOException {
    Objects.requireNonNull(appFolder, "appFolder");
    Objects.requireNonNull(appJar, "appJar");
    Objects.requireNonNull(libraries, "libraries");
    if (!appJar.getFileName().toString().equals(jar)) {
      throw new IllegalArgumentException(
          "The app's functions name "
              + jar
              + " as their scriptFile, but the jar given is "
              + appJar);
    }
    requireFile(appJar);
    libraries.forEach(AzureApp::requireFile);
    writeTo(appFolder);
    Files.copy(appJar, appFolder.resolve(jar), StandardCopyOption.REPLACE_EXISTING);
    Path lib = Files.createDirectories(appFolder.resolve("lib"));
    Set<Path> keep = new HashSet<>();
    for (Path library : libraries) {
      keep.add(library.toAbsolutePath().normalize());
    }
    try (DirectoryStream<Path> old = Files.newDirectoryStream(lib)) {
      for (Path file : old) {
        if (Files.isRegularFile(file) && !keep.contains(file.toAbsolutePath().normalize())) {
          Files.delete(file);
        }
      }
    }
    for (Path library : libraries) {
      String name = library.getFileName().toString();
      if (name.startsWith(WORKER_LIBRARY + "-") || library.equals(appJar)) {
        continue;
      }
      Files.copy(library, lib.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static void requireFile(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("No such file: " + file);
    }
  }

  private static String write(ObjectNode json) {
    try {
      return JSON.writeValueAsString(json) + "\n";
    } catch (JsonProcessingException impossible) {
      throw new UncheckedIOException(impossible);
    }
  }

  @Override
  public String toString() {
    return "AzureApp[" + jar + ", " + functions + "]";
  }

  /** Builds an {@link AzureApp}. Not thread-safe. */
  public static final class Builder {

    private final String jar;
    private final List<AzureFunction> functions = new ArrayList<>();
    private final Map<String, String> names = new HashMap<>();
    private final Map<String, String> routes = new HashMap<>();
    private String routePrefix;

    private Builder(String jar) {
      Objects.requireNonNull(jar, "jar");
      if (!jar.endsWith(".jar") || jar.length() == 4 || jar.contains("/") || jar.contains("\\")) {
        throw new IllegalArgumentException(
            "jar must be a jar's file name, such as app-1.0.jar: " + jar);
      }
      this.jar = jar;
    }

    /**
     * Adds a function.
     *
     * @param function the function
     * @return this builder
     * @throws IllegalArgumentException if the app already has a function of that name (names are
     *     case-insensitive to the host), or an HTTP function with the same route
     */
    public Builder function(AzureFunction function) {
      Objects.requireNonNull(function, "function");
      String key = function.name().toLowerCase(Locale.ROOT);
      if (names.containsKey(key)) {
        throw new IllegalArgumentException(
            "This app already has a function named " + names.get(key));
      }
      if (function.trigger() instanceof AzureTrigger.Http http) {
        String route = http.routeFor(function.name()).toLowerCase(Locale.ROOT);
        String other = routes.putIfAbsent(route, function.name());
        if (other != null) {
          throw new IllegalArgumentException(
              "Functions " + other + " and " + function.name() + " have the same route " + route);
        }
      }
      names.put(key, function.name());
      functions.add(function);
      return this;
    }

    /**
     * Adds functions.
     *
     * @param more the functions
     * @return this builder
     */
    public Builder functions(Collection<AzureFunction> more) {
      Objects.requireNonNull(more, "functions").forEach(this::function);
      return this;
    }

    /**
     * Sets the HTTP route prefix ({@code extensions.http.routePrefix} in {@code host.json}); the
     * host's default is {@code api}. An empty prefix serves routes at the root. The adapter learns
     * the prefix from the app setting {@value AzureApp#ROUTE_PREFIX_SETTING}: see {@link
     * AzureApp#appSettings()}.
     *
     * @param prefix the prefix, without slashes at either end
     * @return this builder
     */
    public Builder routePrefix(String prefix) {
      Objects.requireNonNull(prefix, "prefix");
      if (prefix.startsWith("/")
          || prefix.endsWith("/")
          || prefix.chars().anyMatch(Character::isWhitespace)) {
        throw new IllegalArgumentException(
            "routePrefix must not start or end with '/' nor contain spaces: '" + prefix + "'");
      }
      this.routePrefix = prefix;
      return this;
    }

    /**
     * Builds the app.
     *
     * @return the app
     * @throws IllegalStateException if no function was added
     */
    public AzureApp build() {
      if (functions.isEmpty()) {
        throw new IllegalStateException("An Azure app needs at least one function");
      }
      return new AzureApp(this);
    }
  }
}
