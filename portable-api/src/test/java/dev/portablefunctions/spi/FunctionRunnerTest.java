package dev.portablefunctions.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portablefunctions.Cloud;
import dev.portablefunctions.EventFunction;
import dev.portablefunctions.FunctionException;
import dev.portablefunctions.FunctionLogger;
import dev.portablefunctions.HttpRequest;
import dev.portablefunctions.HttpResponse;
import dev.portablefunctions.Message;
import dev.portablefunctions.ScheduleEvent;
import dev.portablefunctions.StorageEvent;
import dev.portablefunctions.TypedFunction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class FunctionRunnerTest {

  public record Order(String sku, int quantity) {}

  public record Receipt(String sku, int total) {}

  private static final String INVOCATION_ID = "inv-7f3a";

  private final List<LogRecord> logs = new CopyOnWriteArrayList<>();
  private final InvocationContext context =
      InvocationContext.builder(Cloud.LOCAL, "under-test", INVOCATION_ID)
          .logWriter(logs::add, FunctionLogger.Level.DEBUG)
          .build();

  private static final TypedFunction<Order, Receipt> PRICE =
      (order, context) -> new Receipt(order.sku(), order.quantity() * 10);

  private static final FunctionDefinition TYPED =
      FunctionDefinition.typed("price", Order.class, PRICE);

  // ---- HTTP functions ----

  @Test
  void httpFunctionResponseIsReturnedAsIs() {
    FunctionDefinition echo =
        FunctionDefinition.http(
            "echo", (request, context) -> HttpResponse.status(201).text(request.bodyAsString()));

    HttpResponse response =
        FunctionRunner.http(echo, HttpRequest.builder("POST", "/").body("hi").build(), context);

    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(response.bodyAsString()).isEqualTo("hi");
    assertThat(logs).isEmpty();
  }

  @Test
  void aPathWithADotSegmentIs400AndRunsNothing() {
    AtomicInteger runs = new AtomicInteger();
    FunctionDefinition files =
        FunctionDefinition.http(
            "files",
            (request, context) -> {
              runs.incrementAndGet();
              return HttpResponse.ok().text(request.path());
            });

    for (String path : List.of("/files/../secret", "/files/./x", "/..", "/a/b/..")) {
      HttpResponse response =
          FunctionRunner.http(files, HttpRequest.builder("GET", path).build(), context);

      assertThat(response.statusCode()).as(path).isEqualTo(400);
      assertThat(response.bodyAsString()).contains("'.' or '..' segment").doesNotContain("secret");
    }
    assertThat(runs).hasValue(0);
    assertThat(FunctionRunner.http(files, HttpRequest.builder("GET", "/a..b/.c").build(), context))
        .extracting(HttpResponse::statusCode)
        .isEqualTo(200);
    assertThat(runs).hasValue(1);
  }

  @Test
  void unexpectedExceptionIsA500ThatHidesTheCause() throws Exception {
    RuntimeException failure = new RuntimeException("secret");
    FunctionDefinition broken =
        FunctionDefinition.http(
            "broken",
            (request, context) -> {
              throw failure;
            });

    HttpResponse response = FunctionRunner.http(broken, get(), context);

    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(response.headers().first("content-type")).contains("application/problem+json");
    JsonNode problem = Json.mapper().readTree(response.body());
    assertThat(problem.path("title").asText()).isEqualTo("Internal Server Error");
    assertThat(problem.path("status").asInt()).isEqualTo(500);
    assertThat(problem.path("detail").asText()).contains(INVOCATION_ID);
    assertThat(problem.path("invocationId").asText()).isEqualTo(INVOCATION_ID);
    assertThat(response.bodyAsString())
        .doesNotContain("secret")
        .doesNotContain("RuntimeException")
        .doesNotContain("at dev.portablefunctions")
        .doesNotContain("java.lang");
  }

  @Test
  void unexpectedExceptionIsLoggedOnceAsErrorWithTheExceptionAndInvocationId() {
    RuntimeException failure = new RuntimeException("secret");
    FunctionDefinition broken =
        FunctionDefinition.http(
            "broken",
            (request, context) -> {
              throw failure;
            });

    FunctionRunner.http(broken, get(), context);

    assertThat(logs).hasSize(1);
    LogRecord record = logs.get(0);
    assertThat(record.level()).isEqualTo(FunctionLogger.Level.ERROR);
    assertThat(record.error()).isSameAs(failure);
    assertThat(record.invocationId()).isEqualTo(INVOCATION_ID);
    assertThat(record.functionName()).isEqualTo("under-test");
  }

  @Test
  void checkedExceptionIsA500Too() {
    FunctionDefinition broken =
        FunctionDefinition.http(
            "broken",
            (request, context) -> {
              throw new java.io.IOException("disk on fire");
            });

    HttpResponse response = FunctionRunner.http(broken, get(), context);

    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(response.bodyAsString()).doesNotContain("disk on fire");
  }

  @Test
  void functionExceptionKeepsItsKindAndDetailAndIsLoggedAsWarn() throws Exception {
    FunctionDefinition missing =
        FunctionDefinition.http(
            "missing",
            (request, context) -> {
              throw FunctionException.notFound("no order 42");
            });

    HttpResponse response = FunctionRunner.http(missing, get(), context);

    assertThat(response.statusCode()).isEqualTo(404);
    JsonNode problem = Json.mapper().readTree(response.body());
    assertThat(problem.path("title").asText()).isEqualTo("Not Found");
    assertThat(problem.path("status").asInt()).isEqualTo(404);
    assertThat(problem.path("detail").asText()).isEqualTo("no order 42");
    assertThat(logs)
        .singleElement()
        .satisfies(
            record -> {
              assertThat(record.level()).isEqualTo(FunctionLogger.Level.WARN);
              assertThat(record.message()).contains("404", "no order 42");
              assertThat(record.invocationId()).isEqualTo(INVOCATION_ID);
            });
  }

  @Test
  void serverSideFunctionExceptionIsLoggedAsError() {
    FunctionDefinition down =
        FunctionDefinition.http(
            "down",
            (request, context) -> {
              throw FunctionException.unavailable("try later");
            });

    HttpResponse response = FunctionRunner.http(down, get(), context);

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(logs)
        .singleElement()
        .extracting(LogRecord::level)
        .isEqualTo(FunctionLogger.Level.ERROR);
  }

  @Test
  void nullResponseIsA500() {
    FunctionDefinition silent = FunctionDefinition.http("silent", (request, context) -> null);

    HttpResponse response = FunctionRunner.http(silent, get(), context);

    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(logs)
        .singleElement()
        .satisfies(
            record -> {
              assertThat(record.level()).isEqualTo(FunctionLogger.Level.ERROR);
              assertThat(record.message()).contains("returned null");
            });
  }

  @Test
  void httpRejectsAFunctionOfAnotherKind() {
    FunctionDefinition audit = FunctionDefinition.message("audit", (message, context) -> {});

    assertThatThrownBy(() -> FunctionRunner.http(audit, get(), context))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not reachable by HTTP");
  }

  // ---- typed functions over HTTP ----

  @Test
  void typedOverHttpRejectsGetWith405AndAllowPost() {
    HttpResponse response = FunctionRunner.http(TYPED, get(), context);

    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(response.headers().all("Allow")).containsExactly("POST");
    assertThat(response.bodyAsString()).contains("POST", "no other method");
  }

  @Test
  void typedOverHttpRejectsANonJsonContentTypeWith415() {
    HttpResponse response =
        FunctionRunner.http(
            TYPED,
            HttpRequest.builder("POST", "/")
                .header("Content-Type", "text/plain")
                .body("{\"sku\":\"A\",\"quantity\":1}")
                .build(),
            context);

    assertThat(response.statusCode()).isEqualTo(415);
    // The request's Content-Type is the caller's input: the detail does not repeat it.
    assertThat(response.bodyAsString()).contains("application/json").doesNotContain("text/plain");
  }

  @Test
  void typedOverHttpRejectsMalformedJsonWith400() {
    HttpResponse response = FunctionRunner.http(TYPED, post("{\"sku\":"), context);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.bodyAsString()).contains("not valid JSON");
    assertThat(logs)
        .singleElement()
        .extracting(LogRecord::level)
        .isEqualTo(FunctionLogger.Level.WARN);
  }

  @Test
  void typedOverHttpRejectsAnEmptyBodyWith400() {
    HttpResponse response = FunctionRunner.http(TYPED, post(""), context);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.bodyAsString()).contains("empty");
  }

  @Test
  void typedOverHttpAnswersValidJsonWith200Json() throws Exception {
    HttpResponse response =
        FunctionRunner.http(TYPED, post("{\"sku\":\"A1\",\"quantity\":3}"), context);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().first("content-type")).contains("application/json");
    assertThat(Json.mapper().readValue(response.body(), Receipt.class))
        .isEqualTo(new Receipt("A1", 30));
  }

  @Test
  void typedOverHttpAcceptsJsonWithParametersAndNoContentType() {
    HttpResponse withCharset =
        FunctionRunner.http(
            TYPED,
            HttpRequest.builder("post", "/")
                .header("Content-Type", "application/json; charset=utf-8")
                .body("{\"sku\":\"A1\",\"quantity\":1}")
                .build(),
            context);
    HttpResponse without =
        FunctionRunner.http(
            TYPED,
            HttpRequest.builder("POST", "/").body("{\"sku\":\"A1\",\"quantity\":1}").build(),
            context);

    assertThat(withCharset.statusCode()).isEqualTo(200);
    assertThat(without.statusCode()).isEqualTo(200);
  }

  @Test
  void typedOverHttpAnswersNullOutputWith204() {
    FunctionDefinition nothing =
        FunctionDefinition.typed("nothing", Order.class, (order, context) -> null);

    HttpResponse response = FunctionRunner.http(nothing, post("{\"sku\":\"A\"}"), context);

    assertThat(response.statusCode()).isEqualTo(204);
    assertThat(response.body()).isEmpty();
  }

  // ---- typed functions, direct ----

  @Test
  void typedReturnsTheOutputAsJsonBytes() throws Exception {
    byte[] output =
        FunctionRunner.typed(
            TYPED, "{\"sku\":\"B2\",\"quantity\":2}".getBytes(StandardCharsets.UTF_8), context);

    assertThat(new String(output, StandardCharsets.UTF_8))
        .isEqualTo("{\"sku\":\"B2\",\"total\":20}");
  }

  @Test
  void typedWritesNullOutputAsJsonNull() throws Exception {
    FunctionDefinition nothing =
        FunctionDefinition.typed("nothing", Order.class, (order, context) -> null);

    byte[] output = FunctionRunner.typed(nothing, "{}".getBytes(StandardCharsets.UTF_8), context);

    assertThat(new String(output, StandardCharsets.UTF_8)).isEqualTo("null");
  }

  @Test
  void typedRethrowsTheFunctionsExceptionAfterLoggingItOnce() {
    IllegalStateException failure = new IllegalStateException("ledger closed");
    FunctionDefinition broken =
        FunctionDefinition.typed(
            "broken",
            Order.class,
            (order, context) -> {
              throw failure;
            });

    Throwable thrown =
        catchThrowableOfType(
            IllegalStateException.class,
            () -> FunctionRunner.typed(broken, "{}".getBytes(StandardCharsets.UTF_8), context));

    assertThat(thrown).isSameAs(failure);
    assertThat(logs)
        .singleElement()
        .satisfies(
            record -> {
              assertThat(record.level()).isEqualTo(FunctionLogger.Level.ERROR);
              assertThat(record.error()).isSameAs(failure);
              assertThat(record.message()).contains("broken");
            });
  }

  @Test
  void typedThrowsBadInputForJsonThatDoesNotBind() {
    FunctionException thrown =
        catchThrowableOfType(
            FunctionException.class,
            () ->
                FunctionRunner.typed(
                    TYPED, "{\"quantity\":{}}".getBytes(StandardCharsets.UTF_8), context));

    assertThat(thrown.kind()).isEqualTo(FunctionException.Kind.BAD_INPUT);
    assertThat(thrown.detail()).contains("input of function price", "at /quantity");
    assertThat(logs)
        .singleElement()
        .extracting(LogRecord::level)
        .isEqualTo(FunctionLogger.Level.WARN);
  }

  @Test
  void typedRejectsAFunctionOfAnotherKind() {
    FunctionDefinition http = FunctionDefinition.http("h", (request, context) -> HttpResponse.ok());

    assertThatThrownBy(() -> FunctionRunner.typed(http, new byte[0], context))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not a typed function");
  }

  // ---- message batches ----

  /** Records which messages ran and fails those whose body is "poison". */
  private static final class Recorder {
    final List<String> ran = new ArrayList<>();

    FunctionDefinition definition() {
      return FunctionDefinition.message(
          "consume",
          (message, context) -> {
            ran.add(message.id());
            if (message.bodyAsString().equals("poison")) {
              throw new IllegalStateException("cannot digest " + message.id());
            }
          });
    }
  }

  private static Message message(String id, String body, String key) {
    Message.Builder builder = Message.builder(id).body(body);
    return key == null ? builder.build() : builder.orderingKey(key).build();
  }

  @Test
  void eachMessageRunsWithTheContextOfItsOwnRecord() {
    List<String> seen = new ArrayList<>();
    FunctionDefinition probe =
        FunctionDefinition.message(
            "probe",
            (message, context) ->
                seen.add(
                    context
                        .unwrap(JsonNode.class)
                        .map(json -> json.path("id").asText())
                        .orElse("none")));
    List<Message> batch = List.of(message("m1", "a", null), message("m2", "b", null));

    BatchResult result =
        FunctionRunner.messages(
            probe,
            batch,
            context,
            BatchMode.INDEPENDENT,
            message ->
                context.withRecord(
                    JsonNode.class,
                    () -> Json.mapper().createObjectNode().put("id", message.id())));

    assertThat(result.allSucceeded()).isTrue();
    assertThat(seen).containsExactly("m1", "m2");
  }

  @Test
  void independentModeFailsOnlyThePoisonMessage() {
    Recorder recorder = new Recorder();
    List<Message> batch =
        List.of(
            message("m1", "ok", null), message("m2", "poison", null), message("m3", "ok", null));

    BatchResult result =
        FunctionRunner.messages(recorder.definition(), batch, context, BatchMode.INDEPENDENT);

    assertThat(recorder.ran).containsExactly("m1", "m2", "m3");
    assertThat(result.size()).isEqualTo(3);
    assertThat(result.allSucceeded()).isFalse();
    assertThat(result.failedIds()).containsExactly("m2");
    assertThat(result.failures().get(0).skipped()).isFalse();
    assertThat(result.failures().get(0).error()).hasMessage("cannot digest m2");
    assertThat(result.firstFailure()).map(f -> f.message().id()).contains("m2");
  }

  @Test
  void eachMessageFailureIsLoggedOnceWithTheMessageId() {
    Recorder recorder = new Recorder();
    List<Message> batch =
        List.of(
            message("m1", "poison", null),
            message("m2", "ok", null),
            message("m3", "poison", null));

    FunctionRunner.messages(recorder.definition(), batch, context, BatchMode.INDEPENDENT);

    assertThat(logs)
        .hasSize(2)
        .allSatisfy(
            record -> {
              assertThat(record.level()).isEqualTo(FunctionLogger.Level.ERROR);
              assertThat(record.invocationId()).isEqualTo(INVOCATION_ID);
              assertThat(record.error()).isInstanceOf(IllegalStateException.class);
            });
    assertThat(logs.get(0).message()).contains("message m1");
    assertThat(logs.get(1).message()).contains("message m3");
  }

  @Test
  void allSucceededWhenNothingFails() {
    Recorder recorder = new Recorder();

    BatchResult result =
        FunctionRunner.messages(
            recorder.definition(),
            List.of(message("m1", "ok", "k"), message("m2", "ok", "k")),
            context,
            BatchMode.BY_ORDERING_KEY);

    assertThat(result.allSucceeded()).isTrue();
    assertThat(result.failures()).isEmpty();
    assertThat(result.firstFailure()).isEmpty();
    assertThat(logs).isEmpty();
  }

  @Test
  void byOrderingKeyModeSkipsLaterMessagesOfTheFailedKeyOnly() {
    Recorder recorder = new Recorder();
    List<Message> batch =
        List.of(
            message("a1", "ok", "A"),
            message("a2", "poison", "A"),
            message("b1", "ok", "B"),
            message("a3", "ok", "A"),
            message("n1", "ok", null),
            message("b2", "ok", "B"),
            message("a4", "ok", "A"));

    BatchResult result =
        FunctionRunner.messages(recorder.definition(), batch, context, BatchMode.BY_ORDERING_KEY);

    assertThat(recorder.ran).containsExactly("a1", "a2", "b1", "n1", "b2");
    assertThat(result.failedIds()).containsExactly("a2", "a3", "a4");
    assertThat(result.failures())
        .extracting(BatchResult.Failure::skipped)
        .containsExactly(false, true, true);
    assertThat(result.failures().get(1).error().getMessage())
        .contains("a3", "same ordering key (a2)");
    assertThat(result.firstFailure()).map(f -> f.message().id()).contains("a2");
  }

  @Test
  void byOrderingKeyModeTreatsMessagesWithoutAKeyAsIndependent() {
    Recorder recorder = new Recorder();
    List<Message> batch =
        List.of(
            message("n1", "poison", null),
            message("n2", "ok", null),
            message("n3", "poison", null));

    BatchResult result =
        FunctionRunner.messages(recorder.definition(), batch, context, BatchMode.BY_ORDERING_KEY);

    assertThat(recorder.ran).containsExactly("n1", "n2", "n3");
    assertThat(result.failedIds()).containsExactly("n1", "n3");
  }

  @Test
  void stopAtFirstFailureModeSkipsEveryLaterMessageWithoutRunningIt() {
    Recorder recorder = new Recorder();
    List<Message> batch =
        List.of(
            message("s1", "ok", null),
            message("s2", "poison", null),
            message("s3", "ok", null),
            message("s4", "poison", "other"));

    BatchResult result =
        FunctionRunner.messages(
            recorder.definition(), batch, context, BatchMode.STOP_AT_FIRST_FAILURE);

    assertThat(recorder.ran).containsExactly("s1", "s2");
    assertThat(result.failedIds()).containsExactly("s2", "s3", "s4");
    assertThat(result.failures())
        .extracting(BatchResult.Failure::skipped)
        .containsExactly(false, true, true);
    assertThat(result.failures().get(2).error().getMessage()).contains("s4", "s2");
    List<FunctionLogger.Level> levels =
        logs.stream().map(LogRecord::level).collect(Collectors.toList());
    assertThat(levels)
        .containsExactly(
            FunctionLogger.Level.ERROR, FunctionLogger.Level.WARN, FunctionLogger.Level.WARN);
    assertThat(logs.get(0).message()).contains("s2");
  }

  @Test
  void aMessageFunctionThatCannotBeCreatedFailsEveryMessageAndLogsOnce() {
    FunctionIndex broken =
        new FunctionIndex() {
          @Override
          public List<FunctionDefinition> functions() {
            return List.of();
          }

          @Override
          public Object newInstance(String name) {
            throw new IllegalStateException("no database");
          }
        };
    FunctionDefinition definition =
        FunctionDefinition.indexed("broken", FunctionKind.MESSAGE, "p.Broken", null, broken);

    BatchResult result =
        FunctionRunner.messages(
            definition,
            List.of(message("b1", "ok", null), message("b2", "ok", null)),
            context,
            BatchMode.INDEPENDENT);

    assertThat(result.failedIds()).containsExactly("b1", "b2");
    assertThat(logs)
        .singleElement()
        .satisfies(
            record -> {
              assertThat(record.level()).isEqualTo(FunctionLogger.Level.ERROR);
              assertThat(record.message()).contains("could not be created");
              assertThat(record.error()).hasRootCauseMessage("no database");
            });
  }

  @Test
  void messagesRejectsAFunctionOfAnotherKindAndANullMode() {
    Recorder recorder = new Recorder();

    assertThatThrownBy(
            () -> FunctionRunner.messages(TYPED, List.of(), context, BatchMode.INDEPENDENT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not a message function");
    assertThatThrownBy(
            () -> FunctionRunner.messages(recorder.definition(), List.of(), context, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("mode");
  }

  // ---- events ----

  @Test
  void eventRunsTheFunction() throws Exception {
    List<StorageEvent> seen = new ArrayList<>();
    FunctionDefinition thumbnail =
        FunctionDefinition.event(
            "thumbnail", StorageEvent.class, (event, context) -> seen.add(event));
    StorageEvent event = StorageEvent.builder("b", "k", StorageEvent.Change.CREATED).build();

    FunctionRunner.event(thumbnail, event, context);

    assertThat(seen).containsExactly(event);
    assertThat(logs).isEmpty();
  }

  @Test
  void eventOfTheWrongTypeIsIllegalArgument() {
    FunctionDefinition thumbnail =
        FunctionDefinition.event("thumbnail", StorageEvent.class, (event, context) -> {});

    assertThatThrownBy(
            () -> FunctionRunner.event(thumbnail, ScheduleEvent.of(Instant.EPOCH), context))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("StorageEvent")
        .hasMessageContaining(ScheduleEvent.class.getName());
  }

  @Test
  void eventOnAFunctionOfAnotherKindIsIllegalArgument() {
    assertThatThrownBy(() -> FunctionRunner.event(TYPED, ScheduleEvent.of(Instant.EPOCH), context))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not an event function");
    assertThatThrownBy(() -> FunctionRunner.event(TYPED, null, context))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("event");
  }

  @Test
  void eventFailureIsLoggedOnceThenRethrown() {
    Exception failure = new Exception("bucket gone");
    EventFunction<ScheduleEvent> broken =
        (tick, context) -> {
          throw failure;
        };
    FunctionDefinition nightly = FunctionDefinition.event("nightly", ScheduleEvent.class, broken);

    Throwable thrown =
        catchThrowableOfType(
            Exception.class,
            () -> FunctionRunner.event(nightly, ScheduleEvent.of(Instant.EPOCH), context));

    assertThat(thrown).isSameAs(failure);
    assertThat(logs)
        .singleElement()
        .satisfies(
            record -> {
              assertThat(record.level()).isEqualTo(FunctionLogger.Level.ERROR);
              assertThat(record.error()).isSameAs(failure);
              assertThat(record.message()).contains("nightly");
            });
  }

  // ---- problem documents ----

  @Test
  void problemJsonHasTheRfc9457Members() throws Exception {
    byte[] json =
        FunctionRunner.problemJson(FunctionException.Kind.CONFLICT, "order \"42\" exists", "id-1");

    JsonNode problem = Json.mapper().readTree(json);

    assertThat(problem.size()).isEqualTo(5);
    assertThat(problem.path("type").asText()).isEqualTo("about:blank");
    assertThat(problem.path("title").asText()).isEqualTo("Conflict");
    assertThat(problem.path("status").isInt()).isTrue();
    assertThat(problem.path("status").asInt()).isEqualTo(409);
    assertThat(problem.path("detail").asText()).isEqualTo("order \"42\" exists");
    assertThat(problem.path("invocationId").asText()).isEqualTo("id-1");
  }

  @Test
  void problemResponseUsesTheKindsStatusAndProblemMediaType() {
    HttpResponse response =
        FunctionRunner.problem(FunctionException.Kind.TOO_MANY_REQUESTS, "slow down", "id-2");

    assertThat(response.statusCode()).isEqualTo(429);
    assertThat(response.headers().all("content-type")).containsExactly("application/problem+json");
    assertThat(logs).isEmpty();
  }

  @Test
  void isJsonAcceptsJsonAndPlusJsonWithParameters() {
    assertThat(FunctionRunner.isJson("application/json")).isTrue();
    assertThat(FunctionRunner.isJson("Application/JSON; charset=UTF-8")).isTrue();
    assertThat(FunctionRunner.isJson(" application/json ")).isTrue();
    assertThat(FunctionRunner.isJson("application/cloudevents+json")).isTrue();
    assertThat(FunctionRunner.isJson("application/problem+json;charset=utf-8")).isTrue();
    assertThat(FunctionRunner.isJson("text/plain")).isFalse();
    assertThat(FunctionRunner.isJson("application/jsonp")).isFalse();
    assertThat(FunctionRunner.isJson("text/json-seq")).isFalse();
    assertThat(FunctionRunner.isJson("")).isFalse();
  }

  @Test
  void rethrowIfFatalLetsStackOverflowThroughButNotOutOfMemory() {
    assertThatCode(() -> FunctionRunner.rethrowIfFatal(new StackOverflowError()))
        .doesNotThrowAnyException();
    assertThatCode(() -> FunctionRunner.rethrowIfFatal(new RuntimeException()))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> FunctionRunner.rethrowIfFatal(new OutOfMemoryError("test")))
        .isInstanceOf(OutOfMemoryError.class);
  }

  private static HttpRequest get() {
    return HttpRequest.builder("GET", "/").build();
  }

  private static HttpRequest post(String json) {
    return HttpRequest.builder("POST", "/")
        .header("Content-Type", "application/json")
        .body(json)
        .build();
  }

  // ---- review follow-ups ----

  @Test
  void theJsonNullAsTypedInputIsABadRequest() {
    HttpResponse response =
        FunctionRunner.http(
            TYPED,
            HttpRequest.builder("POST", "/")
                .header("content-type", "application/json")
                .body("null")
                .build(),
            context);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.bodyAsString()).contains("JSON null").contains("Order");
  }

  @Test
  void anInterruptedBatchRunsNothingMoreAndLogsNoFunctionFailure() throws Exception {
    List<String> ran = new CopyOnWriteArrayList<>();
    FunctionDefinition sleepy =
        FunctionDefinition.message(
            "sleepy",
            (message, context) -> {
              ran.add(message.id());
              Thread.sleep(5_000);
            });
    List<BatchResult> result = new CopyOnWriteArrayList<>();
    List<Boolean> stillInterrupted = new CopyOnWriteArrayList<>();
    Thread worker =
        new Thread(
            () -> {
              result.add(
                  FunctionRunner.messages(
                      sleepy,
                      List.of(
                          message("i1", "a", null),
                          message("i2", "b", null),
                          message("i3", "c", null)),
                      context,
                      BatchMode.INDEPENDENT));
              stillInterrupted.add(Thread.currentThread().isInterrupted());
            });
    worker.start();
    while (ran.isEmpty()) {
      Thread.sleep(5);
    }
    worker.interrupt();
    worker.join(5_000);

    assertThat(ran).containsExactly("i1");
    assertThat(result.get(0).failedIds()).containsExactly("i1", "i2", "i3");
    assertThat(result.get(0).failures())
        .extracting(BatchResult.Failure::skipped)
        .containsExactly(false, true, true);
    assertThat(stillInterrupted).containsExactly(true);
    assertThat(logs).extracting(LogRecord::level).doesNotContain(FunctionLogger.Level.ERROR);
  }

  @Test
  void theCauseOfACallersErrorIsLoggedForTheOperator() {
    FunctionDefinition rejecting =
        FunctionDefinition.http(
            "rejecting",
            (request, context) -> {
              throw FunctionException.of(
                  FunctionException.Kind.CONFLICT,
                  "already paid",
                  new IllegalStateException("row 7 locked"));
            });

    HttpResponse response =
        FunctionRunner.http(rejecting, HttpRequest.builder("GET", "/").build(), context);

    assertThat(response.statusCode()).isEqualTo(409);
    assertThat(response.bodyAsString()).doesNotContain("row 7");
    assertThat(logs)
        .singleElement()
        .satisfies(
            record -> {
              assertThat(record.level()).isEqualTo(FunctionLogger.Level.WARN);
              assertThat(record.error()).hasMessage("row 7 locked");
            });
  }

  @Test
  void toProblemMapsWithoutLoggingAndReportedFailuresKeepOnlyTheSafeDetail() {
    ReportedFailure internal =
        ReportedFailure.of(new IllegalStateException("password=hunter2"), context);

    HttpResponse known =
        FunctionRunner.toProblem(FunctionException.notFound("no order 7"), context);
    HttpResponse hidden = FunctionRunner.toProblem(internal, context);

    assertThat(known.statusCode()).isEqualTo(404);
    assertThat(hidden.statusCode()).isEqualTo(500);
    assertThat(internal.getMessage()).doesNotContain("hunter2").contains(INVOCATION_ID);
    assertThat(internal.getStackTrace()).isEmpty();
    assertThat(internal.getCause()).isNull();
    assertThat(logs).isEmpty();
  }

  @Test
  void anUnsupportedTriggerIsLoggedOnceAndAnsweredGenerically() {
    ReportedFailure failure =
        FunctionRunner.unsupportedTrigger("function x is a message function, not HTTP", context);

    assertThat(failure.kind()).isEqualTo(FunctionException.Kind.INTERNAL);
    assertThat(failure.getMessage()).contains(INVOCATION_ID).doesNotContain("message function");
    assertThat(logs)
        .singleElement()
        .satisfies(
            record -> {
              assertThat(record.level()).isEqualTo(FunctionLogger.Level.ERROR);
              assertThat(record.message()).contains("message function");
            });
  }
}
