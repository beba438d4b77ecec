package dev.portablefunctions.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portablefunctions.HttpResponse;
import dev.portablefunctions.spi.FunctionDefinition;
import java.net.ConnectException;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** close(): stop accepting, let the requests in flight finish within the grace period, stop. */
@Timeout(20)
class GracefulShutdownTest {

  private final CountDownLatch started = new CountDownLatch(1);

  private FunctionDefinition sleeping(long millis) {
    return FunctionDefinition.http(
        "sleep",
        (request, context) -> {
          started.countDown();
          Thread.sleep(millis);
          return HttpResponse.ok().text("slept");
        });
  }

  @Test
  void aRequestInFlightFinishesAndNewConnectionsAreRefused() throws Exception {
    ContainerServer server =
        TestServers.start(Map.of("PORTABLE_SHUTDOWN_SECONDS", "5"), sleeping(1_000));
    int port = server.port();
    CompletableFuture<java.net.http.HttpResponse<String>> inFlight =
        TestServers.CLIENT.sendAsync(
            HttpRequest.newBuilder(server.uri().resolve("/"))
                .timeout(Duration.ofSeconds(10))
                .build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();

    CompletableFuture<Void> closing = CompletableFuture.runAsync(server::close);
    Thread.sleep(200);

    assertThatThrownBy(() -> new Socket("127.0.0.1", port).close())
        .isInstanceOf(ConnectException.class);
    var response = inFlight.get(5, TimeUnit.SECONDS);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("slept");
    closing.get(5, TimeUnit.SECONDS);
  }

  @Test
  void stopsAfterTheGracePeriodWhateverStillRuns() throws Exception {
    ContainerServer server =
        TestServers.start(Map.of("PORTABLE_SHUTDOWN_SECONDS", "1"), sleeping(30_000));
    TestServers.CLIENT.sendAsync(
        HttpRequest.newBuilder(server.uri().resolve("/")).timeout(Duration.ofSeconds(10)).build(),
        java.net.http.HttpResponse.BodyHandlers.discarding());
    assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();

    long start = System.nanoTime();
    server.close();
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

    assertThat(millis).isBetween(900L, 6_000L);
  }
}
