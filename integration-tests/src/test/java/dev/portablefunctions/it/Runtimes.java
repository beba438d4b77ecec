package dev.portablefunctions.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portablefunctions.aws.testing.FakeLambdaRuntimeApi;
import dev.portablefunctions.aws.testing.FakeLambdaRuntimeApi.Invocation;
import dev.portablefunctions.aws.testing.FakeLambdaRuntimeApi.InvocationResult;
import dev.portablefunctions.aws.testing.LambdaRuntimeProcess;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** What the consumer-project tests share: the real runtimes, recorded events, processes, files. */
final class Runtimes {

  static final ObjectMapper JSON = new ObjectMapper();
  static final Duration WAIT = Duration.ofSeconds(30);
  static final String LAMBDA_HANDLER = "dev.portablefunctions.aws.LambdaHandler::handleRequest";

  /** A batch in the local wire format: one message the all-clouds signup takes, one poison. */
  static final String SIGNUP_BATCH =
      "[{\"id\":\"1\",\"text\":\"ada@example.com\"},{\"id\":\"2\",\"text\":\"poison\"}]";

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private Runtimes() {}

  /** A GET over loopback, the body read as text. */
  static HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(uri).build(), BodyHandlers.ofString());
  }

  /** A POST of JSON over loopback, the body read as text. */
  static HttpResponse<String> postJson(URI uri, String json)
      throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(uri)
            .header("Content-Type", "application/json")
            .POST(BodyPublishers.ofString(json))
            .build(),
        BodyHandlers.ofString());
  }

  /** A recorded AWS event from adapter-aws's test jar, as it was recorded. */
  static ObjectNode awsEvent(String name) {
    try (InputStream in = Runtimes.class.getResourceAsStream("/events/aws/" + name)) {
      assertThat(in).as("events/aws/%s from adapter-aws's test jar", name).isNotNull();
      return (ObjectNode) JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Unpacks a zip as Lambda unpacks a function's code into its task root. */
  static void unzip(Path zip, Path into) throws IOException {
    try (ZipFile file = new ZipFile(zip.toFile())) {
      for (ZipEntry entry : file.stream().toList()) {
        Path target = into.resolve(entry.getName()).normalize();
        assertThat(target.startsWith(into)).as("%s stays in %s", entry.getName(), into).isTrue();
        Files.createDirectories(target.getParent());
        try (InputStream in = file.getInputStream(entry)) {
          Files.copy(in, target);
        }
      }
    }
  }

  /** The one file of a folder whose name ends so. */
  static Path only(Path folder, String suffix) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      List<Path> matching = files.filter(p -> p.toString().endsWith(suffix)).toList();
      assertThat(matching).as("one %s in %s", suffix, folder).hasSize(1);
      return matching.get(0);
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  static boolean isListening(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Waits until a process listens on a loopback port; fails with its output if it dies first. */
  static void awaitListening(int port, Process process, Path log, Duration timeout)
      throws Exception {
    Instant deadline = Instant.now().plus(timeout);
    while (!isListening(port)) {
      if (!process.isAlive() || Instant.now().isAfter(deadline)) {
        throw new AssertionError(
            "Nothing listens on port " + port + ". Output:\n" + Files.readString(log));
      }
      Thread.sleep(100);
    }
  }

  /**
   * One function of a Lambda zip, unpacked as the task root, under the real runtime interface
   * client with only the runtime's own jars on its class path, fed by a fake Runtime API.
   */
  record Lambda(FakeLambdaRuntimeApi api, LambdaRuntimeProcess runtime) implements AutoCloseable {

    static Lambda start(Path taskRoot, String function) throws IOException {
      String classpath =
          Files.readString(Path.of(System.getProperty("lambda.runtime.classpath.file"))).trim();
      Path jni =
          LambdaRuntimeProcess.extractJniLibrary(
              classpath,
              taskRoot
                  .resolveSibling(taskRoot.getFileName() + "-jni")
                  .resolve(LambdaRuntimeProcess.jniLibraryName()));
      FakeLambdaRuntimeApi api = FakeLambdaRuntimeApi.start();
      try {
        return new Lambda(
            api,
            LambdaRuntimeProcess.builder()
                .classpath(classpath)
                .handler(LAMBDA_HANDLER)
                .runtimeApi(api)
                .jniLibrary(jni)
                .workingDirectory(taskRoot)
                .env("PORTABLE_FUNCTION", function)
                .start());
      } catch (RuntimeException e) {
        api.close();
        throw e;
      }
    }

    InvocationResult invoke(String event) {
      return api.invoke(Invocation.of(event), WAIT);
    }

    /** Invokes and returns the response, failing with the runtime's output unless it succeeded. */
    JsonNode respond(String event) throws IOException {
      InvocationResult result = invoke(event);
      assertThat(result.isSuccess()).as("%s%nOutput:%n%s", result, runtime.output()).isTrue();
      return JSON.readTree(result.body());
    }

    @Override
    public void close() {
      runtime.close();
      api.close();
    }
  }
}
