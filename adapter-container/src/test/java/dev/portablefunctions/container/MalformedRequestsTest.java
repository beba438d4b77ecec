package dev.portablefunctions.container;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portablefunctions.HttpResponse;
import dev.portablefunctions.spi.FunctionDefinition;
import dev.portablefunctions.spi.Json;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Requests no HTTP parser should accept get a problem document whose detail quotes neither the
 * request nor an exception, and never reach the function.
 */
@Timeout(20)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MalformedRequestsTest {

  /** Written into each malformed request; must never come back. */
  private static final String MARK = "Zq7mark";

  private final AtomicInteger invocations = new AtomicInteger();
  private ContainerServer server;

  @BeforeAll
  void start() throws Exception {
    server =
        TestServers.start(
            Map.of("PORTABLE_MAX_BODY_BYTES", "1000", "PORTABLE_MAX_HEADER_BYTES", "4096"),
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

  static Stream<Arguments> malformed() {
    String host = "Host: x\r\n";
    return Stream.of(
        Arguments.of("a bad request line", 400, "GET /" + MARK + " x y\r\n" + host + "\r\n"),
        Arguments.of("not HTTP at all", 400, "\u0016\u0003\u0001" + MARK + "\r\n\r\n"),
        Arguments.of(
            "a NUL in a header",
            400,
            "GET /count HTTP/1.1\r\n" + host + "X-A: " + MARK + "\u0000b\r\n\r\n"),
        Arguments.of(
            "a header without a colon", 400, "GET /count HTTP/1.1\r\n" + host + MARK + "\r\n\r\n"),
        Arguments.of(
            "an invalid chunk size",
            400,
            "POST /count HTTP/1.1\r\n"
                + host
                + "Transfer-Encoding: chunked\r\n\r\n"
                + MARK
                + "\r\nhello\r\n0\r\n\r\n"),
        Arguments.of(
            "a malformed chunked trailer",
            400,
            "POST /count HTTP/1.1\r\n"
                + host
                + "Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n"
                + MARK
                + "\r\n\r\n"),
        Arguments.of(
            "an unknown transfer coding",
            400,
            "POST /count HTTP/1.1\r\n" + host + "Transfer-Encoding: " + MARK + "\r\n\r\nabc"),
        Arguments.of(
            "a malformed Content-Length",
            400,
            "POST /count HTTP/1.1\r\n" + host + "Content-Length: 12" + MARK + "\r\n\r\nabc"),
        Arguments.of(
            "two Content-Lengths",
            400,
            "POST /count HTTP/1.1\r\n"
                + host
                + "Content-Length: 3\r\nContent-Length: 4\r\n\r\n"
                + MARK),
        Arguments.of(
            "Content-Length beside chunked",
            400,
            "POST /count HTTP/1.1\r\n"
                + host
                + "Content-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"),
        Arguments.of("no Host header", 400, "GET /count HTTP/1.1\r\nX-A: " + MARK + "\r\n\r\n"),
        Arguments.of(
            "an ambiguous encoded path",
            400,
            "GET /count/%2e%2e%2F" + MARK + " HTTP/1.1\r\n" + host + "Connection: close\r\n\r\n"),
        Arguments.of(
            "headers over the limit",
            431,
            "GET /count HTTP/1.1\r\n" + host + "X-Big: " + MARK + "a".repeat(5000) + "\r\n\r\n"),
        Arguments.of(
            "a declared body over the limit",
            413,
            "POST /count HTTP/1.1\r\n" + host + "Content-Length: 5000\r\n\r\n" + MARK),
        Arguments.of(
            "a chunked body over the limit",
            413,
            "POST /count HTTP/1.1\r\n"
                + host
                + "Transfer-Encoding: chunked\r\n\r\n7d0\r\n"
                + MARK
                + "a".repeat(1993)
                + "\r\n0\r\n\r\n"),
        Arguments.of(
            "a request target that is not a path",
            400,
            "OPTIONS * HTTP/1.1\r\n" + host + "X-A: " + MARK + "\r\nConnection: close\r\n\r\n"),
        Arguments.of(
            "an unsupported HTTP version",
            505,
            "GET /count HTTP/3.0\r\n" + host + "X-A: " + MARK + "\r\n\r\n"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformed")
  void isAnsweredWithAProblemThatQuotesNothing(String what, int status, String request)
      throws Exception {
    String response = TestServers.exchange(server, request);

    assertThat(response).startsWith("HTTP/1.1 " + status + " ");
    int split = response.indexOf("\r\n\r\n");
    String head = response.substring(0, split).toLowerCase(java.util.Locale.ROOT);
    String body = response.substring(split + 4).replace("<still open>", "");
    assertThat(head).contains("content-type: application/problem+json");
    JsonNode problem = Json.mapper().readTree(body);
    assertThat(problem.get("status").asInt()).isEqualTo(status);
    assertThat(problem.get("title").asText()).isNotBlank();
    assertThat(problem.get("detail").asText()).isNotBlank();
    assertThat(response)
        .doesNotContain(MARK)
        .doesNotContainIgnoringCase("exception")
        .doesNotContain("org.eclipse")
        .doesNotContain("java.")
        .doesNotContain("<html");
    assertThat(invocations).hasValue(0);
  }

  @Test
  void aDeclaredLengthOverTheLimitIsNotQuotedBack() throws Exception {
    String response =
        TestServers.exchange(
            server, "POST /count HTTP/1.1\r\nHost: x\r\nContent-Length: 987654321\r\n\r\nabc");

    assertThat(response)
        .startsWith("HTTP/1.1 413 ")
        .contains("1000 bytes")
        .doesNotContain("987654321");
    assertThat(invocations).hasValue(0);
  }

  @Test
  void aChunkedBodyWithTrailersIsServed() throws Exception {
    String response =
        TestServers.exchange(
            server,
            "POST /count HTTP/1.1\r\n"
                + "Host: x\r\n"
                + "Transfer-Encoding: chunked\r\n"
                + "Connection: close\r\n\r\n"
                + "5\r\n"
                + "hello\r\n"
                + "6\r\n"
                + " world\r\n"
                + "0\r\n"
                + "X-Checksum: 1\r\n\r\n");

    assertThat(response).startsWith("HTTP/1.1 200 ").endsWith("ran with 11 bytes");
    assertThat(invocations).hasValue(1);
  }

  @Test
  void theServerKeepsServingAfterMalformedRequests() throws Exception {
    for (Arguments arguments : malformed().toList()) {
      TestServers.exchange(server, (String) arguments.get()[2]);
    }

    assertThat(TestServers.get(server, "/count").statusCode()).isEqualTo(200);
  }
}
