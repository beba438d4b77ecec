package dev.portablefunctions.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portablefunctions.Cloud;
import dev.portablefunctions.FunctionException;
import dev.portablefunctions.FunctionLogger;
import dev.portablefunctions.HttpRequest;
import dev.portablefunctions.HttpResponse;
import dev.portablefunctions.Message;
import dev.portablefunctions.ScheduleEvent;
import dev.portablefunctions.TraceContext;
import java.net.URL;
import java.net.URLClassLoader;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class InstrumentationTest {

  public record Order(String sku) {}

  private final List<LogRecord> logs = new CopyOnWriteArrayList<>();
  private final List<String> events = new CopyOnWriteArrayList<>();
  private final List<Outcome> ended = new CopyOnWriteArrayList<>();

  /** Records what it sees, and each message's outcome. */
  private final InvocationObserver recorder =
      invocation -> {
        events.add(
            "begin "
                + invocation.trigger().id()
                + " "
                + invocation.source()
                + (invocation.coldStart() ? " cold" : ""));
        return new InvocationObserver.Observation() {
          @Override
          public void request(HttpRequest request) {
            events.add("request " + request.method() + " " + request.path());
          }

          @Override
          public InvocationObserver.Observation message(
              Message message, dev.portablefunctions.Context context) {
            events.add("message " + message.id());
            return outcome ->
                events.add(
                    "message "
                        + message.id()
                        + " "
                        + outcome.result().id()
                        + outcome.errorKind().map(kind -> " " + kind).orElse(""));
          }

          @Override
          public void end(Outcome outcome) {
            ended.add(outcome);
          }
        };
      };

  private final Instrumentation instrumentation = Instrumentation.of(true, List.of(recorder));

  private InvocationContext context(TriggerType trigger, String source) {
    return InvocationContext.builder(Cloud.AWS, "under-test", "inv-1")
        .trace(
            TraceContext.fromXRay(
                "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1"))
        .logWriter(logs::add, FunctionLogger.Level.INFO)
        .instrumentation(instrumentation, trigger, source)
        .build();
  }

  private LogRecord outcomeRecord() {
    List<LogRecord> records = logs.stream().filter(record -> record.outcome() != null).toList();
    assertThat(records).hasSize(1);
    return records.get(0);
  }

  @Test
  void anHttpInvocationEndsWithOneOutcomeRecordAndOnlyTheFirstIsCold() {
    FunctionDefinition echo =
        FunctionDefinition.http("echo", (request, context) -> HttpResponse.status(201));
    InvocationContext first = context(TriggerType.HTTP, "aws_api_gateway");
    FunctionRunner.finish(
        first, FunctionRunner.http(echo, HttpRequest.builder("GET", "/a").build(), first));
    InvocationContext second = context(TriggerType.HTTP, "aws_api_gateway");
    FunctionRunner.finish(
        second, FunctionRunner.http(echo, HttpRequest.builder("GET", "/b").build(), second));

    assertThat(events)
        .containsExactly(
            "begin http aws_api_gateway cold",
            "request GET /a",
            "begin http aws_api_gateway",
            "request GET /b");
    assertThat(ended).extracting(Outcome::coldStart).containsExactly(true, false);
    assertThat(logs).hasSize(2);
    LogRecord record = logs.get(0);
    assertThat(record.level()).isEqualTo(FunctionLogger.Level.INFO);
    assertThat(record.invocationId()).isEqualTo("inv-1");
    assertThat(record.message())
        .startsWith("Invocation succeeded in ")
        .endsWith(" ms (HTTP 201, cold start)");
    Outcome outcome = record.outcome();
    assertThat(outcome.result()).isEqualTo(Outcome.Result.SUCCEEDED);
    assertThat(outcome.status()).hasValue(201);
    assertThat(outcome.errorKind()).isEmpty();
    assertThat(outcome.batchSize()).isEmpty();
    assertThat(outcome.durationNanos()).isPositive();
  }

  @Test
  void aFunctionExceptionIsAnErrorOfItsKind() {
    FunctionDefinition missing =
        FunctionDefinition.http(
            "missing",
            (request, context) -> {
              throw FunctionException.notFound("no order 7");
            });
    InvocationContext context = context(TriggerType.HTTP, "http");
    HttpResponse response =
        FunctionRunner.http(missing, HttpRequest.builder("GET", "/").build(), context);
    FunctionRunner.finish(context, response);

    Outcome outcome = outcomeRecord().outcome();
    assertThat(outcome.result()).isEqualTo(Outcome.Result.FAILED);
    assertThat(outcome.errorKind()).hasValue("NOT_FOUND");
    assertThat(outcome.status()).hasValue(404);
    assertThat(outcomeRecord().message()).startsWith("Invocation failed (NOT_FOUND) in ");
  }

  @Test
  void inputThatDoesNotBindIsARefusal() {
    FunctionDefinition typed =
        FunctionDefinition.typed("price", Order.class, (order, context) -> order);
    InvocationContext context = context(TriggerType.OTHER, "direct");
    assertThatThrownBy(() -> FunctionRunner.typed(typed, "[1]".getBytes(), context))
        .isInstanceOf(FunctionException.class);
    FunctionRunner.finish(context);

    Outcome outcome = outcomeRecord().outcome();
    assertThat(outcome.result()).isEqualTo(Outcome.Result.REFUSED);
    assertThat(outcome.errorKind()).hasValue("BAD_INPUT");
    assertThat(outcome.status()).isEmpty();
  }

  @Test
  void anUnsupportedTriggerIsARefusalOfItsOwnKind() {
    InvocationContext context = context(TriggerType.PUBSUB, "aws_sqs");
    ReportedFailure failure =
        FunctionRunner.unsupportedTrigger("Unsupported trigger: ...", context);
    FunctionRunner.finish(context, failure);

    Outcome outcome = outcomeRecord().outcome();
    assertThat(outcome.result()).isEqualTo(Outcome.Result.REFUSED);
    assertThat(outcome.errorKind()).hasValue(Outcome.UNSUPPORTED_TRIGGER);
    assertThat(outcome.isError()).isTrue();
  }

  @Test
  void aBatchCountsItsFailuresAndEachMessageIsObserved() {
    FunctionDefinition orders =
        FunctionDefinition.message(
            "orders",
            (message, context) -> {
              if (message.id().equals("2")) {
                throw FunctionException.unprocessable("bad order");
              }
            });
    InvocationContext context = context(TriggerType.PUBSUB, "aws_sqs");
    List<Message> batch =
        List.of(
            Message.builder("1").orderingKey("g").build(),
            Message.builder("2").orderingKey("g").build(),
            Message.builder("3").orderingKey("g").build(),
            Message.builder("4").build());
    FunctionRunner.messages(orders, batch, context, BatchMode.BY_ORDERING_KEY);
    FunctionRunner.finish(context);

    assertThat(events)
        .containsSubsequence(
            "message 1", "message 1 success",
            "message 2", "message 2 error UNPROCESSABLE",
            "message 3", "message 3 skipped UNAVAILABLE",
            "message 4", "message 4 success");
    Outcome outcome = outcomeRecord().outcome();
    assertThat(outcome.result()).isEqualTo(Outcome.Result.PARTIAL);
    assertThat(outcome.errorKind()).hasValue("UNPROCESSABLE");
    assertThat(outcome.batchSize()).hasValue(4);
    assertThat(outcome.failedCount()).isEqualTo(2);
    assertThat(outcome.skippedCount()).isEqualTo(1);
    assertThat(outcomeRecord().message()).contains("(2 of 4 messages failed, 1 of them not run");
  }

  @Test
  void anEventThatThrowsIsAnInternalError() {
    FunctionDefinition tick = FunctionDefinition.of(new Tick());
    InvocationContext context = context(TriggerType.TIMER, "aws_eventbridge");
    assertThatThrownBy(() -> FunctionRunner.event(tick, ScheduleEvent.of(Instant.now()), context))
        .hasMessage("boom");
    FunctionRunner.finish(context, ReportedFailure.of(FunctionException.Kind.INTERNAL, "x"));

    Outcome outcome = outcomeRecord().outcome();
    assertThat(outcome.result()).isEqualTo(Outcome.Result.FAILED);
    assertThat(outcome.errorKind()).hasValue("INTERNAL");
    assertThat(outcome.error()).get().extracting(Throwable::getMessage).isEqualTo("boom");
  }

  @Test
  void finishingTwiceEndsOnce() {
    InvocationContext context = context(TriggerType.OTHER, "direct");
    FunctionRunner.finish(context);
    FunctionRunner.finish(context, new IllegalStateException("later"));
    assertThat(ended).hasSize(1);
    assertThat(logs).hasSize(1);
  }

  @Test
  void withoutInstrumentationNothingIsTrackedOrLogged() {
    InvocationContext plain =
        InvocationContext.builder(Cloud.LOCAL, "plain", "inv-2")
            .logWriter(logs::add, FunctionLogger.Level.DEBUG)
            .build();
    FunctionDefinition echo =
        FunctionDefinition.http("echo", (request, context) -> HttpResponse.ok());
    FunctionRunner.finish(
        plain, FunctionRunner.http(echo, HttpRequest.builder("GET", "/").build(), plain));

    assertThat(plain.tracker()).isNull();
    assertThat(logs).isEmpty();
    assertThat(Instrumentation.of(false, List.of())).isSameAs(Instrumentation.none());
  }

  @Test
  void theOutcomeRecordCanBeTurnedOffWhileObserversStillSeeEverything() {
    Instrumentation quiet = Instrumentation.of(false, List.of(recorder));
    InvocationContext context =
        InvocationContext.builder(Cloud.GCP, "quiet", "inv-3")
            .logWriter(logs::add, FunctionLogger.Level.DEBUG)
            .instrumentation(quiet, TriggerType.OTHER, "eventarc")
            .build();
    FunctionRunner.finish(context);

    assertThat(logs).isEmpty();
    assertThat(ended).hasSize(1);
    assertThat(Instrumentation.outcomeLogFrom("false")).isFalse();
    assertThat(Instrumentation.outcomeLogFrom(" OFF ")).isFalse();
    assertThat(Instrumentation.outcomeLogFrom(null)).isTrue();
    assertThat(Instrumentation.outcomeLogFrom("true")).isTrue();
  }

  @Test
  void theOutcomeRecordFollowsTheLogLevel() {
    InvocationContext context =
        InvocationContext.builder(Cloud.AWS, "warn-only", "inv-4")
            .logWriter(logs::add, FunctionLogger.Level.WARN)
            .instrumentation(instrumentation, TriggerType.OTHER, "direct")
            .build();
    FunctionRunner.finish(context);

    assertThat(logs).isEmpty();
    assertThat(ended).hasSize(1);
  }

  @Test
  void anObserverThatThrowsNeverFailsTheInvocation() {
    InvocationObserver broken =
        invocation -> {
          throw new IllegalStateException("observer bug");
        };
    InvocationContext context =
        InvocationContext.builder(Cloud.AWS, "sturdy", "inv-5")
            .logWriter(logs::add, FunctionLogger.Level.INFO)
            .instrumentation(
                Instrumentation.of(true, List.of(broken, recorder)), TriggerType.HTTP, "http")
            .build();
    FunctionDefinition echo = FunctionDefinition.http("echo", (request, ctx) -> HttpResponse.ok());
    HttpResponse response =
        FunctionRunner.http(echo, HttpRequest.builder("GET", "/").build(), context);
    FunctionRunner.finish(context, response);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(ended).hasSize(1);
    assertThat(outcomeRecord().outcome().result()).isEqualTo(Outcome.Result.SUCCEEDED);
  }

  @Test
  void noProviderMeansNoObserver() {
    assertThat(Instrumentation.observers(InstrumentationTest.class.getClassLoader())).isEmpty();
  }

  @Test
  void everyProviderThatLoadsIsCalledInTheOrderOfItsClassName() throws Exception {
    URL services = InstrumentationTest.class.getResource("/observers/");
    try (URLClassLoader loader =
        new URLClassLoader(new URL[] {services}, InstrumentationTest.class.getClassLoader())) {
      List<InvocationObserver> observers = Instrumentation.observers(loader);

      assertThat(observers)
          .extracting(observer -> observer.getClass().getSimpleName())
          .containsExactly("AObserver", "ZObserver");
    }
  }

  /** A schedule function that fails. */
  public static final class Tick implements dev.portablefunctions.EventFunction<ScheduleEvent> {
    @Override
    public void handle(ScheduleEvent event, dev.portablefunctions.Context context) {
      throw new IllegalStateException("boom");
    }
  }

  /** A provider. */
  public static final class AObserver implements InvocationObserver {
    @Override
    public Observation begin(Invocation invocation) {
      return Observation.NONE;
    }
  }

  /** Another provider. */
  public static final class ZObserver implements InvocationObserver {
    @Override
    public Observation begin(Invocation invocation) {
      return Observation.NONE;
    }
  }
}
