package dev.portablefunctions.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JavaType;
import dev.portablefunctions.Cloud;
import dev.portablefunctions.HttpFunction;
import dev.portablefunctions.HttpRequest;
import dev.portablefunctions.HttpResponse;
import dev.portablefunctions.processor.FunctionIndexProcessor;
import dev.portablefunctions.spi.FunctionDefinition;
import dev.portablefunctions.spi.FunctionKind;
import dev.portablefunctions.spi.FunctionRegistry;
import dev.portablefunctions.spi.FunctionRunner;
import dev.portablefunctions.spi.InvocationContext;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the processor (portable-api-processor, a dependency of this module) in an in-memory javac
 * over small source sets; here, because those sources use portable-api's types.
 */
class FunctionIndexProcessorTest {

  private static final String SERVICE_FILE =
      "META-INF/services/dev.portablefunctions.spi.FunctionIndex";

  // ---- a set of valid functions, compiled once and loaded in a class loader of its own ----

  private static Compilation compilation;
  private static URLClassLoader loader;
  private static FunctionRegistry registry;

  @BeforeAll
  static void compileAndLoad(@TempDir Path dir) throws Exception {
    Map<String, String> sources = new LinkedHashMap<>();
    sources.put(
        "com/example/app/EchoHttp.java",
        """
        package com.example.app;

        import dev.portablefunctions.*;

        public final class EchoHttp implements HttpFunction {
          @Override
          public HttpResponse handle(HttpRequest request, Context context) {
            return HttpResponse.ok().text("echo:" + request.bodyAsString());
          }
        }
        """);
    sources.put(
        "com/example/app/PlaceOrder.java",
        """
        package com.example.app;

        import dev.portablefunctions.*;

        public class PlaceOrder implements TypedFunction<PlaceOrder.Order, PlaceOrder.Receipt> {
          public record Order(String sku, int quantity) {}

          public record Receipt(String sku, int total) {}

          @Override
          public Receipt handle(Order order, Context context) {
            return new Receipt(order.sku(), order.quantity() * 10);
          }
        }
        """);
    sources.put(
        "com/example/app/Item.java",
        """
        package com.example.app;

        public record Item(String name, int price) {}
        """);
    sources.put(
        "com/example/app/SumItems.java",
        """
        package com.example.app;

        import dev.portablefunctions.*;
        import java.util.List;

        public class SumItems implements TypedFunction<List<Item>, Integer> {
          @Override
          public Integer handle(List<Item> items, Context context) {
            return items.stream().mapToInt(Item::price).sum();
          }
        }
        """);
    sources.put(
        "com/example/app/Audit.java",
        """
        package com.example.app;

        import dev.portablefunctions.*;

        public class Audit implements MessageFunction {
          @Override
          public void handle(Message message, Context context) {}
        }
        """);
    sources.put(
        "com/example/app/Thumbnail.java",
        """
        package com.example.app;

        import dev.portablefunctions.*;

        public class Thumbnail implements EventFunction<StorageEvent> {
          @Override
          public void handle(StorageEvent event, Context context) {}
        }
        """);
    sources.put(
        "com/example/app/Nightly.java",
        """
        package com.example.app;

        import dev.portablefunctions.*;

        public class Nightly implements EventFunction<ScheduleEvent> {
          @Override
          public void handle(ScheduleEvent event, Context context) {}
        }
        """);
    sources.put(
        "com/example/app/AnyEvent.java",
        """
        package com.example.app;

        import dev.portablefunctions.*;
        import io.cloudevents.CloudEvent;

        public class AnyEvent implements EventFunction<CloudEvent> {
          @Override
          public void handle(CloudEvent event, Context context) {}
        }
        """);
    sources.put(
        "com/example/app/Hidden.java",
        """
        package com.example.app;

        import dev.portablefunctions.*;

        final class Hidden implements HttpFunction {
          @Override
          public HttpResponse handle(HttpRequest request, Context context) {
            return HttpResponse.ok().text("hidden");
          }
        }
        """);
    sources.put(
        "com/example/app/Outer.java",
        """
        package com.example.app;

        import dev.portablefunctions.*;

        public class Outer {
          public static final class NestedEcho implements HttpFunction {
            @Override
            public HttpResponse handle(HttpRequest request, Context context) {
              return HttpResponse.ok().text("nested");
            }
          }
        }
        """);
    sources.put(
        "com/example/app/GreetingHandler.java",
        """
        package com.example.app;

        import dev.portablefunctions.*;

        @PortableFunction("greet")
        public class GreetingHandler implements HttpFunction {
          @Override
          public HttpResponse handle(HttpRequest request, Context context) {
            return HttpResponse.ok().text("hello");
          }
        }
        """);
    sources.put(
        "com/example/app/Describe.java",
        """
        package com.example.app;

        import dev.portablefunctions.*;

        public class Describe extends StringAnswer<Item> {}
        """);
    sources.put(
        "com/example/app/StringAnswer.java",
        """
        package com.example.app;

        import dev.portablefunctions.*;

        public abstract class StringAnswer<T> implements TypedFunction<T, String> {
          @Override
          public String handle(T input, Context context) {
            return String.valueOf(input);
          }
        }
        """);
    sources.put(
        "com/example/app/Ignored.java",
        """
        package com.example.app;

        import dev.portablefunctions.*;

        public abstract class Ignored implements HttpFunction, MessageFunction {
          public interface AlsoIgnored extends HttpFunction {}
        }
        """);
    sources.put(
        "com/example/other/Report.java",
        """
        package com.example.other;

        import dev.portablefunctions.*;

        public class Report implements HttpFunction {
          @Override
          public HttpResponse handle(HttpRequest request, Context context) {
            return HttpResponse.ok().text("report");
          }
        }
        """);

    compilation = compile(dir, sources);
    assertThat(compilation.success()).as(compilation.errors()).isTrue();
    loader =
        new URLClassLoader(
            new URL[] {compilation.classes().toUri().toURL()},
            FunctionIndexProcessorTest.class.getClassLoader());
    registry = FunctionRegistry.load(loader);
  }

