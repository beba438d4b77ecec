package dev.portablefunctions.maven;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What an artifact ships: the project's own jar and the runtime jars of one target (the project's
 * runtime dependencies with that cloud's adapter, without the other clouds' adapters and the local
 * test kit).
 *
 * @param projectJar the project's jar (its classes and its build-time function index)
 * @param libraries the runtime jars, in classpath order, file names unique
 */
record Jars(Path projectJar, List<Path> libraries) {

  /** Checks the components and copies the list. */
  Jars {
    Objects.requireNonNull(projectJar, "projectJar");
    libraries = List.copyOf(libraries);
  }
}
