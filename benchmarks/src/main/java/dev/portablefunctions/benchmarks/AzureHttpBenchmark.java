package dev.portablefunctions.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatus;
import com.microsoft.azure.functions.HttpStatusType;
import com.microsoft.azure.functions.TraceContext;
import dev.portablefunctions.azure.AzureFunctions;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One HTTP request, as the Java worker hands it over (one value per header, the body as text),
 * through {@link AzureFunctions#http} serving {@code echo-http}, next to a raw method that builds the
 * same echo with Jackson. The Azure function's name selects the portable function, so no
 * environment is needed.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AzureHttpBenchmark {

  private static final ObjectMapper JSON = new ObjectMapper();

  private AzureFunctions adapter;
  private WorkerRequest request;
  private ExecutionContext context;

  /** Creates the entry class once, as the worker does. */
  @Setup
  public void setUp() {
    adapter = new AzureFunctions();
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("content-type", "text/plain");
    headers.put("x-test", "1");
    headers.put("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
    headers.put("user-agent", "curl/8.0");
    Map<String, String> query = new LinkedHashMap<>();
    query.put("k", "v1");
    request =
        new WorkerRequest(
            "https://app.azurewebsites.net/api/echo-http/a/b?k=v1", headers, query, "hello");
    context = new WorkerContext("echo-http");
  }

  /**
   * The adapter.
   *
   * @return the response
   */
  @Benchmark
  public HttpResponseMessage adapter() {
    return adapter.http(request, context);
  }

  /**
   * The same echo written against the Azure types.
   *
   * @return the response
   */
  @Benchmark
  public HttpResponseMessage raw() throws Exception {
    ObjectNode echo = JSON.createObjectNode();
    echo.put("cloud", "azure");
    echo.put("method", request.getHttpMethod().name());
    echo.put("path", request.getUri().getPath());
    ObjectNode query = echo.putObject("query");
    request.getQueryParameters().forEach((name, value) -> query.withArray(name).add(value));
    ObjectNode headers = echo.putObject("headers");
    request.getHeaders().forEach((name, value) -> headers.withArray(name).add(value));
    byte[] body = request.getBody().orElse("").getBytes(StandardCharsets.UTF_8);
    echo.put("body", Base64.getEncoder().encodeToString(body));
    return request
        .createResponseBuilder(HttpStatus.OK)
        .header("Content-Type", "application/json")
        .body(JSON.writeValueAsBytes(echo))
        .build();
  }

  /** The request as the worker builds it. */
  static final class WorkerRequest implements HttpRequestMessage<Optional<String>> {
    private final URI uri;
    private final Map<String, String> headers;
    private final Map<String, String> query;
    private final String body;

    WorkerRequest(String url, Map<String, String> headers, Map<String, String> query, String body) {
      this.uri = URI.create(url);
      this.headers = headers;
      this.query = query;
      this.body = body;
    }

    @Override
    public URI getUri() {
      return uri;
    }

    @Override
    public HttpMethod getHttpMethod() {
      return HttpMethod.POST;
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
    public Optional<String> getBody() {
      return Optional.of(body);
    }

    @Override
    public HttpResponseMessage.Builder createResponseBuilder(HttpStatus status) {
      return new WorkerResponse().status(status);
    }

    @Override
    public HttpResponseMessage.Builder createResponseBuilder(HttpStatusType status) {
      return new WorkerResponse().status(status);
    }
  }

  /** The response builder with the worker's semantics: one value per header name. */
  static final class WorkerResponse implements HttpResponseMessage, HttpResponseMessage.Builder {
    private HttpStatusType status = HttpStatus.OK;
    private final Map<String, String> headers = new HashMap<>();
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
  }

  /** An execution context as the worker builds it, with a logger that drops records. */
  static final class WorkerContext implements ExecutionContext {
    private final String functionName;
    private final Logger logger = Logger.getAnonymousLogger();

    WorkerContext(String functionName) {
      this.functionName = functionName;
      logger.setUseParentHandlers(false);
    }

    @Override
    public Logger getLogger() {
      return logger;
    }

    @Override
    public String getInvocationId() {
      return "5f8c1c1e-0c4e-4b8f-9f7e-7c1b2a3d4e5f";
    }

    @Override
    public String getFunctionName() {
      return functionName;
    }

    @Override
    public TraceContext getTraceContext() {
      return new TraceContext() {
        @Override
        public String getTraceparent() {
          return "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        }

        @Override
        public String getTracestate() {
          return "";
        }

        @Override
        public Map<String, String> getAttributes() {
          return Map.of();
        }
      };
    }
  }
}