  @AfterAll
  static void closeLoader() throws IOException {
    if (loader != null) {
      loader.close();
    }
  }

  @Test
  void writesOneIndexPerPackage() {
    assertThat(compilation.classes().resolve("com/example/app/PortableFunctionIndex.class"))
        .isRegularFile();
    assertThat(compilation.classes().resolve("com/example/other/PortableFunctionIndex.class"))
        .isRegularFile();
    assertThat(compilation.generated().resolve("com/example/app/PortableFunctionIndex.java"))
        .isRegularFile();
  }

  @Test
  void writesTheServiceFileListingEveryIndex() throws IOException {
    Path services = compilation.classes().resolve(SERVICE_FILE);

    assertThat(Files.readAllLines(services, UTF_8))
        .containsExactly(
            "com.example.app.PortableFunctionIndex", "com.example.other.PortableFunctionIndex");
  }

  @Test
  void registryFindsEveryFunctionWithItsNameAndKind() {
    Map<String, FunctionKind> kinds =
        registry.functions().stream()
            .collect(Collectors.toMap(FunctionDefinition::name, FunctionDefinition::kind));

    assertThat(kinds)
        .containsExactlyInAnyOrderEntriesOf(
            Map.ofEntries(
                Map.entry("echo-http", FunctionKind.HTTP),
                Map.entry("place-order", FunctionKind.TYPED),
                Map.entry("sum-items", FunctionKind.TYPED),
                Map.entry("describe", FunctionKind.TYPED),
                Map.entry("audit", FunctionKind.MESSAGE),
                Map.entry("thumbnail", FunctionKind.STORAGE),
                Map.entry("nightly", FunctionKind.SCHEDULE),
                Map.entry("any-event", FunctionKind.CLOUD_EVENT),
                Map.entry("hidden", FunctionKind.HTTP),
                Map.entry("nested-echo", FunctionKind.HTTP),
                Map.entry("greet", FunctionKind.HTTP),
                Map.entry("report", FunctionKind.HTTP)));
  }

