package dev.portablefunctions.container;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The container's entry point as the image runs it, {@code java -cp <classpath>
 * dev.portablefunctions.container.ContainerServer}, in a child JVM: SIGTERM during a slow request
 * lets it finish, refuses new connections, and the process exits 0; a bad request's content never
 * reaches its standard output or error.
 */
@Timeout(30)
class ContainerProcessTest {

  /** Written into a malformed request; must never appear in the process's output. */
  private static final String MARK = "Zq7host";

  @Test
  void sigtermLetsTheSlowRequestFinishAndExitsZero() throws Exception {
    String classpath = childClasspath();
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    ProcessBuilder builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                classpath,
                ContainerServer.class.getName())
            .redirectErrorStream(true);
    builder.environment().put("PORT", Integer.toString(port));
    builder.environment().put("PORTABLE_FUNCTION", "slow");
    builder.environment().put("PORTABLE_SHUTDOWN_SECONDS", "10");
    Process process = builder.start();
    List<String> output = new CopyOnWriteArrayList<>();
    CompletableFuture<Void> banner = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader lines =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                  output.add(line);
                  if (line.contains("listening on")) {
                    banner.complete(null);
                  }
                }
              } catch (IOException ignored) {
                // the process ended
              }
            });
    reader.start();
    try {
      banner
          .completeOnTimeout(null, 15, TimeUnit.SECONDS)
          .thenRun(() -> assertThat(process.isAlive()).as("started; output: %s", output).isTrue())
          .get();
      // A bad Host header gets its 400, and nothing the client wrote reaches the process's output
      // (Jetty's own HostPort warning would quote it).
      try (Socket raw = new Socket("127.0.0.1", port)) {
        raw.getOutputStream()
            .write(
                ("GET / HTTP/1.1\r\nHost: " + MARK + " bad\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
        String answer =
            new String(raw.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        assertThat(answer).startsWith("HTTP/1.1 400 ").doesNotContain(MARK);
      }

      URI uri = URI.create("http://127.0.0.1:" + port + "/?ms=3000");
      var slow =
          TestServers.CLIENT.sendAsync(
              HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(15)).build(),
              java.net.http.HttpResponse.BodyHandlers.ofString());
      // The request is in the function once it has logged; a loaded machine may take a while.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (output.stream().noneMatch(line -> line.contains("sleeping"))) {
        assertThat(System.nanoTime())
            .as("the function started; output: %s", output)
            .isLessThan(deadline);
        Thread.sleep(20);
      }

      // SIGTERM; Process.destroy() would also close this side of its output pipe
      assertThat(process.toHandle().destroy()).isTrue();
      // The server stops accepting soon after the signal (within the slow request's 3 s).
      boolean refused = false;
      long stopDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
      while (!refused && System.nanoTime() < stopDeadline) {
        try {
          new Socket("127.0.0.1", port).close();
          Thread.sleep(20);
        } catch (IOException e) {
          refused = true;
        }
      }

      var response = slow.get(10, TimeUnit.SECONDS);
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).isEqualTo("slept 3000 ms");
      assertThat(refused).as("a new connection after SIGTERM is refused").isTrue();
      assertThat(process.waitFor(15, TimeUnit.SECONDS)).isTrue();
      assertThat(process.exitValue()).as("exit status; output: %s", output).isZero();
      reader.join(5_000);
      assertThat(output)
          .as("output")
          .anyMatch(line -> line.contains("container server stopped after"))
          .noneMatch(line -> line.contains(MARK));
    } finally {
      process.destroyForcibly();
    }
  }

  /**
   * What the image runs: this module's classes and its runtime dependencies as the build listed
   * them ({@code target/runtime.classpath}), plus the test functions and their index.
   */
  private static String childClasspath() throws Exception {
    Path testClasses =
        Path.of(
            ContainerProcessTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path target = testClasses.getParent();
    String runtime =
        Files.readString(target.resolve("runtime.classpath"), StandardCharsets.UTF_8).trim();
    return String.join(
        File.pathSeparator, target.resolve("classes").toString(), runtime, testClasses.toString());
  }
}
