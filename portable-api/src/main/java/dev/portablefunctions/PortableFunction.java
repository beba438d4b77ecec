package dev.portablefunctions;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names a function. Optional: without it a function's name is its class's simple name in kebab case
 * ({@code EchoHttp} becomes {@code echo-http}).
 *
 * <p>The name is how a deployment selects the function ({@code PORTABLE_FUNCTION}, the Azure
 * function name, the local server's path), so it must be unique within an artifact, and it should
 * stay stable across renames of the class:
 *
 * <pre>{@code
 * @PortableFunction("greet")
 * public final class GreetingHandler implements HttpFunction { ... }
 * }</pre>
 *
 * <p>The build-time index processor reads this annotation (and so does {@code
 * FunctionDefinition.of(Object)} in tests).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface PortableFunction {

  /**
   * The function's name: 1 to 63 characters of lower-case letters, digits and hyphens, starting
   * with a letter and not ending with a hyphen (a name every cloud accepts as a function or service
   * name).
   *
   * @return the name
   */
  String value();
}