  @Test
  void recordsBinaryClassNames() {
    assertThat(registry.find("nested-echo").orElseThrow().className())
        .isEqualTo("com.example.app.Outer$NestedEcho");
    assertThat(registry.find("greet").orElseThrow().className())
        .isEqualTo("com.example.app.GreetingHandler");
    assertThat(registry.find("NestedEcho")).map(FunctionDefinition::name).contains("nested-echo");
  }

  @Test
  void inputTypeOfANestedRecordResolvesInTheApplicationsClassLoader() {
    JavaType type = registry.find("place-order").orElseThrow().inputType().orElseThrow();

    assertThat(type.getRawClass().getName()).isEqualTo("com.example.app.PlaceOrder$Order");
    assertThat(type.getRawClass().getClassLoader()).isSameAs(loader);
  }

  @Test
  void inputTypeOfAGenericListResolves() {
    JavaType type = registry.find("sum-items").orElseThrow().inputType().orElseThrow();

    assertThat(type.getRawClass()).isEqualTo(List.class);
    assertThat(type.getContentType().getRawClass().getName()).isEqualTo("com.example.app.Item");
  }

  @Test
  void inputTypeBoundInASubclassResolves() {
    JavaType type = registry.find("describe").orElseThrow().inputType().orElseThrow();

    assertThat(type.getRawClass().getName()).isEqualTo("com.example.app.Item");
  }

  @Test
  void nonTypedFunctionsHaveNoInputType() {
    assertThat(registry.find("echo-http").orElseThrow().inputType()).isEmpty();
    assertThat(registry.find("thumbnail").orElseThrow().inputType()).isEmpty();
  }

  @Test
  void instancesAreCreatedByTheIndex() throws Exception {
    Object echo = registry.find("echo-http").orElseThrow().instance();
    Object hidden = registry.find("hidden").orElseThrow().instance();

    assertThat(echo.getClass()).isSameAs(loader.loadClass("com.example.app.EchoHttp"));
    assertThat(hidden.getClass().getName()).isEqualTo("com.example.app.Hidden");
    assertThat(registry.find("nested-echo").orElseThrow().instance())
        .isInstanceOf(loader.loadClass("com.example.app.Outer$NestedEcho"));
    assertThat(registry.find("echo-http").orElseThrow().instance()).isSameAs(echo);
  }

  @Test
  void compiledHttpFunctionRuns() throws Exception {
    HttpFunction echo = (HttpFunction) registry.find("echo-http").orElseThrow().instance();

    HttpResponse response =
        echo.handle(HttpRequest.builder("POST", "/").body("ping").build(), context());

    assertThat(response.bodyAsString()).isEqualTo("echo:ping");
  }

  @Test
  void compiledTypedFunctionsRunOnJson() throws Exception {
    byte[] receipt =
        FunctionRunner.typed(
            registry.find("place-order").orElseThrow(),
            "{\"sku\":\"A1\",\"quantity\":3}".getBytes(UTF_8),
            context());
    byte[] total =
        FunctionRunner.typed(
            registry.find("sum-items").orElseThrow(),
            "[{\"name\":\"a\",\"price\":2},{\"name\":\"b\",\"price\":5}]".getBytes(UTF_8),
            context());

    assertThat(new String(receipt, UTF_8)).isEqualTo("{\"sku\":\"A1\",\"total\":30}");
    assertThat(new String(total, UTF_8)).isEqualTo("7");
  }

  @Test
  void abstractClassesAndInterfacesAreNotFunctions() {
    assertThat(registry.find("ignored")).isEmpty();
    assertThat(registry.find("also-ignored")).isEmpty();
  }

  // ---- compile errors ----

