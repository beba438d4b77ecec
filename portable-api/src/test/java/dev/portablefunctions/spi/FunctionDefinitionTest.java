package dev.portablefunctions.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JavaType;
import dev.portablefunctions.Context;
import dev.portablefunctions.EventFunction;
import dev.portablefunctions.HttpFunction;
import dev.portablefunctions.HttpRequest;
import dev.portablefunctions.HttpResponse;
import dev.portablefunctions.Message;
import dev.portablefunctions.MessageFunction;
import dev.portablefunctions.PortableFunction;
import dev.portablefunctions.ScheduleEvent;
import dev.portablefunctions.StorageEvent;
import dev.portablefunctions.TypedFunction;
import io.cloudevents.CloudEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class FunctionDefinitionTest {

  public record Order(String sku, int quantity) {}

  public record Receipt(String orderId) {}

  public record Item(String name) {}

  // ---- one class per shape ----

  static final class EchoHttp implements HttpFunction {
    @Override
    public HttpResponse handle(HttpRequest request, Context context) {
      return HttpResponse.ok().text(request.bodyAsString());
    }
  }

  @PortableFunction("greet")
  static final class GreetingHandler implements HttpFunction {
    @Override
    public HttpResponse handle(HttpRequest request, Context context) {
      return HttpResponse.ok().text("hello");
    }
  }

  static final class PlaceOrder implements TypedFunction<Order, Receipt> {
    @Override
    public Receipt handle(Order input, Context context) {
      return new Receipt(input.sku());
    }
  }

  static final class CountItems implements TypedFunction<List<Item>, Integer> {
    @Override
    public Integer handle(List<Item> input, Context context) {
      return input.size();
    }
  }

  static final class LookupPrices implements TypedFunction<Map<String, List<Item>>, Integer> {
    @Override
    public Integer handle(Map<String, List<Item>> input, Context context) {
      return input.size();
    }
  }

  abstract static class StringAnswer<T> implements TypedFunction<T, String> {
    @Override
    public String handle(T input, Context context) {
      return String.valueOf(input);
    }
  }

  static final class DescribeOrder extends StringAnswer<Order> {}

  static final class Thumbnail implements EventFunction<StorageEvent> {
    @Override
    public void handle(StorageEvent event, Context context) {}
  }

  static final class Nightly implements EventFunction<ScheduleEvent> {
    @Override
    public void handle(ScheduleEvent event, Context context) {}
  }

  static final class AnyEvent implements EventFunction<CloudEvent> {
    @Override
    public void handle(CloudEvent event, Context context) {}
  }

  static final class Audit implements MessageFunction {
    @Override
    public void handle(Message message, Context context) {}
  }

  // ---- invalid ones ----

  static final class TwoShapes implements HttpFunction, MessageFunction {
    @Override
    public HttpResponse handle(HttpRequest request, Context context) {
      return HttpResponse.ok();
    }

    @Override
    public void handle(Message message, Context context) {}
  }

  static final class NotAFunction {}

  static final class StringEvents implements EventFunction<String> {
    @Override
    public void handle(String event, Context context) {}
  }

  @SuppressWarnings("rawtypes")
  static final class RawTyped implements TypedFunction {
    @Override
    public Object handle(Object input, Context context) {
      return input;
    }
  }

  @PortableFunction("Bad_Name")
  static final class BadlyNamed implements HttpFunction {
    @Override
    public HttpResponse handle(HttpRequest request, Context context) {
      return HttpResponse.ok();
    }
  }

  /** An index that counts how often it creates its function. */
  static final class CountingIndex implements FunctionIndex {
    final AtomicInteger created = new AtomicInteger();

    @Override
    public List<FunctionDefinition> functions() {
      return List.of(
          FunctionDefinition.indexed(
              "echo-http", FunctionKind.HTTP, EchoHttp.class.getName(), null, this));
    }

    @Override
    public Object newInstance(String name) {
      if (!name.equals("echo-http")) {
        throw new IllegalArgumentException("No function " + name);
      }
      created.incrementAndGet();
      return new EchoHttp();
    }
  }

  // ---- of(instance) ----

  @Test
  void ofReadsAnHttpFunction() {
    EchoHttp function = new EchoHttp();

    FunctionDefinition definition = FunctionDefinition.of(function);

    assertThat(definition.name()).isEqualTo("echo-http");
    assertThat(definition.kind()).isEqualTo(FunctionKind.HTTP);
    assertThat(definition.className()).isEqualTo(EchoHttp.class.getName());
    assertThat(definition.inputType()).isEmpty();
    assertThat(definition.instance()).isSameAs(function);
  }

  @Test
  void ofTakesTheNameFromTheAnnotation() {
    assertThat(FunctionDefinition.of(new GreetingHandler()).name()).isEqualTo("greet");
  }

  @Test
  void ofReadsATypedFunctionsInputType() {
    FunctionDefinition definition = FunctionDefinition.of(new PlaceOrder());

    assertThat(definition.name()).isEqualTo("place-order");
    assertThat(definition.kind()).isEqualTo(FunctionKind.TYPED);
    assertThat(definition.inputType()).map(JavaType::getRawClass).contains(Order.class);
  }

  @Test
  void ofResolvesAGenericInputType() {
    JavaType type = FunctionDefinition.of(new CountItems()).inputType().orElseThrow();

    assertThat(type.getRawClass()).isEqualTo(List.class);
    assertThat(type.getContentType().getRawClass()).isEqualTo(Item.class);
  }

  @Test
  void ofResolvesANestedGenericInputType() {
    JavaType type = FunctionDefinition.of(new LookupPrices()).inputType().orElseThrow();

    assertThat(type.getRawClass()).isEqualTo(Map.class);
    assertThat(type.getKeyType().getRawClass()).isEqualTo(String.class);
    assertThat(type.getContentType().getRawClass()).isEqualTo(List.class);
    assertThat(type.getContentType().getContentType().getRawClass()).isEqualTo(Item.class);
  }

  @Test
  void ofResolvesATypeArgumentBoundInASubclass() {
    FunctionDefinition definition = FunctionDefinition.of(new DescribeOrder());

    assertThat(definition.kind()).isEqualTo(FunctionKind.TYPED);
    assertThat(definition.inputType()).map(JavaType::getRawClass).contains(Order.class);
  }

  @Test
  void ofReadsEachEventKindFromTheTypeArgument() {
    assertThat(FunctionDefinition.of(new Thumbnail()).kind()).isEqualTo(FunctionKind.STORAGE);
    assertThat(FunctionDefinition.of(new Nightly()).kind()).isEqualTo(FunctionKind.SCHEDULE);
    assertThat(FunctionDefinition.of(new AnyEvent()).kind()).isEqualTo(FunctionKind.CLOUD_EVENT);
    assertThat(FunctionDefinition.of(new Thumbnail()).inputType()).isEmpty();
  }

  @Test
  void ofReadsAMessageFunction() {
    FunctionDefinition definition = FunctionDefinition.of(new Audit());

    assertThat(definition.name()).isEqualTo("audit");
    assertThat(definition.kind()).isEqualTo(FunctionKind.MESSAGE);
  }

  @Test
  void ofRejectsAClassImplementingTwoShapes() {
    assertThatThrownBy(() -> FunctionDefinition.of(new TwoShapes()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(TwoShapes.class.getName())
        .hasMessageContaining("exactly one")
        .hasMessageContaining("implements 2");
  }

  @Test
  void ofRejectsAClassImplementingNoShape() {
    assertThatThrownBy(() -> FunctionDefinition.of(new NotAFunction()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("implements 0");
  }

  @Test
  void ofRejectsATypedLambdaPointingToTheTypedFactory() {
    TypedFunction<Order, Receipt> lambda = (order, context) -> new Receipt(order.sku());

    assertThatThrownBy(() -> FunctionDefinition.of(lambda))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("lambda")
        .hasMessageContaining(".typed");
  }

  @Test
  void ofRejectsAnEventLambdaPointingToTheEventFactory() {
    EventFunction<StorageEvent> lambda = (event, context) -> {};

    assertThatThrownBy(() -> FunctionDefinition.of(lambda))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("lambda")
        .hasMessageContaining(".event");
  }

  @Test
  void ofRejectsARawTypedFunction() {
    assertThatThrownBy(() -> FunctionDefinition.of(new RawTyped()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(RawTyped.class.getName());
  }

  @Test
  void ofRejectsAnUnsupportedEventType() {
    assertThatThrownBy(() -> FunctionDefinition.of(new StringEvents()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("StorageEvent, ScheduleEvent or io.cloudevents.CloudEvent")
        .hasMessageContaining("java.lang.String");
  }

  @Test
  void ofRejectsAnInvalidAnnotatedName() {
    assertThatThrownBy(() -> FunctionDefinition.of(new BadlyNamed()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'Bad_Name'")
        .hasMessageContaining("lower-case");
  }

  @Test
  void ofRejectsNull() {
    assertThatThrownBy(() -> FunctionDefinition.of(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("function");
  }

  // ---- explicit factories ----

  @Test
  void explicitFactoriesTakeLambdas() {
    HttpFunction http = (request, context) -> HttpResponse.ok();
    MessageFunction message = (m, context) -> {};
    TypedFunction<Order, Receipt> typed = (order, context) -> new Receipt("r");
    EventFunction<ScheduleEvent> event = (tick, context) -> {};

    assertThat(FunctionDefinition.http("h", http).kind()).isEqualTo(FunctionKind.HTTP);
    assertThat(FunctionDefinition.http("h", http).instance()).isSameAs(http);
    assertThat(FunctionDefinition.message("m", message).kind()).isEqualTo(FunctionKind.MESSAGE);
    assertThat(FunctionDefinition.typed("t", Order.class, typed).inputType())
        .map(JavaType::getRawClass)
        .contains(Order.class);
    assertThat(FunctionDefinition.event("e", ScheduleEvent.class, event).kind())
        .isEqualTo(FunctionKind.SCHEDULE);
  }

  @Test
  void eventFactoryRejectsAnUnsupportedType() {
    EventFunction<String> strings = (text, context) -> {};

    assertThatThrownBy(() -> FunctionDefinition.event("e", String.class, strings))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("java.lang.String");
  }

  @Test
  void explicitFactoriesValidateTheName() {
    assertThatThrownBy(() -> FunctionDefinition.http("Echo", (request, context) -> null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'Echo'");
    assertThatThrownBy(() -> FunctionDefinition.http(null, (request, context) -> null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("name");
    assertThatThrownBy(() -> FunctionDefinition.http("echo", null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("function");
    assertThatThrownBy(() -> FunctionDefinition.typed("t", null, (Object in, Context c) -> in))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("inputType");
  }

  @Test
  void eventKindMapsEachSupportedType() {
    assertThat(FunctionDefinition.eventKind(StorageEvent.class)).isEqualTo(FunctionKind.STORAGE);
    assertThat(FunctionDefinition.eventKind(ScheduleEvent.class)).isEqualTo(FunctionKind.SCHEDULE);
    assertThat(FunctionDefinition.eventKind(CloudEvent.class)).isEqualTo(FunctionKind.CLOUD_EVENT);
    assertThatThrownBy(() -> FunctionDefinition.eventKind(Message.class))
        .isInstanceOf(IllegalArgumentException.class);
  }

  // ---- indexed ----

  @Test
  void indexedInstanceIsCreatedLazilyAndOnce() {
    CountingIndex index = new CountingIndex();
    FunctionDefinition definition = index.functions().get(0);

    assertThat(index.created).hasValue(0);
    assertThat(definition.name()).isEqualTo("echo-http");
    assertThat(definition.kind()).isEqualTo(FunctionKind.HTTP);
    assertThat(index.created).hasValue(0);

    Object first = definition.instance();
    Object second = definition.instance();

    assertThat(first).isInstanceOf(EchoHttp.class).isSameAs(second);
    assertThat(index.created).hasValue(1);
  }

  @Test
  void indexedInstanceIsCreatedOnceUnderConcurrency() throws Exception {
    AtomicInteger created = new AtomicInteger();
    CountDownLatch start = new CountDownLatch(1);
    FunctionIndex slowIndex =
        new FunctionIndex() {
          @Override
          public List<FunctionDefinition> functions() {
            return List.of();
          }

          @Override
          public Object newInstance(String name) {
            created.incrementAndGet();
            try {
              Thread.sleep(20);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            return new EchoHttp();
          }
        };
    FunctionDefinition definition =
        FunctionDefinition.indexed(
            "echo-http", FunctionKind.HTTP, EchoHttp.class.getName(), null, slowIndex);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Object>> results = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  return definition.instance();
                }));
      }
      start.countDown();
      Object first = results.get(0).get(5, TimeUnit.SECONDS);
      for (Future<Object> result : results) {
        assertThat(result.get(5, TimeUnit.SECONDS)).isSameAs(first);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(created).hasValue(1);
  }

  @Test
  void indexedTypedResolvesItsCanonicalInputTypeOnFirstUse() {
    FunctionDefinition definition =
        FunctionDefinition.indexed(
            "count-items",
            FunctionKind.TYPED,
            CountItems.class.getName(),
            "java.util.List<" + Item.class.getName() + ">",
            new CountingIndex());

    JavaType type = definition.inputType().orElseThrow();

    assertThat(type.getRawClass()).isEqualTo(List.class);
    assertThat(type.getContentType().getRawClass()).isEqualTo(Item.class);
    assertThat(definition.inputType().orElseThrow()).isSameAs(type);
  }

  @Test
  void indexedTypedWithAMissingInputTypeFailsOnUseNamingIt() {
    FunctionDefinition definition =
        FunctionDefinition.indexed(
            "gone",
            FunctionKind.TYPED,
            "com.example.Gone",
            "com.example.NoSuchInput",
            new CountingIndex());

    assertThatThrownBy(definition::inputType)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("com.example.NoSuchInput")
        .hasMessageContaining("gone");
  }

  @Test
  void indexedRequiresAnInputTypeForAndOnlyForTypedFunctions() {
    CountingIndex index = new CountingIndex();

    assertThatThrownBy(
            () -> FunctionDefinition.indexed("t", FunctionKind.TYPED, "a.B", null, index))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("inputType");
    assertThatThrownBy(
            () ->
                FunctionDefinition.indexed(
                    "h", FunctionKind.HTTP, "a.B", "java.lang.String", index))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("inputType");
    assertThatThrownBy(() -> FunctionDefinition.indexed("h", FunctionKind.HTTP, "a.B", null, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("index");
  }

  @Test
  void aFailingConstructorIsReportedAsIllegalStateNamingTheFunction() {
    FunctionIndex failing =
        new FunctionIndex() {
          @Override
          public List<FunctionDefinition> functions() {
            return List.of();
          }

          @Override
          public Object newInstance(String name) {
            throw new IllegalStateException("database unreachable");
          }
        };
    FunctionDefinition definition =
        FunctionDefinition.indexed(
            "echo-http", FunctionKind.HTTP, "com.example.Echo", null, failing);

    assertThatThrownBy(definition::instance)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("echo-http")
        .hasMessageContaining("com.example.Echo")
        .hasMessageContaining("database unreachable")
        .hasRootCauseMessage("database unreachable");
  }

  @Test
  void toStringNamesKindAndClass() {
    assertThat(FunctionDefinition.of(new EchoHttp()))
        .hasToString("echo-http (an HTTP function, " + EchoHttp.class.getName() + ")");
  }
}
