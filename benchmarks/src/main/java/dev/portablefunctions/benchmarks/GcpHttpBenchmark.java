package dev.portablefunctions.benchmarks;

import com.google.cloud.functions.HttpFunction;
import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;
import dev.portablefunctions.gcp.GcpHttpFunction;
import dev.portablefunctions.gcp.fixtures.RawEchoHttp;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
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
 * One HTTP request through {@link GcpHttpFunction} serving {@code echo-http}, next to {@link
 * RawEchoHttp}, the raw Functions Framework {@code HttpFunction} the cold-start harness also
 * measures, which builds the same echo with Jackson. Run with {@code PORTABLE_FUNCTION=echo-http}
 * in the environment.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class GcpHttpBenchmark {

  private HttpFunction adapter;
  private HttpFunction raw;
  private FrameworkRequest request;

  /** Creates both handlers, as the invoker does once per instance. */
  @Setup
  public void setUp() {
    adapter = new GcpHttpFunction();
    raw = new RawEchoHttp();
    request =
        new FrameworkRequest("POST", "/a/b", "k=v1&k=v2")
            .header("Content-Type", "text/plain")
            .header("X-Test", "1")
            .header("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
            .header("User-Agent", "curl/8.0")
            .body("hello".getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The adapter.
   *
   * @return the response
   * @throws Exception never
   */
  @Benchmark
  public FrameworkResponse adapter() throws Exception {
    FrameworkResponse response = new FrameworkResponse();
    adapter.service(request, response);
    return response;
  }

  /**
   * The raw handler.
   *
   * @return the response
   * @throws Exception never
   */
  @Benchmark
  public FrameworkResponse raw() throws Exception {
    FrameworkResponse response = new FrameworkResponse();
    raw.service(request, response);
    return response;
  }

  /**
   * The framework's request as the invoker builds it: raw path and query, case-insensitive headers.
   */
  public static final class FrameworkRequest implements HttpRequest {
    private final String method;
    private final String path;
    private final String query;
    private final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private byte[] body = new byte[0];

    FrameworkRequest(String method, String path, String query) {
      this.method = method;
      this.path = path;
      this.query = query;
    }

    FrameworkRequest header(String name, String value) {
      headers.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
      return this;
    }

    FrameworkRequest body(byte[] bytes) {
      body = bytes;
      return this;
    }

    @Override
    public String getMethod() {
      return method;
    }

    @Override
    public String getUri() {
      return "http://localhost:8080" + path + "?" + query;
    }

    @Override
    public String getPath() {
      return path;
    }

    @Override
    public Optional<String> getQuery() {
      return Optional.of(query);
    }

    @Override
    public Map<String, List<String>> getQueryParameters() {
      throw new UnsupportedOperationException();
    }

    @Override
    public Map<String, HttpPart> getParts() {
      throw new UnsupportedOperationException();
    }

    @Override
    public Optional<String> getContentType() {
      return getFirstHeader("content-type");
    }

    @Override
    public long getContentLength() {
      return body.length;
    }

    @Override
    public Optional<String> getCharacterEncoding() {
      return Optional.empty();
    }

    @Override
    public InputStream getInputStream() {
      return new ByteArrayInputStream(body);
    }

    @Override
    public BufferedReader getReader() {
      return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
    }

    @Override
    public Map<String, List<String>> getHeaders() {
      return headers;
    }
  }

  /** Collects what a handler writes. */
  public static final class FrameworkResponse implements HttpResponse {
    private final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final ByteArrayOutputStream body = new ByteArrayOutputStream(512);
    private String contentType;
    private int status = 200;

    @Override
    public void setStatusCode(int code) {
      status = code;
    }

    @Override
    @Deprecated
    public void setStatusCode(int code, String message) {
      status = code;
    }

    @Override
    public void setContentType(String type) {
      contentType = type;
    }

    @Override
    public Optional<String> getContentType() {
      return Optional.ofNullable(contentType);
    }

    @Override
    public void appendHeader(String name, String value) {
      headers.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }

    @Override
    public Map<String, List<String>> getHeaders() {
      return headers;
    }

    @Override
    public OutputStream getOutputStream() {
      return body;
    }

    @Override
    public BufferedWriter getWriter() {
      return new BufferedWriter(new OutputStreamWriter(body, StandardCharsets.UTF_8));
    }

    /**
     * Returns the status.
     *
     * @return the status
     */
    public int status() {
      return status;
    }
  }
}
