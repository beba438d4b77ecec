package dev.portablefunctions.test;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portablefunctions.test.internal.Catalogue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every recorded file ships with its source, and is the adapter's own fixture. */
class CatalogueTest {

  private static Path root() throws Exception {
    return Path.of(
            Catalogue.class.getResource("/dev/portablefunctions/test/events/SOURCES.md").toURI())
        .getParent();
  }

  private static List<String> files() throws Exception {
    Path root = root();
    try (Stream<Path> paths = Files.walk(root)) {
      return paths
          .filter(path -> path.toString().endsWith(".json"))
          .map(path -> root.relativize(path).toString().replace('\\', '/'))
          .sorted()
          .collect(Collectors.toList());
    }
  }

  @Test
  void everyRecordedFileIsListedWithItsSource() throws Exception {
    String sources = Catalogue.text("SOURCES.md");

    assertThat(files()).hasSize(34);
    for (String file : files()) {
      String name = file.substring(file.indexOf('/') + 1);
      assertThat(sources).as(file).contains("`" + name + "`");
    }
  }

  @Test
  void everyVerbatimFileIsTheAdaptersFixtureByteForByte() throws Exception {
    Path repository = root();
    while (repository != null && !Files.exists(repository.resolve("adapter-aws"))) {
      repository = repository.getParent();
    }
    assertThat(repository).as("the repository holding the adapters").isNotNull();
    for (String file : files()) {
      String cloud = file.substring(0, file.indexOf('/'));
      String name = file.substring(file.indexOf('/') + 1);
      String fixture =
          cloud.equals("aws") && name.equals("sqs-fifo.json") ? "sqs-fifo-documented.json" : name;
      Path original =
          repository.resolve(
              "adapter-" + cloud + "/src/test/resources/events/" + cloud + "/" + fixture);
      if (name.equals("scheduler-http-request.json")) {
        assertThat(original.resolveSibling("scheduler-http-request.md")).exists();
        continue;
      }
      assertThat(Catalogue.text(file)).as(file).isEqualTo(Files.readString(original));
    }
  }
}
