package dev.portablefunctions.maven;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Folder housekeeping for the targets, which rewrite their output folders on every build. */
final class Folders {

  private Folders() {}

  /**
   * Deletes a folder and everything in it; nothing if it does not exist.
   *
   * @param folder the folder
   * @throws IOException if something cannot be deleted
   */
  static void deleteRecursively(Path folder) throws IOException {
    if (!Files.exists(folder)) {
      return;
    }
    List<Path> paths;
    try (Stream<Path> walk = Files.walk(folder)) {
      paths = walk.sorted(Comparator.reverseOrder()).toList();
    }
    for (Path path : paths) {
      Files.delete(path);
    }
  }
}
