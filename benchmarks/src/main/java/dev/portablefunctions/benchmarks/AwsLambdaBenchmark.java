package dev.portablefunctions.benchmarks;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.portablefunctions.aws.FakeLambdaContext;
import dev.portablefunctions.aws.LambdaHandler;
import dev.portablefunctions.aws.RawEchoHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
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
 * One API Gateway HTTP API (payload 2.0) event, as AWS documents it, through {@link LambdaHandler}
 * serving {@code echo-http}, next to {@link RawEchoHandler}, the raw {@code RequestStreamHandler}
 * the cold-start harness also measures, which builds the same echo and v2 response with Jackson.
 * Run with {@code PORTABLE_FUNCTION=echo-http} in the environment.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AwsLambdaBenchmark {

  private RequestStreamHandler adapter;
  private RequestStreamHandler raw;
  private byte[] event;
  private Context context;

  /** Creates both handlers, as the runtime does once per execution environment. */
  @Setup
  public void setUp() throws IOException {
    Stdout.discard();
    adapter = new LambdaHandler();
    raw = new RawEchoHandler();
    try (InputStream in =
        AwsLambdaBenchmark.class.getResourceAsStream("/events/apigw-http-v2.json")) {
      event = in.readAllBytes();
    }
    context = FakeLambdaContext.of("c6af9ac6-7b61-11e6-9a41-93e8deadbeef");
  }

  /**
   * The adapter.
   *
   * @return the response bytes
   * @throws IOException never
   */
  @Benchmark
  public byte[] adapter() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
    adapter.handleRequest(new ByteArrayInputStream(event), out, context);
    return out.toByteArray();
  }

  /**
   * The raw handler.
   *
   * @return the response bytes
   * @throws IOException never
   */
  @Benchmark
  public byte[] raw() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
    raw.handleRequest(new ByteArrayInputStream(event), out, context);
    return out.toByteArray();
  }
}
