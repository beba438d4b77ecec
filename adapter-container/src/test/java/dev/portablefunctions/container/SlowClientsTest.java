package dev.portablefunctions.container;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portablefunctions.HttpResponse;
import dev.portablefunctions.spi.FunctionDefinition;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Clients that never finish a request: slowloris headers, a trickled body, a stalled body, a
 * half-sent body. None of them may reach the function.
 */
@Timeout(20)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SlowClientsTest {

  private final AtomicInteger invocations = new AtomicInteger();
  private ContainerServer server;

  @BeforeAll
  void start() throws Exception {
    server =
        TestServers.start(
            Map.of(
                "PORTABLE_HEADER_TIMEOUT_SECONDS", "1",
                "PORTABLE_BODY_TIMEOUT_SECONDS", "2",
                "PORTABLE_IDLE_TIMEOUT_SECONDS", "3"),
            FunctionDefinition.http(
                "count",
                (request, context) -> {
                  invocations.incrementAndGet();
                  return HttpResponse.ok().text("ran with " + request.bodyLength() + " bytes");
                }));
  }

  @AfterAll
  void stop() {
    server.close();
  }

  @BeforeEach
  void reset() {
    invocations.set(0);
  }

  private static void write(Socket socket, String text) throws Exception {
    OutputStream out = socket.getOutputStream();
    out.write(text.getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  /**
   * Trickles bytes every 200 ms until the server closes the connection; returns when it did (ms).
   */
  private static long trickleUntilClosed(Socket socket, long start) throws Exception {
    socket.setSoTimeout(200);
    InputStream in = socket.getInputStream();
    while (TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < 8_000) {
      try {
        write(socket, "a");
      } catch (java.io.IOException closed) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      }
      try {
        if (in.read() < 0) {
          return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        }
      } catch (java.net.SocketTimeoutException stillOpen) {
        // next byte
      } catch (java.io.IOException reset) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      }
    }
    return -1;
  }

  @Test
  void slowlorisHeadersAreCutAtTheHeaderTimeout() throws Exception {
    List<Socket> sockets = new ArrayList<>();
    try {
      for (int i = 0; i < 20; i++) { // a few more beside the one measured
        Socket other = TestServers.connect(server);
        write(other, "GET /count HTTP/1.1\r\nHost: x\r\nX-Slow: ");
        sockets.add(other);
      }
      try (Socket socket = TestServers.connect(server)) {
        long start = System.nanoTime();
        write(socket, "GET /count HTTP/1.1\r\nHost: x\r\nX-Slow: ");

        long closedAfter = trickleUntilClosed(socket, start);

        assertThat(closedAfter).isBetween(900L, 3_000L);
      }
      assertThat(invocations).hasValue(0);
      assertThat(TestServers.get(server, "/count").statusCode()).isEqualTo(200);
    } finally {
      for (Socket socket : sockets) {
        socket.close();
      }
    }
  }

  @Test
  void aBodyTrickledAtAByteEveryFifthOfASecondGets408AndNeverRuns() throws Exception {
    try (Socket socket = TestServers.connect(server)) {
      long start = System.nanoTime();
      write(socket, "POST /count HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n");

      long closedAfter = trickleUntilClosed(socket, start);
      socket.setSoTimeout(2_000);

      assertThat(closedAfter).isBetween(800L, 3_500L);
    }
    assertThat(invocations).hasValue(0);
  }

  @Test
  void aTrickledBodyIsAnsweredWithAProblem() throws Exception {
    try (Socket socket = TestServers.connect(server)) {
      write(socket, "POST /count HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n");
      socket.setSoTimeout(250);
      InputStream in = socket.getInputStream();
      StringBuilder response = new StringBuilder();
      for (int i = 0; i < 20 && response.length() == 0; i++) {
        write(socket, "a"); // stops once the server answers: it has not closed yet
        try {
          int first = in.read();
          if (first >= 0) {
            response.append((char) first);
          }
        } catch (java.net.SocketTimeoutException nothingYet) {
          // next byte
        }
      }
      socket.setSoTimeout(2_000);
      response.append(TestServers.readAll(in));

      assertThat(response.toString()).startsWith("HTTP/1.1 408 ");
      assertThat(response.toString())
          .contains("application/problem+json", "PORTABLE_BODY_TIMEOUT_SECONDS");
    }
    assertThat(invocations).hasValue(0);
  }

  @Test
  void aStalledBodyGets408AtTheBodyTimeout() throws Exception {
    try (Socket socket = TestServers.connect(server)) {
      long start = System.nanoTime();
      write(socket, "POST /count HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n0123456789");

      String response = TestServers.readAll(socket.getInputStream());
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

      assertThat(response).startsWith("HTTP/1.1 408 ");
      assertThat(millis).isBetween(1_500L, 4_000L);
    }
    assertThat(invocations).hasValue(0);
  }

  @Test
  void aHalfSentBodyClosedByTheClientNeverRuns() throws Exception {
    for (int i = 0; i < 50; i++) {
      try (Socket socket = TestServers.connect(server)) {
        write(socket, "POST /count HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n0123456789");
      }
      try (Socket socket = TestServers.connect(server)) {
        write(
            socket,
            "POST /count HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n");
      }
    }
    Thread.sleep(500);

    assertThat(invocations).hasValue(0);
    assertThat(TestServers.post(server, "/count", "text/plain", "hello").body())
        .isEqualTo("ran with 5 bytes");
    assertThat(invocations).hasValue(1);
  }

  @Test
  void anIdleConnectionIsClosedAtTheIdleTimeout() throws Exception {
    try (Socket socket = TestServers.connect(server)) {
      long start = System.nanoTime();
      socket.setSoTimeout(6_000);

      int read = socket.getInputStream().read();
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

      assertThat(read).isEqualTo(-1);
      assertThat(millis).isBetween(2_500L, 5_000L);
    }
  }
}
