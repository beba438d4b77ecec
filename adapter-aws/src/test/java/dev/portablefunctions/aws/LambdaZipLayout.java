package dev.portablefunctions.aws;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * A Lambda zip's layout for the benchmark harnesses: only the runtime interface client's jars on
 * the JVM's class path, everything else (the adapter, the functions, their dependencies) in {@code
 * lib/} of the task root, which the runtime loads with its own class loader, as in the cloud.
 *
 * @param taskRoot the unpacked zip, to be the child's working directory
 * @param classpath the JVM's class path: the runtime interface client's jars
 */
record LambdaZipLayout(Path taskRoot, String classpath) {

  /**
   * Lays out a class path under {@code work}: class directories packed into jars first (a zip holds
   * jars; CDS maps jars only), then split between the JVM's class path and {@code task/lib}.
   *
   * @param classpath the build's class path of the served function and the runtime
   * @param work an empty directory
   * @return the layout
   * @throws IOException if a file cannot be written
   */
  static LambdaZipLayout of(String classpath, Path work) throws IOException {
    Path taskRoot = Files.createDirectories(work.resolve("task"));
    Path lib = Files.createDirectories(taskRoot.resolve("lib"));
    List<String> runtime = new ArrayList<>();
    int directories = 0;
    for (String entry : classpath.split(File.pathSeparator)) {
      Path path = Path.of(entry);
      if (Files.isDirectory(path)) {
        Path jar = work.resolve("dir-" + directories++ + ".jar");
        pack(path, jar);
        path = jar;
      } else if (!Files.isRegularFile(path)) {
        continue;
      }
      String name = path.getFileName().toString();
      String where = path.toString(); // the runtime's SDK jars are named by their Maven path only
      boolean client =
          where.contains("aws-lambda-java-runtime-interface-client")
              || where.contains("aws-lambda-java-serialization")
              || where.contains("aws-lambda-java-core")
              || where.contains("awssdk");
      if (client) {
        runtime.add(path.toString());
      }
      if (!client || where.contains("aws-lambda-java-core")) {
        Files.copy(path, lib.resolve(name));
      }
    }
    return new LambdaZipLayout(taskRoot, String.join(File.pathSeparator, runtime));
  }

  private static void pack(Path directory, Path jar) throws IOException {
    try (OutputStream out = Files.newOutputStream(jar);
        JarOutputStream zip = new JarOutputStream(out);
        Stream<Path> files = Files.walk(directory)) {
      for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        zip.putNextEntry(new JarEntry(directory.relativize(file).toString().replace('\\', '/')));
        Files.copy(file, zip);
        zip.closeEntry();
      }
    }
  }
}
