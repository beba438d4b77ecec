package dev.portablefunctions.aws;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;

/** A Lambda {@link Context} for in-process tests, as the runtime interface client fills it. */
public final class FakeLambdaContext implements Context {

  private final String requestId;
  private final String xrayTraceId;
  private final long deadlineMillis;

  public FakeLambdaContext(String requestId, String xrayTraceId, int remainingMillis) {
    this.requestId = requestId;
    this.xrayTraceId = xrayTraceId;
    this.deadlineMillis = System.currentTimeMillis() + remainingMillis;
  }

  public static FakeLambdaContext of(String requestId) {
    return new FakeLambdaContext(requestId, null, 30_000);
  }

  @Override
  public String getAwsRequestId() {
    return requestId;
  }

  @Override
  public String getLogGroupName() {
    return "/aws/lambda/test-function";
  }

  @Override
  public String getLogStreamName() {
    return "2024/01/01/[$LATEST]00000000000000000000000000000000";
  }

  @Override
  public String getFunctionName() {
    return "test-function";
  }

  @Override
  public String getFunctionVersion() {
    return "$LATEST";
  }

  @Override
  public String getInvokedFunctionArn() {
    return "arn:aws:lambda:us-east-1:123456789012:function:test-function";
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
    return (int) (deadlineMillis - System.currentTimeMillis());
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
        System.out.print(message);
      }

      @Override
      public void log(byte[] message) {
        System.out.print(new String(message, StandardCharsets.UTF_8));
      }
    };
  }

  @Override
  public String getXrayTraceId() {
    return xrayTraceId;
  }
}
