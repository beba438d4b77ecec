package dev.portablefunctions.spi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * The functions an artifact offers, and the rule that selects the one a deployment runs.
 *
 * <p><b>Discovery.</b> {@link #load(ClassLoader)} reads every {@link FunctionIndex} that the index
 * processor generated at build time (found with {@link ServiceLoader} in the given class loader).
 * Zero indexes give an empty registry; many are merged; two functions with one name are an error
 * that names both classes.
 *
 * <p><b>Selection.</b> {@link #select(String)} applies the deployment rule: a non-blank selection
 * (the {@value #SELECTION_VARIABLE} environment variable) names a function by its name, its class's
 * binary name or its class's simple name; without one, an artifact with exactly one function runs
 * it, and any other count is an error whose message lists what there is and what to set.
 *
 * <p>Immutable and thread-safe.
 */
public final class FunctionRegistry {

  /** The environment variable that selects the function to run. */
  public static final String SELECTION_VARIABLE = "PORTABLE_FUNCTION";

  private final Map<String, FunctionDefinition> byName;
  private final List<FunctionDefinition> functions;

  private FunctionRegistry(Map<String, FunctionDefinition> byName) {
    this.byName = byName;
    this.functions = List.copyOf(byName.values());
  }

  /**
   * Loads the build-time indexes visible to a class loader.
   *
   * @param loader the class loader holding the application (pass the adapter's own class loader, so
   *     that the result does not depend on the calling thread)
   * @return the registry, possibly empty
   * @throws IllegalStateException if two functions share a name
   */
  public static FunctionRegistry load(ClassLoader loader) {
    Objects.requireNonNull(loader, "loader");
    List<FunctionDefinition> all = new ArrayList<>();
    for (FunctionIndex index : ServiceLoader.load(FunctionIndex.class, loader)) {
      all.addAll(index.functions());
    }
    return of(all);
  }

  /**
   * Builds a registry from definitions.
   *
   * @param definitions the functions
   * @return the registry
   * @throws IllegalStateException if two functions share a name
   */
  public static FunctionRegistry of(List<FunctionDefinition> definitions) {
    Map<String, FunctionDefinition> byName = new LinkedHashMap<>();
    for (FunctionDefinition definition : definitions) {
      FunctionDefinition clash = byName.putIfAbsent(definition.name(), definition);
      if (clash != null && !clash.className().equals(definition.className())) {
        throw new IllegalStateException(
            "Two functions are named '"
                + definition.name()
                + "': "
                + clash.className()
                + " and "
                + definition.className()
                + ". Rename one with @PortableFunction(\"...\").");
      }
    }
    return new FunctionRegistry(Collections.unmodifiableMap(byName));
  }

  /**
   * Builds a registry from definitions.
   *
   * @param definitions the functions
   * @return the registry
   */
  public static FunctionRegistry of(FunctionDefinition... definitions) {
    return of(List.of(definitions));
  }

  /**
   * Returns every function, in discovery order.
   *
   * @return the functions; empty if there are none
   */
  public List<FunctionDefinition> functions() {
    return functions;
  }

  /**
   * Finds a function by name, class binary name or class simple name.
   *
   * @param nameOrClass what to look for
   * @return the function, or empty if none matches (or a simple class name matches several)
   */
  public Optional<FunctionDefinition> find(String nameOrClass) {
    Objects.requireNonNull(nameOrClass, "nameOrClass");
    String wanted = nameOrClass.trim();
    FunctionDefinition byItsName = byName.get(wanted);
    if (byItsName != null) {
      return Optional.of(byItsName);
    }
    List<FunctionDefinition> byClass =
        byName.values().stream()
            .filter(
                definition ->
                    definition.className().equals(wanted)
                        || simpleName(definition.className()).equals(wanted))
            .collect(Collectors.toList());
    return byClass.size() == 1 ? Optional.of(byClass.get(0)) : Optional.empty();
  }

  /**
   * Selects the function a deployment runs.
   *
   * @param selection the function's name or class, or null or blank for "the only one"
   * @return the selected function
   * @throws IllegalStateException with a message that says what to do, when nothing or several
   *     match
   */
  public FunctionDefinition select(String selection) {
    if (selection != null && !selection.isBlank()) {
      return find(selection)
          .orElseThrow(
              () ->
                  new IllegalStateException(
                      SELECTION_VARIABLE
                          + "='"
                          + selection.trim()
                          + "' matches no function in this artifact. "
                          + available()));
    }
    if (byName.size() == 1) {
      return byName.values().iterator().next();
    }
    if (byName.isEmpty()) {
      throw new IllegalStateException(noFunctionsMessage());
    }
    throw new IllegalStateException(
        "This artifact has "
            + byName.size()
            + " functions; set "
            + SELECTION_VARIABLE
            + " to the one to run. "
            + available());
  }

  /**
   * Selects the function named by the {@value #SELECTION_VARIABLE} environment variable.
   *
   * @return the selected function
   * @throws IllegalStateException as {@link #select(String)}
   */
  public FunctionDefinition selectFromEnvironment() {
    return select(System.getenv(SELECTION_VARIABLE));
  }

  /**
   * Tells whether there are no functions.
   *
   * @return whether the registry is empty
   */
  public boolean isEmpty() {
    return byName.isEmpty();
  }

  /**
   * Explains an empty registry and how to fix it.
   *
   * @return the message
   */
  public static String noFunctionsMessage() {
    return "No portable functions were found on the classpath. A function is a public or"
        + " package-private, non-abstract class implementing HttpFunction, TypedFunction,"
        + " EventFunction or MessageFunction, compiled with portable-api on the classpath so that"
        + " its index processor runs (on by default with javac 17 to 22; javac 23 and later need"
        + " -proc:full or the processor in annotationProcessorPaths).";
  }

  private String available() {
    if (byName.isEmpty()) {
      return noFunctionsMessage();
    }
    return "Available: "
        + byName.values().stream()
            .map(definition -> definition.name() + " (" + definition.kind().description() + ")")
            .collect(Collectors.joining(", "))
        + ".";
  }

  private static String simpleName(String className) {
    String tail = className.substring(className.lastIndexOf('.') + 1);
    return tail.substring(tail.lastIndexOf('$') + 1);
  }

  @Override
  public String toString() {
    return "FunctionRegistry" + byName.keySet();
  }
}
