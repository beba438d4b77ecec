package dev.portablefunctions.maven;

import dev.portablefunctions.spi.FunctionKind;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the functions of a project from the build-time index that the annotation processor in
 * {@code portable-api} wrote into its classes.
 *
 * <p>The index is loaded in a class loader of its own, over the project's classes and runtime
 * classpath (with the project's own {@code portable-api}), whose parent is the platform class
 * loader: nothing of the plugin's classpath leaks in, and a project on another release of the
 * library is read with that release. Only names, kinds and class names are read: no function is
 * created and no user code runs beyond class loading.
 */
final class FunctionIndexReader {

  private static final String REGISTRY = "dev.portablefunctions.spi.FunctionRegistry";

  private FunctionIndexReader() {}

  /**
   * Reads the index.
   *
   * @param classpath the project's output directory first, then its runtime jars
   * @return the functions, in index order; empty if the project has none
   * @throws IndexException if the index cannot be read
   */
  static List<IndexedFunction> read(List<Path> classpath) throws IndexException {
    URL[] urls = new URL[classpath.size()];
    for (int i = 0; i < urls.length; i++) {
      try {
        urls[i] = classpath.get(i).toUri().toURL();
      } catch (MalformedURLException e) {
        throw new IndexException("Cannot use " + classpath.get(i) + " as a classpath entry", e);
      }
    }
    try (URLClassLoader loader = new URLClassLoader(urls, ClassLoader.getPlatformClassLoader())) {
      Class<?> registryType;
      try {
        registryType = Class.forName(REGISTRY, false, loader);
      } catch (ClassNotFoundException e) {
        throw new IndexException(
            "dev.portablefunctions:portable-api is not on the project's runtime classpath: add it"
                + " as a dependency (compile scope), its version from portable-functions-bom.",
            null);
      }
      Object registry = registryType.getMethod("load", ClassLoader.class).invoke(null, loader);
      List<?> definitions = (List<?>) registryType.getMethod("functions").invoke(registry);
      List<IndexedFunction> functions = new ArrayList<>(definitions.size());
      for (Object definition : definitions) {
        Class<?> type = definition.getClass();
        String name = (String) type.getMethod("name").invoke(definition);
        String kind = ((Enum<?>) type.getMethod("kind").invoke(definition)).name();
        String className = (String) type.getMethod("className").invoke(definition);
        functions.add(new IndexedFunction(name, FunctionKind.valueOf(kind), className));
      }
      return List.copyOf(functions);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      throw new IndexException(
          "The project's function index cannot be loaded: " + cause.getMessage(), cause);
    } catch (ReflectiveOperationException | IllegalArgumentException | LinkageError e) {
      throw new IndexException(
          "The project's function index cannot be loaded ("
              + e
              + "). Is the project's"
              + " portable-api the same release as this plugin?",
          e);
    } catch (IOException e) {
      throw new IndexException("Cannot close the index class loader", e);
    }
  }

  /** The index cannot be read; the message says why and what to do. */
  static final class IndexException extends Exception {
    private static final long serialVersionUID = 1L;

    IndexException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
