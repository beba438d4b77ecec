package dev.portablefunctions.test.internal;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * The Lambda {@link Context} of one invocation, filled as the runtime interface client fills it: a
 * request id, the function's name, version, ARN, log group and stream, memory, the deadline, and
 * the invocation's X-Ray trace header (Lambda passes one with every invocation, {@code Sampled=0}
 * when tracing is off). The runtime's {@link LambdaLogger} writes raw text, which goes to {@code
 * out}.
 */
public final class LambdaContext implements Context {

  /** The timeout the kit's invocations run under: the Maven plugin's default, 30 seconds. */
  public static final int TIMEOUT_MILLIS = 30_000;

  private final String requestId = UUID.randomUUID().toString();
  private final String functionName;
  private final String xrayTraceId;
  private final long deadlineMillis = System.currentTimeMillis() + TIMEOUT_MILLIS;
  private final Consumer<String> out;

  /**
   * A context for one invocation.
   *
   * @param functionName the Lambda function's name
   * @param out where the runtime logger's text goes
   */
  public LambdaContext(String functionName, Consumer<String> out) {
    this.functionName = functionName;
    this.out = out;
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long seconds = System.currentTimeMillis() / 1000;
    this.xrayTraceId =
        String.format(
            "Root=1-%08x-%08x%016x;Parent=%016x;Sampled=0",
            seconds, random.nextInt(), random.nextLong(), random.nextLong());
  }

  @Override
  public String getAwsRequestId() {
    return requestId;
  }

  @Override
  public String getLogGroupName() {
    return "/aws/lambda/" + functionName;
  }

  @Override
  public String getLogStreamName() {
    return "2024/01/01/[$LATEST]00000000000000000000000000000000";
  }

  @Override
  public String getFunctionName() {
    return functionName;
  }

  @Override
  public String getFunctionVersion() {
    return "$LATEST";
  }

  @Override
  public String getInvokedFunctionArn() {
    return "arn:aws:lambda:us-east-1:123456789012:function:" + functionName;
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
    return (int) Math.max(0, deadlineMillis - System.currentTimeMillis());
  }

  @Override
  public int getMemoryLimitInMB() {
    return 512;
  }

  @Override
  public LambdaLogger getLogger() {
    return new LambdaLogger() {
      @Override
      public void log(String message) {
        out.accept(message);
      }

      @Override
      public void log(byte[] message) {
        out.accept(new String(message, StandardCharsets.UTF_8));
      }
    };
  }

  @Override
  public String getXrayTraceId() {
    return xrayTraceId;
  }
}
