package dev.portablefunctions.maven;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Writes reproducible zip files: entries in name order, one fixed timestamp. */
final class Zips {

  /** The timestamp of every entry, so the same input gives the same bytes. */
  static final FileTime TIMESTAMP = FileTime.from(Instant.parse("1980-02-01T00:00:00Z"));

  private Zips() {}

  /**
   * Zips the content of a folder, entries relative to it.
   *
   * @param folder the folder
   * @param zip the zip file to write (replaced)
   * @throws IOException if a file cannot be read or written
   */
  static void zipFolder(Path folder, Path zip) throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(folder)) {
      files =
          walk.filter(Files::isRegularFile)
              .sorted((a, b) -> entryName(folder, a).compareTo(entryName(folder, b)))
              .toList();
    }
    Files.createDirectories(zip.toAbsolutePath().getParent());
    try (OutputStream file = Files.newOutputStream(zip);
        ZipOutputStream out = new ZipOutputStream(file)) {
      for (Path path : files) {
        ZipEntry entry = new ZipEntry(entryName(folder, path));
        entry.setLastModifiedTime(TIMESTAMP);
        out.putNextEntry(entry);
        Files.copy(path, out);
        out.closeEntry();
      }
    }
  }

  private static String entryName(Path folder, Path file) {
    return folder.relativize(file).toString().replace('\\', '/');
  }
}
