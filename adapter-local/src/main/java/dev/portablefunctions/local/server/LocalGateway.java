package dev.portablefunctions.local.server;

import dev.portablefunctions.HttpRequest;
import dev.portablefunctions.HttpResponse;
import dev.portablefunctions.spi.FunctionDefinition;
import dev.portablefunctions.spi.FunctionRegistry;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The local server's decode, dispatch and encode path, without its HTTP server: routing by path
 * (one function at {@code /}, or each under {@code /<name>}), the wire format of every function
 * shape (HTTP, typed JSON, message batches, storage and schedule events, CloudEvents binary and
 * structured), the timeout, and problem+json errors. The transport SPI of the container server, not
 * user API; build one with {@link dev.portablefunctions.local.LocalServer.Builder#gateway()}.
 *
 * <p>The transport owns the connection: it reads the whole body (within {@link #maxBodyBytes()},
 * answering {@link #tooLarge()} beyond it), calls {@link #handle} on a thread of its own, and
 * writes the response. Thread-safe.
 */
public interface LocalGateway extends AutoCloseable {

  /**
   * Returns the functions this gateway serves.
   *
   * @return the registry
   */
  FunctionRegistry registry();

  /**
   * Returns the function served at {@code /} and every path under it, when one is.
   *
   * @return the function, or empty when each function is served under {@code /<name>}
   */
  Optional<FunctionDefinition> singleFunction();

  /**
   * Returns the largest body accepted.
   *
   * @return the limit in bytes
   */
  long maxBodyBytes();

  /**
   * Returns how long a function may run before the caller gets a 504.
   *
   * @return the timeout
   */
  Duration timeout();

  /**
   * Returns the 413 problem for a body over {@link #maxBodyBytes()}, to answer before reading it.
   *
   * @return the response
   */
  HttpResponse tooLarge();

  /**
   * Routes a request by its path and runs the function on the calling thread. At the deadline the
   * calling thread is interrupted and {@code onTimeout} receives the 504 problem, once, on a timer
   * thread, so that the transport can answer while a function that ignores interruption still runs;
   * this method then returns that same 504 when the function finally returns. A transport sends
   * whichever of the two comes first, once. Never throws.
   *
   * @param method the request's method
   * @param path the decoded request path
   * @param request builds the request for the path the function sees (the full path when one
   *     function is served, the path below {@code /<name>} otherwise); called at most once
   * @param onTimeout receives the 504 if the function runs past the timeout
   * @return the response
   */
  HttpResponse handle(
      String method,
      String path,
      Function<String, HttpRequest> request,
      Consumer<HttpResponse> onTimeout);

  /**
   * Returns a gateway for priming before a checkpoint (CRaC): it routes as this one does, with the
   * same limits, timeout and log format, but serves in place of each function this one serves the
   * stand-in that {@code standIn} returns for it (same name and kind). Its log lines and outcome
   * records are formatted and dropped, no observer sees its invocations, their ids start with
   * {@code prime-}, and this gateway's cold-start mark is left as it is. The caller closes it.
   *
   * @param standIn returns the stand-in for a function served here; called once per function
   * @return the priming gateway
   * @throws IllegalArgumentException if a stand-in's name or kind differs from its function's
   */
  LocalGateway priming(UnaryOperator<FunctionDefinition> standIn);

  /**
   * Marks the next invocation as a cold start again in its outcome record and for observers: for a
   * transport's {@code afterRestore}, since each copy restored from a checkpoint starts its own
   * life.
   */
  void restored();

  /** Stops the gateway's timer and worker threads; a function still running is interrupted. */
  @Override
  void close();
}
