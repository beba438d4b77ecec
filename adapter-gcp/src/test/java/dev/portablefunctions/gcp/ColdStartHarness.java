package dev.portablefunctions.gcp;

import dev.portablefunctions.gcp.fixtures.RawEchoHttp;
import dev.portablefunctions.gcp.testing.GcpInvokers;
import dev.portablefunctions.gcp.testing.InvokerProcess;
import java.io.File;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Measures the invoker's cold start, from spawning its JVM to the first 200 answer, for {@code
 * echo-http} through {@link GcpHttpFunction} next to a raw Functions Framework {@code HttpFunction}
 * ({@link RawEchoHttp}) that answers the same request with the same JSON. Runs alternate between
 * the two, the first of each pair rotating (after one discarded warm-up each), so that drift on the
 * machine affects both alike; the medians of wall time and of process CPU time (user + system, at
 * the first answer) are printed, with the paired differences. Not a test: a number to read, on the
 * machine at hand.
 *
 * <p>Run it after {@code mvn -f adapter-gcp/pom.xml verify} (which fetches the invoker and lists
 * the runtime dependencies under {@code target/invoker}):
 *
 * <pre>{@code
 * mvn -q -f adapter-gcp/pom.xml test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.portablefunctions.gcp.ColdStartHarness -Dexec.args=9
 * }</pre>
 *
 * <p>The first request is sent as soon as the process is spawned and retried every 2 ms while the
 * port is closed, so the figure is spawn to first response, with no readiness probe in between.
 */
public final class ColdStartHarness {

  private record Target(
      String label, String entry, List<Path> classpath, Map<String, String> env) {}

  private ColdStartHarness() {}

