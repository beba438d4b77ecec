package dev.portablefunctions.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portablefunctions.FunctionLogger;
import dev.portablefunctions.HttpResponse;
import dev.portablefunctions.Message;
import dev.portablefunctions.ScheduleEvent;
import dev.portablefunctions.StorageEvent;
import dev.portablefunctions.fuzz.Fuzz;
import dev.portablefunctions.fuzz.FuzzTries;
import dev.portablefunctions.spi.FunctionDefinition;
import dev.portablefunctions.spi.FunctionRegistry;
import io.cloudevents.CloudEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The local wire format on mutations of its documented shapes, decoded directly ({@link
 * LocalCodec}) and served by the local server over raw HTTP/1.1 (hostile bodies, content types,
 * {@code ce-*} headers, paths and header bytes): every input ends as a value or a {@code
 * BAD_INPUT}; every request is answered, below 500 (the functions here never fail); no detail,
 * answer or log line repeats the input; nothing hangs. Message ids are reported back by design and
 * are not planted with the marker by the server property (the functions succeed, so none is
 * reported).
 */
@AddLifecycleHook(FuzzTries.class)
class LocalCodecFuzzTest {

  private static final List<String> MESSAGES =
      List.of(
          "{\"id\":\"m1\",\"data\":\"aGVsbG8=\",\"attributes\":{\"k\":\"v\"},"
              + "\"publishTime\":\"2024-05-01T00:00:00Z\",\"deliveryAttempt\":1,\"orderingKey\":\"g1\"}",
          "[{\"id\":\"1\",\"text\":\"fine\"},{\"id\":\"2\",\"data\":\"cG9pc29u\",\"deliveryAttempt\":3}]");
  private static final List<String> STORAGE =
      List.of(
          "{\"bucket\":\"photos\",\"key\":\"cat.jpg\",\"change\":\"created\",\"size\":52311,"
              + "\"etag\":\"e1\",\"contentType\":\"image/jpeg\",\"time\":\"2024-05-01T00:00:00Z\"}");
  private static final List<String> SCHEDULE =
      List.of("{\"time\":\"2024-05-01T00:00:00Z\",\"name\":\"nightly\"}");
  private static final List<String> CLOUD_EVENTS =
      List.of(
          "{\"specversion\":\"1.0\",\"id\":\"2\",\"source\":\"/demo\",\"type\":\"demo.created\","
              + "\"datacontenttype\":\"application/json\",\"data\":{\"a\":1}}");

  private static final List<String> LINES = new CopyOnWriteArrayList<>();
  private static LocalServer server;

  @BeforeContainer
  static void start() throws IOException {
    server =
        LocalServer.builder()
            .registry(
                FunctionRegistry.of(
                    FunctionDefinition.message("collect", (message, context) -> {}),
                    FunctionDefinition.event("files", StorageEvent.class, (event, context) -> {}),
                    FunctionDefinition.event("ticks", ScheduleEvent.class, (event, context) -> {}),
                    FunctionDefinition.event("events", CloudEvent.class, (event, context) -> {}),
                    FunctionDefinition.http(
                        "plain", (request, context) -> HttpResponse.ok().text("ok"))))
            .port(0)
            .logTo(LINES::add, FunctionLogger.Level.DEBUG)
            .start();
  }

  @AfterContainer
  static void stop() {
    server.close();
  }

  @Provide
  Arbitrary<String> messages() {
    return Fuzz.mutationsOf(MESSAGES);
  }

  @Provide
  Arbitrary<String> storage() {
    return Fuzz.mutationsOf(STORAGE);
  }

  @Provide
  Arbitrary<String> schedule() {
    return Fuzz.mutationsOf(SCHEDULE);
  }

  @Property(tries = 500)
  void messagesDecodeOrAreBadInput(@ForAll("messages") String body) {
    JsonNode json = Fuzz.decodeOrRefuse(() -> LocalCodec.readTree(bytes(body), "request body"));
    if (json != null) {
      List<Message> decoded = Fuzz.decodeOrRefuse(() -> LocalCodec.messages(json));
      if (decoded != null) {
        assertThat(decoded).isNotEmpty();
      }
    }
  }

