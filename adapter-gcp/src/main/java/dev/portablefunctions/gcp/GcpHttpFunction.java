package dev.portablefunctions.gcp;

import dev.portablefunctions.Context;
import dev.portablefunctions.FunctionException;
import dev.portablefunctions.Headers;
import dev.portablefunctions.HttpRequest;
import dev.portablefunctions.HttpResponse;
import dev.portablefunctions.ScheduleEvent;
import dev.portablefunctions.TraceContext;
import dev.portablefunctions.spi.FunctionDefinition;
import dev.portablefunctions.spi.FunctionKind;
import dev.portablefunctions.spi.FunctionRunner;
import dev.portablefunctions.spi.InvocationContext;
import dev.portablefunctions.spi.TriggerType;
import java.io.IOException;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The Google Cloud Functions entry point for portable functions reached over HTTP: {@code
 * HttpFunction}s, {@code TypedFunction}s (a JSON {@code POST}), and {@code
 * EventFunction<ScheduleEvent>}s behind a Cloud Scheduler job with an HTTP target.
 *
 * <pre>{@code
 * gcloud functions deploy greet --gen2 --runtime=java17 --trigger-http \
 *     --entry-point=dev.portablefunctions.gcp.GcpHttpFunction \
 *     --set-env-vars=PORTABLE_FUNCTION=greet
 * }</pre>
 *
 * <p><b>Selection.</b> The invoker creates this class once per instance, before it opens its port;
 * the constructor selects the function with {@code PORTABLE_FUNCTION} (not needed when the artifact
 * has one function) from the build-time index, creates it, and logs which one it serves. When
 * nothing can be selected, or the function is of a kind this class cannot run (a message, storage
 * or CloudEvent function belongs behind {@link GcpEventFunction}), the constructor logs why at
 * {@code ERROR} and throws: the invoker exits without listening, so the revision fails to start and
 * the previous one keeps serving.
 *
 * <p><b>Mapping.</b> Every method and path reaches the function (the invoker itself answers {@code
 * /favicon.ico} and {@code /robots.txt}); the path is decoded, the query is parsed from the raw
 * query string (multi-valued, in order), headers keep every value, the body is the exact bytes. The
 * response's status, headers and body are written as they are. A schedule function takes any
 * request that carries Cloud Scheduler's {@code X-CloudScheduler-*} headers, is given the schedule
 * time and job id, and answers 204 (400 for a malformed schedule time). Any other request is a
 * deployment error, reported as on every cloud: logged at {@code ERROR} and answered 500 with only
 * the invocation id.
 *
 * <p><b>Context.</b> The invocation id is the {@code Function-Execution-Id} request header when the
 * platform sends one, else a random UUID; the trace comes from {@code traceparent} or {@code
 * X-Cloud-Trace-Context}; the deadline is known when {@code CLOUD_RUN_TIMEOUT_SECONDS} is set. The
 * function name is the portable function's name, as on every cloud (the Cloud Run service name is
 * the {@code K_SERVICE} environment variable, and is on every log entry's resource already). {@code
 * unwrap} returns the framework's {@code com.google.cloud.functions.HttpRequest} and {@code
 * HttpResponse}; a function that writes to the latter must not also return a body.
 *
 * <p><b>Errors.</b> A failure is answered with {@code application/problem+json} ({@code 500} with
 * only the invocation id for an unexpected exception, the kind's status for a {@link
 * FunctionException}), never a stack trace, and logged once with the execution id. A request with a
 * header Java's HTTP types refuse (a CR, LF or NUL in its name or value) is answered 400 without
 * reaching the function; no detail or log line repeats what the request carried. A function that
 * fails because its thread was interrupted (the instance shutting down) is answered 504 and logged
 * once, at {@code WARN}.
 *
 * <p>Thread-safe: the invoker calls {@link #service} from many threads at once.
 */
public final class GcpHttpFunction implements com.google.cloud.functions.HttpFunction {

  /** The header that carries the execution id where the platform sets one. */
  static final String EXECUTION_ID_HEADER = "function-execution-id";

  private final Deployment deployment;

  /**
   * Selects, creates and logs the function this instance serves, from {@code PORTABLE_FUNCTION}.
   *
   * @throws IllegalStateException if no function can be selected, or the selected one is not an
   *     HTTP, typed or schedule function; the reason is logged first, and the invoker then exits
   *     without opening its port
   */
  public GcpHttpFunction() {
    this(Deployment.fromEnvironment(Deployment.Entry.HTTP, GcpHttpFunction.class.getClassLoader()));
  }

  GcpHttpFunction(Deployment deployment) {
    this.deployment = deployment;
  }

  /**
   * Serves one request.
   *
   * @param request the framework's request
   * @param response the framework's response
   */
  @Override
  public void service(
      com.google.cloud.functions.HttpRequest request,
      com.google.cloud.functions.HttpResponse response) {
    Headers headers;
    FunctionException refused = null;
    try {
      headers = HttpCodec.headers(request);
    } catch (FunctionException malformed) {
      // A header HTTP does not allow: the request is refused (400) before anything reads it.
      headers = Headers.empty();
      refused = malformed;
    }
    String invocationId =
        headers
            .first(EXECUTION_ID_HEADER)
            .map(String::trim)
            .filter(id -> !id.isEmpty())
            .orElseGet(GcpHttpFunction::newExecutionId);
    boolean schedule = deployment.function().kind() == FunctionKind.SCHEDULE;
    InvocationContext context =
        deployment.context(
            schedule ? TriggerType.TIMER : TriggerType.HTTP,
            schedule ? "gcp_cloud_scheduler" : "http",
            invocationId,
            TraceContext.fromHeaders(headers),
            request,
            response);
    if (deployment.debug()) {
      context
          .logger()
          .debug(
              refused != null
                  ? "Refused the request before decoding it: a header name or value has a character"
                      + " HTTP does not allow."
                  : schedule
                      ? "Classified the request as a Cloud Scheduler HTTP tick if it has an"
                          + " X-CloudScheduler, X-CloudScheduler-JobName or"
                          + " X-CloudScheduler-ScheduleTime header (it has "
                          + (SchedulerRequest.isFromScheduler(headers) ? "one" : "none")
                          + "); function "
                          + deployment.functionName()
                          + " is a schedule event function."
                      : "Classified the request as an HTTP request; function "
                          + deployment.functionName()
                          + " is "
                          + deployment.function().kind().description()
                          + ".");
    }
    HttpResponse answer;
    try {
      if (refused != null) {
        throw refused;
      }
      answer = handle(request, headers, context);
    } catch (Throwable failure) {
      FunctionRunner.rethrowIfFatal(failure);
      answer = FunctionRunner.problem(failure, context);
    }
    if (Thread.currentThread().isInterrupted()) {
      // The runner logs no failure for an interrupted invocation (the interrupter is to report
      // it), and the invoker never interrupts: say it once here, with the execution id.
      context
          .logger()
          .warn(
              "The thread serving this request to function "
                  + deployment.functionName()
                  + " was interrupted (is the instance shutting down?); answered "
                  + answer.statusCode()
                  + ".");
    }
    try {
      HttpCodec.encode(answer, response);
    } catch (IOException gone) {
      context.logger().warn("Could not send the response (" + answer.statusCode() + "): " + gone);
    } finally {
      FunctionRunner.finish(context, answer);
    }
  }

  private HttpResponse handle(
      com.google.cloud.functions.HttpRequest request, Headers headers, Context context)
      throws IOException {
    FunctionDefinition function = deployment.function();
    HttpRequest portable = HttpCodec.decode(request, headers);
    if (function.kind() == FunctionKind.SCHEDULE) {
      return schedule(function, portable, context);
    }
    return FunctionRunner.http(function, portable, context);
  }

  private static HttpResponse schedule(
      FunctionDefinition function, HttpRequest request, Context context) {
    if (!SchedulerRequest.isFromScheduler(request.headers())) {
      return FunctionRunner.toProblem(
          FunctionRunner.unsupportedTrigger(
              SchedulerRequest.notFromScheduler(function.name()), context),
          context);
    }
    ScheduleEvent tick;
    try {
      tick = SchedulerRequest.read(request.headers(), Instant.now());
    } catch (FunctionException malformed) {
      return FunctionRunner.problem(malformed, context);
    }
    try {
      FunctionRunner.event(function, tick, context);
      return HttpResponse.noContent();
    } catch (Throwable failure) {
      FunctionRunner.rethrowIfFatal(failure);
      return FunctionRunner.toProblem(failure, context); // already logged by the runner
    }
  }

  /**
   * A random (version 4) UUID from {@link ThreadLocalRandom}: an id must be unique, not secret, and
   * {@code UUID.randomUUID()} would seed {@code SecureRandom} on the first request of every
   * instance (tens of milliseconds of cold start).
   */
  static String newExecutionId() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long high = (random.nextLong() & ~0xF000L) | 0x4000L;
    long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(high, low).toString();
  }

  @Override
  public String toString() {
    return "GcpHttpFunction[" + deployment.functionName() + "]";
  }
}
