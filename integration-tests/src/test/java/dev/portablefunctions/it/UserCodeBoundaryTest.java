package dev.portablefunctions.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The line between the user API and the adapters' SPI, held where users see it: no sample, no
 * project the archetype writes, no consumer project and no Java snippet of the README or the guides
 * names {@code dev.portablefunctions.spi} or {@code dev.portablefunctions.internal}. Everything a
 * function needs is in {@code dev.portablefunctions} (and the test kit's packages).
 */
class UserCodeBoundaryTest {

  private static final Pattern ADAPTER_ONLY =
      Pattern.compile("dev\\.portablefunctions\\.(spi|internal)\\b");
  private static final Pattern JAVA_BLOCK = Pattern.compile("(?s)```java\\n(.*?)```");

  private static final Path ROOT = Path.of(System.getProperty("repository.root", ".."));

  private static List<Path> javaFiles(String folder) throws IOException {
    Path start = ROOT.resolve(folder);
    if (!Files.isDirectory(start)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(start)) {
      return files
          .filter(p -> p.toString().endsWith(".java"))
          .filter(p -> !p.toString().contains("/target/"))
          .toList();
    }
  }

  @Test
  void userCodeNamesNoAdapterPackage() throws IOException {
    List<Path> userCode = new ArrayList<>();
    for (String sample : List.of("hello", "echo", "shop", "telemetry", "api")) {
      userCode.addAll(javaFiles("samples/" + sample + "/src/main/java"));
    }
    userCode.addAll(javaFiles("archetype/src/main/resources/archetype-resources"));
    userCode.addAll(javaFiles("integration-tests/src/it"));
    assertThat(userCode)
        .as("the tree was found from %s", ROOT.toAbsolutePath())
        .hasSizeGreaterThan(20);

    List<String> offenders = new ArrayList<>();
    for (Path file : userCode) {
      if (ADAPTER_ONLY.matcher(Files.readString(file)).find()) {
        offenders.add(ROOT.relativize(file).toString());
      }
    }
    assertThat(offenders).isEmpty();
  }

  @Test
  void documentationSnippetsNameNoAdapterPackage() throws IOException {
    List<Path> documents = new ArrayList<>(List.of(ROOT.resolve("README.md")));
    try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).forEach(documents::add);
    }
    List<String> offenders = new ArrayList<>();
    int snippets = 0;
    for (Path document : documents) {
      Matcher block = JAVA_BLOCK.matcher(Files.readString(document));
      while (block.find()) {
        snippets++;
        if (ADAPTER_ONLY.matcher(block.group(1)).find()) {
          offenders.add(
              ROOT.relativize(document) + ": " + block.group(1).lines().findFirst().orElse(""));
        }
      }
    }
    assertThat(snippets).isGreaterThan(3);
    assertThat(offenders).isEmpty();
  }
}