  @Test
  void aClassImplementingTwoShapesIsAnError(@TempDir Path dir) {
    Compilation compilation =
        compile(
            dir,
            Map.of(
                "p/Both.java",
                """
                package p;

                import dev.portablefunctions.*;

                public class Both implements HttpFunction, MessageFunction {
                  public HttpResponse handle(HttpRequest request, Context context) {
                    return HttpResponse.ok();
                  }

                  public void handle(Message message, Context context) {}
                }
                """));

    assertThat(compilation.success()).isFalse();
    assertThat(compilation.errorsIn("p/Both.java"))
        .contains("exactly one function interface")
        .contains("[HTTP, MESSAGE]");
  }

  @Test
  void anOpenTypeVariableInATypedFunctionIsAnError(@TempDir Path dir) {
    Compilation compilation =
        compile(
            dir,
            Map.of(
                "p/Generic.java",
                """
                package p;

                import dev.portablefunctions.*;

                public class Generic<T> implements TypedFunction<T, String> {
                  public String handle(T input, Context context) {
                    return "";
                  }
                }
                """));

    assertThat(compilation.success()).isFalse();
    assertThat(compilation.errorsIn("p/Generic.java"))
        .contains("Cannot determine the input type")
        .contains("TypedFunction<Order, Receipt>");
  }

  @Test
  void aWildcardInsideTheInputTypeIsAnError(@TempDir Path dir) {
    Compilation compilation =
        compile(
            dir,
            Map.of(
                "p/Wild.java",
                """
                package p;

                import dev.portablefunctions.*;
                import java.util.List;

                public class Wild implements TypedFunction<List<? extends Number>, String> {
                  public String handle(List<? extends Number> input, Context context) {
                    return "";
                  }
                }
                """));

    assertThat(compilation.success()).isFalse();
    assertThat(compilation.errorsIn("p/Wild.java")).contains("Cannot determine the input type");
  }

  @Test
  void anUnsupportedEventTypeIsAnError(@TempDir Path dir) {
    Compilation compilation =
        compile(
            dir,
            Map.of(
                "p/Strings.java",
                """
                package p;

                import dev.portablefunctions.*;

                public class Strings implements EventFunction<String> {
                  public void handle(String event, Context context) {}
                }
                """));

    assertThat(compilation.success()).isFalse();
    assertThat(compilation.errorsIn("p/Strings.java"))
        .contains("EventFunction takes StorageEvent, ScheduleEvent or io.cloudevents.CloudEvent")
        .contains("java.lang.String");
  }

  @Test
  void aFunctionWithoutANoArgumentConstructorIsAnError(@TempDir Path dir) {
    Compilation compilation =
        compile(
            dir,
            Map.of(
                "p/NeedsConfig.java",
                """
                package p;

                import dev.portablefunctions.*;

                public class NeedsConfig implements HttpFunction {
                  public NeedsConfig(String config) {}

                  public HttpResponse handle(HttpRequest request, Context context) {
                    return HttpResponse.ok();
                  }
                }
                """));

    assertThat(compilation.success()).isFalse();
    assertThat(compilation.errorsIn("p/NeedsConfig.java"))
        .contains("non-private constructor without parameters");
  }

  @Test
  void aFunctionWithOnlyAPrivateConstructorIsAnError(@TempDir Path dir) {
    Compilation compilation =
        compile(
            dir,
            Map.of(
                "p/Singleton.java",
                """
                package p;

                import dev.portablefunctions.*;

                public class Singleton implements HttpFunction {
                  private Singleton() {}

                  public HttpResponse handle(HttpRequest request, Context context) {
                    return HttpResponse.ok();
                  }
                }
                """));

    assertThat(compilation.success()).isFalse();
    assertThat(compilation.errorsIn("p/Singleton.java"))
        .contains("non-private constructor without parameters");
  }

