package dev.portablefunctions.gcp.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where the real invoker and a deployment's classpath are, and a cache of running invokers shared
 * by every test class in the JVM (one per function, entry class and environment; each takes about a
 * second to start), stopped when the JVM exits.
 *
 * <p>The function classpath is what a deployment ships: this adapter (the packaged jar under
 * failsafe, {@code target/classes} otherwise), the function's classes, and the adapter's runtime
 * dependencies as {@code dependency:build-classpath} listed them ({@code portable-api}, Jackson,
 * CloudEvents). Never {@code functions-framework-api}: the invoker provides it.
 */
public final class GcpInvokers {

  /** The HTTP entry class. */
  public static final String HTTP = "dev.portablefunctions.gcp.GcpHttpFunction";

  /** The CloudEvents entry class. */
  public static final String EVENT = "dev.portablefunctions.gcp.GcpEventFunction";

  /** The project every shared invoker runs in. */
  public static final String PROJECT = "test-project";

  private static final Map<String, InvokerProcess> RUNNING = new ConcurrentHashMap<>();

  static {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(() -> RUNNING.values().forEach(InvokerProcess::close), "gcp-invokers-stop"));
  }

  private GcpInvokers() {}

  /**
   * Returns a running invoker that serves one echo function through an entry class, with {@code
   * K_SERVICE} and {@code GOOGLE_CLOUD_PROJECT} set as on Cloud Functions.
   */
  public static InvokerProcess echo(String function, String entry) {
    return shared(function, entry, echoClasspath(), Map.of());
  }

  /** Like {@link #echo}, for the test fixtures in {@code dev.portablefunctions.gcp.fixtures}. */
  public static InvokerProcess fixture(String function, String entry, Map<String, String> env) {
    return shared(function, entry, fixtureClasspath(), env);
  }

  /** A running invoker; {@code function} may be null to leave {@code PORTABLE_FUNCTION} unset. */
  public static InvokerProcess shared(
      String function, String entry, List<Path> classpath, Map<String, String> extraEnv) {
    Map<String, String> env = environment(function, extraEnv);
    String key = entry + " " + classpath + " " + env;
    return RUNNING.computeIfAbsent(key, k -> builder(entry, classpath, env).start());
  }

  /**
   * Starts an invoker that is expected not to start (a misconfigured deployment), and returns how
   * it failed. Not cached. If it does start, it is stopped and the test fails.
   *
   * @param function the {@code PORTABLE_FUNCTION}, or null to leave it unset
   */
  public static InvokerProcess.StartFailedException failedStart(
      String function, String entry, List<Path> classpath) {
    InvokerProcess.Builder builder = builder(entry, classpath, environment(function, Map.of()));
    try (InvokerProcess started = builder.start()) {
      throw new AssertionError(
          "The invoker started and listens on port "
              + started.port()
              + "; output:\n"
              + started.output());
    } catch (InvokerProcess.StartFailedException failed) {
      return failed;
    }
  }

  /** The environment of a deployment on Cloud Functions, as the shared invokers get it. */
  private static Map<String, String> environment(String function, Map<String, String> extraEnv) {
    Map<String, String> env = new TreeMap<>();
    env.put("K_SERVICE", function == null ? "unselected" : function);
    env.put("GOOGLE_CLOUD_PROJECT", PROJECT);
    if (function != null) {
      env.put("PORTABLE_FUNCTION", function);
    }
    env.putAll(extraEnv);
    return env;
  }

  private static InvokerProcess.Builder builder(
      String entry, List<Path> classpath, Map<String, String> env) {
    InvokerProcess.Builder builder =
        InvokerProcess.builder(invokerJar()).classpath(classpath).target(entry);
    env.forEach(builder::env);
    return builder;
  }

  /** The adapter, the echo sample and the runtime dependencies. */
  public static List<Path> echoClasspath() {
    List<Path> classpath = new ArrayList<>();
    classpath.add(adapter());
    classpath.add(codeSource(dev.portablefunctions.samples.echo.EchoHttp.class));
    classpath.addAll(runtimeDependencies());
    return classpath;
  }

  /**
   * The adapter, this module's test classes (fixtures and the raw framework function) and the
   * runtime dependencies.
   */
  public static List<Path> fixtureClasspath() {
    List<Path> classpath = new ArrayList<>();
    classpath.add(adapter());
    classpath.add(testClasses());
    classpath.addAll(runtimeDependencies());
    return classpath;
  }

  /** The invoker's shaded main jar. */
  public static Path invokerJar() {
    String property = System.getProperty(InvokerProcess.INVOKER_JAR_PROPERTY);
    return property != null && !property.isBlank()
        ? Path.of(property)
        : target().resolve("invoker/java-function-invoker.jar");
  }

  /**
   * The adapter: {@code gcf.adapter} (the packaged jar) when it exists, else {@code
   * target/classes}.
   */
  public static Path adapter() {
    String property = System.getProperty("gcf.adapter");
    if (property != null && Files.isRegularFile(Path.of(property))) {
      return Path.of(property);
    }
    return target().resolve("classes");
  }

  /** The runtime dependencies listed by the build. */
  public static List<Path> runtimeDependencies() {
    String property = System.getProperty("gcf.runtime.classpath");
    Path file =
        property != null && !property.isBlank()
            ? Path.of(property)
            : target().resolve("invoker/runtime.classpath");
    try {
      List<Path> entries = new ArrayList<>();
      for (String entry :
          Files.readString(file, StandardCharsets.UTF_8).trim().split(File.pathSeparator)) {
        if (!entry.isBlank()) {
          entries.add(Path.of(entry.trim()));
        }
      }
      return entries;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot read " + file + "; run the build's process-test-resources phase first", e);
    }
  }

  /** This module's test classes. */
  public static Path testClasses() {
    return codeSource(GcpInvokers.class);
  }

  private static Path target() {
    return testClasses().getParent();
  }

  private static Path codeSource(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
