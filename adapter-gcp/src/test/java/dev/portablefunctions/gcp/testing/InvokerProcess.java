package dev.portablefunctions.gcp.testing;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Runs the Google Cloud Functions Java invoker ({@code java-function-invoker-<v>.jar}, the shaded
 * main jar) as a child JVM, for black-box tests of functions exactly as the Functions Framework
 * serves them.
 *
 * <p>Typical JUnit 5 use:
 *
 * <pre>{@code
 * try (InvokerProcess invoker = InvokerProcess.builder(InvokerProcess.invokerJarFromSystemProperty())
 *         .classpath(Path.of("target/classes"))
 *         .classpath("target/dependency/*") // invoker-expanded wildcard: use the String overload
 *         .target("com.example.MyFunction")
 *         .env("PORTABLE_FUNCTION", "echo")
 *         .start()) {
 *   HttpResponse<String> r = HttpClient.newHttpClient().send(
 *       HttpRequest.newBuilder(invoker.uri("/hello?x=1")).build(), BodyHandlers.ofString());
 *   assertThat(r.statusCode()).isEqualTo(200);
 *   assertThat(invoker.awaitOutput(s -> s.contains("handled"), Duration.ofSeconds(5))).isTrue();
 * }
 * }</pre>
 *
 * <p>Behaviour worth knowing (java-function-invoker 1.4.3, as observed running it here):
 *
 * <ul>
 *   <li>The invoker always binds {@code 0.0.0.0}; there is no host option. This class picks a free
 *       port by probing the loopback interface and talks to it over {@code 127.0.0.1}.
 *   <li>The function class is loaded and instantiated before Jetty opens its connector, so "the
 *       connector is open" means "ready to serve". Readiness is taken from Jetty's own {@code
 *       Started ServerConnector ...{0.0.0.0:PORT}} log line (stderr), with a {@code GET
 *       /robots.txt} probe as fallback (the invoker answers it with 404 without calling the
 *       function). A plain TCP connect is not used: another process already listening on the port
 *       would fool it. A class that cannot be loaded, or whose constructor throws, makes the child
 *       print {@code Exception in thread "main"} with the stack trace and exit with code 1 without
 *       opening its port; {@link #start()} then throws a {@link StartFailedException} with the exit
 *       code and the captured output. A port that is taken does <em>not</em> make it exit (Jetty's
 *       non-daemon threads keep the JVM alive after {@code main} dies with "Failed to bind"), so
 *       {@link #start()} also watches the output for {@code Exception in thread "main"}, kills a
 *       child that does not exit by itself, and fails fast with the captured output.
 *   <li>Without {@code K_SERVICE} the invoker logs through java.util.logging's console handler to
 *       <em>stderr</em> (two-line SimpleFormatter records); Jetty logs to stderr too. With {@code
 *       K_SERVICE} set it switches to one-line JSON on <em>stdout</em>. {@code System.out/err} of
 *       the function go where they are written.
 * </ul>
 *
 * <p>Depends only on the JDK, so it can be used from any test framework. It is {@link
 * AutoCloseable}: use try-with-resources or close it in {@code @AfterEach}/{@code @AfterAll}.
 */
public final class InvokerProcess implements AutoCloseable {

  /** System property that tests can use to pass the invoker jar location from the build. */
  public static final String INVOKER_JAR_PROPERTY = "gcf.invoker.jar";

  /**
   * Environment variables that change how the invoker behaves. They are removed from the inherited
   * environment unless set explicitly through {@link Builder#env(String, String)}, so that a
   * developer's or CI's shell cannot silently change what a test observes.
   */
  public static final Set<String> SANITIZED_ENV =
      Set.of(
          "PORT",
          "K_SERVICE",
          "K_REVISION",
          "K_CONFIGURATION",
          "FUNCTION_TARGET",
          "FUNCTION_SIGNATURE_TYPE",
          "FUNCTION_CLASSPATH",
          "CLOUD_RUN_TIMEOUT_SECONDS",
          "LOG_EXECUTION_ID",
          "JAVA_TOOL_OPTIONS",
          "JDK_JAVA_OPTIONS");

  private static final Duration DEFAULT_STARTUP_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration STOP_GRACE = Duration.ofSeconds(5);
  private static final int MAX_BIND_ATTEMPTS = 3;
  private static final String MAIN_THREAD_DIED = "Exception in thread \"main\"";

  /** Children still running; destroyed by a shutdown hook if the test JVM exits without close(). */
  private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  for (Process p : LIVE) {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly();
                  }
                },
                "invoker-process-reaper"));
  }

  private final Process process;
  private final int port;
  private final List<String> command;
  private final OutputCapture capture;
  private final Duration startupTime;

  private InvokerProcess(
      Process process,
      int port,
      List<String> command,
      OutputCapture capture,
      Duration startupTime) {
    this.process = process;
    this.port = port;
    this.command = command;
    this.capture = capture;
    this.startupTime = startupTime;
  }

  /** Starts building an invoker child process for the given invoker jar. */
  public static Builder builder(Path invokerJar) {
    return new Builder(invokerJar);
  }

  /**
   * Reads the invoker jar location from the {@value #INVOKER_JAR_PROPERTY} system property (set it
   * from the build, e.g. Surefire {@code systemPropertyVariables}).
   */
  public static Path invokerJarFromSystemProperty() {
    String value = System.getProperty(INVOKER_JAR_PROPERTY);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(
          "System property "
              + INVOKER_JAR_PROPERTY
              + " is not set; point it at the"
              + " java-function-invoker main jar (the shaded one, no classifier)");
    }
    Path jar = Path.of(value);
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(INVOKER_JAR_PROPERTY + "=" + value + " is not a file");
    }
    return jar;
  }

  /** Finds a port that is currently free on the loopback interface. */
  public static int freeLoopbackPort() {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(false);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot find a free loopback port", e);
    }
  }

  /** The port the invoker listens on. */
  public int port() {
    return port;
  }

  /** {@code http://127.0.0.1:<port>/}. */
  public URI baseUri() {
    return URI.create("http://127.0.0.1:" + port + "/");
  }

  /**
   * Resolves a raw path-and-query (for example {@code "/a/b?x=1&x=2"}) against {@link #baseUri()}.
   * The string is used as is, so it must already be percent-encoded.
   */
  public URI uri(String pathAndQuery) {
    String p = pathAndQuery.startsWith("/") ? pathAndQuery : "/" + pathAndQuery;
    return URI.create("http://127.0.0.1:" + port + p);
  }

  /** Wall time from spawning the JVM until the invoker was ready to serve. */
  public Duration startupTime() {
    return startupTime;
  }

  /** The command line used to start the child JVM. */
  public List<String> command() {
    return command;
  }

  /** The child's process id. */
  public long pid() {
    return process.pid();
  }

  /** Whether the child JVM is still running. */
  public boolean isAlive() {
    return process.isAlive();
  }

  /** Everything written to stdout so far. */
  public String stdout() {
    return capture.stdout();
  }

  /** Everything written to stderr so far. */
  public String stderr() {
    return capture.stderr();
  }

  /**
   * Stdout and stderr so far, interleaved line by line in arrival order (the order between the two
   * streams is approximate: each is read by its own thread).
   */
  public String output() {
    return capture.combined();
  }

  /** Discards everything captured so far, e.g. the start-up banner, before a log assertion. */
  public void clearOutput() {
    capture.clear();
  }

  /**
   * Waits until the combined output satisfies {@code condition}, or the timeout passes. Logging is
   * asynchronous relative to the HTTP response, so assert on logs through this method rather than
   * by reading {@link #output()} once.
   *
   * @return whether the condition became true in time
   */
  public boolean awaitOutput(Predicate<String> condition, Duration timeout) {
    return capture.await(condition, timeout);
  }

  /** Convenience for {@code awaitOutput(s -> s.contains(text), timeout)}. */
  public boolean awaitOutputContaining(String text, Duration timeout) {
    return awaitOutput(s -> s.contains(text), timeout);
  }

  /**
   * Stops the child JVM: a normal termination request first, then a forced kill after a grace
   * period. Also stops any processes the child started. Safe to call more than once.
   */
  @Override
  public void close() {
    stop(process);
    LIVE.remove(process);
    capture.awaitDrained(Duration.ofSeconds(2));
  }

  @Override
  public String toString() {
    return "InvokerProcess{pid=" + process.pid() + ", port=" + port + ", alive=" + isAlive() + "}";
  }

  private static void stop(Process process) {
    try {
      stopTree(process);
    } finally {
      LIVE.remove(process);
    }
  }

  private static void stopTree(Process process) {
    List<ProcessHandle> descendants = new ArrayList<>();
    process.descendants().forEach(descendants::add);
    process.destroy();
    try {
      if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    for (ProcessHandle child : descendants) {
      if (child.isAlive()) {
        child.destroyForcibly();
      }
    }
  }

  /** Configures and starts an {@link InvokerProcess}. */
  public static final class Builder {
    private final Path invokerJar;
    private final List<Path> classpath = new ArrayList<>();
    private final List<String> rawClasspath = new ArrayList<>();
    private final Map<String, String> env = new LinkedHashMap<>();
    private final List<String> jvmArgs = new ArrayList<>();
    private final List<String> extraInvokerArgs = new ArrayList<>();
    private String target;
    private Integer port;
    private Path javaExecutable =
        Path.of(System.getProperty("java.home"), "bin", isWindows() ? "java.exe" : "java");
    private Duration startupTimeout = DEFAULT_STARTUP_TIMEOUT;
    private boolean inheritEnvironment = true;
    private boolean echo = Boolean.getBoolean("gcf.invoker.echo");
    private Path workingDirectory;

    private Builder(Path invokerJar) {
      this.invokerJar = Objects.requireNonNull(invokerJar, "invokerJar");
    }

    /**
     * Adds function classpath entries: class directories or jars (made absolute). For the invoker's
     * own {@code dir/*} wildcard (every jar in {@code dir}) use {@link #classpath(String)}, since
     * {@code *} is not a valid path character on every platform.
     */
    public Builder classpath(Path... entries) {
      for (Path entry : entries) {
        classpath.add(Objects.requireNonNull(entry));
      }
      return this;
    }

    /** Adds function classpath entries. */
    public Builder classpath(List<Path> entries) {
      entries.forEach(this::classpath);
      return this;
    }

    /**
     * Adds an already-joined classpath string, used as is: entries separated by {@link
     * File#pathSeparator}, e.g. the output of {@code dependency:build-classpath}, or {@code
     * "target/dependency/*"}. Relative entries resolve against the child's working directory.
     */
    public Builder classpath(String pathSeparatedEntries) {
      if (pathSeparatedEntries != null && !pathSeparatedEntries.isBlank()) {
        rawClasspath.add(pathSeparatedEntries);
      }
      return this;
    }

    /**
     * The function class: a class implementing {@code HttpFunction}, {@code CloudEventsFunction},
     * {@code BackgroundFunction}, {@code RawBackgroundFunction} or {@code TypedFunction}.
     */
    public Builder target(String functionClassName) {
      this.target = Objects.requireNonNull(functionClassName);
      return this;
    }

    /** Sets an environment variable for the child (overrides inherited values). */
    public Builder env(String name, String value) {
      env.put(Objects.requireNonNull(name), Objects.requireNonNull(value));
      return this;
    }

    /** Sets environment variables for the child (overrides inherited values). */
    public Builder env(Map<String, String> variables) {
      variables.forEach(this::env);
      return this;
    }

    /**
     * Whether the child starts from this JVM's environment (default) or from an empty one. In both
     * cases the variables in {@link #SANITIZED_ENV} are only present if set through {@link
     * #env(String, String)}.
     */
    public Builder inheritEnvironment(boolean inherit) {
      this.inheritEnvironment = inherit;
      return this;
    }

    /** Uses a fixed port instead of a free one (then no retry on bind failure). */
    public Builder port(int fixedPort) {
      this.port = fixedPort;
      return this;
    }

    /** Extra JVM options for the child, e.g. {@code -Xmx256m} or a debug agent. */
    public Builder jvmArgs(String... args) {
      jvmArgs.addAll(List.of(args));
      return this;
    }

    /** Extra invoker arguments appended after {@code --target/--port/--classpath}. */
    public Builder invokerArgs(String... args) {
      extraInvokerArgs.addAll(List.of(args));
      return this;
    }

    /** The {@code java} binary for the child; defaults to the one running the tests. */
    public Builder javaExecutable(Path java) {
      this.javaExecutable = Objects.requireNonNull(java);
      return this;
    }

    /** How long to wait for the invoker to become ready (default 30 s). */
    public Builder startupTimeout(Duration timeout) {
      this.startupTimeout = Objects.requireNonNull(timeout);
      return this;
    }

    /**
     * Also copy the child's output to this JVM's stdout/stderr as it arrives (default: the {@code
     * gcf.invoker.echo} system property).
     */
    public Builder echo(boolean echoOutput) {
      this.echo = echoOutput;
      return this;
    }

    /**
     * Working directory of the child. Note that the invoker looks for {@code function/function.jar}
     * relative to it when no classpath is given.
     */
    public Builder workingDirectory(Path directory) {
      this.workingDirectory = directory;
      return this;
    }

    /**
     * Starts the child JVM and waits until the invoker is ready to serve (see class comment).
     *
     * @throws StartFailedException if the child exits or does not open its port within the startup
     *     timeout; the message contains the captured output
     */
    public InvokerProcess start() {
      if (target == null) {
        throw new IllegalStateException("target(...) is required");
      }
      if (!Files.isRegularFile(invokerJar)) {
        throw new IllegalStateException("invoker jar not found: " + invokerJar);
      }
      StartFailedException last = null;
      int attempts = port == null ? MAX_BIND_ATTEMPTS : 1;
      for (int attempt = 1; attempt <= attempts; attempt++) {
        int chosen = port != null ? port : freeLoopbackPort();
        try {
          return startOnce(chosen);
        } catch (PortTakenException e) {
          last = e; // lost a race for the port between probing and binding: try another one
        }
      }
      throw last;
    }

    private InvokerProcess startOnce(int chosenPort) {
      List<String> cmd = new ArrayList<>();
      cmd.add(javaExecutable.toString());
      cmd.addAll(jvmArgs);
      cmd.add("-jar");
      cmd.add(invokerJar.toAbsolutePath().toString());
      String cp = joinedClasspath();
      if (!cp.isEmpty()) {
        cmd.add("--classpath");
        cmd.add(cp);
      }
      cmd.add("--target");
      cmd.add(target);
      cmd.add("--port");
      cmd.add(Integer.toString(chosenPort));
      cmd.addAll(extraInvokerArgs);

      ProcessBuilder pb = new ProcessBuilder(cmd);
      Map<String, String> childEnv = pb.environment();
      if (!inheritEnvironment) {
        childEnv.clear();
      }
      SANITIZED_ENV.forEach(childEnv::remove);
      childEnv.putAll(env);
      if (workingDirectory != null) {
        pb.directory(workingDirectory.toFile());
      }

      long t0 = System.nanoTime();
      Process process;
      try {
        process = pb.start();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start " + cmd, e);
      }
      LIVE.add(process);
      try {
        process.getOutputStream().close(); // the invoker never reads stdin
      } catch (IOException ignored) {
        // nothing to do
      }
      OutputCapture capture = new OutputCapture(process, echo);

      long deadline = t0 + startupTimeout.toNanos();
      while (true) {
        if (!process.isAlive()) {
          capture.awaitDrained(Duration.ofSeconds(2));
          String out = capture.combined();
          int exitCode = process.exitValue();
          LIVE.remove(process);
          String message =
              "invoker exited with code "
                  + exitCode
                  + " before opening port "
                  + chosenPort
                  + "\ncommand: "
                  + cmd
                  + "\n--- output ---\n"
                  + out;
          if (out.contains("Address already in use") || out.contains("BindException")) {
            throw new PortTakenException(message, chosenPort, out, exitCode);
          }
          throw new StartFailedException(message, chosenPort, out, exitCode);
        }
        if (capture.combined().contains(MAIN_THREAD_DIED)) {
          sleep(300); // let the rest of the stack trace arrive
          String out = capture.combined();
          boolean bindFailed =
              out.contains("Address already in use") || out.contains("Failed to bind");
          if (!bindFailed && exitsWithin(process, Duration.ofSeconds(2))) {
            continue; // e.g. the function class's constructor threw: the JVM exits, reported above
          }
          // e.g. the port is taken: Jetty's non-daemon pool threads keep the JVM alive, so the
          // child would otherwise sit there without a connector until the startup timeout.
          stop(process);
          capture.awaitDrained(Duration.ofSeconds(2));
          out = capture.combined();
          String message =
              "invoker main thread failed before opening port "
                  + chosenPort
                  + "\ncommand: "
                  + cmd
                  + "\n--- output ---\n"
                  + out;
          if (bindFailed) {
            throw new PortTakenException(message, chosenPort, out, null);
          }
          throw new StartFailedException(message, chosenPort, out, null);
        }
        if (ready(chosenPort, capture)) {
          Duration startup = Duration.ofNanos(System.nanoTime() - t0);
          return new InvokerProcess(process, chosenPort, List.copyOf(cmd), capture, startup);
        }
        if (System.nanoTime() > deadline) {
          stop(process);
          capture.awaitDrained(Duration.ofSeconds(2));
          throw new StartFailedException(
              "invoker did not become ready on port "
                  + chosenPort
                  + " within "
                  + startupTimeout
                  + "\ncommand: "
                  + cmd
                  + "\n--- output ---\n"
                  + capture.combined(),
              chosenPort,
              capture.combined(),
              null);
        }
        sleep(25);
      }
    }

    private static boolean exitsWithin(Process process, Duration timeout) {
      try {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }

    private String joinedClasspath() {
      List<String> parts = new ArrayList<>();
      for (Path p : classpath) {
        parts.add(p.toAbsolutePath().toString());
      }
      parts.addAll(rawClasspath);
      return String.join(File.pathSeparator, parts);
    }

    /**
     * Ready when the child's Jetty reports the connector open on our port, or, failing that, when
     * {@code GET /robots.txt} is answered by Jetty. Both avoid being fooled by some other process
     * already listening on the port (a bare TCP connect would be), and neither reaches the
     * function: the invoker answers {@code /robots.txt} and {@code /favicon.ico} with 404 itself.
     */
    private static boolean ready(int port, OutputCapture capture) {
      String out = capture.combined();
      if (out.contains("Started ServerConnector") && out.contains(":" + port + "}")) {
        return true;
      }
      return jettyAnswers(port);
    }

    private static boolean jettyAnswers(int port) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
        s.setSoTimeout(1000);
        s.getOutputStream()
            .write(
                ("GET /robots.txt HTTP/1.1\r\nHost: 127.0.0.1:"
                        + port
                        + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        byte[] head = s.getInputStream().readNBytes(512);
        String response = new String(head, StandardCharsets.ISO_8859_1);
        return response.startsWith("HTTP/1.1 404") && response.contains("Server: Jetty");
      } catch (IOException e) {
        return false;
      }
    }

    private static boolean isWindows() {
      return System.getProperty("os.name", "").toLowerCase().startsWith("windows");
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /**
   * Thrown by {@link Builder#start()} when the invoker never became ready: it exited, its main
   * thread died, or it did not open its port in time. The message holds the command and the
   * captured output.
   */
  public static class StartFailedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    private final int port;
    private final String output;
    private final Integer exitCode;

    StartFailedException(String message, int port, String output, Integer exitCode) {
      super(message);
      this.port = port;
      this.output = output;
      this.exitCode = exitCode;
    }

    /** The port the invoker was told to listen on. */
    public int port() {
      return port;
    }

    /** Stdout and stderr, interleaved, up to the failure. */
    public String output() {
      return output;
    }

    /** The child's exit code if it exited by itself; empty if it had to be stopped. */
    public OptionalInt exitCode() {
      return exitCode == null ? OptionalInt.empty() : OptionalInt.of(exitCode);
    }
  }

  private static final class PortTakenException extends StartFailedException {
    private static final long serialVersionUID = 1L;

    PortTakenException(String message, int port, String output, Integer exitCode) {
      super(message, port, output, exitCode);
    }
  }

  /** Drains stdout and stderr on two daemon threads into in-memory buffers. */
  private static final class OutputCapture {
    private final Object lock = new Object();
    private final StringBuilder stdout = new StringBuilder();
    private final StringBuilder stderr = new StringBuilder();
    private final StringBuilder combined = new StringBuilder();
    private final Thread outThread;
    private final Thread errThread;

    OutputCapture(Process process, boolean echo) {
      outThread =
          pump(process.getInputStream(), stdout, echo ? System.out : null, "stdout", process);
      errThread =
          pump(process.getErrorStream(), stderr, echo ? System.err : null, "stderr", process);
    }

    private Thread pump(
        InputStream in, StringBuilder target, java.io.PrintStream echo, String name, Process p) {
      Thread t =
          new Thread(
              () -> {
                try (BufferedReader r =
                    new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                  String line;
                  while ((line = r.readLine()) != null) {
                    synchronized (lock) {
                      target.append(line).append('\n');
                      combined.append(line).append('\n');
                      lock.notifyAll();
                    }
                    if (echo != null) {
                      echo.println("[invoker " + p.pid() + " " + name + "] " + line);
                    }
                  }
                } catch (IOException ignored) {
                  // stream closed because the process ended
                } finally {
                  synchronized (lock) {
                    lock.notifyAll();
                  }
                }
              },
              "invoker-" + p.pid() + "-" + name);
      t.setDaemon(true);
      t.start();
      return t;
    }

    String stdout() {
      synchronized (lock) {
        return stdout.toString();
      }
    }

    String stderr() {
      synchronized (lock) {
        return stderr.toString();
      }
    }

    String combined() {
      synchronized (lock) {
        return combined.toString();
      }
    }

    void clear() {
      synchronized (lock) {
        stdout.setLength(0);
        stderr.setLength(0);
        combined.setLength(0);
      }
    }

    boolean await(Predicate<String> condition, Duration timeout) {
      long deadline = System.nanoTime() + timeout.toNanos();
      synchronized (lock) {
        while (true) {
          if (condition.test(combined.toString())) {
            return true;
          }
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            return false;
          }
          try {
            TimeUnit.NANOSECONDS.timedWait(
                lock, Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)));
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
          }
        }
      }
    }

    void awaitDrained(Duration timeout) {
      try {
        outThread.join(timeout.toMillis());
        errThread.join(timeout.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
