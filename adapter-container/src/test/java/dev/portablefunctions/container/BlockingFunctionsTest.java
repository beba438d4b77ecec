package dev.portablefunctions.container;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portablefunctions.HttpResponse;
import dev.portablefunctions.spi.FunctionDefinition;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The handler is non-blocking and Jetty calls it on the connector's one selector thread: a function
 * must never run there, or one blocked function would stop every other connection from being read.
 * Here a function blocks until a second request, on another connection, releases it; that second
 * request is only read if the first function is not holding the selector.
 */
@Timeout(30)
class BlockingFunctionsTest {

  private final CountDownLatch waiting = new CountDownLatch(1);
  private final CountDownLatch released = new CountDownLatch(1);
  private ContainerServer server;

  @BeforeEach
  void start() throws Exception {
    server =
        TestServers.start(
            Map.of(),
            FunctionDefinition.http(
                "wait",
                (request, context) -> {
                  waiting.countDown();
                  return released.await(10, TimeUnit.SECONDS)
                      ? HttpResponse.ok().text("released after " + request.bodyLength() + " bytes")
                      : HttpResponse.status(500).text("never released");
                }),
            FunctionDefinition.http(
                "release",
                (request, context) -> {
                  released.countDown();
                  return HttpResponse.ok().text("released");
                }));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void aFunctionBlockedOnARequestWithItsBodyDoesNotHoldUpOtherConnections() throws Exception {
    try (Socket first = TestServers.connect(server)) {
      send(first, request("0123456789"));

      assertThat(waiting.await(10, TimeUnit.SECONDS)).as("the first function started").isTrue();
      assertThat(TestServers.get(server, "/release").statusCode()).isEqualTo(200);
      assertThat(response(first)).startsWith("HTTP/1.1 200").endsWith("released after 10 bytes");
    }
  }

  @Test
  void aFunctionWhoseBodyCameLaterDoesNotHoldUpOtherConnections() throws Exception {
    try (Socket first = TestServers.connect(server)) {
      String whole = request("0123456789");
      send(first, whole.substring(0, whole.length() - 5)); // headers and half the body
      Thread.sleep(300); // the rest arrives after the server has asked for more
      send(first, whole.substring(whole.length() - 5));

      assertThat(waiting.await(10, TimeUnit.SECONDS)).as("the first function started").isTrue();
      assertThat(TestServers.get(server, "/release").statusCode()).isEqualTo(200);
      assertThat(response(first)).startsWith("HTTP/1.1 200").endsWith("released after 10 bytes");
    }
  }

  private static String request(String body) {
    return "POST /wait HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
        + "Content-Type: text/plain\r\nContent-Length: "
        + body.length()
        + "\r\n\r\n"
        + body;
  }

  private static void send(Socket socket, String text) throws Exception {
    OutputStream out = socket.getOutputStream();
    out.write(text.getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  private static String response(Socket socket) throws Exception {
    socket.setSoTimeout(15_000);
    return TestServers.readAll(socket.getInputStream());
  }
}
