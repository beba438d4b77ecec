package dev.portablefunctions.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.portablefunctions.FunctionLogger;
import dev.portablefunctions.HttpRequest;
import dev.portablefunctions.HttpResponse;
import dev.portablefunctions.internal.StandardOutput;
import dev.portablefunctions.local.server.LocalGateway;
import dev.portablefunctions.spi.FunctionDefinition;
import dev.portablefunctions.spi.FunctionRegistry;
import dev.portablefunctions.spi.LogWriter;
import dev.portablefunctions.spi.MalformedInput;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * Serves an artifact's portable functions over HTTP: on a laptop for curl and the browser, and as
 * the entry point of a container on Knative, Cloud Run or Kubernetes.
 *
 * <p>Run it from a jar with {@code java -jar app-local.jar} ({@link #main(String[])}), configured
 * by the environment:
 *
 * <table>
 *   <caption>Environment</caption>
 *   <tr><th>variable</th><th>meaning</th><th>default</th></tr>
 *   <tr><td>{@code PORT}</td><td>the port</td><td>8080</td></tr>
 *   <tr><td>{@code PORTABLE_HOST}</td><td>the address to listen on; {@code 0.0.0.0} in a
 *       container</td><td>127.0.0.1</td></tr>
 *   <tr><td>{@code PORTABLE_FUNCTION}</td><td>serve only this function, at {@code /} and every
 *       path under it</td><td>every function, each under {@code /<name>}; an artifact with one
 *       function serves it at {@code /}</td></tr>
 *   <tr><td>{@code PORTABLE_MAX_BODY_BYTES}</td><td>larger bodies get a 413</td><td>6291456 (6
 *       MiB, Lambda's synchronous limit)</td></tr>
 *   <tr><td>{@code PORTABLE_TIMEOUT_SECONDS}</td><td>a function running longer gets a 504 and is
 *       interrupted</td><td>60</td></tr>
 *   <tr><td>{@code PORTABLE_LOG_LEVEL}</td><td>the lowest log level written</td><td>INFO</td></tr>
 * </table>
 *
 * <p>Or embed it, for example in an integration test:
 *
 * <pre>{@code
 * try (LocalServer server = LocalServer.builder().port(0).start()) {
 *   URI uri = server.uri().resolve("/greet?name=Ada");
 *   ...
 * }
 * }</pre>
 *
 * <p>The wire format of each function shape is described in the {@linkplain
 * dev.portablefunctions.local package documentation}.
 */
public final class LocalServer implements AutoCloseable {

  /** The port variable, as Cloud Run and Knative set it. */
  public static final String PORT_VARIABLE = "PORT";

  /** The listen address variable. */
  public static final String HOST_VARIABLE = "PORTABLE_HOST";

  /** The body limit variable. */
  public static final String MAX_BODY_VARIABLE = "PORTABLE_MAX_BODY_BYTES";

  /** The timeout variable. */
  public static final String TIMEOUT_VARIABLE = "PORTABLE_TIMEOUT_SECONDS";

  /** The default body limit: 6 MiB. */
  public static final long DEFAULT_MAX_BODY_BYTES = 6L * 1024 * 1024;

  /** The default timeout: 60 seconds. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

  private final Gateway gateway;
  private final HttpServer server;
  private final ExecutorService executor;
  private final URI uri;

  private LocalServer(Gateway gateway, HttpServer server, ExecutorService executor) {
    this.gateway = gateway;
    this.server = server;
    this.executor = executor;
    InetSocketAddress address = server.getAddress();
    String host =
        address.getAddress().isAnyLocalAddress()
            ? "127.0.0.1"
            : address.getAddress().getHostAddress();
    try {
      this.uri = new URI("http", null, host, address.getPort(), "/", null, null); // brackets IPv6
    } catch (URISyntaxException impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  /**
   * Starts the server as the environment says, and stops it on JVM shutdown.
   *
   * @param args ignored; configuration comes from the environment
   */
  public static void main(String[] args) {
    LocalServer server;
    try {
      server = builder().environment(System.getenv()).start();
    } catch (IllegalStateException | IllegalArgumentException | IOException e) {
      System.err.println("portable-functions: cannot start: " + e.getMessage());
      System.exit(2);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "portable-functions-shutdown"));
    server.printBanner(System.out);
  }

  /**
   * Returns a builder with the defaults: every function found by the build-time index in this
   * class's class loader, on 127.0.0.1:8080.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the base URI, such as {@code http://127.0.0.1:8080/}.
   *
   * @return the URI
   */
  public URI uri() {
    return uri;
  }

  /**
   * Returns the port the server listens on (useful after {@code port(0)}).
   *
   * @return the port
   */
  public int port() {
    return server.getAddress().getPort();
  }

  /** The address the server is bound to, for tests. */
  InetSocketAddress boundAddress() {
    return server.getAddress();
  }

  /** Stops accepting requests, waits up to one second for those in flight, and stops. */
  @Override
  public void close() {
    server.stop(1);
    executor.shutdownNow();
    gateway.close();
  }

  void printBanner(PrintStream out) {
    out.println("Portable Functions local server listening on " + uri);
    FunctionDefinition single = gateway.single();
    if (single != null) {
      out.println("  " + uri + "  ->  " + single);
    } else {
      for (FunctionDefinition function : gateway.registry().functions()) {
        out.println("  " + uri + function.name() + "  ->  " + function);
      }
    }
    out.flush();
  }

  private void serve(HttpExchange exchange) {
    try (exchange) {
      HttpResponse response;
      long declared = declaredLength(exchange);
      if (declared > gateway.maxBodyBytes()) {
        response = gateway.tooLarge();
        exchange.getResponseHeaders().add("connection", "close");
      } else {
        byte[] body = readBody(exchange.getRequestBody(), gateway.maxBodyBytes());
        if (body == null) {
          response = gateway.tooLarge();
          exchange.getResponseHeaders().add("connection", "close");
        } else {
          URI requestUri = exchange.getRequestURI();
          String method = exchange.getRequestMethod();
          response =
              gateway.handle(
                  method,
                  requestUri.getPath(),
                  functionPath -> {
                    HttpRequest.Builder request =
                        HttpRequest.builder(method, functionPath)
                            .rawQuery(
                                requestUri.getRawQuery() == null ? "" : requestUri.getRawQuery())
                            .body(body);
                    // A header HTTP does not allow is the caller's 400 (the gateway answers it).
                    for (Map.Entry<String, List<String>> header :
                        exchange.getRequestHeaders().entrySet()) {
                      for (String value : header.getValue()) {
                        MalformedInput.addHeader(request, header.getKey(), value);
                      }
                    }
                    return request.build();
                  });
        }
      }
      send(exchange, response);
    } catch (IOException | RuntimeException e) {
      // The client went away or sent something the JDK server rejected; nothing left to answer.
      // The exception's class only: a message may repeat what the client sent.
      System.err.println("portable-functions: request failed: " + e.getClass().getName());
    }
  }

  private static long declaredLength(HttpExchange exchange) {
    String value = exchange.getRequestHeaders().getFirst("content-length");
    if (value == null) {
      return -1;
    }
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException malformed) {
      return -1;
    }
  }

  /** Reads at most {@code limit} bytes; null if the body is longer. */
  private static byte[] readBody(InputStream in, long limit) throws IOException {
    byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
    return body.length > limit ? null : body;
  }

  /**
   * Headers that describe the connection or the framing; the server sets them, never a function.
   */
  private static final Set<String> HOP_BY_HOP =
      Set.of(
          "connection",
          "content-length",
          "keep-alive",
          "proxy-connection",
          "te",
          "trailer",
          "transfer-encoding",
          "upgrade");

  private static void send(HttpExchange exchange, HttpResponse response) throws IOException {
    response
        .headers()
        .asMap()
        .forEach(
            (name, values) -> {
              if (!HOP_BY_HOP.contains(name)) {
                values.forEach(v -> exchange.getResponseHeaders().add(name, v));
              }
            });
    byte[] body = response.body();
    int status = response.statusCode();
    boolean noBody =
        body.length == 0
            || exchange.getRequestMethod().equals("HEAD")
            || status == 204
            || status == 304;
    exchange.sendResponseHeaders(status, noBody ? -1 : body.length);
    if (!noBody) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  /** Configures a {@link LocalServer} (or a {@link LocalGateway}). Not thread-safe. */
  public static final class Builder {

    private FunctionRegistry registry;
    private String function;
    private String host = "127.0.0.1";
    private int port = 8080;
    private long maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
    private Duration timeout = DEFAULT_TIMEOUT;

    /** Where log lines go; null: standard output, written as bytes. */
    private Consumer<String> logOutput;

    private FunctionLogger.Level logLevel = LogWriter.thresholdFromEnvironment();

    private Builder() {}

    /**
     * Applies the environment variables described on {@link LocalServer}.
     *
     * @param environment variables, such as {@link System#getenv()}
     * @return this builder
     * @throws IllegalArgumentException with the variable's name if a value is malformed
     */
    public Builder environment(Map<String, String> environment) {
      Objects.requireNonNull(environment, "environment");
      String portValue = environment.get(PORT_VARIABLE);
      if (portValue != null && !portValue.isBlank()) {
        port(parse(PORT_VARIABLE, portValue, 0, 65535));
      }
      String hostValue = environment.get(HOST_VARIABLE);
      if (hostValue != null && !hostValue.isBlank()) {
        host(hostValue.trim());
      }
      String functionValue = environment.get(FunctionRegistry.SELECTION_VARIABLE);
      if (functionValue != null && !functionValue.isBlank()) {
        function(functionValue.trim());
      }
      String maxBody = environment.get(MAX_BODY_VARIABLE);
      if (maxBody != null && !maxBody.isBlank()) {
        maxBodyBytes(parse(MAX_BODY_VARIABLE, maxBody, 1, Integer.MAX_VALUE - 8));
      }
      String seconds = environment.get(TIMEOUT_VARIABLE);
      if (seconds != null && !seconds.isBlank()) {
        timeout(Duration.ofSeconds(parse(TIMEOUT_VARIABLE, seconds, 1, 86_400)));
      }
      return this;
    }

    private static int parse(String variable, String value, int min, int max) {
      try {
        int parsed = Integer.parseInt(value.trim());
        if (parsed >= min && parsed <= max) {
          return parsed;
        }
      } catch (NumberFormatException malformed) {
        // reported below
      }
      throw new IllegalArgumentException(
          variable
              + " must be a whole number from "
              + min
              + " to "
              + max
              + ", not '"
              + value
              + "'.");
    }

    /**
     * Sets the functions to serve (default: the build-time index of this class's class loader):
     * instances, named as {@link LocalInvoker#of} says.
     *
     * @param functions function instances
     * @return this builder
     * @throws IllegalArgumentException if one is not a function
     * @throws IllegalStateException if two have the same name
     */
    public Builder functions(Object... functions) {
      return registry(LocalInvoker.registryOf(functions));
    }

    /** Sets the functions to serve as a registry: the adapters' SPI, for this module's tests. */
    Builder registry(FunctionRegistry registry) {
      this.registry = Objects.requireNonNull(registry, "registry");
      return this;
    }

    /**
     * Serves only one function, at {@code /} and every path under it.
     *
     * @param nameOrClass the function's name or class
     * @return this builder
     */
    public Builder function(String nameOrClass) {
      this.function = Objects.requireNonNull(nameOrClass, "function");
      return this;
    }

    /**
     * Sets the listen address.
     *
     * @param host an address or host name; {@code 0.0.0.0} for all interfaces
     * @return this builder
     */
    public Builder host(String host) {
      this.host = Objects.requireNonNull(host, "host");
      return this;
    }

    /**
     * Sets the port.
     *
     * @param port the port; 0 for any free port
     * @return this builder
     */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 0 to 65535, was " + port);
      }
      this.port = port;
      return this;
    }

    /**
     * Sets the largest body accepted.
     *
     * @param bytes the limit
     * @return this builder
     */
    public Builder maxBodyBytes(long bytes) {
      if (bytes < 1 || bytes > Integer.MAX_VALUE - 8) {
        throw new IllegalArgumentException("maxBodyBytes must be 1 to 2^31-9, was " + bytes);
      }
      this.maxBodyBytes = bytes;
      return this;
    }

    /**
     * Sets how long a function may run before the caller gets a 504.
     *
     * @param timeout the timeout
     * @return this builder
     */
    public Builder timeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("timeout must be positive, was " + timeout);
      }
      this.timeout = timeout;
      return this;
    }

    /**
     * Sets where log lines go (default: standard output) and the lowest level written.
     *
     * @param output receives each JSON line
     * @param level the lowest level written
     * @return this builder
     */
    public Builder logTo(Consumer<String> output, FunctionLogger.Level level) {
      this.logOutput = Objects.requireNonNull(output, "output");
      this.logLevel = Objects.requireNonNull(level, "level");
      return this;
    }

    /**
     * Builds the decode, dispatch and encode path this builder configures, without the HTTP server:
     * the transport SPI of the container server ({@code adapter-container}). Applications do not
     * need it. The host and port settings do not apply; the caller closes the gateway.
     *
     * @return the gateway
     * @throws IllegalStateException if no function is found, or the selection matches none
     */
    public LocalGateway gateway() {
      return newGateway();
    }

    private Gateway newGateway() {
      FunctionRegistry functions =
          registry != null ? registry : FunctionRegistry.load(LocalServer.class.getClassLoader());
      LogWriter lines =
          logOutput == null
              ? LocalLogWriter.to(StandardOutput.STREAM)
              : LocalLogWriter.to(logOutput);
      return new Gateway(functions, true, function, maxBodyBytes, timeout, lines, logLevel);
    }

    /**
     * Starts the server.
     *
     * @return the running server
     * @throws IOException if the address cannot be bound
     * @throws IllegalStateException if no function is found, or the selection matches none
     */
    public LocalServer start() throws IOException {
      Gateway gateway = newGateway();
      HttpServer server;
      try {
        server = HttpServer.create(new InetSocketAddress(host, port), 128);
      } catch (IOException e) {
        gateway.close();
        throw new IOException("Cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
      }
      ExecutorService executor =
          Executors.newCachedThreadPool(
              task -> {
                Thread thread = new Thread(task, "portable-http");
                thread.setDaemon(true);
                return thread;
              });
      server.setExecutor(executor);
      LocalServer local = new LocalServer(gateway, server, executor);
      server.createContext("/", local::serve);
      server.start();
      return local;
    }
  }
}