  @Test
  void twoFunctionsWithOneNameAreAnErrorNamingBothClasses(@TempDir Path dir) {
    Map<String, String> sources = new LinkedHashMap<>();
    sources.put(
        "a/EchoHttp.java",
        """
        package a;

        import dev.portablefunctions.*;

        public class EchoHttp implements HttpFunction {
          public HttpResponse handle(HttpRequest request, Context context) {
            return HttpResponse.ok();
          }
        }
        """);
    sources.put(
        "b/Another.java",
        """
        package b;

        import dev.portablefunctions.*;

        @PortableFunction("echo-http")
        public class Another implements HttpFunction {
          public HttpResponse handle(HttpRequest request, Context context) {
            return HttpResponse.ok();
          }
        }
        """);

    Compilation compilation = compile(dir, sources);

    assertThat(compilation.success()).isFalse();
    assertThat(compilation.errors())
        .contains("Two functions are named 'echo-http'")
        .contains("a.EchoHttp")
        .contains("b.Another");
  }

  @Test
  void anInvalidAnnotatedNameIsAnError(@TempDir Path dir) {
    Compilation compilation =
        compile(
            dir,
            Map.of(
                "p/Bad.java",
                """
                package p;

                import dev.portablefunctions.*;

                @PortableFunction("Bad_Name")
                public class Bad implements HttpFunction {
                  public HttpResponse handle(HttpRequest request, Context context) {
                    return HttpResponse.ok();
                  }
                }
                """));

    assertThat(compilation.success()).isFalse();
    assertThat(compilation.errorsIn("p/Bad.java"))
        .contains("Invalid function name 'Bad_Name'")
        .contains(Names.rule());
  }

  @Test
  void aNonStaticInnerClassIsAnError(@TempDir Path dir) {
    Compilation compilation =
        compile(
            dir,
            Map.of(
                "p/Holder.java",
                """
                package p;

                import dev.portablefunctions.*;

                public class Holder {
                  public class Inner implements HttpFunction {
                    public HttpResponse handle(HttpRequest request, Context context) {
                      return HttpResponse.ok();
                    }
                  }
                }
                """));

    assertThat(compilation.success()).isFalse();
    assertThat(compilation.errorsIn("p/Holder.java")).contains("must be static");
  }

  @Test
  void aPrivateNestedClassIsAnError(@TempDir Path dir) {
    Compilation compilation =
        compile(
            dir,
            Map.of(
                "p/Holder.java",
                """
                package p;

                import dev.portablefunctions.*;

                public class Holder {
                  private static class Secret implements HttpFunction {
                    public HttpResponse handle(HttpRequest request, Context context) {
                      return HttpResponse.ok();
                    }
                  }
                }
                """));

    assertThat(compilation.success()).isFalse();
    assertThat(compilation.errorsIn("p/Holder.java")).contains("must not be private");
  }

  @Test
  void anEnumIsAnError(@TempDir Path dir) {
    Compilation compilation =
        compile(
            dir,
            Map.of(
                "p/Single.java",
                """
                package p;

                import dev.portablefunctions.*;

                public enum Single implements HttpFunction {
                  INSTANCE;

                  public HttpResponse handle(HttpRequest request, Context context) {
                    return HttpResponse.ok();
                  }
                }
                """));

    assertThat(compilation.success()).isFalse();
    assertThat(compilation.errorsIn("p/Single.java")).contains("An enum cannot be a function");
  }

  @Test
  void aRecordWithoutComponentsIsAFunction(@TempDir Path dir) throws Exception {
    Compilation compilation =
        compile(
            dir,
            Map.of(
                "p/Hello.java",
                """
                package p;

                import dev.portablefunctions.*;

                public record Hello() implements HttpFunction {
                  public HttpResponse handle(HttpRequest request, Context context) {
                    return HttpResponse.ok().text("hi");
                  }
                }
                """));

    assertThat(compilation.success()).as(compilation.errors()).isTrue();
    assertThat(Files.readString(compilation.classes().resolve(SERVICE_FILE)))
        .contains("p.PortableFunctionIndex");
  }

  // ---- rounds and several source sets ----

  @Test
  void writesTheIndexSourceBeforeTheLastRound() {
    assertThat(compilation.warnings()).doesNotContain("last round");
  }

