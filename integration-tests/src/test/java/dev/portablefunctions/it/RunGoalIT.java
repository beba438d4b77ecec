package dev.portablefunctions.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mvn portable:run} in the consumer project {@code all-clouds}, with a real Maven: the goal
 * compiles the project and serves its functions on the local server until Maven is stopped, and
 * stopping Maven stops the server.
 */
class RunGoalIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void servesTheProjectsFunctionsUntilMavenStops(@TempDir Path temp) throws Exception {
    Path project = Path.of(System.getProperty("it.projects"), "all-clouds");
    assertThat(project.resolve("pom.xml")).as("invoker:run copied the project").exists();
    Path settings = temp.resolve("settings.xml");
    String template =
        Files.readString(Path.of(System.getProperty("it.settings")), StandardCharsets.UTF_8);
    Files.writeString(
        settings,
        template.replace(
            "@localRepositoryUrl@",
            Path.of(System.getProperty("local.repository")).toUri().toString()));
    int port = Runtimes.freePort();
    Path log = temp.resolve("run.log");
    Process maven =
        new ProcessBuilder(
                List.of(
                    Path.of(System.getProperty("maven.home"), "bin", "mvn").toString(),
                    "-B",
                    "-s",
                    settings.toString(),
                    "-Dmaven.repo.local=" + System.getProperty("it.repository"),
                    "portable:run",
                    "-Dportable.port=" + port))
            .directory(project.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    try {
      Runtimes.awaitListening(port, maven, log, Duration.ofSeconds(90));
      URI base = URI.create("http://127.0.0.1:" + port);

      HttpResponse<String> greet = Runtimes.get(base.resolve("/greet?name=Ada"));
      assertThat(greet.statusCode()).isEqualTo(200);
      assertThat(JSON.readTree(greet.body()))
          .isEqualTo(JSON.readTree("{\"message\":\"Hello, Ada\",\"cloud\":\"LOCAL\"}"));

      HttpResponse<String> signup =
          Runtimes.postJson(base.resolve("/signup"), Runtimes.SIGNUP_BATCH);
      assertThat(signup.statusCode()).isEqualTo(200);
      assertThat(JSON.readTree(signup.body()).path("failed").findValuesAsText("id"))
          .containsExactly("2");
    } finally {
      maven.destroy();
      assertThat(maven.waitFor(30, TimeUnit.SECONDS)).as("Maven stops on SIGTERM").isTrue();
    }
    assertThat(Runtimes.isListening(port)).as("stopping Maven stops the server").isFalse();
  }
}
