package dev.portablefunctions.maven;

import dev.portablefunctions.spi.FunctionKind;
import java.util.Objects;

/**
 * One function of the project, as its build-time index records it.
 *
 * @param name the portable name ({@code PORTABLE_FUNCTION}, the Azure function's name)
 * @param kind its shape, which decides the triggers it can have
 * @param className the binary name of its class
 */
public record IndexedFunction(String name, FunctionKind kind, String className) {

  /** Checks the components. */
  public IndexedFunction {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(className, "className");
  }

  /**
   * Describes the function for messages, such as {@code "greet (an HTTP function)"}.
   *
   * @return the description
   */
  public String describe() {
    return name + " (" + kind.description() + ")";
  }
}
