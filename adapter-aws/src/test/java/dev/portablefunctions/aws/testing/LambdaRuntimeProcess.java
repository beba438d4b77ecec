package dev.portablefunctions.aws.testing;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;

/**
 * Runs the AWS Lambda Java runtime interface client (RIC, {@code
 * com.amazonaws:aws-lambda-java-runtime-interface-client}) in a child JVM, the way the managed Java
 * runtime does: {@code java -cp <classpath>
 * com.amazonaws.services.lambda.runtime.api.client.AWSLambda <handler>} with {@code
 * AWS_LAMBDA_RUNTIME_API} pointing at a Runtime API, usually a {@link FakeLambdaRuntimeApi}.
 *
 * <p>The child's stdout and stderr are captured line by line for assertions on log output, and can
 * be echoed for debugging. {@link #close()} stops the child (SIGTERM, then SIGKILL) and removes the
 * temporary directories this class created. A JVM shutdown hook kills children that a test forgot
 * to close.
 *
 * <p>Gotchas handled here:
 *
 * <ul>
 *   <li>The RIC extracts its JNI library to the fixed path {@code /tmp/.libaws-lambda-jni.so}
 *       unless the system property {@value #JNI_PROPERTY} names an existing file. Children running
 *       at once would overwrite each other's library, so by default this class extracts a private
 *       copy and passes that property.
 *   <li>The RIC also loads user code from its working directory and {@code <working
 *       dir>/lib/*.jar}; by default the child runs in an empty temporary directory so nothing stray
 *       is picked up.
 *   <li>The child gets a clean environment (only {@code PATH} is inherited) plus Lambda-like
 *       defaults, so nothing from the developer's or CI's shell (for example {@code AWS_*}
 *       credentials) leaks in.
 * </ul>
 */
public final class LambdaRuntimeProcess implements AutoCloseable {

  public static final String RIC_MAIN_CLASS =
      "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";

  /** System property naming a pre-extracted JNI library for the RIC's native Runtime API client. */
  public static final String JNI_PROPERTY =
      "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";

  /**
   * JVM flags for a small, short-lived child (C1 only, serial GC). For a trivial handler they made
   * no measurable difference to start-up on a 2-core machine; they mainly keep the child's
   * footprint down.
   */
  public static final List<String> DEFAULT_JVM_ARGS =
      List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

