package dev.portablefunctions.container;

import dev.portablefunctions.local.LocalServer;
import dev.portablefunctions.local.server.LocalGateway;
import dev.portablefunctions.spi.FunctionDefinition;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The production HTTP server for containers: serves an artifact's portable functions on Knative,
 * Cloud Run, Kubernetes or plain Docker, with the local server's wire format (see {@link
 * dev.portablefunctions.local}), on Jetty 12, speaking HTTP/1.1 and h2c (HTTP/2 over cleartext, by
 * upgrade or prior knowledge) on one port.
 *
 * <p>It is the entry point of the container image: {@code java -cp <classes and dependencies>
 * dev.portablefunctions.container.ContainerServer}, configured by the environment.
 *
 * <table>
 *   <caption>Environment</caption>
 *   <tr><th>variable</th><th>meaning</th><th>default</th></tr>
 *   <tr><td>{@code PORT}</td><td>the port, as Cloud Run and Knative set it</td><td>8080</td></tr>
 *   <tr><td>{@code PORTABLE_HOST}</td><td>the address to listen on</td><td>0.0.0.0</td></tr>
 *   <tr><td>{@code PORTABLE_FUNCTION}</td><td>serve only this function, at {@code /} and every
 *       path under it</td><td>every function, each under {@code /<name>}; one function: at
 *       {@code /}</td></tr>
 *   <tr><td>{@code PORTABLE_MAX_BODY_BYTES}</td><td>larger bodies get a 413</td><td>6291456</td></tr>
 *   <tr><td>{@code PORTABLE_TIMEOUT_SECONDS}</td><td>a function running longer gets a 504 and is
 *       interrupted</td><td>60</td></tr>
 *   <tr><td>{@code PORTABLE_LOG_LEVEL}</td><td>the lowest log level written</td><td>INFO</td></tr>
 *   <tr><td>{@code PORTABLE_CONCURRENCY}</td><td>requests served at once (Knative's
 *       {@code containerConcurrency}, Cloud Run's {@code --concurrency})</td><td>80</td></tr>
 *   <tr><td>{@code PORTABLE_QUEUE}</td><td>requests waiting beyond that, holding no thread and no
 *       body; more get a 503 with {@code Retry-After}</td><td>1000</td></tr>
 *   <tr><td>{@code PORTABLE_HEADER_TIMEOUT_SECONDS}</td><td>from a request's first byte to the end
 *       of its headers (HTTP/1.1); the connection is closed beyond it</td><td>10</td></tr>
 *   <tr><td>{@code PORTABLE_BODY_TIMEOUT_SECONDS}</td><td>to receive a body that did not arrive with
 *       its headers; 408 beyond it</td><td>30</td></tr>
 *   <tr><td>{@code PORTABLE_MIN_BODY_BYTES_PER_SECOND}</td><td>the slowest a body may arrive, after
 *       its first second; 408 below it (0: no minimum)</td><td>1024</td></tr>
 *   <tr><td>{@code PORTABLE_IDLE_TIMEOUT_SECONDS}</td><td>a connection with nothing to do is
 *       closed</td><td>30</td></tr>
 *   <tr><td>{@code PORTABLE_SHUTDOWN_SECONDS}</td><td>on SIGTERM, how long requests in flight may
 *       take to finish</td><td>10</td></tr>
 *   <tr><td>{@code PORTABLE_MAX_CONNECTIONS}</td><td>open connections; beyond it new ones wait in
 *       the accept queue</td><td>5000</td></tr>
 *   <tr><td>{@code PORTABLE_MAX_HEADER_BYTES}</td><td>larger request headers get a 431</td>
 *       <td>16384</td></tr>
 * </table>
 *
 * <p>On SIGTERM (or SIGINT) it stops accepting connections, lets the requests in flight finish
 * within {@code PORTABLE_SHUTDOWN_SECONDS} (new requests on open connections get a 503), and exits
 * with status 0.
 *
 * <p>On a JVM with CRaC, a checkpoint first primes the server (one synthetic request of each served
 * function's kind, through a loopback copy of the server, to a stand-in that calls the function
 * only through {@link dev.portablefunctions.Primeable}), then stops it as SIGTERM does; after a
 * restore it listens again on the same port (see {@code Priming}). Without CRaC nothing happens.
 *
 * <p>Threads and memory stay bounded whatever the load: a request holds a thread only while its
 * function runs (at most {@code PORTABLE_CONCURRENCY} of them), a waiting request holds neither a
 * thread nor a body, and a body is read only once its request may run. Every error the server
 * answers itself is {@code application/problem+json} with a fixed detail that never quotes the
 * request.
 */
public final class ContainerServer implements AutoCloseable {

  static {
    // Jetty sizes some padding by how many references fill a cache line, and asks the platform
    // MBean server for the compressed-oops setting to know it: that initialises JMX, ~350 ms of CPU
    // at start-up. References are 4 bytes below a 32 GiB heap (compressed oops), 8 above.
    String references = "org.eclipse.jetty.util.referencesPerCacheLine";
    if (System.getProperty(references) == null) {
      boolean compressed = Runtime.getRuntime().maxMemory() < 32L * 1024 * 1024 * 1024;
      System.setProperty(references, compressed ? "16" : "8");
    }
  }

  private enum State {
    RUNNING,
    /** Stopped for a checkpoint; {@link #resume()} listens again. */
    SUSPENDED,
    CLOSED
  }

  private final Server server;
  private final ServerConnector connector;
  private final LocalGateway gateway;
  private final ConcurrencyLimiter limiter;
  private final Settings settings;
  private final URI uri;
  private final int port;
  private volatile HeaderDeadline headerDeadline; // a new one after each resume()
  private State state = State.RUNNING; // guarded by this

  /** Held here: {@code org.crac} contexts may keep only weak references to their resources. */
  private Priming priming;

  private ContainerServer(
      Server server,
      ServerConnector connector,
      LocalGateway gateway,
      HeaderDeadline headerDeadline,
      ConcurrencyLimiter limiter,
      Settings settings) {
    this.server = server;
    this.connector = connector;
    this.gateway = gateway;
    this.headerDeadline = headerDeadline;
    this.limiter = limiter;
    this.settings = settings;
    this.port = connector.getLocalPort();
    String host = connector.getHost();
    if (host == null || host.equals("0.0.0.0") || host.equals("::")) {
      host = "127.0.0.1";
    }
    try {
      this.uri = new URI("http", null, host, port, "/", null, null);
    } catch (URISyntaxException impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  /**
   * Starts the server as the environment says, prints where it listens, and stops it gracefully on
   * SIGTERM or SIGINT, then exits with status 0. A bad setting exits with status 2.
   *
   * @param args ignored; configuration comes from the environment
   */
  public static void main(String[] args) {
    ContainerServer server;
    try {
      server = start(System.getenv());
    } catch (IllegalStateException | IllegalArgumentException | IOException e) {
      System.err.println("portable-functions: cannot start: " + e.getMessage());
      System.exit(2);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "portable-functions-shutdown"));
    Signals.onTermination(
        () -> {
          server.close();
          System.exit(0);
        });
    server.printBanner(System.out);
  }

  /**
   * Starts a server configured by environment variables (see the class documentation), serving the
   * functions that the build-time index of this class's class loader lists.
   *
   * @param environment variables, such as {@link System#getenv()}
   * @return the running server
   * @throws IllegalArgumentException with the variable's name if a value is malformed
   * @throws IllegalStateException if no function is found, or the selection matches none
   * @throws IOException if the address cannot be bound
   */
  public static ContainerServer start(Map<String, String> environment) throws IOException {
    Objects.requireNonNull(environment, "environment");
    Settings settings = Settings.fromEnvironment(environment);
    LocalGateway gateway = LocalServer.builder().environment(environment).gateway();
    return start(settings, gateway);
  }

  /**
   * Starts a server on a gateway, which it closes when it stops, and registers its {@link Priming}
   * with {@code org.crac}'s global context (which does nothing without a CRaC JVM).
   */
  static ContainerServer start(Settings settings, LocalGateway gateway) throws IOException {
    ContainerServer started = startUnregistered(settings, gateway);
    started.priming = new Priming(started, System.err::println);
    org.crac.Core.getGlobalContext().register(started.priming);
    return started;
  }

  /** Starts a server on a gateway, which it closes when it stops; no CRaC resource. */
  static ContainerServer startUnregistered(Settings settings, LocalGateway gateway)
      throws IOException {
    try {
      return build(settings, gateway);
    } catch (IOException | RuntimeException e) {
      gateway.close();
      throw e;
    }
  }

  private static ContainerServer build(Settings settings, LocalGateway gateway) throws IOException {
    // Threads: the functions running (at most the concurrency limit) plus Jetty's own (acceptor,
    // selector, writes of 503s and 4xxs). Parked requests hold none.
    int maxThreads = settings.concurrency() + 32;
    // Its job queue is unbounded by Jetty's advice; the connection limit bounds it.
    QueuedThreadPool threads = new QueuedThreadPool(maxThreads, 8, 60_000);
    threads.setName("portable-http");
    // No reserved threads. When one is waiting, Jetty lets the selector thread run the request
    // it found and hands the selecting to the reserved thread; otherwise it hands the request to
    // a pool thread. With two cores and 16 connections the reserved threads were used up and
    // restarted all the time: twice the context switches per request of plain hand-offs (1.2
    // against 0.6), and some 15% less throughput at c=16 (benchmarks/load/run.sh).
    threads.setReservedThreads(0);
    threads.setStopTimeout(
        1_000); // after the grace period: interrupt what still runs, briefly wait
    Server server = new Server(threads);
    server.setStopTimeout(settings.shutdownTimeout().toMillis());
    server.setStopAtShutdown(false); // main() stops it, gracefully, before the JVM exits

    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setSendXPoweredBy(false);
    http.setRequestHeaderSize(settings.maxHeaderBytes());
    // An encoded slash (/files/a%2Fb) reaches the function decoded, as on every cloud and the local
    // server; Jetty's default refuses it as ambiguous for servlet path mapping, which this server
    // does not do (it routes by the first segment only and serves no files).
    http.setUriCompliance(
        UriCompliance.DEFAULT.with(
            "portable-functions", UriCompliance.Violation.AMBIGUOUS_PATH_SEPARATOR));
    http.setIdleTimeout(settings.idleTimeout().toMillis());
    HttpConnectionFactory http1 = new HttpConnectionFactory(http);
    HTTP2CServerConnectionFactory h2c = new HTTP2CServerConnectionFactory(http);
    // Flow-control windows bound what one HTTP/2 connection can make the server buffer.
    h2c.setInitialSessionRecvWindow(512 * 1024);
    h2c.setInitialStreamRecvWindow(256 * 1024);
    h2c.setStreamIdleTimeout(settings.idleTimeout().toMillis());

    ServerConnector connector = new ServerConnector(server, 1, 1, http1, h2c);
    connector.setHost(settings.host());
    connector.setPort(settings.port());
    connector.setIdleTimeout(settings.idleTimeout().toMillis());
    connector.setAcceptQueueSize(1024);
    server.addConnector(connector);
    server.addBean(new NetworkConnectionLimit(settings.maxConnections(), connector));

    ConcurrencyLimiter limiter =
        new ConcurrencyLimiter(settings.concurrency(), settings.queue(), threads);
    FunctionHandler functions =
        new FunctionHandler(
            gateway,
            limiter,
            threads,
            server.getScheduler(),
            settings.bodyTimeout(),
            settings.minBodyBytesPerSecond());
    server.setHandler(new GracefulHandler(functions));
    server.setErrorHandler(new ProblemErrorHandler());

    try {
      server.start();
    } catch (IOException e) {
      stopQuietly(server);
      throw new IOException(
          "Cannot listen on " + settings.host() + ":" + settings.port() + ": " + e.getMessage(), e);
    } catch (Exception e) {
      stopQuietly(server);
      throw new IllegalStateException("The server did not start: " + e, e);
    }
    HeaderDeadline headerDeadline =
        new HeaderDeadline(connector, server.getScheduler(), settings.headerTimeout().toNanos());
    headerDeadline.start();
    return new ContainerServer(server, connector, gateway, headerDeadline, limiter, settings);
  }

  private static void stopQuietly(Server server) {
    try {
      server.stop();
    } catch (Exception ignored) {
      // already failing
    }
  }

  /**
   * Returns the base URI, such as {@code http://127.0.0.1:8080/} (the loopback address when the
   * server listens on every interface).
   *
   * @return the URI
   */
  public URI uri() {
    return uri;
  }

  /**
   * Returns the port the server listens on (useful with {@code PORT=0}).
   *
   * @return the port
   */
  public int port() {
    return port;
  }

  LocalGateway gateway() {
    return gateway;
  }

  Settings settings() {
    return settings;
  }

  /** The resource registered with {@code org.crac}, for tests (null if not registered). */
  Priming priming() {
    return priming;
  }

  synchronized boolean suspended() {
    return state != State.RUNNING;
  }

  /**
   * Before a checkpoint: stops as {@link #close()} does (no new connection, the requests in flight
   * finish within {@code PORTABLE_SHUTDOWN_SECONDS}, then every connection and the listening socket
   * are closed, Jetty's threads and timers stopped), but keeps the gateway for {@link #resume()}.
   * Does nothing unless running.
   */
  synchronized void suspend() {
    if (state != State.RUNNING) {
      return;
    }
    state = State.SUSPENDED;
    headerDeadline.stop();
    try {
      server.stop();
    } catch (Exception e) {
      System.err.println("portable-functions: stopping the server for a checkpoint: " + e);
    }
  }

  /**
   * After a restore: listens again on the same address and port, as before {@link #suspend()}. Does
   * nothing unless suspended.
   *
   * @throws IOException if the address cannot be bound
   */
  synchronized void resume() throws IOException {
    if (state != State.SUSPENDED) {
      return;
    }
    connector.setPort(port); // the port first bound, also when PORT=0 chose it
    try {
      server.start();
    } catch (Exception e) {
      stopQuietly(server);
      throw new IOException(
          "Cannot listen again on " + settings.host() + ":" + port + ": " + e.getMessage(), e);
    }
    HeaderDeadline restarted =
        new HeaderDeadline(connector, server.getScheduler(), settings.headerTimeout().toNanos());
    restarted.start();
    headerDeadline = restarted;
    state = State.RUNNING;
  }

  /** The requests running and parked now, for tests. */
  int[] load() {
    return new int[] {limiter.running(), limiter.parked()};
  }

  /**
   * Stops gracefully: stops accepting connections, answers new requests on open connections with a
   * 503, waits up to {@code PORTABLE_SHUTDOWN_SECONDS} for the requests in flight, then stops.
   * Idempotent; blocks until stopped.
   */
  @Override
  public void close() {
    stop(true);
  }

  /** Stops as {@link #close()} says; {@code announce}: print how long it took. */
  void stop(boolean announce) {
    synchronized (this) {
      if (state == State.CLOSED) {
        return;
      }
      state = State.CLOSED;
    }
    long start = System.nanoTime();
    headerDeadline.stop();
    try {
      server.stop();
    } catch (Exception e) {
      System.err.println("portable-functions: stopping the server: " + e);
    } finally {
      gateway.close();
    }
    if (!announce) {
      return;
    }
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    System.out.println("Portable Functions container server stopped after " + millis + " ms");
    System.out.flush();
  }

  void printBanner(PrintStream out) {
    out.println(
        "Portable Functions container server listening on "
            + settings.host()
            + ":"
            + port()
            + " (HTTP/1.1, h2c; concurrency "
            + settings.concurrency()
            + ", queue "
            + settings.queue()
            + ")");
    FunctionDefinition single = gateway.singleFunction().orElse(null);
    if (single != null) {
      out.println("  /  ->  " + single);
    } else {
      for (FunctionDefinition function : gateway.registry().functions()) {
        out.println("  /" + function.name() + "  ->  " + function);
      }
    }
    out.flush();
  }
}