  @Test
  void aTestSourceSetInTheSamePackageGetsAnIndexOfItsOwn(@TempDir Path dir) throws Exception {
    Compilation main =
        compile(
            dir.resolve("main"),
            Map.of(
                "com/example/shop/Checkout.java",
                """
                package com.example.shop;

                import dev.portablefunctions.*;

                public class Checkout implements HttpFunction {
                  static String status() {
                    return "paid";
                  }

                  @Override
                  public HttpResponse handle(HttpRequest request, Context context) {
                    return HttpResponse.ok().text(status());
                  }
                }
                """));
    Compilation test =
        compile(
            dir.resolve("test"),
            Map.of(
                "com/example/shop/FakePayments.java",
                """
                package com.example.shop;

                import dev.portablefunctions.*;

                public class FakePayments implements HttpFunction {
                  @Override
                  public HttpResponse handle(HttpRequest request, Context context) {
                    return HttpResponse.ok().text("fake " + Checkout.status());
                  }
                }
                """),
            List.of(main.classes()),
            List.of());

    assertThat(main.success()).as(main.errors()).isTrue();
    assertThat(test.success()).as(test.errors()).isTrue();
    assertThat(test.warnings()).doesNotContain("already exists").doesNotContain("last round");
    assertThat(Files.readAllLines(main.classes().resolve(SERVICE_FILE), UTF_8))
        .containsExactly("com.example.shop.PortableFunctionIndex");
    assertThat(Files.readAllLines(test.classes().resolve(SERVICE_FILE), UTF_8))
        .containsExactly("com.example.shop.PortableFunctionIndex2");
    assertThat(test.classes().resolve("com/example/shop/PortableFunctionIndex.class"))
        .doesNotExist();
    // As on a test classpath: test classes first, then the main classes.
    try (URLClassLoader both =
        new URLClassLoader(
            new URL[] {test.classes().toUri().toURL(), main.classes().toUri().toURL()},
            FunctionIndexProcessorTest.class.getClassLoader())) {
      FunctionRegistry loaded = FunctionRegistry.load(both);

      assertThat(loaded.functions())
          .extracting(FunctionDefinition::name)
          .containsExactlyInAnyOrder("checkout", "fake-payments");
      assertThat(loaded.find("checkout").orElseThrow().instance())
          .isInstanceOf(both.loadClass("com.example.shop.Checkout"));
      assertThat(loaded.find("fake-payments").orElseThrow().instance())
          .isInstanceOf(both.loadClass("com.example.shop.FakePayments"));
    }
  }

  @Test
  void takenIndexNamesAreSkippedInOrder(@TempDir Path dir) throws Exception {
    String function =
        """
        package p;

        import dev.portablefunctions.*;

        public class %s implements MessageFunction {
          @Override
          public void handle(Message message, Context context) {}
        }
        """;
    Compilation first =
        compile(dir.resolve("1"), Map.of("p/First.java", function.formatted("First")));
    Compilation second =
        compile(
            dir.resolve("2"),
            Map.of("p/Second.java", function.formatted("Second")),
            List.of(first.classes()),
            List.of());
    Compilation third =
        compile(
            dir.resolve("3"),
            Map.of("p/Third.java", function.formatted("Third")),
            List.of(second.classes(), first.classes()),
            List.of());

    assertThat(third.success()).as(third.errors()).isTrue();
    assertThat(Files.readAllLines(second.classes().resolve(SERVICE_FILE), UTF_8))
        .containsExactly("p.PortableFunctionIndex2");
    assertThat(Files.readAllLines(third.classes().resolve(SERVICE_FILE), UTF_8))
        .containsExactly("p.PortableFunctionIndex3");
    try (URLClassLoader all =
        new URLClassLoader(
            new URL[] {
              third.classes().toUri().toURL(),
              second.classes().toUri().toURL(),
              first.classes().toUri().toURL()
            },
            FunctionIndexProcessorTest.class.getClassLoader())) {
      assertThat(FunctionRegistry.load(all).functions())
          .extracting(FunctionDefinition::name)
          .containsExactlyInAnyOrder("first", "second", "third");
    }
  }

