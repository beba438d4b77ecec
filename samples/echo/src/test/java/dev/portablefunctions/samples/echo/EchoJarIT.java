package dev.portablefunctions.samples.echo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged {@code echo-local.jar}, started with {@code java -jar} as a container would start it
 * ({@code PORT}, {@code PORTABLE_HOST=0.0.0.0}, {@code PORTABLE_FUNCTION}), called over real HTTP.
 */
class EchoJarIT {

  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  private static Server single;
  private static Server all;

  /** A child JVM running the jar, with its output kept for assertions. */
  static final class Server implements AutoCloseable {
    final Process process;
    final URI uri;
    final List<String> output = new CopyOnWriteArrayList<>();

    Server(Map<String, String> env) throws Exception {
      Path jar = Path.of(System.getProperty("echo.jar", "target/echo-local.jar"));
      assertThat(Files.isRegularFile(jar)).as("packaged jar %s", jar).isTrue();
      int port;
      try (ServerSocket socket = new ServerSocket(0)) {
        port = socket.getLocalPort();
      }
      ProcessBuilder builder =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-jar",
                  jar.toString())
              .redirectErrorStream(true);
      builder.environment().put("PORT", String.valueOf(port));
      builder.environment().putAll(env);
      process = builder.start();
      uri = URI.create("http://127.0.0.1:" + port + "/");
      Thread reader =
          new Thread(
              () -> {
                try (BufferedReader lines =
                    new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                  for (String line; (line = lines.readLine()) != null; ) {
                    output.add(line);
                  }
                } catch (IOException ignored) {
                  // the process ended
                }
              });
      reader.setDaemon(true);
      reader.start();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (output.stream().noneMatch(line -> line.contains("listening on"))) {
        if (!process.isAlive() || System.nanoTime() > deadline) {
          process.destroyForcibly();
          throw new IllegalStateException("server did not start: " + output);
        }
        Thread.sleep(20);
      }
    }

    @Override
    public void close() {
      process.destroy();
      try {
        process.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }

  @BeforeAll
  static void start() throws Exception {
    single = new Server(Map.of("PORTABLE_FUNCTION", "echo-http", "PORTABLE_HOST", "0.0.0.0"));
    all = new Server(Map.of());
  }

  @AfterAll
  static void stop() throws Exception {
    if (single != null) {
      single.close();
    }
    if (all != null) {
      all.close();
    }
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return CLIENT.send(request.timeout(Duration.ofSeconds(10)).build(), BodyHandlers.ofString());
  }

  @Test
  void aSingleFunctionContainerServesEchoHttpAtEveryPath() throws Exception {
    HttpResponse<String> response =
        send(
            HttpRequest.newBuilder(single.uri.resolve("/a/b?k=v1&k=v2"))
                .header("X-Test", "1")
                .POST(BodyPublishers.ofString("hi")));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body())
        .startsWith(
            "{\"cloud\":\"local\",\"method\":\"POST\",\"path\":\"/a/b\",\"query\":{\"k\":[\"v1\",\"v2\"]}")
        .contains("\"x-test\":[\"1\"]")
        .endsWith("\"body\":\"aGk=\"}");
  }

  @Test
  void everyFunctionIsServedUnderItsName() throws Exception {
    HttpResponse<String> typed =
        send(
            HttpRequest.newBuilder(all.uri.resolve("/echo-typed"))
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString("{\"name\":\"Ada\"}")));
    HttpResponse<String> batch =
        send(
            HttpRequest.newBuilder(all.uri.resolve("/echo-message"))
                .header("Content-Type", "application/json")
                .POST(
                    BodyPublishers.ofString(
                        "[{\"id\":\"1\",\"text\":\"fine\"},{\"id\":\"2\",\"text\":\"poison\"}]")));

    assertThat(typed.body()).isEqualTo("{\"greeting\":\"Hello, Ada\"}");
    assertThat(batch.statusCode()).isEqualTo(200);
    assertThat(batch.body()).contains("\"failed\":[{\"id\":\"2\"");
    for (int i = 0;
        i < 100 && all.output.stream().noneMatch(l -> l.contains("failed on message 2"));
        i++) {
      Thread.sleep(20);
    }
    assertThat(all.output).anyMatch(line -> line.contains("ECHO {\\\"id\\\":\\\"1\\\""));
    assertThat(all.output).anyMatch(line -> line.contains("failed on message 2"));
  }

  @Test
  void anUnknownPathIsAProblem() throws Exception {
    HttpResponse<String> response = send(HttpRequest.newBuilder(all.uri.resolve("/missing")));

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue("content-type")).contains("application/problem+json");
  }
}
