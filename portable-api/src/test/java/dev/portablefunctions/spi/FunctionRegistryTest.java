package dev.portablefunctions.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portablefunctions.Context;
import dev.portablefunctions.HttpFunction;
import dev.portablefunctions.HttpRequest;
import dev.portablefunctions.HttpResponse;
import dev.portablefunctions.Message;
import dev.portablefunctions.MessageFunction;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FunctionRegistryTest {

  static final class EchoHttp implements HttpFunction {
    @Override
    public HttpResponse handle(HttpRequest request, Context context) {
      return HttpResponse.ok();
    }
  }

  static final class Audit implements MessageFunction {
    @Override
    public void handle(Message message, Context context) {}
  }

  /** Another class also called {@code Audit}, in another scope. */
  static final class Other {
    static final class Audit implements MessageFunction {
      @Override
      public void handle(Message message, Context context) {}
    }
  }

  /** An index for ServiceLoader to find: public, with a public no-argument constructor. */
  public static final class EchoIndex implements FunctionIndex {
    public EchoIndex() {}

    @Override
    public List<FunctionDefinition> functions() {
      return List.of(
          FunctionDefinition.indexed(
              "echo-http", FunctionKind.HTTP, EchoHttp.class.getName(), null, this));
    }

    @Override
    public Object newInstance(String name) {
      return new EchoHttp();
    }
  }

  /** A second index, for a second function. */
  public static final class AuditIndex implements FunctionIndex {
    public AuditIndex() {}

    @Override
    public List<FunctionDefinition> functions() {
      return List.of(
          FunctionDefinition.indexed(
              "audit", FunctionKind.MESSAGE, Audit.class.getName(), null, this));
    }

    @Override
    public Object newInstance(String name) {
      return new Audit();
    }
  }

  /** An index whose function takes the name {@link EchoIndex}'s already has. */
  public static final class ClashingIndex implements FunctionIndex {
    public ClashingIndex() {}

    @Override
    public List<FunctionDefinition> functions() {
      return List.of(
          FunctionDefinition.indexed(
              "echo-http", FunctionKind.MESSAGE, Audit.class.getName(), null, this));
    }

    @Override
    public Object newInstance(String name) {
      return new Audit();
    }
  }

  private static final FunctionDefinition ECHO = FunctionDefinition.of(new EchoHttp());
  private static final FunctionDefinition AUDIT = FunctionDefinition.of(new Audit());

  // ---- selection ----

  @Test
  void noFunctionsSelectionExplainsTheIndexProcessor() {
    FunctionRegistry registry = FunctionRegistry.of(List.of());

    assertThat(registry.isEmpty()).isTrue();
    assertThatThrownBy(() -> registry.select(null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("No portable functions were found")
        .hasMessageContaining("index processor")
        .hasMessageContaining("HttpFunction, TypedFunction, EventFunction or MessageFunction");
  }

  @Test
  void oneFunctionIsSelectedWithoutASelection() {
    FunctionRegistry registry = FunctionRegistry.of(ECHO);

    assertThat(registry.select(null)).isSameAs(ECHO);
    assertThat(registry.select("")).isSameAs(ECHO);
    assertThat(registry.select("  ")).isSameAs(ECHO);
  }

  @Test
  void manyFunctionsWithoutASelectionListTheNamesAndSayWhatToSet() {
    FunctionRegistry registry = FunctionRegistry.of(ECHO, AUDIT);

    assertThatThrownBy(() -> registry.select(null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("2 functions")
        .hasMessageContaining("set PORTABLE_FUNCTION")
        .hasMessageContaining("echo-http (an HTTP function)")
        .hasMessageContaining("audit (a message function)");
  }

  @Test
  void unknownSelectionNamesItAndListsWhatIsAvailable() {
    FunctionRegistry registry = FunctionRegistry.of(ECHO, AUDIT);

    assertThatThrownBy(() -> registry.select(" nope "))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("PORTABLE_FUNCTION='nope'")
        .hasMessageContaining("matches no function")
        .hasMessageContaining(
            "Available: echo-http (an HTTP function), audit (a message function).");
  }

  @Test
  void unknownSelectionInAnEmptyRegistryExplainsTheIndexProcessor() {
    assertThatThrownBy(() -> FunctionRegistry.of(List.of()).select("echo"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("'echo'")
        .hasMessageContaining("index processor");
  }

  @Test
  void selectionMatchesEvenWhenOnlyOneFunctionExists() {
    assertThatThrownBy(() -> FunctionRegistry.of(ECHO).select("audit"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("'audit'");
  }

  @Test
  void selectionPicksOneOfMany() {
    FunctionRegistry registry = FunctionRegistry.of(ECHO, AUDIT);

    assertThat(registry.select("audit")).isSameAs(AUDIT);
    assertThat(registry.select(" echo-http ")).isSameAs(ECHO);
  }

  // ---- find ----

  @Test
  void findByName() {
    assertThat(FunctionRegistry.of(ECHO, AUDIT).find("audit")).containsSame(AUDIT);
  }

  @Test
  void findByBinaryClassName() {
    assertThat(FunctionRegistry.of(ECHO, AUDIT).find(EchoHttp.class.getName())).containsSame(ECHO);
    assertThat(EchoHttp.class.getName()).contains("$");
  }

  @Test
  void findBySimpleClassName() {
    assertThat(FunctionRegistry.of(ECHO, AUDIT).find("EchoHttp")).containsSame(ECHO);
  }

  @Test
  void findBySimpleClassNameMatchingSeveralFindsNothing() {
    FunctionDefinition otherAudit = FunctionDefinition.message("other-audit", new Other.Audit());
    FunctionRegistry registry = FunctionRegistry.of(AUDIT, otherAudit);

    assertThat(registry.find("Audit")).isEmpty();
    assertThat(registry.find(Other.Audit.class.getName())).containsSame(otherAudit);
  }

  @Test
  void findOfAnUnknownNameIsEmpty() {
    assertThat(FunctionRegistry.of(ECHO).find("echo")).isEmpty();
  }

  // ---- building ----

  @Test
  void duplicateNamesFromDifferentClassesAreAnErrorNamingBothClasses() {
    FunctionDefinition impostor = FunctionDefinition.message("echo-http", new Audit());

    assertThatThrownBy(() -> FunctionRegistry.of(ECHO, impostor))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("'echo-http'")
        .hasMessageContaining(EchoHttp.class.getName())
        .hasMessageContaining(Audit.class.getName())
        .hasMessageContaining("@PortableFunction");
  }

  @Test
  void theSameClassTwiceIsOneFunction() {
    FunctionRegistry registry = FunctionRegistry.of(ECHO, FunctionDefinition.of(new EchoHttp()));

    assertThat(registry.functions()).containsExactly(ECHO);
  }

  @Test
  void functionsKeepDiscoveryOrderAndAreUnmodifiable() {
    FunctionRegistry registry = FunctionRegistry.of(AUDIT, ECHO);

    assertThat(registry.functions()).containsExactly(AUDIT, ECHO);
    assertThatThrownBy(() -> registry.functions().add(ECHO))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(registry).hasToString("FunctionRegistry[audit, echo-http]");
  }

  // ---- load ----

  @Test
  void loadWithNoIndexIsEmpty() throws Exception {
    try (URLClassLoader nothing =
        new URLClassLoader(new URL[0], ClassLoader.getPlatformClassLoader())) {
      assertThat(FunctionRegistry.load(nothing).isEmpty()).isTrue();
    }
  }

  @Test
  void loadMergesEveryIndexTheClassLoaderSees(@TempDir Path dir) throws Exception {
    writeServiceFile(dir, EchoIndex.class, AuditIndex.class);

    try (URLClassLoader loader = loaderOver(dir)) {
      FunctionRegistry registry = FunctionRegistry.load(loader);

      assertThat(registry.functions())
          .extracting(FunctionDefinition::name)
          .containsExactly("echo-http", "audit");
      assertThat(registry.select("echo-http").instance()).isInstanceOf(EchoHttp.class);
    }
  }

  @Test
  void loadReportsDuplicateNamesAcrossIndexes(@TempDir Path dir) throws Exception {
    writeServiceFile(dir, EchoIndex.class, ClashingIndex.class);

    try (URLClassLoader loader = loaderOver(dir)) {
      assertThatThrownBy(() -> FunctionRegistry.load(loader))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining(EchoHttp.class.getName())
          .hasMessageContaining(Audit.class.getName());
    }
  }

  @Test
  void loadRejectsANullLoader() {
    assertThatThrownBy(() -> FunctionRegistry.load(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("loader");
  }

  private static void writeServiceFile(Path dir, Class<?>... indexes) throws Exception {
    Path services = dir.resolve("META-INF/services");
    Files.createDirectories(services);
    StringBuilder text = new StringBuilder();
    for (Class<?> index : indexes) {
      text.append(index.getName()).append('\n');
    }
    Files.writeString(services.resolve(FunctionIndex.class.getName()), text);
  }

  private static URLClassLoader loaderOver(Path dir) throws Exception {
    return new URLClassLoader(
        new URL[] {dir.toUri().toURL()}, FunctionRegistryTest.class.getClassLoader());
  }
}
