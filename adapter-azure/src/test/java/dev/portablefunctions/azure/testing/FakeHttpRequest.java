package dev.portablefunctions.azure.testing;

import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatus;
import com.microsoft.azure.functions.HttpStatusType;
import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An {@link HttpRequestMessage} holding what the Java worker's {@code HttpRequestMessageImpl}
 * returns: {@code getUri()} parses the URL the host rebuilt ({@code scheme://host/path?query}) with
 * {@code URI.create}, as the worker does, so it throws on characters that are not legal in a URI;
 * headers and query are the host's maps as they are (one value per name, header names lower-case),
 * and the body is what the worker bound. Its response builder is {@link FakeHttpResponse}.
 */
public final class FakeHttpRequest<T> implements HttpRequestMessage<T> {

  private final HttpMethod method;
  private final String url;
  private final Map<String, String> headers;
  private final Map<String, String> query;
  private final T body;
  private boolean uriUnreadable;

  private FakeHttpRequest(
      HttpMethod method,
      String url,
      Map<String, String> headers,
      Map<String, String> query,
      T body) {
    this.method = method;
    this.url = url;
    this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    this.query = Collections.unmodifiableMap(new LinkedHashMap<>(query));
    this.body = body;
  }

  public static <T> FakeHttpRequest<T> of(
      HttpMethod method,
      String url,
      Map<String, String> headers,
      Map<String, String> query,
      T body) {
    return new FakeHttpRequest<>(method, url, headers, query, body);
  }

  /**
   * Makes {@code getUri()} fail without saying which URL it could not read, which the worker's does
   * not do; for the adapter's last resort.
   */
  public FakeHttpRequest<T> uriUnreadable() {
    this.uriUnreadable = true;
    return this;
  }

  @Override
  public URI getUri() {
    if (uriUnreadable) {
      throw new IllegalStateException("no URL");
    }
    return URI.create(url);
  }

  @Override
  public HttpMethod getHttpMethod() {
    return method;
  }

  @Override
  public Map<String, String> getHeaders() {
    return headers;
  }

  @Override
  public Map<String, String> getQueryParameters() {
    return query;
  }

  @Override
  public T getBody() {
    return body;
  }

  @Override
  public HttpResponseMessage.Builder createResponseBuilder(HttpStatus status) {
    return new FakeHttpResponse().status(status);
  }

  @Override
  public HttpResponseMessage.Builder createResponseBuilder(HttpStatusType status) {
    return new FakeHttpResponse().status(status);
  }
}
