package dev.portablefunctions.local;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit 5 extension that hands each test a fresh {@link LocalInvoker} over every function the
 * build-time index finds in the test's class loader, and closes it after the test.
 *
 * <pre>{@code
 * @ExtendWith(LocalFunctionsExtension.class)
 * class GreetTest {
 *   @Test
 *   void greetsByName(LocalInvoker invoker) {
 *     HttpResponse response =
 *         invoker.http("greet", HttpRequest.builder("GET", "/").query("name", "Ada").build());
 *     assertEquals("{\"message\":\"Hello, Ada\"}", response.bodyAsString());
 *   }
 * }
 * }</pre>
 */
public final class LocalFunctionsExtension implements ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(LocalFunctionsExtension.class);

  /** Creates the extension; JUnit calls this. */
  public LocalFunctionsExtension() {}

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
    return parameter.getParameter().getType() == LocalInvoker.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
    ClassLoader loader = extension.getRequiredTestClass().getClassLoader();
    return extension
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(
            "invoker", key -> new ClosingInvoker(LocalInvoker.create(loader)), ClosingInvoker.class)
        .invoker();
  }

  /**
   * Closes the invoker when JUnit closes the store (after the test or class that made it): JUnit
   * 5.13 and later close the {@link AutoCloseable} values of a store.
   */
  private record ClosingInvoker(LocalInvoker invoker) implements AutoCloseable {

    @Override
    public void close() {
      invoker.close();
    }
  }
}
