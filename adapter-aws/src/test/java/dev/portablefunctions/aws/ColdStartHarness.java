package dev.portablefunctions.aws;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portablefunctions.aws.testing.FakeLambdaRuntimeApi;
import dev.portablefunctions.aws.testing.FakeLambdaRuntimeApi.InvocationResult;
import dev.portablefunctions.aws.testing.LambdaRuntimeProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Cold start, measured: the wall-clock time from starting a Lambda runtime JVM (the real runtime
 * interface client) to receiving the first {@code /response}, for {@code echo-http} through {@link
 * LambdaHandler} and for {@link RawEchoHandler}, which echoes the same API Gateway HTTP API event
 * the same way without this library. Runs alternate between the two (and which goes first), and the
 * medians are printed. Not a test: its numbers depend on the machine.
 *
 * <p>The layout is a Lambda zip's by default ({@link LambdaZipLayout}: only the runtime interface
 * client on the JVM's class path, the rest in {@code lib/} of the task root, the working directory;
 * {@code -Dcoldstart.layout=flat} puts everything on the class path). The JVM flags are Lambda's
 * ({@link LambdaRuntimeProcess#DEFAULT_JVM_ARGS}: C1 only, serial GC) unless {@code
 * -Dcoldstart.jvm=default}, which leaves the JVM's own defaults.
 *
 * <p>Run from {@code adapter-aws} after {@code mvn verify} (or {@code mvn test-compile}):
 *
 * <pre>java -cp "target/test-classes:target/classes:$(cat target/lambda-child.classpath)" \
 *     dev.portablefunctions.aws.ColdStartHarness [runs, default 7]</pre>
 *
 * <p>With {@code -Dcoldstart.extra=<class path>} (say {@code portable-opentelemetry} and {@code
 * opentelemetry-api} with its two dependencies), a third variant runs {@code echo-http} with those
 * jars added to the function's class path. Each child logs its class loading ({@code
 * -Xlog:class+load}), and the median number of classes loaded per process is printed too. {@code
 * -Dcoldstart.extraEnv=NAME=value} sets a variable for that variant only (with an empty {@code
 * coldstart.extra}: the same class path, to measure a setting such as {@code
 * PORTABLE_OUTCOME_LOG=false}).
 */
public final class ColdStartHarness {

  private static final String RAW_HANDLER =
      "dev.portablefunctions.aws.RawEchoHandler::handleRequest";
  private static final int WARM_INVOKES = 50;

  private ColdStartHarness() {}

  /** One measured start. */
  private record Run(
      long firstResponseMillis,
      long warmMedianMicros,
      JsonNode body,
      long classes,
      long cpuMillis) {}

