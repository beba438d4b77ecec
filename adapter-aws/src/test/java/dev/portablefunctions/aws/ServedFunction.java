package dev.portablefunctions.aws;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portablefunctions.aws.testing.FakeLambdaRuntimeApi;
import dev.portablefunctions.aws.testing.FakeLambdaRuntimeApi.Invocation;
import dev.portablefunctions.aws.testing.FakeLambdaRuntimeApi.InvocationResult;
import dev.portablefunctions.aws.testing.LambdaRuntimeProcess;
import dev.portablefunctions.spi.Json;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One portable function served by the real AWS Lambda runtime interface client in a child JVM,
 * through {@code LambdaHandler}, against a {@link FakeLambdaRuntimeApi}. Start one per function and
 * send it many events.
 */
final class ServedFunction implements AutoCloseable {

  static final String HANDLER = "dev.portablefunctions.aws.LambdaHandler::handleRequest";
  static final Duration WAIT = Duration.ofSeconds(30);

  private final FakeLambdaRuntimeApi api;
  private final LambdaRuntimeProcess runtime;

  private ServedFunction(FakeLambdaRuntimeApi api, LambdaRuntimeProcess runtime) {
    this.api = api;
    this.runtime = runtime;
  }

  /**
   * Serves the function named {@code portableFunction} (null: set no {@code PORTABLE_FUNCTION}).
   */
  static ServedFunction start(String portableFunction) {
    return start(portableFunction, builder -> {});
  }

  static ServedFunction start(
      String portableFunction, Consumer<LambdaRuntimeProcess.Builder> more) {
    FakeLambdaRuntimeApi api = FakeLambdaRuntimeApi.start();
    try {
      LambdaRuntimeProcess.Builder builder =
          LambdaRuntimeProcess.builder()
              .classpath(childClasspath())
              .handler(HANDLER)
              .runtimeApi(api)
              .jniLibrary(jniLibrary());
      if (portableFunction != null) {
        builder.env("PORTABLE_FUNCTION", portableFunction);
      }
      if (Boolean.getBoolean("lambda.echo")) {
        builder.echoOutputTo(System.out);
      }
      more.accept(builder);
      return new ServedFunction(api, builder.start());
    } catch (RuntimeException e) {
      api.close();
      throw e;
    }
  }

  FakeLambdaRuntimeApi api() {
    return api;
  }

  LambdaRuntimeProcess runtime() {
    return runtime;
  }

  InvocationResult invoke(String eventJson) {
    return invoke(Invocation.of(eventJson));
  }

  InvocationResult invoke(Invocation invocation) {
    return api.invoke(invocation, WAIT);
  }

  /**
   * Invokes and returns the response body as JSON, failing unless the runtime posted a response.
   */
  JsonNode respond(String eventJson) {
    InvocationResult result = invoke(eventJson);
    if (!result.isSuccess()) {
      throw new AssertionError(
          "Expected a response, got " + result + "\nOutput:\n" + runtime.output());
    }
    return parse(result.body());
  }

  /** Invokes and returns the posted error, failing unless the runtime posted an error. */
  InvocationResult fail(String eventJson) {
    InvocationResult result = invoke(eventJson);
    if (result.outcome() != InvocationResult.Outcome.ERROR) {
      throw new AssertionError(
          "Expected an error, got " + result + "\nOutput:\n" + runtime.output());
    }
    return result;
  }

  /**
   * The JSON log lines the function's logger wrote for one request, waiting until at least {@code
   * atLeast} have arrived (standard output is read asynchronously).
   */
  List<JsonNode> logLines(String requestId, int atLeast) {
    await(() -> countFor(requestId) >= atLeast);
    List<JsonNode> lines = new ArrayList<>();
    for (String line : runtime.lines()) {
      jsonLine(line)
          .filter(json -> requestId.equals(json.path("requestId").asText(null)))
          .filter(json -> !json.has("outcome"))
          .ifPresent(lines::add);
    }
    return lines;
  }

