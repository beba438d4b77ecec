package dev.portablefunctions.benchmarks;

import com.google.cloud.functions.HttpFunction;
import dev.portablefunctions.gcp.FakeHttpRequest;
import dev.portablefunctions.gcp.FakeHttpResponse;
import dev.portablefunctions.gcp.GcpHttpFunction;
import dev.portablefunctions.gcp.fixtures.RawEchoHttp;
import java.nio.charset.StandardCharsets;
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
  private FakeHttpRequest request;

  /** Creates both handlers, as the invoker does once per instance. */
  @Setup
  public void setUp() {
    Stdout.discard();
    adapter = new GcpHttpFunction();
    raw = new RawEchoHttp();
    request =
        new FakeHttpRequest("POST", "/a/b?k=v1&k=v2")
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
  public FakeHttpResponse adapter() throws Exception {
    FakeHttpResponse response = new FakeHttpResponse();
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
  public FakeHttpResponse raw() throws Exception {
    FakeHttpResponse response = new FakeHttpResponse();
    raw.service(request, response);
    return response;
  }
}
