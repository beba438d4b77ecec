package dev.portablefunctions.spi;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JavaType;
import dev.portablefunctions.Context;
import dev.portablefunctions.EventFunction;
import dev.portablefunctions.FunctionException;
import dev.portablefunctions.FunctionLogger;
import dev.portablefunctions.HttpFunction;
import dev.portablefunctions.HttpRequest;
import dev.portablefunctions.HttpResponse;
import dev.portablefunctions.Message;
import dev.portablefunctions.MessageFunction;
import dev.portablefunctions.ScheduleEvent;
import dev.portablefunctions.StorageEvent;
import dev.portablefunctions.TypedFunction;
import dev.portablefunctions.internal.UriPaths;
import io.cloudevents.CloudEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The invocation pipeline every adapter shares, so that dispatch, error mapping and failure logging
 * are the same on every cloud.
 *
 * <p>Logging contract: each method logs a failure once, with the invocation id (a caller's error as
 * {@code WARN} with its detail, anything unexpected as {@code ERROR} with its stack trace).
 * Adapters must not log the same failure again (use {@link #toProblem} for a failure thrown out of
 * {@link #event} or {@link #typed}). Nothing here logs payloads.
 *
 * <p>Interruption: when the invocation's thread is interrupted (the adapter's timeout, a shutdown),
 * a batch stops running messages and fails the rest, nothing is logged as the function's failure,
 * and the thread's interrupt status stays set; the code that interrupted reports the timeout.
 */
public final class FunctionRunner {

  private static final JsonFactory JSON = new JsonFactory();

  private static final String DOT_SEGMENT =
      "The request path has a '.' or '..' segment once decoded; send the path it means.";

  private FunctionRunner() {}

  /**
   * Runs an HTTP function, or a typed function reached by HTTP, and never throws: every failure
   * becomes a problem response.
   *
   * <p>A typed function over HTTP takes a {@code POST} (else 405 with {@code Allow: POST}) of a
   * JSON body (a non-JSON {@code Content-Type} is a 415; malformed JSON is a 400) and answers 200
   * with the output as JSON, or 204 for a null output.
   *
   * <p>A request whose decoded path has a {@code .} or {@code ..} segment is a 400 and runs
   * nothing, on every adapter: no function is handed a path that climbs out of its own.
   *
   * @param function an {@link FunctionKind#HTTP} or {@link FunctionKind#TYPED} function
   * @param request the request
   * @param context the context
   * @return the response
   * @throws IllegalArgumentException if the function is of another kind (an adapter bug)
   */
  public static HttpResponse http(
      FunctionDefinition function, HttpRequest request, Context context) {
    if (function.kind() != FunctionKind.HTTP && function.kind() != FunctionKind.TYPED) {
      throw new IllegalArgumentException(function + " is not reachable by HTTP");
    }
    Tracker tracker = tracker(context);
    if (tracker != null) {
      tracker.request(request);
    }
    HttpResponse response;
    try {
      if (UriPaths.hasDotSegment(request.path())) {
        // the same on every cloud and server: no function sees a path that climbs out of its own
        throw FunctionException.badInput(DOT_SEGMENT);
      }
      if (function.kind() == FunctionKind.HTTP) {
        HttpFunction handler = (HttpFunction) function.instance();
        started(tracker);
        response = handler.handle(request, context);
        if (response == null) {
          throw new IllegalStateException("Function " + function.name() + " returned null");
        }
      } else {
        response = typedOverHttp(function, request, context);
      }
    } catch (Throwable failure) {
      rethrowIfFatal(failure);
      if (interrupted(failure)) {
        // Whoever interrupted the invocation (a timeout) reports it; this is not the function's
        // bug.
        record(tracker, failure, FunctionException.Kind.TIMEOUT.name());
        response =
            problem(
                FunctionException.Kind.TIMEOUT,
                "The invocation was interrupted before function " + function.name() + " finished.",
                context.invocationId());
      } else {
        response = problem(failure, context);
      }
    }
    if (tracker != null) {
      tracker.status(response.statusCode());
    }
    return response;
  }

  private static HttpResponse typedOverHttp(
      FunctionDefinition function, HttpRequest request, Context context) throws Exception {
    if (!request.method().equals("POST")) {
      return problem(
              FunctionException.of(
                  FunctionException.Kind.METHOD_NOT_ALLOWED,
                  "Function "
                      + function.name()
                      + " takes its input as JSON in a POST; no other method is allowed."),
              context)
          .header("allow", "POST");
    }
    String contentType = request.contentType().orElse("");
    if (!contentType.isEmpty() && !isJson(contentType)) {
      throw FunctionException.of(
          FunctionException.Kind.UNSUPPORTED_MEDIA_TYPE,
          // Not the Content-Type itself: it is the caller's input.
          "Function "
              + function.name()
              + " takes application/json (or another JSON media type); the request's Content-Type"
              + " is not JSON.");
    }
    Object output = callTyped(function, request.body(), context);
    return output == null ? HttpResponse.noContent() : HttpResponse.ok().json(output);
  }

  /**
   * Runs a typed function on JSON input (a direct invocation), returning its output as JSON.
   *
   * @param function a {@link FunctionKind#TYPED} function
   * @param json the input JSON
   * @param context the context
   * @return the output as UTF-8 JSON ({@code null} for a null output)
   * @throws Exception what the function threw (already logged), or a {@link FunctionException} of
   *     kind {@link FunctionException.Kind#BAD_INPUT} if the input does not bind
   */
  public static byte[] typed(FunctionDefinition function, byte[] json, Context context)
      throws Exception {
    requireKind(function, FunctionKind.TYPED);
    try {
      return Json.write(callTyped(function, json, context));
    } catch (Throwable failure) {
      rethrowIfFatal(failure);
      if (!interrupted(failure)) {
        logFailure(failure, context, "Function " + function.name() + " failed");
        record(tracker(context), failure, Tracker.kindOf(failure));
      } else {
        record(tracker(context), failure, FunctionException.Kind.TIMEOUT.name());
      }
      throw failure;
    }
  }

  @SuppressWarnings("unchecked")
  private static Object callTyped(FunctionDefinition function, byte[] json, Context context)
      throws Exception {
    JavaType type = function.inputType().orElseThrow();
    Object input = Json.read(json, type, "input of function " + function.name());
    if (input == null) {
      throw FunctionException.badInput(
          "The input of function "
              + function.name()
              + " is the JSON null; expected "
              + type.getRawClass().getSimpleName()
              + ".");
    }
    TypedFunction<Object, Object> handler = (TypedFunction<Object, Object>) function.instance();
    started(tracker(context));
    return handler.handle(input, context);
  }

  /**
   * Runs a message function on each message of a batch, in order, each in isolation, and logs each
   * failure with its message id.
   *
   * @param function a {@link FunctionKind#MESSAGE} function
   * @param messages the batch
   * @param context the context of the invocation carrying the batch
   * @param mode how a failure affects later messages
   * @return which messages failed
   */
  public static BatchResult messages(
      FunctionDefinition function, List<Message> messages, Context context, BatchMode mode) {
    return messages(function, messages, context, mode, message -> context);
  }

  /**
   * Runs a message function on each message of a batch, as {@link #messages(FunctionDefinition,
   * List, Context, BatchMode)} does, handing each message the context {@code contextOf} gives it:
   * typically the invocation's context {@linkplain InvocationContext#withRecord with the message's
   * own provider record}, so that {@code context.unwrap(JsonNode.class)} is that record's JSON.
   *
   * @param function a {@link FunctionKind#MESSAGE} function
   * @param messages the batch
   * @param context the context of the invocation carrying the batch (failures and skips are logged
   *     with it)
   * @param mode how a failure affects later messages
   * @param contextOf the context each message runs with, of the same invocation
   * @return which messages failed
   */
  public static BatchResult messages(
      FunctionDefinition function,
      List<Message> messages,
      Context context,
      BatchMode mode,
      Function<Message, ? extends Context> contextOf) {
    requireKind(function, FunctionKind.MESSAGE);
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(contextOf, "contextOf");
    Tracker tracker = tracker(context);
    BatchResult result = runMessages(function, messages, context, mode, contextOf, tracker);
    if (tracker != null) {
      tracker.batch(result);
    }
    return result;
  }

  private static BatchResult runMessages(
      FunctionDefinition function,
      List<Message> messages,
      Context context,
      BatchMode mode,
      Function<Message, ? extends Context> contextOf,
      Tracker tracker) {
    List<BatchResult.Failure> failures = new ArrayList<>();
    MessageFunction handler;
    try {
      handler = (MessageFunction) function.instance();
    } catch (RuntimeException cannotCreate) {
      // Nothing can run: every message fails (and is redelivered), none is lost.
      logFailure(cannotCreate, context, "Function " + function.name() + " could not be created");
      for (Message message : messages) {
        failures.add(new BatchResult.Failure(message, cannotCreate, false));
      }
      return new BatchResult(messages.size(), failures);
    }
    // Ordering key -> the id of its first failed message: details name the message, not the key.
    Map<String, String> failedKeys = new HashMap<>();
    String firstFailedId = null;
    boolean stopped = false;
    if (tracker != null) {
      tracker.started();
    }
    for (Message message : messages) {
      String key = message.orderingKey().orElse(null);
      String skip = null;
      if (stopped || Thread.currentThread().isInterrupted()) {
        // Timed out or shutting down: run nothing more; the rest fail and are redelivered.
        stopped = true;
        skip = "the invocation was interrupted";
      } else if (mode == BatchMode.STOP_AT_FIRST_FAILURE && firstFailedId != null) {
        skip = "an earlier message (" + firstFailedId + ") failed";
      } else if (mode == BatchMode.BY_ORDERING_KEY && key != null && failedKeys.containsKey(key)) {
        skip = "an earlier message with the same ordering key (" + failedKeys.get(key) + ") failed";
      }
      Context messageContext = skip == null ? contextOf.apply(message) : context;
      InvocationObserver.Observation observed =
          tracker == null
              ? InvocationObserver.Observation.NONE
              : tracker.message(message, messageContext);
      long startNanos = observed == InvocationObserver.Observation.NONE ? 0 : System.nanoTime();
      if (skip != null) {
        BatchResult.Failure failure = skipped(message, skip, context);
        failures.add(failure);
        if (tracker != null) {
          tracker.endMessage(observed, startNanos, failure.error(), true);
        }
        continue;
      }
      try {
        handler.handle(message, messageContext);
        if (tracker != null) {
          tracker.endMessage(observed, startNanos, null, false);
        }
      } catch (Throwable failure) {
        rethrowIfFatal(failure);
        if (tracker != null) {
          tracker.endMessage(observed, startNanos, failure, false);
        }
        if (interrupted(failure)) {
          stopped = true;
          failures.add(new BatchResult.Failure(message, failure, false));
          continue;
        }
        logFailure(
            failure, context, "Function " + function.name() + " failed on message " + message.id());
        failures.add(new BatchResult.Failure(message, failure, false));
        if (key != null) {
          failedKeys.putIfAbsent(key, message.id());
        }
        if (firstFailedId == null) {
          firstFailedId = message.id();
        }
      }
    }
    return new BatchResult(messages.size(), failures);
  }

  private static BatchResult.Failure skipped(Message message, String why, Context context) {
    String detail = "Message " + message.id() + " was not run because " + why + ".";
    context.logger().warn(detail);
    return new BatchResult.Failure(
        message, FunctionException.of(FunctionException.Kind.UNAVAILABLE, detail), true);
  }

  /**
   * Runs an event function on one event.
   *
   * @param function a {@link FunctionKind#STORAGE}, {@link FunctionKind#SCHEDULE} or {@link
   *     FunctionKind#CLOUD_EVENT} function
   * @param event a {@link StorageEvent}, {@link ScheduleEvent} or {@link CloudEvent} matching it
   * @param context the context
   * @throws Exception what the function threw, already logged
   */
  @SuppressWarnings("unchecked")
  public static void event(FunctionDefinition function, Object event, Context context)
      throws Exception {
    Objects.requireNonNull(event, "event");
    Class<?> expected;
    switch (function.kind()) {
      case STORAGE:
        expected = StorageEvent.class;
        break;
      case SCHEDULE:
        expected = ScheduleEvent.class;
        break;
      case CLOUD_EVENT:
        expected = CloudEvent.class;
        break;
      default:
        throw new IllegalArgumentException(function + " is not an event function");
    }
    if (!expected.isInstance(event)) {
      throw new IllegalArgumentException(
          function + " takes " + expected.getSimpleName() + ", not " + event.getClass().getName());
    }
    Tracker tracker = tracker(context);
    try {
      EventFunction<Object> handler = (EventFunction<Object>) function.instance();
      started(tracker);
      handler.handle(event, context);
    } catch (Throwable failure) {
      rethrowIfFatal(failure);
      if (!interrupted(failure)) {
        logFailure(failure, context, "Function " + function.name() + " failed");
        record(tracker, failure, Tracker.kindOf(failure));
      } else {
        record(tracker, failure, FunctionException.Kind.TIMEOUT.name());
      }
      throw failure;
    }
  }

  /**
   * Logs a failure and turns it into a problem response: a {@link FunctionException} keeps its kind
   * and detail; anything else is a 500 whose detail names only the invocation id.
   *
   * @param failure the failure
   * @param context the context
   * @return the problem response
   */
  public static HttpResponse problem(Throwable failure, Context context) {
    logFailure(failure, context, "Function " + context.functionName() + " failed");
    Tracker tracker = tracker(context);
    record(tracker, failure, Tracker.kindOf(failure));
    HttpResponse response;
    if (failure instanceof FunctionException known) {
      response = problem(known.kind(), known.detail(), context.invocationId());
    } else {
      response =
          problem(FunctionException.Kind.INTERNAL, internalDetail(context), context.invocationId());
    }
    if (tracker != null) {
      tracker.status(response.statusCode());
    }
    return response;
  }

  /**
   * Turns a failure that a runner method has already logged (it was thrown out of {@link #event} or
   * {@link #typed}) into a problem response, without logging it again.
   *
   * @param failure the failure
   * @param context the context
   * @return the problem response
   */
  public static HttpResponse toProblem(Throwable failure, Context context) {
    HttpResponse response = answer(failure, context);
    Tracker tracker = tracker(context);
    if (tracker != null) {
      record(tracker, failure, Tracker.kindOf(failure)); // unless the runner recorded it already
      tracker.status(response.statusCode());
    }
    return response;
  }

  private static HttpResponse answer(Throwable failure, Context context) {
    if (failure instanceof ReportedFailure reported) {
      return problem(reported.kind(), reported.getMessage(), context.invocationId());
    }
    if (failure instanceof FunctionException known) {
      return problem(known.kind(), known.detail(), context.invocationId());
    }
    if (interrupted(failure)) {
      return problem(
          FunctionException.Kind.TIMEOUT,
          "The invocation was interrupted before the function finished.",
          context.invocationId());
    }
    return problem(
        FunctionException.Kind.INTERNAL, internalDetail(context), context.invocationId());
  }

  /**
   * Tells whether a failure comes from the invocation's thread being interrupted (a timeout or a
   * shutdown), and if so keeps the thread's interrupt status set for the caller.
   *
   * @param failure the failure
   * @return whether the thread was interrupted
   */
  static boolean interrupted(Throwable failure) {
    boolean interrupted = Thread.currentThread().isInterrupted() || causedByInterrupt(failure);
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    return interrupted;
  }

  /**
   * Whether a failure or one of its causes is an {@link InterruptedException}: the one walk of a
   * cause chain for the pipeline, bounded so that a cyclic chain cannot hold it.
   */
  static boolean causedByInterrupt(Throwable failure) {
    Throwable cause = failure;
    for (int depth = 0; cause != null && depth < 64; depth++, cause = cause.getCause()) {
      if (cause instanceof InterruptedException) {
        return true;
      }
    }
    return false;
  }

  /**
   * Reports a deployment error, the same way on every cloud: a trigger reached a function that
   * cannot take it (a message function behind an HTTP trigger, an event type it does not accept),
   * or the deployment names no usable function. Logs {@code detail} once at {@code ERROR} and
   * returns the failure to throw to the platform (events) or to answer with {@link #toProblem}
   * (HTTP: a 500 whose detail says only that the deployment is misconfigured and names the
   * invocation id; the operator's log line has the full detail).
   *
   * @param detail what is wrong and what the function accepts, for the operator
   * @param context the invocation's context
   * @return the failure, of kind {@link FunctionException.Kind#INTERNAL}
   */
  public static ReportedFailure unsupportedTrigger(String detail, Context context) {
    context.logger().error(detail);
    record(tracker(context), null, Outcome.UNSUPPORTED_TRIGGER);
    return ReportedFailure.of(
        FunctionException.Kind.INTERNAL,
        "This function is not deployed for this kind of request or event. Its operator can find the"
            + " details in the logs under invocation id "
            + context.invocationId()
            + ".");
  }

  /**
   * Returns the detail shown for an unexpected failure.
   *
   * @param context the context
   * @return the detail
   */
  public static String internalDetail(Context context) {
    return "The function failed unexpectedly. Its operator can find the cause in the logs under"
        + " invocation id "
        + context.invocationId()
        + ".";
  }

  /**
   * Builds a problem response ({@code application/problem+json}, RFC 9457) without logging.
   *
   * @param kind the kind, which sets status and title
   * @param detail the detail for the caller
   * @param invocationId the invocation id, added as the {@code invocationId} member
   * @return the response
   */
  public static HttpResponse problem(
      FunctionException.Kind kind, String detail, String invocationId) {
    return HttpResponse.status(kind.httpStatus())
        .body(problemJson(kind, detail, invocationId), "application/problem+json");
  }

  /**
   * Writes a problem document.
   *
   * @param kind the kind
   * @param detail the detail
   * @param invocationId the invocation id
   * @return UTF-8 JSON
   */
  public static byte[] problemJson(
      FunctionException.Kind kind, String detail, String invocationId) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.writeStartObject();
      json.writeStringField("type", "about:blank");
      json.writeStringField("title", kind.title());
      json.writeNumberField("status", kind.httpStatus());
      json.writeStringField("detail", detail);
      json.writeStringField("invocationId", invocationId);
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /**
   * Logs a failure once: a caller's error ({@link FunctionException} with a 4xx kind) as {@code
   * WARN} with its detail (and its cause, if it has one, for the operator), anything else as {@code
   * ERROR} with the exception.
   *
   * @param failure the failure
   * @param context the context whose logger to use
   * @param what what failed, such as "Function echo-http failed"
   */
  public static void logFailure(Throwable failure, Context context, String what) {
    if (failure instanceof FunctionException
        && ((FunctionException) failure).kind().httpStatus() < 500) {
      FunctionException known = (FunctionException) failure;
      context
          .logger()
          .log(
              FunctionLogger.Level.WARN,
              what
                  + ": "
                  + known.kind().httpStatus()
                  + " "
                  + known.kind().title()
                  + ": "
                  + known.detail(),
              known.getCause());
    } else {
      context.logger().error(what + ": " + failure, failure);
    }
  }

  /**
   * Ends an instrumented invocation (see {@link InvocationContext.Builder#instrumentation}): writes
   * its outcome record and hands its {@link Outcome} to the observers. The outcome is what the
   * runner saw: a failure it logged or answered, the batch it ran, an unsupported trigger, else
   * success. Call it once, when the answer is known; later calls, and calls for a context that is
   * not instrumented, do nothing.
   *
   * @param context the invocation's context
   */
  public static void finish(Context context) {
    finish(context, (Throwable) null);
  }

  /**
   * Ends an instrumented invocation by HTTP, as {@link #finish(Context)}, with the status answered.
   *
   * @param context the invocation's context
   * @param answer the response sent
   */
  public static void finish(Context context, HttpResponse answer) {
    Tracker tracker = tracker(context);
    if (tracker != null) {
      tracker.status(answer.statusCode());
      finish(context, (Throwable) null);
    }
  }

  /**
   * Ends an instrumented invocation, as {@link #finish(Context)}, whose adapter is about to throw
   * {@code thrown} to the platform: when the runner saw no failure, {@code thrown} is the
   * invocation's (a refusal if the function never started).
   *
   * @param context the invocation's context
   * @param thrown what the adapter throws, or null when it throws nothing
   */
  public static void finish(Context context, Throwable thrown) {
    Tracker tracker = tracker(context);
    if (tracker == null) {
      return;
    }
    Outcome outcome = tracker.end(thrown);
    if (outcome != null && tracker.outcomeLog()) {
      ((InvocationContext) context).writeOutcome(outcome);
    }
  }

  /**
   * Replaces the batch counts of an instrumented invocation's outcome, for an adapter that failed
   * records of the batch before the runner saw it (records it could not decode): {@code result} is
   * the whole batch's.
   *
   * @param context the invocation's context
   * @param result the whole batch's result
   */
  public static void recordBatch(Context context, BatchResult result) {
    Tracker tracker = tracker(context);
    if (tracker != null) {
      tracker.batch(Objects.requireNonNull(result, "result"));
    }
  }

  private static Tracker tracker(Context context) {
    return context instanceof InvocationContext invocation ? invocation.tracker() : null;
  }

  private static void started(Tracker tracker) {
    if (tracker != null) {
      tracker.started();
    }
  }

  private static void record(Tracker tracker, Throwable failure, String kind) {
    if (tracker != null) {
      tracker.failed(failure, kind);
    }
  }

  /**
   * Tells whether a content type is JSON ({@code application/json} or any {@code +json}).
   *
   * @param contentType the content type, possibly with parameters
   * @return whether it is JSON
   */
  public static boolean isJson(String contentType) {
    String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    return type.equals("application/json") || type.endsWith("+json");
  }

  private static void requireKind(FunctionDefinition function, FunctionKind kind) {
    if (function.kind() != kind) {
      throw new IllegalArgumentException(function + " is not " + kind.description());
    }
  }

  /**
   * Rethrows errors the process cannot survive (out of memory, internal JVM errors); a stack
   * overflow is a function bug and is not among them.
   *
   * @param failure the failure
   */
  public static void rethrowIfFatal(Throwable failure) {
    if (failure instanceof VirtualMachineError && !(failure instanceof StackOverflowError)) {
      throw (VirtualMachineError) failure;
    }
  }
}
