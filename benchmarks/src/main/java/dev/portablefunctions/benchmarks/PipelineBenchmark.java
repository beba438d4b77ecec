package dev.portablefunctions.benchmarks;

import dev.portablefunctions.Cloud;
import dev.portablefunctions.Context;
import dev.portablefunctions.HttpRequest;
import dev.portablefunctions.HttpResponse;
import dev.portablefunctions.samples.echo.EchoHttp;
import dev.portablefunctions.spi.FunctionDefinition;
import dev.portablefunctions.spi.FunctionRegistry;
import dev.portablefunctions.spi.FunctionRunner;
import dev.portablefunctions.spi.InvocationContext;
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
 * The shared pipeline every adapter uses (context, dispatch, error mapping) around {@code
 * echo-http}, next to calling the function directly: the floor any adapter's overhead sits on.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PipelineBenchmark {

  private EchoHttp direct;
  private FunctionDefinition indexed;
  private HttpRequest request;
  private Context context;

  /** Builds the request once; the index is read once, as at cold start. */
  @Setup
  public void setUp() {
    direct = new EchoHttp();
    indexed = FunctionRegistry.load(PipelineBenchmark.class.getClassLoader()).select("echo-http");
    request =
        HttpRequest.builder("POST", "/a/b")
            .query("k", "v1")
            .query("k", "v2")
            .header("content-type", "text/plain")
            .header("x-test", "1")
            .body("hello")
            .build();
    context = InvocationContext.builder(Cloud.LOCAL, "echo-http", "bench").build();
  }

  /**
   * The function alone.
   *
   * @return the response
   */
  @Benchmark
  public HttpResponse functionDirectly() {
    return direct.handle(request, context);
  }

  /**
   * The function through the pipeline, with a fresh context per call as adapters build one.
   *
   * @return the response
   */
  @Benchmark
  public HttpResponse throughPipeline() {
    Context fresh = InvocationContext.builder(Cloud.LOCAL, "echo-http", "bench").build();
    return FunctionRunner.http(indexed, request, fresh);
  }
}