  private static final int MAX_CAPTURED_LINES = 20_000;
  private static final Set<LambdaRuntimeProcess> LIVE = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> LIVE.forEach(p -> p.process.destroyForcibly()),
                "lambda-runtime-process-reaper"));
  }

  private final Process process;
  private final List<String> command;
  private final Map<String, String> environment;
  private final Path workingDirectory;
  private final List<Path> ownedTempDirs;
  private final Instant startedAt;
  private final Deque<Line> lines = new ArrayDeque<>();
  private final Thread stdoutPump;
  private final Thread stderrPump;
  private volatile boolean closed;

  private LambdaRuntimeProcess(
      Process process,
      List<String> command,
      Map<String, String> environment,
      Path workingDirectory,
      List<Path> ownedTempDirs,
      Instant startedAt,
      PrintStream echo) {
    this.process = process;
    this.command = List.copyOf(command);
    this.environment = Map.copyOf(environment);
    this.workingDirectory = workingDirectory;
    this.ownedTempDirs = ownedTempDirs;
    this.startedAt = startedAt;
    long pid = process.pid();
    this.stdoutPump =
        pump(process.getInputStream(), Channel.STDOUT, echo, "lambda-runtime-" + pid + "-stdout");
    this.stderrPump =
        pump(process.getErrorStream(), Channel.STDERR, echo, "lambda-runtime-" + pid + "-stderr");
    LIVE.add(this);
  }

  public static Builder builder() {
    return new Builder();
  }

  // ---------------------------------------------------------------- process state

  public boolean isAlive() {
    return process.isAlive();
  }

  public long pid() {
    return process.pid();
  }

  /** The exit code, if the child has exited. */
  public OptionalInt exitCode() {
    return process.isAlive() ? OptionalInt.empty() : OptionalInt.of(process.exitValue());
  }

  /** Waits at most {@code timeout} for the child to exit on its own. */
  public OptionalInt awaitExit(Duration timeout) {
    try {
      if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        joinPumps();
        return OptionalInt.of(process.exitValue());
      }
      return OptionalInt.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return OptionalInt.empty();
    }
  }

  public Instant startedAt() {
    return startedAt;
  }

  /** The full command line, for diagnostics. */
  public List<String> command() {
    return command;
  }

  /** The complete environment the child was started with. */
  public Map<String, String> environment() {
    return environment;
  }

  public Path workingDirectory() {
    return workingDirectory;
  }

  // ---------------------------------------------------------------- captured output

  /** Everything captured so far, stdout and stderr interleaved in arrival order, one line each. */
  public String output() {
    return join(l -> true);
  }

  public String stdout() {
    return join(l -> l.channel == Channel.STDOUT);
  }

  public String stderr() {
    return join(l -> l.channel == Channel.STDERR);
  }

  /** Captured lines (both streams) in arrival order. */
  public List<String> lines() {
    synchronized (lines) {
      return lines.stream().map(l -> l.text).collect(Collectors.toList());
    }
  }

  /**
   * Waits at most {@code timeout} for a captured line (either stream) matching {@code predicate}.
   */
  public Optional<String> awaitLine(Predicate<String> predicate, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (lines) {
      while (true) {
        for (Line l : lines) {
          if (predicate.test(l.text)) {
            return Optional.of(l.text);
          }
        }
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
          return Optional.empty();
        }
        try {
          lines.wait(left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return Optional.empty();
        }
      }
    }
  }

  /** Waits at most {@code timeout} for a captured line containing {@code text}. */
  public Optional<String> awaitLineContaining(String text, Duration timeout) {
    return awaitLine(l -> l.contains(text), timeout);
  }

  /** Forgets captured output, e.g. between invocations. */
  public void clearOutput() {
    synchronized (lines) {
      lines.clear();
    }
  }

  // ---------------------------------------------------------------- shutdown

  /**
   * Stops the child (SIGTERM, then SIGKILL after 5 s) and deletes the temporary directories it
   * owns.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (process.isAlive()) {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          process.waitFor(5, TimeUnit.SECONDS);
        }
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    } finally {
      LIVE.remove(this);
      joinPumps();
      ownedTempDirs.forEach(LambdaRuntimeProcess::deleteRecursively);
    }
  }

  @Override
  public String toString() {
    return "LambdaRuntimeProcess{pid=" + process.pid() + ", alive=" + process.isAlive() + "}";
  }

  // ---------------------------------------------------------------- JNI library

  /**
   * Extracts the RIC's JNI library for this platform from the RIC jar found on {@code classpath} to
   * {@code target} (written to a temporary file and moved into place, so concurrent callers never
   * see a partial file). Pass the result to {@link Builder#jniLibrary(Path)} to share one copy
   * among children.
   */
  public static Path extractJniLibrary(String classpath, Path target) {
    String entryName = "jni/" + jniLibraryName();
    for (String element : classpath.split(File.pathSeparator)) {
      if (element.isBlank()) {
        continue;
      }
      Path p = Path.of(element);
      try {
        if (Files.isDirectory(p)) {
          Path candidate = p.resolve(entryName);
          if (Files.isRegularFile(candidate)) {
            return copyAtomically(Files.newInputStream(candidate), target);
          }
        } else if (Files.isRegularFile(p) && p.toString().endsWith(".jar")) {
          try (JarFile jar = new JarFile(p.toFile())) {
            ZipEntry entry = jar.getEntry(entryName);
            if (entry != null) {
              return copyAtomically(jar.getInputStream(entry), target);
            }
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Could not extract " + entryName + " from " + p, e);
      }
    }
    throw new IllegalArgumentException(
        "No "
            + entryName
            + " on the classpath; is "
            + "com.amazonaws:aws-lambda-java-runtime-interface-client on it? Classpath: "
            + classpath);
  }

  /** The file name of the RIC's JNI library for this OS/CPU (glibc builds only). */
  public static String jniLibraryName() {
    String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
    if (!os.contains("linux")) {
      throw new UnsupportedOperationException(
          "The RIC ships JNI libraries for Linux only, not " + os);
    }
    String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
    switch (arch) {
      case "amd64":
      case "x86_64":
        return "libaws-lambda-jni.linux-x86_64.so";
      case "aarch64":
      case "arm64":
        return "libaws-lambda-jni.linux-aarch_64.so";
      default:
        throw new UnsupportedOperationException("No RIC JNI library for CPU " + arch);
    }
  }

  private static Path copyAtomically(InputStream in, Path target) throws IOException {
    try (in) {
      Path dir = target.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, ".jni-", ".tmp");
      try {
        Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(
            tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
      return target.toAbsolutePath();
    }
  }

  // ---------------------------------------------------------------- internals

  private enum Channel {
    STDOUT,
    STDERR
  }

  private static final class Line {
    final Channel channel;
    final String text;

    Line(Channel channel, String text) {
      this.channel = channel;
      this.text = text;
    }
  }

  private Thread pump(InputStream in, Channel stream, PrintStream echo, String name) {
    Thread t =
        new Thread(
            () -> {
              byte[] buffer = new byte[8192];
              ByteArrayOutputStream pending = new ByteArrayOutputStream();
              try (in) {
                int n;
                while ((n = in.read(buffer)) != -1) {
                  for (int i = 0; i < n; i++) {
                    byte b = buffer[i];
                    if (b == '\n') {
                      addLine(stream, pending, echo);
                    } else if (b != '\r') {
                      pending.write(b);
                    }
                  }
                }
              } catch (IOException ignored) {
                // Stream closed because the process ended.
              } finally {
                if (pending.size() > 0) {
                  addLine(stream, pending, echo);
                }
              }
            },
            name);
    t.setDaemon(true);
    t.start();
    return t;
  }

  private void addLine(Channel stream, ByteArrayOutputStream pending, PrintStream echo) {
    String text = pending.toString(StandardCharsets.UTF_8);
    pending.reset();
    if (echo != null) {
      echo.println(
          "[lambda-runtime "
              + process.pid()
              + " "
              + stream.name().toLowerCase(Locale.ROOT)
              + "] "
              + text);
    }
    synchronized (lines) {
      lines.addLast(new Line(stream, text));
      while (lines.size() > MAX_CAPTURED_LINES) {
        lines.removeFirst();
      }
      lines.notifyAll();
    }
  }

  private String join(Predicate<Line> filter) {
    synchronized (lines) {
      return lines.stream().filter(filter).map(l -> l.text).collect(Collectors.joining("\n"));
    }
  }

  private void joinPumps() {
    try {
      stdoutPump.join(2000);
      stderrPump.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Deletes a folder and what it holds, best effort (a temporary folder of a harness).
   *
   * @param root the folder
   */
  public static void deleteRecursively(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (java.util.stream.Stream<Path> walk = Files.walk(root)) {
      walk.sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.deleteIfExists(p);
                } catch (IOException ignored) {
                  // Best effort.
                }
              });
    } catch (IOException ignored) {
      // Best effort.
    }
  }

  // ---------------------------------------------------------------- builder

  /** Configures and starts a child. Only {@link #classpath} and {@link #handler} are required. */
  public static final class Builder {
    private String classpath;
    private String handler;
    private String runtimeApiAddress;
    private FakeLambdaRuntimeApi runtimeApi;
    private final Map<String, String> env = new LinkedHashMap<>();
    private final List<String> jvmArgs = new ArrayList<>(DEFAULT_JVM_ARGS);
    private Path jniLibrary;
    private Path workingDirectory;
    private Path javaExecutable = Path.of(System.getProperty("java.home"), "bin", "java");
    private boolean inheritEnvironment;
    private boolean lambdaDefaults = true;
    private PrintStream echo;

    private Builder() {}

    /** Classpath of the child: the RIC and its dependencies, plus the function's classes. */
    public Builder classpath(String classpath) {
      this.classpath = Objects.requireNonNull(classpath);
      return this;
    }

    public Builder classpath(List<Path> entries) {
      return classpath(
          entries.stream()
              .map(p -> p.toAbsolutePath().toString())
              .collect(Collectors.joining(File.pathSeparator)));
    }

    /**
     * The handler string, e.g. {@code example.Handler} or {@code example.Handler::handleRequest}.
     */
    public Builder handler(String handler) {
      this.handler = Objects.requireNonNull(handler);
      return this;
    }

    /**
     * Points the child at {@code api} and makes the API fail pending invocations as soon as the
     * child exits, so a crash surfaces immediately instead of as a timeout.
     */
    public Builder runtimeApi(FakeLambdaRuntimeApi api) {
      this.runtimeApi = Objects.requireNonNull(api);
      this.runtimeApiAddress = api.address();
      return this;
    }

    /** Points the child at any Runtime API, as {@code host:port}. */
    public Builder runtimeApiAddress(String hostAndPort) {
      this.runtimeApiAddress = Objects.requireNonNull(hostAndPort);
      return this;
    }

    /** Adds or overrides one environment variable (overrides the defaults). */
    public Builder env(String name, String value) {
      env.put(Objects.requireNonNull(name), Objects.requireNonNull(value));
      return this;
    }

    public Builder env(Map<String, String> variables) {
      variables.forEach(this::env);
      return this;
    }

    /**
     * A JNI library already extracted (see {@link #extractJniLibrary}); default: a private copy per
     * child.
     */
    public Builder jniLibrary(Path path) {
      this.jniLibrary = Objects.requireNonNull(path);
      return this;
    }

    /**
     * The child's working directory, which the RIC also searches for classes and {@code lib/*.jar}.
     */
    public Builder workingDirectory(Path dir) {
      this.workingDirectory = Objects.requireNonNull(dir);
      return this;
    }

    public Builder javaExecutable(Path java) {
      this.javaExecutable = Objects.requireNonNull(java);
      return this;
    }

    /** Replaces the JVM flags (default {@link #DEFAULT_JVM_ARGS}). */
    public Builder jvmArgs(List<String> args) {
      jvmArgs.clear();
      jvmArgs.addAll(args);
      return this;
    }

    public Builder addJvmArg(String arg) {
      jvmArgs.add(Objects.requireNonNull(arg));
      return this;
    }

    /** Starts from this JVM's environment instead of a clean one (default: clean). */
    public Builder inheritEnvironment(boolean inherit) {
      this.inheritEnvironment = inherit;
      return this;
    }

    /**
     * Whether to set the Lambda-like default variables ({@code AWS_LAMBDA_FUNCTION_NAME}, {@code
     * _HANDLER}, {@code AWS_REGION}, ...; default {@code true}). {@code AWS_LAMBDA_RUNTIME_API} is
     * always set.
     */
    public Builder lambdaDefaults(boolean enabled) {
      this.lambdaDefaults = enabled;
      return this;
    }

    /** Also copies every captured line to {@code out} (e.g. {@code System.out}) with a prefix. */
    public Builder echoOutputTo(PrintStream out) {
      this.echo = out;
      return this;
    }

    public LambdaRuntimeProcess start() {
      Objects.requireNonNull(classpath, "classpath");
      Objects.requireNonNull(handler, "handler");
      Objects.requireNonNull(runtimeApiAddress, "runtimeApi or runtimeApiAddress");
      List<Path> owned = new ArrayList<>();
      try {
        Path workDir = workingDirectory;
        if (workDir == null) {
          workDir = Files.createTempDirectory("lambda-task-root-");
          owned.add(workDir);
        }
        Path jni = jniLibrary;
        if (jni == null) {
          Path jniDir = Files.createTempDirectory("lambda-ric-jni-");
          owned.add(jniDir);
          jni = extractJniLibrary(classpath, jniDir.resolve(jniLibraryName()));
        } else if (!Files.isRegularFile(jni)) {
          throw new IllegalArgumentException(
              "JNI library does not exist: "
                  + jni
                  + " (the RIC loads it as given and does not extract it there)");
        }

        List<String> cmd = new ArrayList<>();
        cmd.add(javaExecutable.toString());
        cmd.addAll(jvmArgs);
        cmd.add("-D" + JNI_PROPERTY + "=" + jni.toAbsolutePath());
        cmd.add("-cp");
        cmd.add(classpath);
        cmd.add(RIC_MAIN_CLASS);
        cmd.add(handler);

        ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile());
        Map<String, String> childEnv = pb.environment();
        if (!inheritEnvironment) {
          String path = childEnv.get("PATH");
          childEnv.clear();
          if (path != null) {
            childEnv.put("PATH", path);
          }
        }
        if (lambdaDefaults) {
          childEnv.putAll(defaultEnvironment(workDir));
        }
        childEnv.putAll(env);
        childEnv.put("AWS_LAMBDA_RUNTIME_API", runtimeApiAddress);

        long generation = runtimeApi != null ? runtimeApi.runtimeStarting() : 0;
        Instant startedAt = Instant.now();
        Process process = pb.start();
        LambdaRuntimeProcess child =
            new LambdaRuntimeProcess(
                process, cmd, new LinkedHashMap<>(childEnv), workDir, owned, startedAt, echo);
        if (runtimeApi != null) {
          FakeLambdaRuntimeApi api = runtimeApi;
          process
              .onExit()
              .thenRun(
                  () -> {
                    child.joinPumps();
                    api.runtimeGone(
                        generation,
                        "The Lambda runtime process "
                            + process.pid()
                            + " exited with code "
                            + process.exitValue()
                            + ". Last output:\n"
                            + tail(child.output(), 40));
                  });
        }
        return child;
      } catch (IOException e) {
        owned.forEach(LambdaRuntimeProcess::deleteRecursively);
        throw new UncheckedIOException("Could not start the Lambda runtime process", e);
      } catch (RuntimeException e) {
        owned.forEach(LambdaRuntimeProcess::deleteRecursively);
        throw e;
      }
    }

    private Map<String, String> defaultEnvironment(Path workDir) {
      String functionName = env.getOrDefault("AWS_LAMBDA_FUNCTION_NAME", "test-function");
      Map<String, String> d = new LinkedHashMap<>();
      d.put("_HANDLER", handler);
      d.put("AWS_LAMBDA_FUNCTION_NAME", functionName);
      d.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
      d.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "512");
      d.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + functionName);
      d.put("AWS_LAMBDA_LOG_STREAM_NAME", "2024/01/01/[$LATEST]00000000000000000000000000000000");
      d.put("AWS_REGION", "us-east-1");
      d.put("AWS_DEFAULT_REGION", "us-east-1");
      d.put("AWS_EXECUTION_ENV", "AWS_Lambda_java17");
      d.put("LAMBDA_TASK_ROOT", workDir.toAbsolutePath().toString());
      d.put("TZ", ":UTC");
      d.put("LANG", "en_US.UTF-8");
      return d;
    }

    private static String tail(String text, int maxLines) {
      String[] all = text.split("\n", -1);
      int from = Math.max(0, all.length - maxLines);
      return String.join("\n", java.util.Arrays.asList(all).subList(from, all.length));
    }
  }
}
