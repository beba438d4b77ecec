package dev.portablefunctions.azure.fakes;

import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatus;
import com.microsoft.azure.functions.HttpStatusType;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The response builder, and the response it builds, with the semantics of the Java worker's {@code
 * RpcHttpDataTarget}: status 200 unless set, one value per header name (a later {@code header} call
 * replaces the value; names as given, in the order first set), the body as given (the worker sends
 * {@code byte[]} as bytes, a {@code String} as text, anything else as JSON). {@link #build()}
 * returns this object.
 */
public final class FakeHttpResponse implements HttpResponseMessage, HttpResponseMessage.Builder {

  private HttpStatusType status = HttpStatus.OK;
  private final Map<String, String> headers = new LinkedHashMap<>();
  private Object body;

  /** A builder with status 200, no header and no body. */
  public FakeHttpResponse() {}

  @Override
  public HttpResponseMessage.Builder status(HttpStatusType status) {
    this.status = status;
    return this;
  }

  @Override
  public HttpResponseMessage.Builder header(String key, String value) {
    headers.put(key, value);
    return this;
  }

  @Override
  public HttpResponseMessage.Builder body(Object body) {
    this.body = body;
    return this;
  }

  @Override
  public HttpResponseMessage build() {
    return this;
  }

  @Override
  public HttpStatusType getStatus() {
    return status;
  }

  @Override
  public int getStatusCode() {
    return status.value();
  }

  @Override
  public String getHeader(String key) {
    return headers.get(key);
  }

  @Override
  public Object getBody() {
    return body;
  }

  /**
   * Every header set, one value per name, in the order first set.
   *
   * @return an unmodifiable view of the headers
   */
  public Map<String, String> headers() {
    return Collections.unmodifiableMap(headers);
  }

  /** The status and the headers (not the body). */
  @Override
  public String toString() {
    return "HttpResponseMessage[" + status.value() + ", " + headers + "]";
  }
}