  @Test
  void functionsFoundInALaterRoundGetAnIndexOfTheirOwn(@TempDir Path dir) throws Exception {
    Compilation compilation =
        compile(
            dir,
            Map.of(
                "p/Written.java",
                """
                package p;

                import dev.portablefunctions.*;

                public class Written implements HttpFunction {
                  @Override
                  public HttpResponse handle(HttpRequest request, Context context) {
                    return HttpResponse.ok().text("written");
                  }
                }
                """),
            List.of(),
            List.of(new GeneratesAFunction()));

    assertThat(compilation.success()).as(compilation.errors()).isTrue();
    assertThat(compilation.warnings()).doesNotContain("last round");
    assertThat(Files.readAllLines(compilation.classes().resolve(SERVICE_FILE), UTF_8))
        .containsExactly("p.PortableFunctionIndex", "p.PortableFunctionIndex2");
    assertThat(Files.readString(compilation.generated().resolve("p/PortableFunctionIndex.java")))
        .contains("new p.Written()")
        .doesNotContain("p.Generated");
    assertThat(Files.readString(compilation.generated().resolve("p/PortableFunctionIndex2.java")))
        .contains("new p.Generated()")
        .doesNotContain("p.Written");
    try (URLClassLoader loader =
        new URLClassLoader(
            new URL[] {compilation.classes().toUri().toURL()},
            FunctionIndexProcessorTest.class.getClassLoader())) {
      FunctionRegistry loaded = FunctionRegistry.load(loader);

      assertThat(loaded.functions())
          .extracting(FunctionDefinition::name)
          .containsExactlyInAnyOrder("written", "generated");
      HttpFunction generated = (HttpFunction) loaded.find("generated").orElseThrow().instance();
      assertThat(
              generated.handle(HttpRequest.builder("GET", "/").build(), context()).bodyAsString())
          .isEqualTo("generated");
    }
  }

  /** Writes the source of one HTTP function in the first round, as code generators do. */
  static final class GeneratesAFunction extends AbstractProcessor {
    private boolean done;

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return Set.of("*");
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      if (done) {
        return false;
      }
      done = true;
      try (Writer out = processingEnv.getFiler().createSourceFile("p.Generated").openWriter()) {
        out.write(
            """
            package p;

            import dev.portablefunctions.*;

            public class Generated implements HttpFunction {
              @Override
              public HttpResponse handle(HttpRequest request, Context context) {
                return HttpResponse.ok().text("generated");
              }
            }
            """);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return false;
    }
  }

  // ---- nothing to index ----

  @Test
  void noFunctionsWriteNoServiceFile(@TempDir Path dir) {
    Compilation compilation =
        compile(
            dir,
            Map.of(
                "p/Plain.java",
                """
                package p;

                public class Plain {
                  public Runnable task() {
                    return () -> {};
                  }
                }
                """));

    assertThat(compilation.success()).as(compilation.errors()).isTrue();
    assertThat(compilation.classes().resolve(SERVICE_FILE)).doesNotExist();
    assertThat(compilation.classes().resolve("p/PortableFunctionIndex.class")).doesNotExist();
  }

  @Test
  void abstractClassesAndInterfacesAreIgnoredEvenWhenTheyWouldBeInvalid(@TempDir Path dir) {
    Compilation compilation =
        compile(
            dir,
            Map.of(
                "p/Base.java",
                """
                package p;

                import dev.portablefunctions.*;

                public abstract class Base<T> implements TypedFunction<T, String>, HttpFunction {
                  protected Base(String needsAnArgument) {}

                  public interface Shape extends HttpFunction, MessageFunction {}
                }
                """));

    assertThat(compilation.success()).as(compilation.errors()).isTrue();
    assertThat(compilation.classes().resolve(SERVICE_FILE)).doesNotExist();
  }

