package dev.portablefunctions;

import dev.portablefunctions.internal.Bodies;
import dev.portablefunctions.internal.SharedBodies;
import dev.portablefunctions.spi.Json;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * An immutable HTTP response. Start from a status and add to it; every method returns a new
 * response:
 *
 * <pre>{@code
 * return HttpResponse.ok().json(new Greeting("Hello"));
 * return HttpResponse.status(201).header("Location", "/orders/42").text("created");
 * return HttpResponse.ok().body(pngBytes, "image/png");
 * }</pre>
 *
 * <p>Binary bodies are safe on every cloud: adapters base64-encode them where the provider's format
 * needs it.
 */
public final class HttpResponse {

  private static final byte[] NO_BODY = new byte[0];

  static {
    SharedBodies.install(new BodyAccess());
  }

  /** The adapters' access to bodies without copies (see {@link SharedBodies}). */
  private static final class BodyAccess implements SharedBodies.Access {
    @Override
    public byte[] body(HttpResponse response) {
      return response.body;
    }

    @Override
    public void own(HttpRequest.Builder builder, byte[] body) {
      builder.ownBody(body);
    }
  }

  private final int status;
  private final Headers headers;
  private final byte[] body;

  private HttpResponse(int status, Headers headers, byte[] body) {
    this.status = status;
    this.headers = headers;
    this.body = body;
  }

  /**
   * Returns an empty response with the given status.
   *
   * @param status the status code, 100 to 599
   * @return the response
   * @throws IllegalArgumentException if the status is out of range
   */
  public static HttpResponse status(int status) {
    if (status < 100 || status > 599) {
      throw new IllegalArgumentException("status must be 100 to 599, was " + status);
    }
    return new HttpResponse(status, Headers.empty(), NO_BODY);
  }

  /**
   * Returns an empty {@code 200 OK}.
   *
   * @return the response
   */
  public static HttpResponse ok() {
    return status(200);
  }

  /**
   * Returns an empty {@code 204 No Content}.
   *
   * @return the response
   */
  public static HttpResponse noContent() {
    return status(204);
  }

  /**
   * Returns the status code.
   *
   * @return the status
   */
  public int statusCode() {
    return status;
  }

  /**
   * Returns the headers.
   *
   * @return the headers
   */
  public Headers headers() {
    return headers;
  }

  /**
   * Returns a copy of the body.
   *
   * @return the body; empty if there is none
   */
  public byte[] body() {
    return body.clone();
  }

  /**
   * Returns the body as text, in the charset of the {@code Content-Type} header or UTF-8.
   *
   * @return the text
   */
  public String bodyAsString() {
    return new String(body, Bodies.charset(headers.first("content-type")));
  }

  /**
   * Returns this response with one more header value.
   *
   * @param name the header name
   * @param value the value
   * @return a new response
   */
  public HttpResponse header(String name, String value) {
    return new HttpResponse(status, headers.toBuilder().add(name, value).build(), body);
  }

  /**
   * Returns this response with a copy of the body and its {@code Content-Type} (replacing any
   * earlier one).
   *
   * @param bytes the body
   * @param contentType the media type, such as {@code image/png}
   * @return a new response
   */
  public HttpResponse body(byte[] bytes, String contentType) {
    Objects.requireNonNull(bytes, "body");
    return withBody(bytes.clone(), contentType);
  }

  private HttpResponse withBody(byte[] owned, String contentType) {
    Objects.requireNonNull(contentType, "contentType");
    return new HttpResponse(
        status, headers.toBuilder().set("content-type", contentType).build(), owned);
  }

  /**
   * Returns this response with a text body ({@code text/plain; charset=utf-8}).
   *
   * @param text the body
   * @return a new response
   */
  public HttpResponse text(String text) {
    Objects.requireNonNull(text, "text");
    return withBody(text.getBytes(StandardCharsets.UTF_8), "text/plain; charset=utf-8");
  }

  /**
   * Returns this response with a JSON body ({@code application/json}), written by the library's
   * shared {@code ObjectMapper}.
   *
   * @param value the value to write; null writes the JSON {@code null}
   * @return a new response
   * @throws IllegalArgumentException if Jackson cannot write the value
   */
  public HttpResponse json(Object value) {
    return withBody(Json.write(value), "application/json");
  }

  /** Returns the status and headers; never the body. */
  @Override
  public String toString() {
    return "HttpResponse[" + status + ", " + headers + ", " + body.length + " bytes]";
  }
}
