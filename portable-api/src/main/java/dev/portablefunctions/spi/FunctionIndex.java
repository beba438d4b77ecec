package dev.portablefunctions.spi;

import java.util.List;

/**
 * The functions one compilation unit of an application contributes, written at build time by the
 * index processor in {@code portable-api} and found at run time with {@link
 * java.util.ServiceLoader} under {@code META-INF/services/dev.portablefunctions.spi.FunctionIndex}.
 *
 * <p>The processor generates one implementation per Java package that holds functions. An
 * implementation creates functions with plain {@code new}, so start-up needs neither classpath
 * scanning nor reflection. Implementations must have a public no-argument constructor.
 */
public interface FunctionIndex {

  /**
   * Returns the functions this index contributes, built with {@link
   * FunctionDefinition#indexed(String, FunctionKind, String, String, FunctionIndex)}.
   *
   * @return the definitions
   */
  List<FunctionDefinition> functions();

  /**
   * Creates a new instance of one of this index's functions.
   *
   * @param name the function's name
   * @return a new instance
   * @throws IllegalArgumentException if this index has no function of that name
   */
  Object newInstance(String name);
}