  @Test
  void anonymousAndLocalClassesAreNotFunctions(@TempDir Path dir) {
    Compilation compilation =
        compile(
            dir,
            Map.of(
                "p/Factory.java",
                """
                package p;

                import dev.portablefunctions.*;

                public class Factory {
                  public HttpFunction anonymous() {
                    return new HttpFunction() {
                      public HttpResponse handle(HttpRequest request, Context context) {
                        return HttpResponse.ok();
                      }
                    };
                  }

                  public Object local() {
                    class Local implements MessageFunction {
                      public void handle(Message message, Context context) {}
                    }
                    return new Local();
                  }
                }
                """));

    assertThat(compilation.success()).as(compilation.errors()).isTrue();
    assertThat(compilation.classes().resolve(SERVICE_FILE)).doesNotExist();
  }

  // ---- helpers ----

  private static InvocationContext context() {
    return InvocationContext.builder(Cloud.LOCAL, "test", "inv-1").build();
  }

  /** The outcome of one javac run. */
  record Compilation(
      boolean success,
      List<Diagnostic<? extends JavaFileObject>> diagnostics,
      Path classes,
      Path generated) {

    /** Every warning message, one per line. */
    String warnings() {
      return diagnostics.stream()
          .filter(
              d ->
                  d.getKind() == Diagnostic.Kind.WARNING
                      || d.getKind() == Diagnostic.Kind.MANDATORY_WARNING)
          .map(d -> d.getMessage(Locale.ROOT))
          .collect(Collectors.joining("\n"));
    }

    /** Every error message, one per line. */
    String errors() {
      return diagnostics.stream()
          .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
          .map(d -> d.getMessage(Locale.ROOT))
          .collect(Collectors.joining("\n"));
    }

    /** The error messages reported against one source file, one per line. */
    String errorsIn(String path) {
      return diagnostics.stream()
          .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
          .filter(
              d -> d.getSource() != null && d.getSource().toUri().getPath().endsWith("/" + path))
          .map(d -> d.getMessage(Locale.ROOT))
          .collect(Collectors.joining("\n"));
    }
  }

  /** Compiles sources (path to code) with the processor, into {@code dir}. */
  static Compilation compile(Path dir, Map<String, String> sources) {
    return compile(dir, sources, List.of(), List.of());
  }

  /**
   * Compiles sources (path to code) into {@code dir} with {@code classpath} in front of the test's
   * own classpath, running {@code otherProcessors} before the index processor.
   */
  static Compilation compile(
      Path dir,
      Map<String, String> sources,
      List<Path> classpath,
      List<Processor> otherProcessors) {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    Path classes = dir.resolve("classes");
    Path generated = dir.resolve("generated");
    try (StandardJavaFileManager files =
        javac.getStandardFileManager(diagnostics, Locale.ROOT, UTF_8)) {
      Files.createDirectories(classes);
      Files.createDirectories(generated);
      files.setLocationFromPaths(StandardLocation.CLASS_OUTPUT, List.of(classes));
      files.setLocationFromPaths(StandardLocation.SOURCE_OUTPUT, List.of(generated));
      List<JavaFileObject> units = new ArrayList<>();
      sources.forEach((path, code) -> units.add(new Source(path, code)));
      JavaCompiler.CompilationTask task =
          javac.getTask(
              null,
              files,
              diagnostics,
              List.of(
                  "-classpath",
                  Stream.concat(
                          classpath.stream().map(Path::toString),
                          Stream.of(System.getProperty("java.class.path")))
                      .collect(Collectors.joining(File.pathSeparator)),
                  "-Xlint:all,-options"),
              null,
              units);
      List<Processor> processors = new ArrayList<>(otherProcessors);
      processors.add(new FunctionIndexProcessor());
      task.setProcessors(processors);
      boolean success = task.call();
      return new Compilation(success, diagnostics.getDiagnostics(), classes, generated);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A source file held in memory. */
  private static final class Source extends SimpleJavaFileObject {
    private final String code;

    Source(String path, String code) {
      super(URI.create("memory:///" + path), Kind.SOURCE);
      this.code = code;
    }

    @Override
    public CharSequence getCharContent(boolean ignoreEncodingErrors) {
      return code;
    }
  }
}
