package dev.portablefunctions.container;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portablefunctions.HttpResponse;
import dev.portablefunctions.spi.FunctionDefinition;
import dev.portablefunctions.spi.Json;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** PORTABLE_CONCURRENCY and PORTABLE_QUEUE: a bounded number running, a bounded number waiting. */
@Timeout(20)
class ConcurrencyLimitTest {

  private final CountDownLatch gate = new CountDownLatch(1);
  private final AtomicInteger running = new AtomicInteger();
  private final AtomicInteger mostAtOnce = new AtomicInteger();
  private final AtomicInteger invocations = new AtomicInteger();

  /** Waits for the gate, counting how many wait at once; keeps waiting if interrupted. */
  private final FunctionDefinition gated =
      FunctionDefinition.http(
          "gated",
          (request, context) -> {
            invocations.incrementAndGet();
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
              while (true) {
                try {
                  gate.await();
                  break;
                } catch (InterruptedException ignored) {
                  // a function that ignores its timeout
                }
              }
            } finally {
              running.decrementAndGet();
            }
            return HttpResponse.ok().text("done");
          });

  private final FunctionDefinition fast =
      FunctionDefinition.http("fast", (request, context) -> HttpResponse.ok().text("fast"));

  private static CompletableFuture<java.net.http.HttpResponse<String>> sendAsync(
      ContainerServer server, String path) {
    return TestServers.CLIENT.sendAsync(
        HttpRequest.newBuilder(server.uri().resolve(path)).timeout(Duration.ofSeconds(15)).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within 10 s");
      }
      Thread.sleep(10);
    }
  }

  @Test
  void beyondTheLimitRequestsWaitAndBeyondTheQueueTheyGet503WithRetryAfter() throws Exception {
    ContainerServer server =
        TestServers.start(Map.of("PORTABLE_CONCURRENCY", "2", "PORTABLE_QUEUE", "2"), gated, fast);
    try {
      List<CompletableFuture<java.net.http.HttpResponse<String>>> admitted = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        admitted.add(sendAsync(server, "/gated"));
      }
      await(() -> server.load()[0] == 2 && server.load()[1] == 2);

      var refused = TestServers.get(server, "/fast");

      assertThat(refused.statusCode()).isEqualTo(503);
      assertThat(refused.headers().firstValue("retry-after")).contains("1");
      assertThat(refused.headers().firstValue("content-type")).contains("application/problem+json");
      JsonNode problem = Json.mapper().readTree(refused.body());
      assertThat(problem.get("status").asInt()).isEqualTo(503);
      assertThat(problem.get("detail").asText()).contains("PORTABLE_CONCURRENCY");
      assertThat(invocations).hasValue(2);

      gate.countDown();
      for (var response : admitted) {
        assertThat(response.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
      }
      assertThat(invocations).hasValue(4);
      assertThat(mostAtOnce).hasValue(2);
      await(() -> server.load()[0] == 0 && server.load()[1] == 0);
      assertThat(TestServers.get(server, "/fast").statusCode()).isEqualTo(200);
    } finally {
      gate.countDown();
      server.close();
    }
  }

  @Test
  void aFunctionPastItsTimeoutGets504ButKeepsItsPermitUntilItReturns() throws Exception {
    ContainerServer server =
        TestServers.start(
            Map.of(
                "PORTABLE_CONCURRENCY",
                "1",
                "PORTABLE_QUEUE",
                "1",
                "PORTABLE_TIMEOUT_SECONDS",
                "1"),
            gated,
            fast);
    try {
      long start = System.nanoTime();
      var late = TestServers.get(server, "/gated");
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

      assertThat(late.statusCode()).isEqualTo(504);
      assertThat(late.body()).contains("PORTABLE_TIMEOUT_SECONDS");
      assertThat(late.headers().firstValue("connection")).contains("close");
      assertThat(millis).isBetween(900L, 3_000L);
      assertThat(running).hasValue(1); // it ignored the interruption and still runs

      var waiting = sendAsync(server, "/fast");
      await(() -> server.load()[1] == 1);
      assertThat(waiting).isNotDone();

      gate.countDown();
      assertThat(waiting.get(10, TimeUnit.SECONDS).body()).isEqualTo("fast");
    } finally {
      gate.countDown();
      server.close();
    }
  }
}
