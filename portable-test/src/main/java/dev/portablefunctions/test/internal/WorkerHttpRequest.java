package dev.portablefunctions.test.internal;

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
 * HttpRequestMessageImpl}: {@code getUri()} parses the URL the host rebuilt with {@code URI.create}
 * (so it throws on characters a URI may not hold, as the worker does), headers and query are the
 * host's maps (one value per name, header names in lower case), the body is what the worker bound,
 * and the response builder is {@link WorkerHttpResponse}.
 *
 * @param <T> the body type the entry method declares
 */
public final class WorkerHttpRequest<T> implements HttpRequestMessage<T> {

  private final HttpMethod method;
  private final String url;
  private final Map<String, String> headers;
  private final Map<String, String> query;
  private final T body;

  /**
   * A request.
   *
   * @param method the method
   * @param url the URL the host rebuilt
   * @param headers the host's header map
   * @param query the host's query map
   * @param body the bound body
   */
  public WorkerHttpRequest(
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

  @Override
  public URI getUri() {
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
    return new WorkerHttpResponse().status(status);
  }

  @Override
  public HttpResponseMessage.Builder createResponseBuilder(HttpStatusType status) {
    return new WorkerHttpResponse().status(status);
  }
}