  /**
   * The outcome record that ended one request (see {@code Instrumentation}), waiting for it; the
   * lines of {@link #logLines} leave it out.
   */
  JsonNode outcomeRecord(String requestId) {
    await(
        () ->
            outcomeRecords().stream()
                .anyMatch(json -> requestId.equals(json.path("requestId").asText(null))));
    return outcomeRecords().stream()
        .filter(json -> requestId.equals(json.path("requestId").asText(null)))
        .findFirst()
        .orElseThrow(
            () ->
                new AssertionError(
                    "No outcome record for " + requestId + " in\n" + runtime.output()));
  }

  /** Every outcome record the runtime printed so far, in order. */
  List<JsonNode> outcomeRecords() {
    List<JsonNode> records = new ArrayList<>();
    for (String line : runtime.lines()) {
      jsonLine(line).filter(json -> json.has("outcome")).ifPresent(records::add);
    }
    return records;
  }

  /** The messages after {@code ECHO } that the function logged for one request. */
  List<String> echoes(String requestId, int atLeast) {
    List<String> echoes = new ArrayList<>();
    await(() -> echoCount(requestId) >= atLeast);
    for (JsonNode line : logLines(requestId, 0)) {
      String message = line.path("message").asText();
      if (message.startsWith("ECHO ")) {
        echoes.add(message.substring(5));
      }
    }
    return echoes;
  }

  /**
   * Polls until the condition holds or {@link #WAIT} passes; the assertions then tell what is
   * missing.
   */
  private static void await(java.util.function.BooleanSupplier condition) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private int countFor(String requestId) {
    int count = 0;
    for (String line : runtime.lines()) {
      if (line.contains(requestId)
          && jsonLine(line)
              .map(j -> requestId.equals(j.path("requestId").asText(null)) && !j.has("outcome"))
              .orElse(false)) {
        count++;
      }
    }
    return count;
  }

  private int echoCount(String requestId) {
    int count = 0;
    for (String line : runtime.lines()) {
      if (line.contains("ECHO ") && line.contains(requestId)) {
        count++;
      }
    }
    return count;
  }

  private static Optional<JsonNode> jsonLine(String line) {
    if (!line.startsWith("{")) {
      return Optional.empty();
    }
    try {
      return Optional.of(Json.mapper().readTree(line));
    } catch (IOException notJson) {
      return Optional.empty();
    }
  }

  static JsonNode parse(String json) {
    try {
      return Json.mapper().readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      runtime.close();
    } finally {
      api.close();
    }
  }

  // ---------------------------------------------------------------- classpath and JNI

  /**
   * The child's classpath: the adapter's classes, the test functions, the echo sample, the runtime
   * dependencies and the runtime interface client. Failsafe passes it; outside Maven (an IDE, the
   * cold-start harness) it is rebuilt from the file the build writes.
   */
  static String childClasspath() {
    String configured = System.getProperty("lambda.child.classpath");
    if (configured != null && !configured.isBlank()) {
      return configured;
    }
    Path target = Path.of("target").toAbsolutePath();
    if (!Files.isDirectory(target.resolve("classes"))) {
      target = Path.of("adapter-aws", "target").toAbsolutePath();
    }
    Path file = target.resolve("lambda-child.classpath");
    try {
      return target.resolve("classes")
          + File.pathSeparator
          + target.resolve("test-classes")
          + File.pathSeparator
          + Files.readString(file).trim();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "No child classpath: run through Maven (mvn verify), or build once so that "
              + file
              + " exists",
          e);
    }
  }

  private static Path jni;

  /** One copy of the client's JNI library for every child of this JVM. */
  static synchronized Path jniLibrary() {
    if (jni == null) {
      String dir = System.getProperty("lambda.jni.dir");
      Path directory =
          dir != null ? Path.of(dir) : Path.of("target", "lambda-jni").toAbsolutePath();
      jni =
          LambdaRuntimeProcess.extractJniLibrary(
              childClasspath(), directory.resolve(LambdaRuntimeProcess.jniLibraryName()));
    }
    return jni;
  }
}
