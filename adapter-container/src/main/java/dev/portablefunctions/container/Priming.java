package dev.portablefunctions.container;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portablefunctions.Context;
import dev.portablefunctions.HttpResponse;
import dev.portablefunctions.Primeable;
import dev.portablefunctions.ScheduleEvent;
import dev.portablefunctions.StorageEvent;
import dev.portablefunctions.local.server.LocalGateway;
import dev.portablefunctions.spi.FunctionDefinition;
import dev.portablefunctions.spi.FunctionRunner;
import dev.portablefunctions.spi.InvocationIds;
import io.cloudevents.CloudEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.crac.Resource;

/**
 * Priming for a CRaC checkpoint of the container server, which registers one with {@code
 * org.crac}'s global context when it starts (without a CRaC JVM the registration does nothing).
 *
 * <p>{@link #beforeCheckpoint}: first one synthetic request per served function, over HTTP/1.1 on
 * loopback, to a short-lived second server built as the real one is (same settings, Jetty
 * configuration, {@link FunctionHandler}, limiter) on a {@linkplain LocalGateway#priming priming
 * gateway}: same routing, decoding, runner and encoding, but a stand-in of each function's kind in
 * its place, log lines and outcome records formatted and dropped, no observer, {@code prime-}
 * invocation ids, and the real gateway's cold-start mark left alone. A stand-in calls its
 * function's {@link Primeable#prime} once when the function opts in, and nothing of the function
 * otherwise. Then the real server {@linkplain ContainerServer#suspend() stops}, gracefully, so that
 * no socket is open at the checkpoint. A failure while priming is one warning line; the checkpoint
 * goes ahead.
 *
 * <p>{@link #afterRestore}: new invocation id seed, the next request reported as a cold start, and
 * the server listening again on the same address and port.
 */
final class Priming implements Resource {

  private final ContainerServer server;
  private final Consumer<String> warnings;

  Priming(ContainerServer server, Consumer<String> warnings) {
    this.server = server;
    this.warnings = warnings;
  }

