package dev.portablefunctions.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatus;
import dev.portablefunctions.azure.AzureFunctions;
import dev.portablefunctions.azure.fakes.FakeExecutionContext;
import dev.portablefunctions.azure.fakes.FakeHttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
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
 * through {@link AzureFunctions#http} serving {@code echo-http}, next to a raw method that builds
 * the same echo with Jackson. The Azure function's name selects the portable function, so no
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
  private HttpRequestMessage<Optional<String>> request;
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
        FakeHttpRequest.of(
            HttpMethod.POST,
            "https://app.azurewebsites.net/api/echo-http/a/b?k=v1",
            headers,
            query,
            Optional.of("hello"));
    context =
        new FakeExecutionContext("echo-http")
            .discardLogs()
            .traceparent("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
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
}
