package dev.portablefunctions.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The layout the Maven plugin packages (docs/aws.md): a zip whose {@code lib/} holds the adapter
 * jar, the functions' jar and their dependencies, unpacked into the task root. The runtime
 * interface client alone is on the JVM's classpath, as in Lambda's managed Java runtime, and loads
 * everything else from {@code lib/*.jar} with its own class loader.
 */
class LambdaZipLayoutIT {

  /** The runtime interface client and what it brings: the managed runtime's own classpath. */
  private static boolean isRuntimeClient(String entry) {
    return entry.contains("aws-lambda-java-runtime-interface-client")
        || entry.contains("aws-lambda-java-serialization")
        || entry.contains("aws-lambda-java-core")
        || entry.contains("awssdk");
  }

  @Test
  void servesAFunctionFromTheLibDirectoryOfTheTaskRoot(@TempDir Path taskRoot) throws IOException {
    Path lib = Files.createDirectories(taskRoot.resolve("lib"));
    String adapterJar = System.getProperty("lambda.adapter.jar");
    assertThat(adapterJar).as("failsafe passes the packaged adapter jar").isNotNull();
    Files.copy(Path.of(adapterJar), lib.resolve("adapter-aws.jar"));
    List<String> runtimeClasspath = new ArrayList<>();
    for (String entry : ServedFunction.childClasspath().split(File.pathSeparator)) {
      Path path = Path.of(entry);
      if (isRuntimeClient(entry)) {
        runtimeClasspath.add(entry);
      }
      if (entry.endsWith(".jar")
          && (!isRuntimeClient(entry) || entry.contains("aws-lambda-java-core"))) {
        // the function jar (echo) and the adapter's runtime dependencies, aws-lambda-java-core
        // included as a user's zip has it (the runtime's own copy wins: its loader is the parent)
        Files.copy(path, lib.resolve(path.getFileName()));
      }
    }
    try (ServedFunction served =
        ServedFunction.start(
            "echo-http",
            builder ->
                builder
                    .classpath(String.join(File.pathSeparator, runtimeClasspath))
                    .workingDirectory(taskRoot))) {
      JsonNode response = served.respond(Events.text("apigw-http-v2.json"));

      assertThat(response.get("statusCode").asInt()).isEqualTo(200);
      assertThat(ServedFunction.parse(response.get("body").asText()).get("cloud").asText())
          .isEqualTo("aws");
      assertThat(served.runtime().command()).noneMatch(arg -> arg.contains("echo-0.1.0"));
    }
  }
}
