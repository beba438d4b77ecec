package dev.portablefunctions.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portablefunctions.Context;
import dev.portablefunctions.HttpFunction;
import dev.portablefunctions.HttpRequest;
import dev.portablefunctions.HttpResponse;
import dev.portablefunctions.Primeable;
import dev.portablefunctions.ScheduleEvent;
import dev.portablefunctions.StorageEvent;
import dev.portablefunctions.spi.FunctionDefinition;
import dev.portablefunctions.spi.Json;
import io.cloudevents.CloudEvent;
import java.net.ConnectException;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The CRaC resource, called directly on a running server (no CRaC JVM here): priming through the
 * pipeline without the user's code unless it opts in, the socket closed for the checkpoint, the
 * server back on its port after the restore.
 */
@Timeout(30)
class PrimingTest {

  /** An HTTP function that opts in to priming (anonymous: the test index leaves it out). */
  interface PrimeableHttp extends HttpFunction, Primeable {}

  private final List<String> log = new CopyOnWriteArrayList<>();
  private final AtomicInteger primes = new AtomicInteger();
  private final AtomicInteger handled = new AtomicInteger();
  private final AtomicInteger plainCalls = new AtomicInteger();
  private final List<String> primeIds = new CopyOnWriteArrayList<>();
  private final List<String> primeLogLines = new CopyOnWriteArrayList<>();
  private ContainerServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private FunctionDefinition primed() {
    return FunctionDefinition.http(
        "primed",
        new PrimeableHttp() {
          @Override
          public HttpResponse handle(HttpRequest request, Context context) {
            handled.incrementAndGet();
            return HttpResponse.ok().text(context.invocationId());
          }

          @Override
          public void prime(Context context) {
            primes.incrementAndGet();
            primeIds.add(context.invocationId());
            context.logger().info("priming");
            primeLogLines.add("priming");
          }
        });
  }

  /** One function of each other kind, none of which opts in: each counts its calls. */
  private List<FunctionDefinition> plain() {
    return List.of(
        FunctionDefinition.http(
            "plain-http",
            (request, context) -> {
              plainCalls.incrementAndGet();
              return HttpResponse.ok().text(context.invocationId());
            }),
        FunctionDefinition.typed(
            "plain-typed",
            JsonNode.class,
            (input, context) -> {
              plainCalls.incrementAndGet();
              return input;
            }),
        FunctionDefinition.message(
            "plain-message", (message, context) -> plainCalls.incrementAndGet()),
        FunctionDefinition.event(
            "plain-storage", StorageEvent.class, (event, context) -> plainCalls.incrementAndGet()),
        FunctionDefinition.event(
            "plain-schedule",
            ScheduleEvent.class,
            (event, context) -> plainCalls.incrementAndGet()),
        FunctionDefinition.event(
            "plain-event", CloudEvent.class, (event, context) -> plainCalls.incrementAndGet()));
  }

  private ContainerServer start(Map<String, String> variables, List<FunctionDefinition> functions)
      throws Exception {
    Map<String, String> env = TestServers.environment(variables);
    server =
        ContainerServer.start(
            Settings.fromEnvironment(env), TestServers.gateway(env, log::add, functions.toArray()));
    return server;
  }

  private List<FunctionDefinition> all() {
    List<FunctionDefinition> functions = new ArrayList<>(plain());
    functions.add(primed());
    return functions;
  }

