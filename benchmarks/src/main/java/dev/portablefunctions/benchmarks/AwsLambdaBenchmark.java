package dev.portablefunctions.benchmarks;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
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
    adapter = new LambdaHandler();
    raw = new RawEchoHandler();
    try (InputStream in =
        AwsLambdaBenchmark.class.getResourceAsStream("/events/apigw-http-v2.json")) {
      event = in.readAllBytes();
    }
    context = new BenchContext();
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

  /** A Lambda context as the runtime fills it. */
  static final class BenchContext implements Context {
    @Override
    public String getAwsRequestId() {
      return "c6af9ac6-7b61-11e6-9a41-93e8deadbeef";
    }

    @Override
    public String getLogGroupName() {
      return "/aws/lambda/bench";
    }

    @Override
    public String getLogStreamName() {
      return "2024/01/01/[$LATEST]0";
    }

    @Override
    public String getFunctionName() {
      return "bench";
    }

    @Override
    public String getFunctionVersion() {
      return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
      return "arn:aws:lambda:us-east-1:123456789012:function:bench";
    }

    @Override
    public CognitoIdentity getIdentity() {
      return null;
    }

    @Override
    public ClientContext getClientContext() {
      return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
      return 30_000;
    }

    @Override
    public int getMemoryLimitInMB() {
      return 512;
    }

    @Override
    public LambdaLogger getLogger() {
      return new LambdaLogger() {
        @Override
        public void log(String message) {}

        @Override
        public void log(byte[] message) {}
      };
    }
  }
}
