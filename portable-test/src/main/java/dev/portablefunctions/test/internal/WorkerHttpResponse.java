package dev.portablefunctions.test.internal;

import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatus;
import com.microsoft.azure.functions.HttpStatusType;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The response builder with the semantics of the Java worker's {@code RpcHttpDataTarget}: status
 * 200 unless set, one value per header name (a later {@code header} call replaces the value), the
 * body as given ({@code byte[]} is sent as bytes, a {@code String} as text, anything else as JSON).
 */
public final class WorkerHttpResponse implements HttpResponseMessage, HttpResponseMessage.Builder {

  private HttpStatusType status = HttpStatus.OK;
  private final Map<String, String> headers = new LinkedHashMap<>();
  private Object body;

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
   * Every header set, one value per name.
   *
   * @return the headers
   */
  public Map<String, String> headers() {
    return Collections.unmodifiableMap(headers);
  }

  @Override
  public String toString() {
    return "HttpResponseMessage[" + status.value() + ", " + headers + "]";
  }
}