  /** A GET on a new connection, closed after the response. */
  private static String get(int port, String path) throws Exception {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      socket
          .getOutputStream()
          .write(
              ("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                  .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      return TestServers.readAll(socket.getInputStream());
    }
  }

  /** The outcome record lines logged since {@code from}. */
  private List<JsonNode> outcomes(int from) throws Exception {
    List<JsonNode> records = new ArrayList<>();
    for (String line : log.subList(from, log.size())) {
      JsonNode json = Json.mapper().readTree(line);
      if (json.has("coldStart")) {
        records.add(json);
      }
    }
    return records;
  }

  private static void assertRefused(int port) {
    assertThatThrownBy(() -> new Socket("127.0.0.1", port).close())
        .isInstanceOf(ConnectException.class);
  }

  @Test
  void beforeCheckpointPrimesEveryFunctionThroughThePipelineAndClosesThePort() throws Exception {
    start(Map.of(), all());
    int port = server.port();
    assertThat(get(port, "/primed")).startsWith("HTTP/1.1 200");
    int before = log.size();

    server.priming().beforeCheckpoint(null);

    assertRefused(port);
    assertThat(primes).hasValue(1);
    assertThat(primeIds).singleElement().asString().startsWith("prime-");
    assertThat(primeLogLines).containsExactly("priming");
    assertThat(handled).hasValue(1); // the request before the checkpoint, not the priming
    assertThat(plainCalls).hasValue(0);
    assertThat(log.subList(before, log.size())).isEmpty(); // no outcome record, no log line
  }

  @Test
  void everyKindsSyntheticRequestIsAnsweredWithSuccess() throws Exception {
    start(Map.of(), all());
    List<String> warnings = new ArrayList<>();

    int primed = Priming.run(server.gateway(), server.settings(), warnings::add);

    assertThat(warnings).isEmpty();
    assertThat(primed).isEqualTo(7);
    assertThat(server.suspended()).isFalse(); // run() alone leaves the server serving
    assertThat(get(server.port(), "/primed")).startsWith("HTTP/1.1 200");
  }

  @Test
  void afterRestoreServesOnTheSamePortAsAColdStartWithNewInvocationIds() throws Exception {
    start(Map.of(), all());
    int port = server.port();
    String first = get(port, "/plain-http");
    String second = get(port, "/plain-http");
    List<JsonNode> warm = outcomes(0);
    assertThat(warm).hasSize(2);
    assertThat(warm.get(1).get("coldStart").asBoolean()).isFalse();
    Priming priming = server.priming();
    priming.beforeCheckpoint(null);
    int before = log.size();

    priming.afterRestore(null);
    String restored = get(port, "/plain-http");

    assertThat(restored).startsWith("HTTP/1.1 200");
    assertThat(server.port()).isEqualTo(port);
    List<JsonNode> records = outcomes(before);
    assertThat(records).hasSize(1);
    assertThat(records.get(0).get("coldStart").asBoolean()).isTrue();
    String id = records.get(0).get("invocationId").asText();
    assertThat(id).doesNotStartWith("prime-");
    assertThat(restored).endsWith(id);
    assertThat(first).doesNotEndWith(id);
    assertThat(second).doesNotEndWith(id);
    assertThat(plainCalls).hasValue(3);
    assertThat(get(port, "/plain-http")).startsWith("HTTP/1.1 200"); // and it stays up
  }

  @Test
  void singleFunctionModePrimesOnlyTheFunctionServed() throws Exception {
    start(Map.of("PORTABLE_FUNCTION", "primed"), all());
    int port = server.port();

    server.priming().beforeCheckpoint(null);

    assertRefused(port);
    assertThat(primes).hasValue(1);
    assertThat(handled).hasValue(0);
    assertThat(plainCalls).hasValue(0);
    assertThat(log).isEmpty();
    server.priming().afterRestore(null);
    assertThat(get(port, "/anything")).startsWith("HTTP/1.1 200");
    assertThat(handled).hasValue(1);
    assertThat(primes).hasValue(1);
  }

  @Test
  void aFailingPrimeIsOneWarningLineAndTheCheckpointGoesAhead() throws Exception {
    FunctionDefinition failing =
        FunctionDefinition.http(
            "failing",
            new PrimeableHttp() {
              @Override
              public HttpResponse handle(HttpRequest request, Context context) {
                return HttpResponse.ok().text("served");
              }

              @Override
              public void prime(Context context) {
                throw new IllegalStateException("not ready\nat all");
              }
            });
    start(Map.of(), List.of(failing, primed()));
    int port = server.port();
    List<String> warnings = new ArrayList<>();
    Priming priming = new Priming(server, warnings::add);

    priming.beforeCheckpoint(null);

    assertRefused(port);
    assertThat(warnings).singleElement().asString().contains("failing", "not ready at all");
    assertThat(warnings.get(0)).doesNotContain("\n");
    assertThat(primes).hasValue(1); // the other function was primed all the same
    priming.afterRestore(null);
    assertThat(get(port, "/failing")).startsWith("HTTP/1.1 200").endsWith("served");
  }

  @Test
  void aRequestInFlightFinishesBeforeThePortCloses() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    FunctionDefinition slow =
        FunctionDefinition.http(
            "slow",
            (request, context) -> {
              started.countDown();
              Thread.sleep(500);
              return HttpResponse.ok().text("slept");
            });
    start(Map.of("PORTABLE_SHUTDOWN_SECONDS", "5"), List.of(slow));
    int port = server.port();
    CompletableFuture<String> inFlight =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return get(port, "/");
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();

    server.priming().beforeCheckpoint(null);

    assertThat(inFlight.get(5, TimeUnit.SECONDS)).startsWith("HTTP/1.1 200").endsWith("slept");
    assertRefused(port);
  }

  @Test
  void closeAfterACheckpointStopsWithoutARestore() throws Exception {
    start(Map.of(), List.of(primed()));
    server.priming().beforeCheckpoint(null);

    server.close();
    server.priming().afterRestore(null); // closed: stays closed

    assertRefused(server.port());
    assertThat(server.suspended()).isTrue();
  }
}
