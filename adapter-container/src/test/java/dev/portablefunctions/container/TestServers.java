package dev.portablefunctions.container;

import dev.portablefunctions.FunctionLogger;
import dev.portablefunctions.local.LocalServer;
import dev.portablefunctions.local.server.LocalGateway;
import dev.portablefunctions.spi.FunctionDefinition;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** Starts container servers in-process on a free loopback port, and talks to them. */
final class TestServers {

  /** What a started server logged, one JSON line each. */
  static final List<String> LOG = new CopyOnWriteArrayList<>();

  static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private TestServers() {}

  /** A server for these functions, with the container variables given (and PORT=0 on loopback). */
  static ContainerServer start(Map<String, String> variables, FunctionDefinition... functions)
      throws IOException {
    Map<String, String> env = environment(variables);
    return ContainerServer.start(
        Settings.fromEnvironment(env), gateway(env, LOG::add, (Object[]) functions));
  }

  /** The container variables given, with PORT=0 on loopback unless they say otherwise. */
  static Map<String, String> environment(Map<String, String> variables) {
    Map<String, String> env = new HashMap<>(variables);
    env.putIfAbsent("PORT", "0");
    env.putIfAbsent("PORTABLE_HOST", "127.0.0.1");
    return env;
  }

  /**
   * The gateway a server of these functions runs on, its log lines (INFO and up) to {@code logs}.
   */
  static LocalGateway gateway(Map<String, String> env, Consumer<String> logs, Object... functions) {
    return LocalServer.builder()
        .functions(functions)
        .environment(env)
        .logTo(logs, FunctionLogger.Level.INFO)
        .gateway();
  }

  static HttpResponse<String> send(HttpRequest request) {
    try {
      return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static HttpResponse<String> get(ContainerServer server, String path) {
    return send(
        HttpRequest.newBuilder(server.uri().resolve(path)).timeout(Duration.ofSeconds(10)).build());
  }

  static HttpResponse<String> post(
      ContainerServer server, String path, String contentType, String body) {
    return send(
        HttpRequest.newBuilder(server.uri().resolve(path))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  /** A raw connection, for what no well-behaved client sends. */
  static Socket connect(ContainerServer server) throws IOException {
    Socket socket = new Socket("127.0.0.1", server.port());
    socket.setSoTimeout(5_000);
    socket.setTcpNoDelay(true);
    return socket;
  }

  /** Sends bytes on a new connection and reads until the server closes it (or 5 s pass). */
  static String exchange(ContainerServer server, byte[] request) throws IOException {
    try (Socket socket = connect(server)) {
      OutputStream out = socket.getOutputStream();
      out.write(request);
      out.flush();
      return readAll(socket.getInputStream());
    }
  }

  static String exchange(ContainerServer server, String request) throws IOException {
    return exchange(server, request.getBytes(StandardCharsets.ISO_8859_1));
  }

  /** Reads until end of stream; a read timeout ends it too, marked. */
  static String readAll(InputStream in) throws IOException {
    StringBuilder text = new StringBuilder();
    byte[] buffer = new byte[8192];
    try {
      int read;
      while ((read = in.read(buffer)) >= 0) {
        text.append(new String(buffer, 0, read, StandardCharsets.ISO_8859_1));
      }
    } catch (SocketTimeoutException stillOpen) {
      text.append("<still open>");
    } catch (IOException reset) {
      text.append("<reset>");
    }
    return text.toString();
  }

  static URI uri(ContainerServer server, String path) {
    return server.uri().resolve(path);
  }
}
