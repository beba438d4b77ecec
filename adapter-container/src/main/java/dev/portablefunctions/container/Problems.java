package dev.portablefunctions.container;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.portablefunctions.spi.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.eclipse.jetty.http.HttpStatus;

/**
 * The problem documents ({@code application/problem+json}, RFC 9457) of the transport: requests
 * refused before any function is chosen, so they carry no invocation id. Every detail is a fixed
 * sentence per status: nothing of the request and nothing of an exception is ever quoted.
 */
final class Problems {

  static final String MEDIA_TYPE = "application/problem+json";

  /** Seconds a client is told to wait after a 503. */
  static final String RETRY_AFTER_SECONDS = "1";

  private Problems() {}

  static byte[] json(int status) {
    return json(status, detail(status));
  }

  static byte[] json(int status, String detail) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(192);
    try (JsonGenerator json = Json.mapper().getFactory().createGenerator(out)) {
      json.writeStartObject();
      json.writeStringField("type", "about:blank");
      json.writeStringField("title", title(status));
      json.writeNumberField("status", status);
      json.writeStringField("detail", detail);
      json.writeEndObject();
    } catch (IOException impossible) {
      throw new UncheckedIOException(impossible);
    }
    return out.toByteArray();
  }

  static String title(int status) {
    return switch (status) {
      case 413 -> "Content Too Large"; // RFC 9110's name, as FunctionException.Kind has it
      case 431 -> "Request Header Fields Too Large";
      default -> {
        String message = HttpStatus.getMessage(status);
        yield message == null ? "HTTP " + status : message;
      }
    };
  }

  static String detail(int status) {
    return switch (status) {
      case 400 ->
          "The request is not valid HTTP: its request line, a header, or its chunked body"
              + " framing is malformed.";
      case 408 -> "The request did not arrive in time: its headers or body were too slow.";
      case 413 -> "The request body is larger than this server accepts (PORTABLE_MAX_BODY_BYTES).";
      case 414 -> "The request target is longer than this server accepts.";
      case 431 ->
          "The request headers are larger than this server accepts"
              + " (PORTABLE_MAX_HEADER_BYTES).";
      case 500 -> "The server failed while handling the request.";
      case 501 -> "The request uses an HTTP feature this server does not implement.";
      case 503 -> "The server is at its concurrency limit or shutting down; retry shortly.";
      case 505 -> "The request's HTTP version is not supported.";
      default ->
          status >= 500 ? "The server could not handle the request." : "The request was refused.";
    };
  }
}
