package dev.portablefunctions;

/**
 * Lets a function take part in priming: the synthetic invocation an adapter runs before a snapshot
 * is taken (AWS Lambda SnapStart, or a CRaC checkpoint of a process running the Lambda adapter or
 * the container server), so that the first request after a restore finds its code loaded and
 * compiled.
 *
 * <p>Without this interface a function's own code is never called by priming: the adapter sends a
 * synthetic event of the function's kind through its real pipeline (decoding the provider's
 * envelope, the context, the runner, encoding the answer, Jackson) to a stand-in that answers in
 * place of the function, so nothing the function does (writing to a database, sending a message)
 * can happen at build or deploy time. A function that implements {@code Primeable} is asked, from
 * inside that same synthetic invocation, to warm its own paths:
 *
 * <pre>{@code
 * public final class Greet implements HttpFunction, Primeable {
 *   public HttpResponse handle(HttpRequest request, Context context) { ... }
 *
 *   public void prime(Context context) throws Exception {
 *     handle(HttpRequest.builder("GET", "/").build(), context); // no side effects: safe to run
 *   }
 * }
 * }</pre>
 *
 * <p>Contract: {@link #prime} is called at most once per snapshot, before the snapshot, on one
 * thread, with a {@link Context} whose invocation id starts with {@code prime-}, whose logger
 * discards what it is given, and which no outcome record or observer sees. It must not have effects
 * outside the process, and must not keep anything that has to differ between restored copies
 * (random seeds, connections, credentials, the time). What it throws is logged as a warning and
 * does not stop the snapshot. It is never called when no snapshot is taken.
 */
@FunctionalInterface
public interface Primeable {

  /**
   * Warms the function's own code before a snapshot.
   *
   * @param context the synthetic invocation's context (never null)
   * @throws Exception anything: logged as a warning, the snapshot goes ahead
   */
  void prime(Context context) throws Exception;
}
