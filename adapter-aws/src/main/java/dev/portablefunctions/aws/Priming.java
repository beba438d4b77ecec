package dev.portablefunctions.aws;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.portablefunctions.Context;
import dev.portablefunctions.HttpResponse;
import dev.portablefunctions.Primeable;
import dev.portablefunctions.ScheduleEvent;
import dev.portablefunctions.StorageEvent;
import dev.portablefunctions.spi.FunctionDefinition;
import dev.portablefunctions.spi.FunctionKind;
import dev.portablefunctions.spi.FunctionRunner;
import dev.portablefunctions.spi.Instrumentation;
import dev.portablefunctions.spi.InvocationIds;
import dev.portablefunctions.spi.Json;
import io.cloudevents.CloudEvent;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.crac.Resource;

/**
 * Priming for SnapStart and CRaC: runs one synthetic invocation of the served function's kind
 * through a {@link LambdaHandler} that shares everything with the real one (the envelope decoders,
 * the runner, the context, the CloudWatch log format, Jackson) except the function, which a
 * stand-in of the same kind replaces; the stand-in calls the function's {@link Primeable#prime}
 * when it opts in, and nothing of the function otherwise. The stand-in's log lines and outcome
 * record are formatted and then discarded; no observer sees the synthetic invocation, and the real
 * handler's cold-start flag is left as it is.
 *
 * <p>{@link LambdaHandler}'s public constructor only {@link #warm warms} Jackson (a whole synthetic
 * invocation at init was measured to cost more than it saves), and registers this resource with
 * {@code org.crac}'s global context, which calls {@link #beforeCheckpoint} before a SnapStart
 * snapshot or a CRaC checkpoint (with the function, if it opts in) and {@link #afterRestore} in
 * each restored copy. Without a CRaC JVM the registration does nothing.
 */
final class Priming implements Resource {

  private final LambdaHandler handler;

  Priming(LambdaHandler handler) {
    this.handler = handler;
  }

