package dev.portablefunctions.container;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portablefunctions.HttpRequest;
import dev.portablefunctions.HttpResponse;
import dev.portablefunctions.local.server.LocalGateway;
import dev.portablefunctions.spi.FunctionDefinition;
import dev.portablefunctions.spi.FunctionRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A gateway that fails where it never should (a bug, a class missing from a broken class path)
 * still gets the client an answer and gives the request's permit back.
 */
@Timeout(30)
class FailingGatewayTest {

  @Test
  void aFailureBeforeTheBodyIsReadIsA500AndReturnsThePermit() throws Exception {
    Map<String, String> env =
        TestServers.environment(
            Map.of(
                "PORTABLE_CONCURRENCY",
                "1",
                // the next request waits for the permit, however late it is back
                "PORTABLE_QUEUE",
                "1"));
    AtomicInteger failuresLeft = new AtomicInteger(3);
    LocalGateway real =
        TestServers.gateway(
            env,
            line -> {},
            FunctionDefinition.http("hello", (request, context) -> HttpResponse.ok().text("hi")));
    LocalGateway failing = new FailingFirst(real, failuresLeft);

    try (ContainerServer server =
        ContainerServer.startUnregistered(Settings.fromEnvironment(env), failing)) {
      for (int i = 0; i < 3; i++) {
        var response = TestServers.get(server, "/hello");
        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).doesNotContain("IllegalStateException");
      }
      // With one permit, a permit lost by any of the three would leave this one parked: a timeout.
      var served = TestServers.get(server, "/hello");
      assertThat(served.statusCode()).isEqualTo(200);
      assertThat(served.body()).isEqualTo("hi");
    }
  }

  /** Delegates, except that {@link #maxBodyBytes()} throws while failures are left. */
  private record FailingFirst(LocalGateway real, AtomicInteger failuresLeft)
      implements LocalGateway {

    @Override
    public long maxBodyBytes() {
      if (failuresLeft.getAndDecrement() > 0) {
        throw new IllegalStateException("a bug in the gateway");
      }
      return real.maxBodyBytes();
    }

    @Override
    public FunctionRegistry registry() {
      return real.registry();
    }

    @Override
    public Optional<FunctionDefinition> singleFunction() {
      return real.singleFunction();
    }

    @Override
    public Duration timeout() {
      return real.timeout();
    }

    @Override
    public HttpResponse tooLarge() {
      return real.tooLarge();
    }

    @Override
    public HttpResponse handle(
        String method,
        String path,
        Function<String, HttpRequest> request,
        Consumer<HttpResponse> onTimeout) {
      return real.handle(method, path, request, onTimeout);
    }

    @Override
    public LocalGateway priming(UnaryOperator<FunctionDefinition> standIn) {
      return real.priming(standIn);
    }

    @Override
    public void restored() {
      real.restored();
    }

    @Override
    public void close() {
      real.close();
    }
  }
}
