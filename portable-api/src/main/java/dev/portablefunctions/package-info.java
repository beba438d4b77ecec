/**
 * The provider-neutral API of Portable Functions: the function shapes you implement, the values
 * they receive and return, the {@link dev.portablefunctions.Context} of one invocation, and the
 * error model.
 *
 * <p>Write a function against this package only, and the adapters run it unchanged on AWS Lambda,
 * Azure Functions, Google Cloud Functions, a container, or in-process in a unit test:
 *
 * <pre>{@code
 * public final class Greet implements HttpFunction {
 *   public HttpResponse handle(HttpRequest request, Context context) {
 *     String name = request.query("name").orElse("world");
 *     return HttpResponse.ok().json(Map.of("greeting", "Hello, " + name));
 *   }
 * }
 * }</pre>
 *
 * <h2>Contracts that hold throughout this package</h2>
 *
 * <ul>
 *   <li>No method accepts or returns {@code null} unless its Javadoc says so; an absent value is an
 *       {@link java.util.Optional} (or {@code OptionalInt}/{@code OptionalLong}), a collection is
 *       empty rather than null, and a null argument is rejected with a {@link NullPointerException}
 *       that names it.
 *   <li>Values ({@link dev.portablefunctions.HttpRequest}, {@link
 *       dev.portablefunctions.HttpResponse}, {@link dev.portablefunctions.Message}, ...) are
 *       immutable and safe to share between threads.
 *   <li>Header names are case-insensitive everywhere; every header and query parameter may repeat.
 *   <li>No type of any cloud SDK appears here; {@link dev.portablefunctions.Context#unwrap(Class)}
 *       is the one door to the provider's native objects.
 * </ul>
 */
package dev.portablefunctions;