  public static void main(String[] args) {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 7;
    if (runs < 5) {
      throw new IllegalArgumentException("Take at least 5 runs for a median, not " + runs);
    }
    String event = Events.text("apigw-http-v2.json");
    List<Long> adapter = new ArrayList<>();
    List<Long> raw = new ArrayList<>();
    List<Long> adapterWarm = new ArrayList<>();
    List<Long> rawWarm = new ArrayList<>();
    String extra = System.getProperty("coldstart.extra");
    boolean zip = !"flat".equals(System.getProperty("coldstart.layout", "zip"));
    List<String> jvmArgs =
        "default".equals(System.getProperty("coldstart.jvm", "lambda"))
            ? List.of()
            : LambdaRuntimeProcess.DEFAULT_JVM_ARGS;
    java.nio.file.Path work;
    try {
      work = java.nio.file.Files.createTempDirectory("coldstart");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    Setup base =
        Setup.of(ServedFunction.childClasspath(), zip, jvmArgs, work.resolve("base"), false);
    Setup withExtra =
        extra == null
            ? null
            : Setup.of(
                extra.isEmpty()
                    ? ServedFunction.childClasspath()
                    : ServedFunction.childClasspath() + java.io.File.pathSeparator + extra,
                zip,
                jvmArgs,
                work.resolve("extra"),
                true);
    List<Long> extended = new ArrayList<>();
    List<Long> extendedWarm = new ArrayList<>();
    List<Long> adapterClasses = new ArrayList<>();
    List<Long> rawClasses = new ArrayList<>();
    List<Long> extendedClasses = new ArrayList<>();
    List<Long> adapterCpu = new ArrayList<>();
    List<Long> rawCpu = new ArrayList<>();
    List<Long> pairedWall = new ArrayList<>();
    List<Long> pairedCpu = new ArrayList<>();
    System.out.printf(
        "java %s, %d CPUs, JVM flags %s (-Dcoldstart.jvm=%s), layout: %s (-Dcoldstart.layout=%s)%n",
        System.getProperty("java.version"),
        Runtime.getRuntime().availableProcessors(),
        jvmArgs,
        jvmArgs.isEmpty() ? "default" : "lambda",
        zip
            ? "a Lambda zip's (the runtime client on the class path, the rest in the task root's"
                + " lib/)"
            : "flat (everything on the class path)",
        zip ? "zip" : "flat");
    for (int round = -1; round < runs; round++) { // round -1 warms the disk cache, not counted
      boolean adapterFirst = round % 2 == 0;
      Run a = null;
      Run r = null;
      Run e = null;
      if (extra != null && round % 3 == 1) {
        e = measure(ServedFunction.HANDLER, "echo-http", event, withExtra);
      }
      for (int turn = 0; turn < 2; turn++) {
        if ((turn == 0) == adapterFirst) {
          a = measure(ServedFunction.HANDLER, "echo-http", event, base);
        } else {
          r = measure(RAW_HANDLER, null, event, base);
        }
      }
      if (extra != null && e == null) {
        e = measure(ServedFunction.HANDLER, "echo-http", event, withExtra);
      }
      if (!a.body().equals(r.body())) {
        throw new IllegalStateException(
            "The two handlers answer differently:\n" + a.body() + "\n" + r.body());
      }
      if (round >= 0) {
        adapter.add(a.firstResponseMillis());
        raw.add(r.firstResponseMillis());
        adapterWarm.add(a.warmMedianMicros());
        rawWarm.add(r.warmMedianMicros());
        adapterClasses.add(a.classes());
        rawClasses.add(r.classes());
        adapterCpu.add(a.cpuMillis());
        rawCpu.add(r.cpuMillis());
        pairedWall.add(a.firstResponseMillis() - r.firstResponseMillis());
        pairedCpu.add(a.cpuMillis() - r.cpuMillis());
        System.out.printf(
            "round %d: LambdaHandler(echo-http) %d ms (CPU %d ms), RawEchoHandler %d ms (CPU %d"
                + " ms)%s%n",
            round + 1,
            a.firstResponseMillis(),
            a.cpuMillis(),
            r.firstResponseMillis(),
            r.cpuMillis(),
            e == null ? "" : ", with the extra jars " + e.firstResponseMillis() + " ms");
        if (e != null) {
          extended.add(e.firstResponseMillis());
          extendedWarm.add(e.warmMedianMicros());
          extendedClasses.add(e.classes());
        }
      }
    }
    System.out.printf("%nJVM start -> first /response, %d runs each, interleaved%n", runs);
    System.out.printf(
        "  LambdaHandler + echo-http : %s ms, median %d ms%n", adapter, median(adapter));
    System.out.printf("  raw RequestStreamHandler  : %s ms, median %d ms%n", raw, median(raw));
    System.out.printf("  difference of medians     : %d ms%n", median(adapter) - median(raw));
    System.out.printf("  paired difference, median : %+d ms wall%n", median(pairedWall));
    System.out.printf("process CPU (user+system) at the first /response%n");
    System.out.printf(
        "  LambdaHandler + echo-http : %s ms, median %d ms%n", adapterCpu, median(adapterCpu));
    System.out.printf(
        "  raw RequestStreamHandler  : %s ms, median %d ms%n", rawCpu, median(rawCpu));
    System.out.printf("  paired difference, median : %+d ms CPU%n", median(pairedCpu));
    if (extra != null) {
      System.out.printf(
          "  LambdaHandler + extra jars: %s ms, median %d ms (%+d ms vs without)%n",
          extended, median(extended), median(extended) - median(adapter));
    }
    System.out.printf("classes loaded per process (median)%n");
    System.out.printf("  LambdaHandler + echo-http : %d%n", median(adapterClasses));
    System.out.printf("  raw RequestStreamHandler  : %d%n", median(rawClasses));
    if (extra != null) {
      System.out.printf("  LambdaHandler + extra jars: %d%n", median(extendedClasses));
    }
    System.out.printf(
        "warm invoke round trip (median of %d per start, then median over starts)%n", WARM_INVOKES);
    System.out.printf("  LambdaHandler + echo-http : %d us%n", median(adapterWarm));
    System.out.printf("  raw RequestStreamHandler  : %d us%n", median(rawWarm));
    if (extra != null) {
      System.out.printf("  LambdaHandler + extra jars: %d us%n", median(extendedWarm));
    }
    LambdaRuntimeProcess.deleteRecursively(work);
  }

  /**
   * What a variant runs with: the JVM's class path, the working directory (a zip layout's task
   * root, or null for the harness's own), the JVM flags, and whether {@code coldstart.extraEnv}
   * applies.
   */
  private record Setup(
      String classpath, java.nio.file.Path taskRoot, List<String> jvmArgs, boolean extraEnv) {

    static Setup of(
        String classpath,
        boolean zip,
        List<String> jvmArgs,
        java.nio.file.Path work,
        boolean extraEnv) {
      if (!zip) {
        return new Setup(classpath, null, jvmArgs, extraEnv);
      }
      try {
        LambdaZipLayout layout =
            LambdaZipLayout.of(classpath, java.nio.file.Files.createDirectories(work));
        return new Setup(layout.classpath(), layout.taskRoot(), jvmArgs, extraEnv);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }

  @SuppressWarnings(
      "try") // the runtime is closed early, inside its try, before its class log is read
  private static Run measure(String handler, String portableFunction, String event, Setup setup) {
    java.nio.file.Path classLog;
    try {
      classLog = java.nio.file.Files.createTempFile("coldstart-classes", ".log");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    try (FakeLambdaRuntimeApi api = FakeLambdaRuntimeApi.start()) {
      LambdaRuntimeProcess.Builder builder =
          LambdaRuntimeProcess.builder()
              .classpath(setup.classpath())
              .handler(handler)
              .runtimeApi(api)
              .jvmArgs(setup.jvmArgs())
              .addJvmArg("-Xlog:class+load=info:file=" + classLog)
              .jniLibrary(ServedFunction.jniLibrary());
      if (setup.taskRoot() != null) {
        builder.workingDirectory(setup.taskRoot());
      }
      if (portableFunction != null) {
        builder.env("PORTABLE_FUNCTION", portableFunction);
      }
      String extraEnv = System.getProperty("coldstart.extraEnv");
      if (setup.extraEnv() && extraEnv != null && extraEnv.contains("=")) {
        builder.env(
            extraEnv.substring(0, extraEnv.indexOf('=')),
            extraEnv.substring(extraEnv.indexOf('=') + 1));
      }
      long start = System.nanoTime();
      try (LambdaRuntimeProcess runtime = builder.start()) {
        InvocationResult first =
            api.invoke(FakeLambdaRuntimeApi.Invocation.of(event), Duration.ofSeconds(60));
        long firstResponse = (System.nanoTime() - start) / 1_000_000;
        long cpu = cpuMillis(runtime.pid());
        if (!first.isSuccess()) {
          throw new IllegalStateException(handler + " failed: " + first + "\n" + runtime.output());
        }
        List<Long> warm = new ArrayList<>();
        for (int i = 0; i < WARM_INVOKES; i++) {
          long t = System.nanoTime();
          api.invoke(FakeLambdaRuntimeApi.Invocation.of(event), Duration.ofSeconds(30));
          warm.add((System.nanoTime() - t) / 1_000);
        }
        Run run = new Run(firstResponse, median(warm), ServedFunction.parse(first.body()), 0, cpu);
        runtime.close(); // now, so that the class log is complete; closing again is harmless
        long classes;
        try (java.util.stream.Stream<String> lines = java.nio.file.Files.lines(classLog)) {
          classes = lines.filter(line -> line.contains("source:")).count();
        }
        return new Run(
            run.firstResponseMillis(),
            run.warmMedianMicros(),
            run.body(),
            classes,
            run.cpuMillis());
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    } finally {
      try {
        java.nio.file.Files.deleteIfExists(classLog);
      } catch (java.io.IOException ignored) {
        // a temporary file
      }
    }
  }

  /**
   * The process's CPU time so far (user + system, all threads), as the JDK reads it (from {@code
   * /proc/<pid>/stat} on Linux), in milliseconds; -1 where it is not available.
   */
  static long cpuMillis(long pid) {
    return ProcessHandle.of(pid)
        .flatMap(process -> process.info().totalCpuDuration())
        .map(java.time.Duration::toMillis)
        .orElse(-1L);
  }

  static long median(List<Long> values) {
    List<Long> sorted = new ArrayList<>(values);
    sorted.sort(Long::compare);
    return sorted.get(sorted.size() / 2);
  }
}
