package dev.portablefunctions.aws;

import dev.portablefunctions.aws.testing.FakeLambdaRuntimeApi;
import dev.portablefunctions.aws.testing.FakeLambdaRuntimeApi.InvocationResult;
import dev.portablefunctions.aws.testing.LambdaRuntimeProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an application class-data sharing (AppCDS) archive gains at cold start, measured: {@code
 * echo-http} through {@link LambdaHandler} and {@link RawEchoHandler}, each under the real runtime
 * interface client, with and without a dynamic archive of its own (made by one training run with
 * {@code -XX:ArchiveClassesAtExit}, then used with {@code -XX:SharedArchiveFile}). The four
 * configurations run interleaved, the starting one rotating each round; medians of wall time to the
 * first {@code /response} and of process CPU are printed, with each handler's gain from its
 * archive. Not a test: its numbers depend on the machine.
 *
 * <p>The layout is a Lambda zip's: only the runtime interface client's jars on the JVM's class
 * path, everything else in {@code lib/} of the task root (the working directory), loaded by the
 * runtime's own class loader ({@link LambdaZipLayout}). Run from {@code adapter-aws} after {@code
 * mvn verify}:
 *
 * <pre>java -cp "target/test-classes:target/classes:$(cat target/lambda-child.classpath)" \
 *     dev.portablefunctions.aws.AppCdsHarness [runs, default 7]</pre>
 */
public final class AppCdsHarness {

  private static final String RAW_HANDLER =
      "dev.portablefunctions.aws.RawEchoHandler::handleRequest";

  private AppCdsHarness() {}

  private record Config(String label, String handler, String function, Path archive) {}

  private record Run(long wallMillis, long cpuMillis) {}

  public static void main(String[] args) throws IOException {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 7;
    String event = Events.text("apigw-http-v2.json");
    Path work = Files.createTempDirectory("appcds");
    LambdaZipLayout layout = LambdaZipLayout.of(ServedFunction.childClasspath(), work);
    Path taskRoot = layout.taskRoot();
    String classpath = layout.classpath();
    Path adapterArchive = work.resolve("adapter.jsa");
    Path rawArchive = work.resolve("raw.jsa");
    train(ServedFunction.HANDLER, "echo-http", classpath, taskRoot, event, adapterArchive);
    train(RAW_HANDLER, null, classpath, taskRoot, event, rawArchive);
    List<Config> configs =
        List.of(
            new Config(
                "LambdaHandler + echo-http          ", ServedFunction.HANDLER, "echo-http", null),
            new Config(
                "LambdaHandler + echo-http, AppCDS  ",
                ServedFunction.HANDLER,
                "echo-http",
                adapterArchive),
            new Config("raw RequestStreamHandler           ", RAW_HANDLER, null, null),
            new Config("raw RequestStreamHandler, AppCDS   ", RAW_HANDLER, null, rawArchive));
    Map<Config, List<Run>> results = new LinkedHashMap<>();
    configs.forEach(config -> results.put(config, new ArrayList<>()));
    System.out.printf(
        "java %s, %d CPUs, archives: adapter %d KB, raw %d KB%n",
        System.getProperty("java.version"),
        Runtime.getRuntime().availableProcessors(),
        Files.size(adapterArchive) / 1024,
        Files.size(rawArchive) / 1024);
    for (int round = -1; round < runs; round++) { // round -1 warms the disk cache, not counted
      for (int turn = 0; turn < configs.size(); turn++) {
        Config config = configs.get(Math.floorMod(round + turn, configs.size()));
        Run run = measure(config, classpath, taskRoot, event);
        if (round >= 0) {
          results.get(config).add(run);
        }
      }
    }
    System.out.printf("%nJVM start -> first /response, %d runs each, interleaved%n", runs);
    Map<Config, long[]> medians = new LinkedHashMap<>();
    results.forEach(
        (config, list) -> {
          long wall = ColdStartHarness.median(list.stream().map(Run::wallMillis).toList());
          long cpu = ColdStartHarness.median(list.stream().map(Run::cpuMillis).toList());
          medians.put(config, new long[] {wall, cpu});
          System.out.printf("  %s: median %4d ms wall, %4d ms CPU%n", config.label(), wall, cpu);
        });
    long[] adapter = medians.get(configs.get(0));
    long[] adapterCds = medians.get(configs.get(1));
    long[] raw = medians.get(configs.get(2));
    long[] rawCds = medians.get(configs.get(3));
    System.out.printf(
        "AppCDS gain: LambdaHandler %+d ms wall, %+d ms CPU; raw %+d ms wall, %+d ms CPU%n",
        adapterCds[0] - adapter[0],
        adapterCds[1] - adapter[1],
        rawCds[0] - raw[0],
        rawCds[1] - raw[1]);
    LambdaRuntimeProcess.deleteRecursively(work);
  }

  /** One run that invokes a few times and exits normally, leaving the archive behind. */
  private static void train(
      String handler,
      String function,
      String classpath,
      Path taskRoot,
      String event,
      Path archive) {
    try (FakeLambdaRuntimeApi api = FakeLambdaRuntimeApi.start()) {
      LambdaRuntimeProcess.Builder builder =
          LambdaRuntimeProcess.builder()
              .classpath(classpath)
              .handler(handler)
              .runtimeApi(api)
              .workingDirectory(taskRoot)
              .addJvmArg("-XX:ArchiveClassesAtExit=" + archive)
              .jniLibrary(ServedFunction.jniLibrary());
      if (function != null) {
        builder.env("PORTABLE_FUNCTION", function);
      }
      LambdaRuntimeProcess runtime = builder.start();
      try {
        for (int i = 0; i < 3; i++) {
          InvocationResult result =
              api.invoke(FakeLambdaRuntimeApi.Invocation.of(event), Duration.ofSeconds(60));
          if (!result.isSuccess()) {
            throw new IllegalStateException(handler + " failed: " + result);
          }
        }
      } finally {
        runtime.close(); // SIGTERM: the JVM exits normally and writes the archive
      }
    }
    if (!Files.isRegularFile(archive)) {
      throw new IllegalStateException("The training run wrote no archive at " + archive);
    }
  }

  private static Run measure(Config config, String classpath, Path taskRoot, String event) {
    try (FakeLambdaRuntimeApi api = FakeLambdaRuntimeApi.start()) {
      LambdaRuntimeProcess.Builder builder =
          LambdaRuntimeProcess.builder()
              .classpath(classpath)
              .handler(config.handler())
              .runtimeApi(api)
              .workingDirectory(taskRoot)
              .jniLibrary(ServedFunction.jniLibrary());
      if (config.archive() != null) {
        // -Xshare:on: fail rather than silently measure a run without the archive
        builder.addJvmArg("-XX:SharedArchiveFile=" + config.archive()).addJvmArg("-Xshare:on");
      }
      if (config.function() != null) {
        builder.env("PORTABLE_FUNCTION", config.function());
      }
      long start = System.nanoTime();
      try (LambdaRuntimeProcess runtime = builder.start()) {
        InvocationResult first =
            api.invoke(FakeLambdaRuntimeApi.Invocation.of(event), Duration.ofSeconds(60));
        long wall = (System.nanoTime() - start) / 1_000_000;
        long cpu = ColdStartHarness.cpuMillis(runtime.pid());
        if (!first.isSuccess()) {
          throw new IllegalStateException(config.label() + " failed: " + first);
        }
        return new Run(wall, cpu);
      }
    }
  }
}