  /**
   * Runs the measurement.
   *
   * @param args the number of measured runs per target (default 9, at least 5)
   * @throws Exception if a run fails
   */
  public static void main(String[] args) throws Exception {
    int runs = Math.max(5, args.length > 0 ? Integer.parseInt(args[0]) : 9);
    List<Path> raw = new ArrayList<>();
    raw.add(GcpInvokers.testClasses());
    raw.addAll(GcpInvokers.runtimeDependencies());
    Target adapter =
        new Target(
            "echo-http via GcpHttpFunction",
            GcpInvokers.HTTP,
            GcpInvokers.echoClasspath(),
            Map.of("PORTABLE_FUNCTION", "echo-http"));
    Target baseline =
        new Target("raw HttpFunction (RawEchoHttp)", RawEchoHttp.class.getName(), raw, Map.of());

    System.out.println("invoker: " + GcpInvokers.invokerJar());
    System.out.println(
        "java: "
            + System.getProperty("java.version")
            + ", cores: "
            + Runtime.getRuntime().availableProcessors());
    measure(adapter);
    measure(baseline);
    List<Run> adapterRuns = new ArrayList<>();
    List<Run> rawRuns = new ArrayList<>();
    List<Long> pairedWall = new ArrayList<>();
    List<Long> pairedCpu = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      // The starting configuration rotates, so that drift favours neither.
      Run a;
      Run r;
      if (i % 2 == 0) {
        a = measure(adapter);
        r = measure(baseline);
      } else {
        r = measure(baseline);
        a = measure(adapter);
      }
      adapterRuns.add(a);
      rawRuns.add(r);
      pairedWall.add(a.wallMillis() - r.wallMillis());
      if (a.cpuMillis() >= 0 && r.cpuMillis() >= 0) {
        pairedCpu.add(a.cpuMillis() - r.cpuMillis());
      }
    }
    report(adapter, adapterRuns);
    report(baseline, rawRuns);
    System.out.printf(
        "difference of medians: %d ms%n", median(walls(adapterRuns)) - median(walls(rawRuns)));
    System.out.printf("paired difference, median: %+d ms wall%n", median(pairedWall));
    if (!pairedCpu.isEmpty()) {
      System.out.printf("paired difference, median: %+d ms CPU%n", median(pairedCpu));
    }
  }

  /** One start: wall time to the first answer, and the process's CPU time then (-1 if unknown). */
  private record Run(long wallMillis, long cpuMillis) {}

  private static List<Long> walls(List<Run> runs) {
    return runs.stream().map(Run::wallMillis).collect(Collectors.toList());
  }

  private static void report(Target target, List<Run> runs) {
    List<Long> walls = walls(runs);
    List<Long> sorted = new ArrayList<>(walls);
    Collections.sort(sorted);
    List<Long> cpus = runs.stream().map(Run::cpuMillis).collect(Collectors.toList());
    System.out.printf(
        "%-32s median %4d ms  min %4d  max %4d  runs %s%n",
        target.label(),
        median(walls),
        sorted.get(0),
        sorted.get(sorted.size() - 1),
        walls.stream().map(String::valueOf).collect(Collectors.joining(" ")));
    System.out.printf(
        "%-32s median %4d ms CPU (user + system at the first answer)  runs %s%n",
        "", median(cpus), cpus.stream().map(String::valueOf).collect(Collectors.joining(" ")));
  }

  private static long median(List<Long> values) {
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int middle = sorted.size() / 2;
    return sorted.size() % 2 == 1
        ? sorted.get(middle)
        : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
  }

  /**
   * Spawns the invoker and returns the milliseconds until the first 200 answer to a realistic POST
   * (a JSON body, the headers a load balancer and a browser add), with the process's CPU time then.
   */
  private static Run measure(Target target) throws Exception {
    int port = InvokerProcess.freeLoopbackPort();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(GcpInvokers.invokerJar().toString());
    command.add("--classpath");
    command.add(
        target.classpath().stream()
            .map(Path::toString)
            .collect(Collectors.joining(File.pathSeparator)));
    command.add("--target");
    command.add(target.entry());
    command.add("--port");
    command.add(Integer.toString(port));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.DISCARD);
    InvokerProcess.SANITIZED_ENV.forEach(builder.environment()::remove);
    builder.environment().put("K_SERVICE", "cold-start");
    builder.environment().put("GOOGLE_CLOUD_PROJECT", GcpInvokers.PROJECT);
    builder.environment().putAll(target.env());
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/orders/42?k=v1&k=v2"))
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .header("Accept-Language", "en-GB,en;q=0.9")
            .header("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) cold-start")
            .header("X-Cloud-Trace-Context", "105445aa7843bc8bf206b12000100000/1;o=1")
            .header("traceparent", "00-105445aa7843bc8bf206b12000100000-00f067aa0ba902b7-01")
            .header("X-Forwarded-For", "203.0.113.7")
            .header("X-Forwarded-Proto", "https")
            .timeout(Duration.ofSeconds(10))
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"order\":42,\"items\":[{\"sku\":\"A-1\",\"quantity\":2}],"
                        + "\"note\":\"leave at the door\"}"))
            .build();

    long start = System.nanoTime();
    Process process = builder.start();
    try {
      long deadline = start + TimeUnit.SECONDS.toNanos(30);
      while (System.nanoTime() < deadline) {
        try {
          HttpResponse<String> response =
              client.send(request, HttpResponse.BodyHandlers.ofString());
          long elapsed = System.nanoTime() - start;
          long cpu =
              process.toHandle().info().totalCpuDuration().map(Duration::toMillis).orElse(-1L);
          if (response.statusCode() != 200 || !response.body().contains("\"method\":\"POST\"")) {
            throw new IllegalStateException(
                target.label() + " answered " + response.statusCode() + ": " + response.body());
          }
          return new Run(TimeUnit.NANOSECONDS.toMillis(elapsed), cpu);
        } catch (ConnectException | HttpTimeoutException notYet) {
          if (!process.isAlive()) {
            throw new IllegalStateException(target.label() + " exited with " + process.exitValue());
          }
          Thread.sleep(2);
        } catch (IOException notYet) {
          Thread.sleep(2); // connection reset while Jetty starts
        }
      }
      throw new IllegalStateException(target.label() + " did not answer within 30 s");
    } finally {
      process.destroy();
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }
  }
}
