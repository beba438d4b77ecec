package dev.portablefunctions.aws;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.portablefunctions.Cloud;
import dev.portablefunctions.Context;
import dev.portablefunctions.FunctionException;
import dev.portablefunctions.FunctionLogger;
import dev.portablefunctions.HttpRequest;
import dev.portablefunctions.HttpResponse;
import dev.portablefunctions.StorageEvent;
import dev.portablefunctions.TraceContext;
import dev.portablefunctions.spi.BatchResult;
import dev.portablefunctions.spi.FunctionDefinition;
import dev.portablefunctions.spi.FunctionKind;
import dev.portablefunctions.spi.FunctionRegistry;
import dev.portablefunctions.spi.FunctionRunner;
import dev.portablefunctions.spi.Instrumentation;
import dev.portablefunctions.spi.InvocationContext;
import dev.portablefunctions.spi.InvocationIds;
import dev.portablefunctions.spi.Json;
import dev.portablefunctions.spi.LogWriter;
import dev.portablefunctions.spi.ReportedFailure;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The AWS Lambda entry point for every portable function: set the function's handler to {@code
 * dev.portablefunctions.aws.LambdaHandler::handleRequest} and, when the deployment holds more than
 * one function, the environment variable {@code PORTABLE_FUNCTION} to the one to run.
 *
 * <p>The function is selected and created once, when Lambda creates this handler during the init
 * phase; a selection that matches nothing, or a function whose constructor throws, fails the init
 * phase with a message that names {@code PORTABLE_FUNCTION} and the functions available. Each
 * invocation then reads the event once into a Jackson tree, recognises the AWS envelope by the
 * fields AWS documents for it, and hands the function the portable value its kind takes:
 *
 * <table>
 *   <caption>What each kind of function accepts on Lambda</caption>
 *   <tr><th>function</th><th>triggers</th><th>on failure</th></tr>
 *   <tr><td>{@code HttpFunction}</td><td>API Gateway REST API and HTTP API (payload 1.0 and 2.0),
 *       Application Load Balancer (single- and multi-value headers), function URLs</td>
 *       <td>an {@code application/problem+json} response in the source's format</td></tr>
 *   <tr><td>{@code TypedFunction}</td><td>direct invocation with any JSON that is not a known
 *       source's event; a {@code POST} through any HTTP source; with {@code
 *       PORTABLE_RAW_EVENTS=true}, the JSON of any event that is not an HTTP request</td>
 *       <td>Lambda's error; over HTTP, a problem response</td></tr>
 *   <tr><td>{@code MessageFunction}</td><td>SQS (standard and FIFO), SNS, Kinesis, DynamoDB
 *       Streams, Amazon MSK and self-managed Kafka, Amazon MQ (ActiveMQ, RabbitMQ), CloudWatch
 *       Logs subscriptions</td><td>{@code batchItemFailures} (SQS, Kinesis, DynamoDB); Lambda's
 *       error (the others)</td></tr>
 *   <tr><td>{@code EventFunction<StorageEvent>}</td><td>S3 event notifications; EventBridge S3
 *       {@code Object Created} and {@code Object Deleted}</td><td>Lambda's error</td></tr>
 *   <tr><td>{@code EventFunction<ScheduleEvent>}</td><td>EventBridge scheduled rules and
 *       EventBridge Scheduler</td><td>Lambda's error</td></tr>
 *   <tr><td>{@code EventFunction<CloudEvent>}</td><td>any EventBridge event; a CloudEvent in JSON
 *       by direct invocation</td><td>Lambda's error</td></tr>
 * </table>
 *
 * <p>Any other event is an unsupported trigger ({@link FunctionRunner#unsupportedTrigger}): the
 * operator's {@code ERROR} log line says which function received what source (named by {@link
 * Trigger}, never by quoting the event), and what it accepts; an HTTP request gets a 500 problem
 * response, any other event Lambda's error, both with a detail that says only that the deployment
 * is wrong and names the request id. Authorizers and WebSocket routes are never answered as proxy
 * requests, and a known source's event is never bound as a typed function's direct invocation.
 *
 * <p>"Lambda's error" means that a {@link FunctionException} is thrown from {@link #handleRequest}
 * after the failure has been logged once (by the runner, or here for a malformed event): the
 * runtime reports it as {@code errorType} {@code dev.portablefunctions.FunctionException} with no
 * stack trace and an {@code errorMessage} that is a {@code FunctionException}'s detail or, for
 * anything else, a generic detail naming the request id, so no internal exception message reaches a
 * caller or a dead-letter queue; Lambda's retries, dead-letter queue and on-failure destination
 * apply.
 *
 * <p>Interruption: nothing in the Lambda runtime interrupts an invocation's thread, so an interrupt
 * comes from the function or a library it uses. The runner stops a batch and does not log it as the
 * function's failure; this handler then logs it once, answers it as a timeout (a 504 problem over
 * HTTP, Lambda's error otherwise, the messages not run in {@code batchItemFailures}), and clears
 * the thread's interrupt status, since the runtime serves the next invocation on the same thread.
 *
 * <p>The {@link Context} carries the Lambda request id, the portable function name, the deadline
 * from the Lambda context, {@link Cloud#AWS}, the X-Ray trace, and a logger that writes one JSON
 * object per line to standard output for CloudWatch Logs Insights. {@code
 * context.unwrap(com.amazonaws.services.lambda.runtime.Context.class)} returns the Lambda context,
 * and {@code context.unwrap(com.fasterxml.jackson.databind.JsonNode.class)} the event as received
 * or, for a message of a batch and for an S3 notification's event, its own record (do not modify
 * it).
 *
 * <p>Thread-safe: one instance serves concurrent invocations when the runtime runs several.
 */
public final class LambdaHandler implements RequestStreamHandler {

  /** The system property the runtime interface client sets to each invocation's X-Ray header. */
  static final String XRAY_PROPERTY = "com.amazonaws.xray.traceHeader";

  /** The environment variable some Lambda runtimes set to the X-Ray header. */
  static final String XRAY_VARIABLE = "_X_AMZN_TRACE_ID";

  /**
   * The environment variable that lets a typed function take the JSON of any non-HTTP event as it
   * is ({@code true}), including the sources the portable API has no value for (authorizers,
   * Cognito, CloudFormation, Lex, ...) and the batches a message function would otherwise take.
   */
  static final String RAW_EVENTS_VARIABLE = "PORTABLE_RAW_EVENTS";

  private final FunctionDefinition function;
  private final LogWriter logWriter;
  private final FunctionLogger.Level threshold;
  private final boolean rawEvents;
  private final Instrumentation instrumentation;

  /** Held here: {@code org.crac} contexts may keep only weak references to their resources. */
  @SuppressWarnings({"unused", "FieldCanBeLocal"})
  private Priming priming;

  /**
   * Selects the function named by {@code PORTABLE_FUNCTION} (or the only function) from the
   * build-time index visible to this class's class loader, and creates it. The Lambda runtime calls
   * this once per execution environment.
   *
   * @throws IllegalStateException if no function, or more than one without a selection, matches, or
   *     if the function cannot be created; Lambda then reports an init error with this message
   */
  public LambdaHandler() {
    this(
        select(),
        CloudWatchLogFormat.stdout(),
        CloudWatchLogFormat.threshold(System::getenv),
        "true".equalsIgnoreCase(String.valueOf(System.getenv(RAW_EVENTS_VARIABLE)).trim()),
        Instrumentation.load(LambdaHandler.class.getClassLoader()));
    // Lambda's init phase (with its CPU boost, and before a SnapStart snapshot): Jackson's mapper,
    // its tree reader and generator, and the trigger classification are set up now, not in the
    // first request. A whole synthetic invocation here was measured dearer (+56 ms CPU to the first
    // response): it loads classes the first request does not need; it runs before a snapshot only.
    Priming.warm(function);
    this.priming = new Priming(this);
    org.crac.Core.getGlobalContext().register(priming);
  }

  /** For tests: serves one function, logging through {@code logWriter}. */
  LambdaHandler(FunctionDefinition function, LogWriter logWriter, FunctionLogger.Level threshold) {
    this(function, logWriter, threshold, false);
  }

  /** For tests: as above, with {@code PORTABLE_RAW_EVENTS} set to {@code rawEvents}. */
  LambdaHandler(
      FunctionDefinition function,
      LogWriter logWriter,
      FunctionLogger.Level threshold,
      boolean rawEvents) {
    this(function, logWriter, threshold, rawEvents, Instrumentation.none());
  }

  /** For tests: as above, watched by {@code instrumentation}. */
  LambdaHandler(
      FunctionDefinition function,
      LogWriter logWriter,
      FunctionLogger.Level threshold,
      boolean rawEvents,
      Instrumentation instrumentation) {
    this.instrumentation = Objects.requireNonNull(instrumentation, "instrumentation");
    this.function = Objects.requireNonNull(function, "function");
    this.logWriter = Objects.requireNonNull(logWriter, "logWriter");
    this.threshold = Objects.requireNonNull(threshold, "threshold");
    this.rawEvents = rawEvents;
    try {
      // Create the function and resolve its input type now, in Lambda's init phase, so that a
      // broken function fails the deployment at once rather than its first invocation.
      function.instance();
      function.inputType().ifPresent(Json.mapper()::readerFor); // builds its deserializer now
    } catch (IllegalStateException broken) {
      throw new IllegalStateException("LambdaHandler cannot start: " + broken.getMessage(), broken);
    }
  }

  FunctionDefinition function() {
    return function;
  }

  FunctionLogger.Level threshold() {
    return threshold;
  }

  boolean rawEvents() {
    return rawEvents;
  }

  Instrumentation instrumentation() {
    return instrumentation;
  }

  private static FunctionDefinition select() {
    try {
      return FunctionRegistry.load(LambdaHandler.class.getClassLoader()).selectFromEnvironment();
    } catch (IllegalStateException unusable) {
      throw new IllegalStateException(
          "LambdaHandler cannot start: " + unusable.getMessage(), unusable);
    }
  }

  /**
   * Handles one invocation: decodes the event, runs the function, and writes the response the
   * trigger expects (an HTTP response, a partial batch response, the typed function's output, or
   * nothing for events).
   *
   * @param input the event, as Lambda delivered it
   * @param output where the response goes
   * @param lambda the Lambda context
   * @throws IOException if the event cannot be read or the response written
   */
  @Override
  public void handleRequest(
      InputStream input, OutputStream output, com.amazonaws.services.lambda.runtime.Context lambda)
      throws IOException {
    byte[] payload = input.readAllBytes();
    JsonNode event = parse(payload);
    Trigger trigger = Trigger.of(event);
    if (trigger.isHttp()) {
      Context context = null;
      try {
        context = http(event, trigger, output, lambda);
      } finally {
        clearInterrupt(context);
      }
      return;
    }
    String xray = xray(lambda);
    InvocationContext context =
        context(
            lambda,
            event,
            xray == null ? TraceContext.empty() : TraceContext.fromXRay(xray),
            trigger);
    classified(event, trigger, context);
    ReportedFailure thrown = null;
    try {
      dispatch(payload, event, trigger, output, context);
    } catch (ReportedFailure reported) {
      // Already logged: by the runner, or as an unsupported trigger.
      thrown = interrupted() ? interruption(context) : reported;
      throw thrown.toFunctionException();
    } catch (Throwable failure) {
      // A malformed event, or a bug here: log it once, as the runner logs what functions throw.
      FunctionRunner.rethrowIfFatal(failure);
      if (failure instanceof InterruptedException) {
        Thread.currentThread().interrupt(); // so that it is logged, once, below
      }
      if (interrupted()) {
        thrown = interruption(context);
        throw thrown.toFunctionException();
      }
      FunctionRunner.logFailure(
          failure,
          context,
          "Function " + function.name() + " could not take " + trigger.description());
      thrown = ReportedFailure.of(failure, context);
      throw thrown.toFunctionException();
    } finally {
      clearInterrupt(context);
      FunctionRunner.finish(context, thrown);
    }
  }

  /**
   * At {@code DEBUG}: how the event was classified, by which fields (their names, never their
   * values), and what the function is.
   */
  private void classified(JsonNode event, Trigger trigger, Context context) {
    if (threshold == FunctionLogger.Level.DEBUG) {
      context
          .logger()
          .debug(
              "Classified the event as "
                  + (event == null ? "a payload that is not JSON, so " : "")
                  + trigger.description()
                  + " (source "
                  + trigger.source()
                  + ") by its fields: "
                  + trigger.shape()
                  + ". Function "
                  + function.name()
                  + " is "
                  + function.kind().description()
                  + " and accepts "
                  + accepts(function.kind())
                  + ".");
    }
  }

  /** Whether this invocation's thread has been interrupted (its status is left as it is). */
  private static boolean interrupted() {
    return Thread.currentThread().isInterrupted();
  }

  /** What Lambda gets for an invocation that was interrupted before the function finished. */
  private ReportedFailure interruption(Context context) {
    return ReportedFailure.of(
        FunctionException.Kind.TIMEOUT,
        "The invocation was interrupted before function "
            + function.name()
            + " finished. Its operator can find the details in the logs under invocation id "
            + context.invocationId()
            + ".");
  }

  /**
   * Logs an interruption once and clears the thread's interrupt status. The runner leaves the
   * status set for the code that interrupted; on Lambda that is neither the runtime nor this
   * handler but the function or a library, and the runtime serves the next invocation on this same
   * thread, which would otherwise find itself interrupted (a batch would run no message at all).
   */
  private void clearInterrupt(Context context) {
    if (Thread.interrupted() && context != null) {
      context
          .logger()
          .error(
              "The invocation's thread was interrupted while function "
                  + function.name()
                  + " ran (the Lambda runtime does not interrupt invocations: the function or a"
                  + " library it uses did). What had not finished failed as a timeout; the"
                  + " interrupt status was cleared so that the next invocation is not affected.");
    }
  }

  // ---------------------------------------------------------------- HTTP

  /** Answers an HTTP request in its source's format; returns the invocation's context. */
  private Context http(
      JsonNode event,
      Trigger trigger,
      OutputStream output,
      com.amazonaws.services.lambda.runtime.Context lambda)
      throws IOException {
    HttpEnvelope.Format format = HttpEnvelope.format(trigger, event);
    HttpRequest request = null;
    RuntimeException malformed = null;
    try {
      request = HttpEnvelope.decode(event, trigger);
    } catch (RuntimeException e) {
      malformed = e;
    }
    String xray = xray(lambda);
    TraceContext trace =
        xray != null
            ? TraceContext.fromXRay(xray)
            : request != null ? TraceContext.fromHeaders(request.headers()) : TraceContext.empty();
    InvocationContext context = context(lambda, event, trace, trigger);
    classified(event, trigger, context);
    HttpResponse response;
    if (malformed != null) {
      response = FunctionRunner.problem(malformed, context);
    } else if (function.kind() == FunctionKind.HTTP || function.kind() == FunctionKind.TYPED) {
      response = FunctionRunner.http(function, request, context);
    } else {
      // The operator's log line has the detail; the caller learns only that the deployment is
      // wrong.
      response =
          FunctionRunner.toProblem(
              FunctionRunner.unsupportedTrigger(unsupported(trigger.description()), context),
              context);
    }
    try (JsonGenerator json = generator(output)) {
      HttpEnvelope.encode(response, format, json, context);
    } finally {
      FunctionRunner.finish(context, response);
    }
    return context;
  }

  // ---------------------------------------------------------------- everything else

  private void dispatch(
      byte[] payload,
      JsonNode event,
      Trigger trigger,
      OutputStream output,
      InvocationContext context)
      throws Exception {
    FunctionKind kind = function.kind();
    if (kind == FunctionKind.TYPED
        // A known source's event is not a direct invocation: binding it would acknowledge (and
        // lose) its messages, or answer an authorizer with whatever the function returns.
        && (trigger == Trigger.DIRECT || trigger == Trigger.CLOUD_EVENT || rawEvents)) {
      output.write(typed(payload, context));
    } else if (kind == FunctionKind.MESSAGE && trigger.family() == Trigger.Family.MESSAGES) {
      messages(event, trigger, output, context);
    } else if (kind == FunctionKind.STORAGE) {
      storage(event, trigger, context);
    } else if (kind == FunctionKind.SCHEDULE
        && trigger == Trigger.EVENTBRIDGE
        && EventBridgeEnvelope.isSchedule(event)) {
      runEvent(EventBridgeEnvelope.schedule(event), context);
    } else if (kind == FunctionKind.CLOUD_EVENT && trigger == Trigger.EVENTBRIDGE) {
      runEvent(EventBridgeEnvelope.cloudEvent(event), context);
    } else if (kind == FunctionKind.CLOUD_EVENT && trigger == Trigger.CLOUD_EVENT) {
      runEvent(EventBridgeEnvelope.structured(payload), context);
    } else {
      // An HTTP function off HTTP, or a source the function's kind does not take.
      throw unsupportedTrigger(describe(event, trigger), context);
    }
  }

  private byte[] typed(byte[] payload, Context context) {
    try {
      return FunctionRunner.typed(function, payload, context);
    } catch (Exception failure) {
      throw ReportedFailure.of(failure, context);
    }
  }

  private void messages(
      JsonNode event, Trigger trigger, OutputStream output, InvocationContext context)
      throws IOException {
    MessageEnvelope.Batch batch = MessageEnvelope.decode(event, trigger);
    BatchResult result = batch.run(function, context);
    FunctionRunner.recordBatch(context, result); // with the records that could not be decoded
    if (batch.partialResponse()) {
      try (JsonGenerator json = generator(output)) {
        MessageEnvelope.writeBatchItemFailures(result, json);
      }
    } else if (!result.allSucceeded()) {
      // SNS, Kafka, Amazon MQ and CloudWatch Logs take no partial response: fail the invocation so
      // that the source retries the batch (or the event) as it does.
      throw ReportedFailure.of(result.failures().get(0).error(), context);
    }
  }

  private void storage(JsonNode event, Trigger trigger, InvocationContext context) {
    List<StorageEvent> events = new ArrayList<>(1);
    List<JsonNode> records = new ArrayList<>(1);
    try {
      if (trigger == Trigger.S3) {
        JsonNode s3 = JsonNodes.array(event, "Records");
        for (int i = 0; i < s3.size(); i++) {
          events.add(StorageEnvelope.s3Record(s3.get(i), i));
          records.add(s3.get(i));
        }
      } else if (trigger == Trigger.EVENTBRIDGE
          && StorageEnvelope.isEventBridgeObjectChange(event)) {
        events.add(StorageEnvelope.eventBridge(event));
        records.add(event);
      } else {
        throw unsupportedTrigger(describe(event, trigger), context);
      }
    } catch (StorageEnvelope.UnsupportedChange change) {
      throw unsupportedTrigger(change.getMessage(), context);
    }
    Throwable first = null;
    for (int i = 0; i < events.size(); i++) {
      if (interrupted()) {
        throw interruption(context); // run nothing more: the invocation fails as a timeout
      }
      JsonNode record = records.get(i);
      try {
        // unwrap(JsonNode.class) is the record the event came from, not the whole notification.
        FunctionRunner.event(
            function, events.get(i), context.withRecord(JsonNode.class, () -> record));
      } catch (Exception failure) {
        if (first == null) {
          first = failure;
        }
      }
    }
    if (first != null) {
      throw ReportedFailure.of(first, context);
    }
  }

  private void runEvent(Object portable, InvocationContext context) {
    try {
      FunctionRunner.event(function, portable, context);
    } catch (Exception failure) {
      throw ReportedFailure.of(failure, context);
    }
  }

  // ---------------------------------------------------------------- unsupported triggers

  /** Logs the unsupported trigger once and returns what to throw to Lambda. */
  private ReportedFailure unsupportedTrigger(String what, Context context) {
    if (threshold == FunctionLogger.Level.DEBUG) {
      context
          .logger()
          .debug(
              "Refused without running function "
                  + function.name()
                  + ": "
                  + (function.kind() == FunctionKind.TYPED && !rawEvents
                      ? "a typed function takes only a direct invocation or a CloudEvent while "
                          + RAW_EVENTS_VARIABLE
                          + " is not true, and this event was recognised as a known source's"
                      : "the classified source is not one that "
                          + function.kind().description()
                          + " takes")
                  + " (see the classification line above).");
    }
    return FunctionRunner.unsupportedTrigger(unsupported(what), context);
  }

  private String unsupported(String what) {
    return "Unsupported trigger: function "
        + function.name()
        + " is "
        + function.kind().description()
        + " and accepts "
        + accepts(function.kind())
        + ", not "
        + what
        + ". Point this trigger at a function that accepts it.";
  }

  /**
   * What arrived, for "unsupported trigger" lines: the source's name, in the adapter's own words.
   * Nothing of the event is quoted (not even an EventBridge source), so the line is safe to keep.
   */
  private String describe(JsonNode event, Trigger trigger) {
    if (event == null) {
      return "an event that is not JSON";
    }
    if (trigger == Trigger.DIRECT) {
      return "a direct invocation whose JSON is none of those";
    }
    String what =
        trigger != Trigger.EVENTBRIDGE
            ? trigger.description()
            : function.kind() == FunctionKind.SCHEDULE
                ? "an EventBridge event other than a scheduled rule's or EventBridge Scheduler's"
                    + " \"Scheduled Event\""
                : function.kind() == FunctionKind.STORAGE
                    ? "an EventBridge event other than an S3 \"Object Created\" or \"Object Deleted\""
                    : trigger.description();
    return function.kind() == FunctionKind.TYPED
        ? what
            + " (set "
            + RAW_EVENTS_VARIABLE
            + "=true for a typed function to take any event's"
            + " JSON as it is)"
        : what;
  }

  /** What each kind accepts on Lambda, for "unsupported trigger" messages. */
  private static final Map<FunctionKind, String> ACCEPTS =
      new EnumMap<>(
          Map.of(
              FunctionKind.HTTP,
              "HTTP requests from API Gateway (REST or HTTP API), an Application Load Balancer"
                  + " or a function URL",
              FunctionKind.TYPED,
              "a direct invocation with JSON, or a POST from API Gateway, an Application Load"
                  + " Balancer or a function URL",
              FunctionKind.MESSAGE,
              "SQS, SNS, Kinesis or DynamoDB Streams records, Amazon MSK or self-managed Kafka"
                  + " records, Amazon MQ (ActiveMQ or RabbitMQ) messages, or CloudWatch Logs"
                  + " subscription events",
              FunctionKind.STORAGE,
              "S3 ObjectCreated and ObjectRemoved notifications, or EventBridge S3 \"Object"
                  + " Created\" and \"Object Deleted\" events",
              FunctionKind.SCHEDULE,
              "EventBridge scheduled rule and EventBridge Scheduler events",
              FunctionKind.CLOUD_EVENT,
              "any EventBridge event, or a CloudEvent in JSON"));

  /** What a kind accepts on Lambda, for "unsupported trigger" messages. */
  static String accepts(FunctionKind kind) {
    return ACCEPTS.getOrDefault(kind, kind.accepts());
  }

  // ---------------------------------------------------------------- plumbing

  private InvocationContext context(
      com.amazonaws.services.lambda.runtime.Context lambda,
      JsonNode event,
      TraceContext trace,
      Trigger trigger) {
    String requestId = lambda == null ? null : lambda.getAwsRequestId();
    InvocationContext.Builder context =
        InvocationContext.builder(
                Cloud.AWS, function.name(), requestId != null ? requestId : InvocationIds.random())
            .trace(trace)
            .logWriter(logWriter, threshold)
            .instrumentation(instrumentation, trigger.type(event), trigger.source());
    if (lambda != null) {
      context
          .deadline(Instant.now().plusMillis(lambda.getRemainingTimeInMillis()))
          .nativeObject(lambda);
    }
    if (event != null) {
      context.nativeObject(event);
    }
    return context.build();
  }

  /**
   * The invocation's X-Ray header: from the Lambda context, else the system property the runtime
   * interface client sets in its default mode, else the environment.
   */
  static String xray(com.amazonaws.services.lambda.runtime.Context lambda) {
    String header = null;
    if (lambda != null) {
      try {
        header = lambda.getXrayTraceId();
      } catch (AbstractMethodError | NoSuchMethodError oldRuntime) {
        header = null;
      }
    }
    if (header == null || header.isBlank()) {
      header = System.getProperty(XRAY_PROPERTY);
    }
    if (header == null || header.isBlank()) {
      header = System.getenv(XRAY_VARIABLE);
    }
    return header == null || header.isBlank() ? null : header;
  }

  private static JsonNode parse(byte[] payload) {
    if (payload.length == 0) {
      return null;
    }
    try {
      JsonNode event = Json.mapper().readTree(payload);
      return event == null || event.isMissingNode() ? null : event;
    } catch (IOException notJson) {
      return null;
    }
  }

  /**
   * A generator that writes to {@code output}: closing it hands its buffers back to Jackson's
   * recycler and leaves the stream open.
   */
  private static JsonGenerator generator(OutputStream output) throws IOException {
    return Json.mapper()
        .getFactory()
        .createGenerator(output)
        .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
  }
}
