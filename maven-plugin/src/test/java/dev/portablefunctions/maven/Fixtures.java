package dev.portablefunctions.maven;

import dev.portablefunctions.spi.FunctionKind;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Functions, settings and jars for the targets' tests. */
final class Fixtures {

  static final IndexedFunction GREET = new IndexedFunction("greet", FunctionKind.HTTP, "x.Greet");
  static final IndexedFunction WELCOME =
      new IndexedFunction("welcome", FunctionKind.TYPED, "x.Welcome");
  static final IndexedFunction SIGNUP =
      new IndexedFunction("signup", FunctionKind.MESSAGE, "x.Signup");
  static final IndexedFunction UPLOADED =
      new IndexedFunction("on-upload", FunctionKind.STORAGE, "x.OnUpload");
  static final IndexedFunction NIGHTLY =
      new IndexedFunction("nightly-report", FunctionKind.SCHEDULE, "x.NightlyReport");
  static final IndexedFunction AUDIT =
      new IndexedFunction("audit", FunctionKind.CLOUD_EVENT, "x.Audit");

  private Fixtures() {}

  static Build build(Path output, List<IndexedFunction> functions, FunctionSettings... settings) {
    Map<String, FunctionSettings> byName = new LinkedHashMap<>();
    for (FunctionSettings setting : settings) {
      byName.put(setting.name(), setting);
    }
    return new Build(
        "orders-1.0",
        functions,
        byName,
        output,
        new Build.Options("java21", "java21", "europe-west1", 512, 30));
  }

  /** A jar with one class file and a manifest, as the jar plugin writes one. */
  static Path jar(Path folder, String name, String entry) throws IOException {
    Path jar = Files.createDirectories(folder).resolve(name);
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().putValue("Created-By", "test");
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file, manifest)) {
      out.putNextEntry(new JarEntry(entry));
      out.write(entry.getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
    }
    return jar;
  }
}
