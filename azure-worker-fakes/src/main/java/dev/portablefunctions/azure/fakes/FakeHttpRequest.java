package dev.portablefunctions.azure.fakes;

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
 * An {@link HttpRequestMessage} with the semantics of the Java worker's {@code
 * HttpRequestMessageImpl}: {@code getUri()} parses the URL the host rebuilt ({@code
 * scheme://host/path?query}) with {@code URI.create}, as the worker does, so it throws on
 * characters a URI may not hold; headers and query are the host's maps as they are (one value per
 * name, header names in lower case); the body is what the worker bound; the response builder is a
 * {@link FakeHttpResponse}.
 *
 * @param <T> the body type the entry method declares
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

  /**
   * A request, as the worker builds it from what the host sent.
   *
   * @param method the method
   * @param url the URL the host rebuilt
   * @param headers the host's header map (copied)
   * @param query the host's query map (copied)
   * @param body the bound body
   * @param <T> the body type
   * @return the request
   */
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
   * not do; for an adapter's last resort.
   *
   * @return this request
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
