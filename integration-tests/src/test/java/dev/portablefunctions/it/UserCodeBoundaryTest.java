package dev.portablefunctions.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portablefunctions.local.LocalInvoker;
import dev.portablefunctions.test.Replay;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The line between the user API and the adapters' SPI, held where users see it: no sample, no
 * project the archetype writes, no consumer project and no Java snippet of the README or the guides
 * names {@code dev.portablefunctions.spi} or {@code dev.portablefunctions.internal}. Everything a
 * function needs is in {@code dev.portablefunctions} (and the test kit's packages), and the test
 * kit's public signatures name no adapter package either, so that a test written against them never
 * has to.
 */
class UserCodeBoundaryTest {

  private static final Pattern ADAPTER_ONLY =
      Pattern.compile("dev\\.portablefunctions\\.(spi|internal)\\b");

  /** A package of the adapters' SPI or an implementation package, by its name. */
  private static final Pattern ADAPTER_PACKAGE =
      Pattern.compile("dev\\.portablefunctions\\.([a-z]+\\.)*(spi|internal)(\\..*)?");

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

  @Test
  void theTestKitsPublicSignaturesNameNoAdapterPackage() throws Exception {
    // The local test kit and the contract test kit (portable-test).
    List<Class<?>> testKit = new ArrayList<>(publicTypesInPackageOf(LocalInvoker.class));
    testKit.addAll(publicTypesInPackageOf(Replay.class));
    assertThat(testKit)
        .extracting(Class::getSimpleName)
        .contains("LocalInvoker", "LocalServer", "Replay", "AwsEvent");

    Set<String> offenders = new TreeSet<>();
    for (Class<?> type : testKit) {
      String owner = type.getName();
      named(type.getGenericSuperclass(), owner + " extends", offenders);
      for (Type implemented : type.getGenericInterfaces()) {
        named(implemented, owner + " implements", offenders);
      }
      for (Field field : type.getDeclaredFields()) {
        if (visible(field)) {
          named(field.getGenericType(), owner + "." + field.getName(), offenders);
        }
      }
      for (Constructor<?> constructor : type.getDeclaredConstructors()) {
        if (visible(constructor)) {
          signature(constructor, owner + ".<init>", offenders);
        }
      }
      for (Method method : type.getDeclaredMethods()) {
        if (visible(method) && !method.isSynthetic() && !method.isBridge()) {
          named(method.getGenericReturnType(), owner + "." + method.getName(), offenders);
          signature(method, owner + "." + method.getName(), offenders);
        }
      }
    }
    assertThat(offenders).isEmpty();
  }

  /** The public types, nested ones included, of the package of a class, from its jar or folder. */
  private static List<Class<?>> publicTypesInPackageOf(Class<?> anchor)
      throws IOException, URISyntaxException, ClassNotFoundException {
    String folder = anchor.getPackageName().replace('.', '/');
    Path location = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<String> names = new ArrayList<>();
    if (Files.isDirectory(location)) {
      classNames(location.resolve(folder), names);
    } else {
      try (FileSystem jar = FileSystems.newFileSystem(location)) {
        classNames(jar.getPath(folder), names);
      }
    }
    List<Class<?>> types = new ArrayList<>();
    for (String name : names) {
      Class<?> type =
          Class.forName(anchor.getPackageName() + "." + name, false, anchor.getClassLoader());
      if (isPublicAllTheWayOut(type)) {
        types.add(type);
      }
    }
    return types;
  }

  private static void classNames(Path folder, Collection<String> names) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".class") && !n.equals("package-info.class"))
          .forEach(n -> names.add(n.substring(0, n.length() - ".class".length())));
    }
  }

  private static boolean isPublicAllTheWayOut(Class<?> type) {
    for (Class<?> c = type; c != null; c = c.getEnclosingClass()) {
      if (!Modifier.isPublic(c.getModifiers()) || c.isAnonymousClass() || c.isLocalClass()) {
        return false;
      }
    }
    return true;
  }

  private static boolean visible(Member member) {
    return Modifier.isPublic(member.getModifiers()) || Modifier.isProtected(member.getModifiers());
  }

  private static void signature(Executable executable, String where, Set<String> offenders) {
    for (TypeVariable<?> variable : executable.getTypeParameters()) {
      named(variable, where, offenders);
    }
    for (Type parameter : executable.getGenericParameterTypes()) {
      named(parameter, where, offenders);
    }
    for (Type thrown : executable.getGenericExceptionTypes()) {
      named(thrown, where, offenders);
    }
  }

  /** Adds "where: type" for each adapter-package class a type names, type arguments included. */
  private static void named(Type type, String where, Set<String> offenders) {
    named(type, where, offenders, new HashSet<>());
  }

  private static void named(
      Type type, String where, Set<String> offenders, Set<TypeVariable<?>> seen) {
    if (type instanceof Class<?> c) {
      Class<?> element = c;
      while (element.isArray()) {
        element = element.getComponentType();
      }
      if (ADAPTER_PACKAGE.matcher(element.getPackageName()).matches()) {
        offenders.add(where + ": " + element.getName());
      }
    } else if (type instanceof ParameterizedType parameterized) {
      named(parameterized.getRawType(), where, offenders, seen);
      for (Type argument : parameterized.getActualTypeArguments()) {
        named(argument, where, offenders, seen);
      }
    } else if (type instanceof WildcardType wildcard) {
      Stream.concat(Stream.of(wildcard.getUpperBounds()), Stream.of(wildcard.getLowerBounds()))
          .forEach(bound -> named(bound, where, offenders, seen));
    } else if (type instanceof GenericArrayType array) {
      named(array.getGenericComponentType(), where, offenders, seen);
    } else if (type instanceof TypeVariable<?> variable && seen.add(variable)) {
      for (Type bound : variable.getBounds()) {
        named(bound, where, offenders, seen);
      }
    }
  }
}