  @Override
  public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
    if (server.suspended()) {
      return;
    }
    run(server.gateway(), server.settings(), warnings);
    server.suspend();
  }

  /**
   * In each restored copy: the invocation id generator gets a new seed (every copy starts from the
   * same random state), the next invocation is reported as a cold start, and the server listens
   * again.
   *
   * @throws IOException if the address cannot be bound again
   */
  @Override
  public void afterRestore(org.crac.Context<? extends Resource> context) throws IOException {
    InvocationIds.reseed();
    server.gateway().restored();
    server.resume();
  }

  /**
   * Sends one synthetic request per function the gateway serves through a priming server.
   *
   * @return how many functions were primed without a failure (a failure is a warning, never thrown)
   */
  static int run(LocalGateway real, Settings settings, Consumer<String> warnings) {
    List<FunctionDefinition> served =
        real.singleFunction().map(List::of).orElseGet(() -> real.registry().functions());
    AtomicReference<Throwable> primeFailure = new AtomicReference<>();
    ContainerServer primer = null;
    int primed = 0;
    String current = null;
    try {
      primer =
          ContainerServer.startUnregistered(
              settings.onLoopback(), real.priming(function -> standIn(function, primeFailure)));
      for (FunctionDefinition function : served) {
        current = function.name();
        String path = real.singleFunction().isPresent() ? "/" : "/" + function.name();
        int status = exchange(primer.port(), request(function, path), real.timeout().toMillis());
        Throwable failed = primeFailure.getAndSet(null);
        if (failed != null) {
          warn(warnings, current, failed.toString());
        } else if (status / 100 != 2) {
          warn(warnings, current, "its synthetic request was answered with status " + status);
        } else {
          primed++;
        }
      }
    } catch (Throwable failure) {
      FunctionRunner.rethrowIfFatal(failure);
      warn(warnings, current, failure.toString());
    } finally {
      if (primer != null) {
        primer.stop(false);
      }
    }
    return primed;
  }

  private static void warn(Consumer<String> warnings, String function, String what) {
    // One line, whatever the failure's message holds.
    warnings.accept(
        ("portable-functions: WARN priming "
                + (function == null ? "" : "function " + function + " ")
                + "failed, the checkpoint goes ahead: "
                + what)
            .replaceAll("[\\r\\n]+", " "));
  }

  /**
   * A function of the same name and kind that answers in the function's place and calls its {@link
   * Primeable#prime} (at most once) if it has one; what {@code prime} throws is kept for the
   * warning, and the synthetic invocation still succeeds.
   */
  private static FunctionDefinition standIn(
      FunctionDefinition real, AtomicReference<Throwable> failure) {
    boolean optedIn = optsIn(real);
    AtomicBoolean once = new AtomicBoolean();
    Hook hook =
        context -> {
          if (optedIn && once.compareAndSet(false, true)) {
            try {
              ((Primeable) real.instance()).prime(context);
            } catch (Throwable thrown) {
              FunctionRunner.rethrowIfFatal(thrown);
              failure.set(thrown);
            }
          }
        };
    return switch (real.kind()) {
      case HTTP ->
          FunctionDefinition.http(
              real.name(),
              (request, context) -> {
                hook.prime(context);
                return HttpResponse.ok().json(Map.of("primed", request.body().length));
              });
      case TYPED ->
          FunctionDefinition.typed(
              real.name(),
              JsonNode.class,
              (input, context) -> {
                hook.prime(context);
                return input;
              });
      case MESSAGE ->
          FunctionDefinition.message(real.name(), (message, context) -> hook.prime(context));
      case STORAGE ->
          FunctionDefinition.event(
              real.name(), StorageEvent.class, (event, context) -> hook.prime(context));
      case SCHEDULE ->
          FunctionDefinition.event(
              real.name(), ScheduleEvent.class, (event, context) -> hook.prime(context));
      default ->
          FunctionDefinition.event(
              real.name(), CloudEvent.class, (event, context) -> hook.prime(context));
    };
  }

  /**
   * Whether the function's class implements {@link Primeable}, read from the class without creating
   * the function (the server creates it on its first request) or initialising its class.
   */
  private static boolean optsIn(FunctionDefinition function) {
    ClassLoader[] loaders = {
      Priming.class.getClassLoader(), Thread.currentThread().getContextClassLoader()
    };
    for (ClassLoader loader : loaders) {
      if (loader != null) {
        try {
          return Primeable.class.isAssignableFrom(
              Class.forName(function.className(), false, loader));
        } catch (ClassNotFoundException | LinkageError notHere) {
          // a lambda's hidden class, or another loader's: try the next
        }
      }
    }
    return false;
  }

  @FunctionalInterface
  private interface Hook {
    void prime(Context context);
  }

  /** A realistic request of the function's kind in the local wire format, as HTTP/1.1 bytes. */
  static byte[] request(FunctionDefinition function, String path) {
    List<String> headers = new ArrayList<>();
    String body;
    String target = path;
    switch (function.kind()) {
      case HTTP -> {
        target = path + "?a=1";
        headers.add("Accept: */*");
        headers.add("Cookie: c=1");
        headers.add("X-Forwarded-For: 127.0.0.1");
        headers.add("traceparent: 00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
        body = "{\"name\":\"prime\",\"n\":[1,2.5,true,null]}";
      }
      case TYPED -> body = "{\"priming\":true}";
      case MESSAGE -> body = "[{\"id\":\"prime-1\",\"text\":\"{\\\"prime\\\":true}\"}]";
      case STORAGE ->
          body = "{\"bucket\":\"prime\",\"key\":\"prime.txt\",\"change\":\"created\",\"size\":1}";
      case SCHEDULE -> body = "{\"time\":\"2024-05-01T00:00:00Z\"}";
      default -> {
        headers.add("ce-specversion: 1.0");
        headers.add("ce-id: prime");
        headers.add("ce-source: /prime");
        headers.add("ce-type: dev.portablefunctions.prime");
        body = "{\"prime\":true}";
      }
    }
    byte[] content = body.getBytes(StandardCharsets.UTF_8);
    StringBuilder text = new StringBuilder();
    text.append("POST ").append(target).append(" HTTP/1.1\r\n");
    text.append("Host: localhost\r\n");
    text.append("User-Agent: portable-functions-priming\r\n");
    text.append("Content-Type: application/json\r\n");
    for (String header : headers) {
      text.append(header).append("\r\n");
    }
    text.append("Content-Length: ").append(content.length).append("\r\n");
    text.append("Connection: close\r\n\r\n");
    byte[] head = text.toString().getBytes(StandardCharsets.ISO_8859_1);
    byte[] bytes = new byte[head.length + content.length];
    System.arraycopy(head, 0, bytes, 0, head.length);
    System.arraycopy(content, 0, bytes, head.length, content.length);
    return bytes;
  }

  /** Sends a request on a new loopback connection, reads the response to its end; the status. */
  private static int exchange(int port, byte[] request, long timeoutMillis) throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, timeoutMillis + 5_000));
      OutputStream out = socket.getOutputStream();
      out.write(request);
      out.flush();
      InputStream in = socket.getInputStream();
      byte[] response = in.readAllBytes();
      return status(response).orElseThrow(() -> new IOException("no HTTP response"));
    }
  }

  /** The status code of an HTTP/1.1 response, from its status line. */
  private static Optional<Integer> status(byte[] response) {
    String line = new String(response, 0, Math.min(response.length, 64), StandardCharsets.US_ASCII);
    if (!line.startsWith("HTTP/1.1 ") || line.length() < 12) {
      return Optional.empty();
    }
    try {
      return Optional.of(Integer.parseInt(line.substring(9, 12)));
    } catch (NumberFormatException malformed) {
      return Optional.empty();
    }
  }
}