  @Override
  public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
    run(handler, true);
  }

  /**
   * In each restored copy: the invocation id generator gets a new seed (every copy starts from the
   * same snapshot, so the same random state), and the next invocation is reported as a cold start.
   */
  @Override
  public void afterRestore(org.crac.Context<? extends Resource> context) {
    InvocationIds.reseed();
    handler.instrumentation().restored();
  }

  /**
   * Sends one synthetic event of the function's kind through a stand-in handler.
   *
   * @param handler the real handler
   * @param withFunction whether a {@link Primeable} function's {@code prime} is called
   * @return whether the synthetic invocation succeeded (a failure is logged, never thrown)
   */
  static boolean run(LambdaHandler handler, boolean withFunction) {
    FunctionDefinition real = handler.function();
    Object target = withFunction ? real.instance() : null;
    Primeable primeable = target instanceof Primeable p ? p : null;
    FunctionKind kind = real.kind();
    String event = eventFor(kind);
    FunctionDefinition standIn;
    if (kind == FunctionKind.HTTP) {
      standIn =
          FunctionDefinition.http(
              real.name(),
              (request, context) -> {
                prime(primeable, context);
                return HttpResponse.ok().json(Map.of("primed", request.body().length));
              });
    } else if (kind == FunctionKind.TYPED) {
      standIn =
          FunctionDefinition.typed(
              real.name(),
              JsonNode.class,
              (input, context) -> {
                prime(primeable, context);
                return input;
              });
    } else if (kind == FunctionKind.MESSAGE) {
      standIn =
          FunctionDefinition.message(real.name(), (message, context) -> prime(primeable, context));
    } else {
      Class<?> type =
          kind == FunctionKind.STORAGE
              ? StorageEvent.class
              : kind == FunctionKind.SCHEDULE ? ScheduleEvent.class : CloudEvent.class;
      standIn =
          FunctionDefinition.event(
              real.name(), type, (value, context) -> prime(primeable, context));
    }
    LambdaHandler synthetic =
        new LambdaHandler(
            standIn,
            CloudWatchLogFormat.writer(line -> {}),
            handler.threshold(),
            handler.rawEvents(),
            Instrumentation.of(true, List.of()));
    try {
      synthetic.handleRequest(
          new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)),
          OutputStream.nullOutputStream(),
          new SyntheticContext(real.name()));
      return true;
    } catch (Throwable failure) {
      FunctionRunner.rethrowIfFatal(failure);
      System.err.println(
          "WARN Priming function " + real.name() + " failed, the snapshot goes ahead: " + failure);
      return false;
    }
  }

  /**
   * The init phase's share: builds the shared mapper, reads the synthetic event of the function's
   * kind into a tree, classifies it, and writes a small JSON object, so that the first request
   * finds Jackson and the classifier ready. Never fails the init phase.
   */
  static void warm(FunctionDefinition function) {
    try {
      JsonNode event = Json.mapper().readTree(eventFor(function.kind()));
      Trigger.of(event);
      try (JsonGenerator json =
          Json.mapper().getFactory().createGenerator(OutputStream.nullOutputStream())) {
        json.writeStartObject();
        json.writeNumberField("statusCode", 200);
        json.writeStringField("body", "primed");
        json.writeEndObject();
      }
    } catch (IOException | RuntimeException unexpected) {
      System.err.println("WARN Warming up Jackson failed, the first request will: " + unexpected);
    }
  }

  private static String eventFor(FunctionKind kind) {
    return kind == FunctionKind.HTTP
        ? HTTP_EVENT
        : kind == FunctionKind.TYPED
            ? "{\"priming\":true}"
            : kind == FunctionKind.MESSAGE
                ? SQS_EVENT
                : kind == FunctionKind.STORAGE
                    ? S3_EVENT
                    : kind == FunctionKind.SCHEDULE ? SCHEDULE_EVENT : EVENTBRIDGE_EVENT;
  }

  private static void prime(Primeable primeable, Context context) throws Exception {
    if (primeable != null) {
      primeable.prime(context);
    }
  }

  // A realistic API Gateway HTTP API (payload 2.0) POST: JSON body, a handful of headers.
  static final String HTTP_EVENT =
      "{\"version\":\"2.0\",\"routeKey\":\"$default\",\"rawPath\":\"/prime\",\"rawQueryString\":\"a=1\","
          + "\"cookies\":[\"c=1\"],\"headers\":{\"content-type\":\"application/json\",\"accept\":\"*/*\","
          + "\"user-agent\":\"prime\",\"x-forwarded-for\":\"127.0.0.1\",\"traceparent\":"
          + "\"00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01\"},"
          + "\"queryStringParameters\":{\"a\":\"1\"},\"requestContext\":{\"accountId\":\"123456789012\","
          + "\"apiId\":\"prime\",\"domainName\":\"prime.execute-api.us-east-1.amazonaws.com\","
          + "\"domainPrefix\":\"prime\",\"http\":{\"method\":\"POST\",\"path\":\"/prime\",\"protocol\":"
          + "\"HTTP/1.1\",\"sourceIp\":\"127.0.0.1\",\"userAgent\":\"prime\"},\"requestId\":\"prime\","
          + "\"routeKey\":\"$default\",\"stage\":\"$default\",\"time\":\"12/Mar/2020:19:03:58 +0000\","
          + "\"timeEpoch\":1583348638390},\"body\":\"{\\\"name\\\":\\\"prime\\\",\\\"n\\\":[1,2.5,true,null]}\","
          + "\"isBase64Encoded\":false}";

  static final String SQS_EVENT =
      "{\"Records\":[{\"messageId\":\"059f36b4-87a3-44ab-83d2-661975830a7d\",\"receiptHandle\":\"prime\","
          + "\"body\":\"{\\\"prime\\\":true}\",\"attributes\":{\"ApproximateReceiveCount\":\"1\","
          + "\"SentTimestamp\":\"1545082649183\",\"SenderId\":\"AIDAIENQZJOLO23YVJ4VO\","
          + "\"ApproximateFirstReceiveTimestamp\":\"1545082649185\"},\"messageAttributes\":{},"
          + "\"md5OfBody\":\"e4e68fb7bd0e697a0ae8f1bb342846b3\",\"eventSource\":\"aws:sqs\","
          + "\"eventSourceARN\":\"arn:aws:sqs:us-east-2:123456789012:prime\",\"awsRegion\":\"us-east-2\"}]}";

  static final String S3_EVENT =
      "{\"Records\":[{\"eventVersion\":\"2.1\",\"eventSource\":\"aws:s3\",\"awsRegion\":\"us-west-2\","
          + "\"eventTime\":\"1970-01-01T00:00:00.000Z\",\"eventName\":\"ObjectCreated:Put\","
          + "\"userIdentity\":{\"principalId\":\"AIDAJDPLRKLG7UEXAMPLE\"},\"requestParameters\":"
          + "{\"sourceIPAddress\":\"127.0.0.1\"},\"responseElements\":{\"x-amz-request-id\":\"C3D13FE58DE4C810\","
          + "\"x-amz-id-2\":\"prime\"},\"s3\":{\"s3SchemaVersion\":\"1.0\",\"configurationId\":\"prime\","
          + "\"bucket\":{\"name\":\"prime\",\"ownerIdentity\":{\"principalId\":\"A3NL1KOZZKExample\"},"
          + "\"arn\":\"arn:aws:s3:::prime\"},\"object\":{\"key\":\"prime.txt\",\"size\":1,"
          + "\"eTag\":\"d41d8cd98f00b204e9800998ecf8427e\",\"sequencer\":\"0055AED6DCD90281E5\"}}}]}";

  static final String SCHEDULE_EVENT =
      "{\"version\":\"0\",\"account\":\"123456789012\",\"region\":\"us-east-2\",\"detail\":{},"
          + "\"detail-type\":\"Scheduled Event\",\"source\":\"aws.events\",\"time\":\"2019-03-01T01:23:45Z\","
          + "\"id\":\"cdc73f9d-aea9-11e3-9d5a-835b769c0d9c\","
          + "\"resources\":[\"arn:aws:events:us-east-2:123456789012:rule/prime\"]}";

  static final String EVENTBRIDGE_EVENT =
      "{\"version\":\"0\",\"id\":\"6a7e8feb-b491-4cf7-a9f1-bf3703467718\",\"detail-type\":\"prime\","
          + "\"source\":\"dev.portablefunctions.prime\",\"account\":\"111122223333\","
          + "\"time\":\"2016-01-14T01:02:03Z\",\"region\":\"us-west-1\",\"resources\":[],"
          + "\"detail\":{\"prime\":true}}";

  /** The Lambda context of a synthetic invocation: a {@code prime-} request id, a minute to run. */
  static final class SyntheticContext implements com.amazonaws.services.lambda.runtime.Context {
    private final String function;
    private final String requestId = "prime-" + InvocationIds.random();

    SyntheticContext(String function) {
      this.function = function;
    }

    @Override
    public String getAwsRequestId() {
      return requestId;
    }

    @Override
    public String getLogGroupName() {
      return null;
    }

    @Override
    public String getLogStreamName() {
      return null;
    }

    @Override
    public String getFunctionName() {
      return function;
    }

    @Override
    public String getFunctionVersion() {
      return null;
    }

    @Override
    public String getInvokedFunctionArn() {
      return null;
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
      return 60_000;
    }

    @Override
    public int getMemoryLimitInMB() {
      return 0;
    }

    @Override
    public LambdaLogger getLogger() {
      return null;
    }
  }
}