  @Property(tries = 500)
  void storageAndScheduleEventsDecodeOrAreBadInput(
      @ForAll("storage") String storage, @ForAll("schedule") String schedule) {
    JsonNode file = Fuzz.decodeOrRefuse(() -> LocalCodec.readTree(bytes(storage), "request body"));
    if (file != null) {
      StorageEvent event = Fuzz.decodeOrRefuse(() -> LocalCodec.storage(file));
      if (event != null) {
        assertThat(event.size().orElse(0)).isNotNegative();
      }
    }
    JsonNode tick = Fuzz.decodeOrRefuse(() -> LocalCodec.readTree(bytes(schedule), "request body"));
    if (tick != null) {
      Fuzz.decodeOrRefuse(() -> LocalCodec.schedule(tick, Instant.EPOCH));
    }
  }

  @Provide
  Arbitrary<String> contentTypes() {
    return Arbitraries.oneOf(
        Arbitraries.of("application/json", "application/cloudevents+json", "text/plain", ""),
        Fuzz.hostileStrings());
  }

  @Provide
  Arbitrary<String> bodies() {
    return Fuzz.mutationsOf(
        List.of(
            MESSAGES.get(0),
            MESSAGES.get(1),
            STORAGE.get(0),
            SCHEDULE.get(0),
            CLOUD_EVENTS.get(0)));
  }

  @Provide
  Arbitrary<Map<String, String>> headers() {
    return Fuzz.hostileHeaders();
  }

  @Property(tries = 150)
  void everyRequestIsAnsweredBelow500WithoutEcho(
      @ForAll("bodies") String body,
      @ForAll("contentTypes") String contentType,
      @ForAll("headers") Map<String, String> headers,
      @ForAll("contentTypes") String path) {
    LINES.clear();
    for (String function : List.of("collect", "files", "ticks", "events", "plain", "none")) {
      String answer =
          Fuzz.within(
              () ->
                  exchange(
                      "/" + function + "/" + encodePath(path),
                      contentType,
                      headers,
                      body.getBytes(StandardCharsets.UTF_8)));

      assertThat(answer).as("the status line").matches("(?s)HTTP/1\\.1 [234]\\d\\d .*");
      Fuzz.assertNoEcho("the answer", answer.substring(answer.indexOf("\r\n\r\n") + 4));
    }
    Fuzz.assertNoEcho("a log line", LINES);
  }

  /** One request over a socket: the JDK's client refuses the header bytes this sends. */
  private static String exchange(
      String path, String contentType, Map<String, String> headers, byte[] body)
      throws IOException {
    StringBuilder head = new StringBuilder("POST ").append(path).append(" HTTP/1.1\r\nHost: x\r\n");
    head.append("Content-Type: ").append(strip(contentType)).append("\r\n");
    headers.forEach(
        (name, value) -> {
          String safeName = strip(name).replace(":", "");
          if (!safeName.isBlank()
              && !safeName.equalsIgnoreCase("content-length")
              && !safeName.equalsIgnoreCase("transfer-encoding")
              && !safeName.equalsIgnoreCase("host")
              && safeName.chars().allMatch(LocalCodecFuzzTest::isTokenChar)) {
            // Names the JDK's server parses (it refuses others itself, before any code of ours);
            // values keep NUL and other control bytes, but not CR and LF, which would end them.
            head.append(safeName).append(": ").append(strip(value)).append("\r\n");
          }
        });
    head.append("Content-Length: ").append(body.length).append("\r\nConnection: close\r\n\r\n");
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout((int) Fuzz.HANG.toMillis());
      OutputStream out = socket.getOutputStream();
      out.write(head.toString().getBytes(StandardCharsets.UTF_8));
      out.write(body);
      out.flush();
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static boolean isTokenChar(int c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
  }

  private static String strip(String text) {
    return text.replace("\r", "").replace("\n", "");
  }

  /** The path as a client sends it: every byte outside unreserved characters percent-encoded. */
  private static String encodePath(String text) {
    StringBuilder out = new StringBuilder();
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xFF;
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '_'
          || c == '.'
          || c == '/') {
        out.append((char) c);
      } else {
        out.append('%').append(String.format("%02X", c));
      }
    }
    return out.toString();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
