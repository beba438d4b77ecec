package dev.portablefunctions.aws;

import dev.portablefunctions.FunctionLogger;
import dev.portablefunctions.spi.FunctionDefinition;
import dev.portablefunctions.spi.Instrumentation;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * Runs events through the real {@link LambdaHandler}, with the instrumentation its production
 * constructor loads ({@code ServiceLoader} finds this module's observer), for the OpenTelemetry
 * tests. In this package to reach the handler's test constructor.
 */
public final class LambdaInvocations {

  private LambdaInvocations() {}

  /**
   * Invokes a function as the Lambda runtime does, with an X-Ray header in the Lambda context.
   *
   * @return the handler's output
   */
  public static byte[] invoke(
      FunctionDefinition function,
      byte[] event,
      String requestId,
      String xray,
      Consumer<String> logs)
      throws IOException {
    LambdaHandler handler =
        new LambdaHandler(
            function,
            CloudWatchLogFormat.writer(logs),
            FunctionLogger.Level.INFO,
            false,
            Instrumentation.load(LambdaHandler.class.getClassLoader()));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(new ByteArrayInputStream(event), out, new XRayContext(requestId, xray));
    return out.toByteArray();
  }

  /**
   * A Lambda context with a request id and an X-Ray header, as the runtime interface client builds
   * it.
   */
  private static final class XRayContext implements com.amazonaws.services.lambda.runtime.Context {
    private final String requestId;
    private final String xray;

    XRayContext(String requestId, String xray) {
      this.requestId = requestId;
      this.xray = xray;
    }

    @Override
    public String getAwsRequestId() {
      return requestId;
    }

    @Override
    public String getXrayTraceId() {
      return xray;
    }

    @Override
    public String getLogGroupName() {
      return "/aws/lambda/orders";
    }

    @Override
    public String getLogStreamName() {
      return "2024/05/01/[$LATEST]abcdef";
    }

    @Override
    public String getFunctionName() {
      return "orders";
    }

    @Override
    public String getFunctionVersion() {
      return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
      return "arn:aws:lambda:eu-west-1:123456789012:function:orders";
    }

    @Override
    public com.amazonaws.services.lambda.runtime.CognitoIdentity getIdentity() {
      return null;
    }

    @Override
    public com.amazonaws.services.lambda.runtime.ClientContext getClientContext() {
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
    public com.amazonaws.services.lambda.runtime.LambdaLogger getLogger() {
      return null;
    }
  }
}
