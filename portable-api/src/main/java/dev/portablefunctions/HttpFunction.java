package dev.portablefunctions;

/**
 * A function that answers an HTTP request.
 *
 * <p>Every adapter serves it: API Gateway, ALB and function URLs on AWS, the HTTP trigger on Azure,
 * HTTP functions on Google Cloud, and the local server (which is also the container runtime).
 *
 * <pre>{@code
 * public final class Greet implements HttpFunction {
 *   public HttpResponse handle(HttpRequest request, Context context) {
 *     return HttpResponse.ok().text("Hello, " + request.query("name").orElse("world"));
 *   }
 * }
 * }</pre>
 *
 * <p><b>Errors.</b> Throw a {@link FunctionException} to answer with its kind's status and your
 * detail as an {@code application/problem+json} body. Any other exception becomes a 500 whose body
 * names only the invocation id; the exception itself goes to the log, never to the caller.
 *
 * <p><b>Threads.</b> One instance serves every invocation in its process, possibly concurrently
 * (the local server and Cloud Run serve requests in parallel), so keep the class free of
 * per-request state.
 */
@FunctionalInterface
public interface HttpFunction {

  /**
   * Handles one request.
   *
   * @param request the request, never null
   * @param context this invocation's context, never null
   * @return the response; must not be null
   * @throws Exception any failure; see the class documentation for how it is reported
   */
  HttpResponse handle(HttpRequest request, Context context) throws Exception;
}
