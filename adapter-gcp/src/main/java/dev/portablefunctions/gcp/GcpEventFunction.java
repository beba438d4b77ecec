package dev.portablefunctions.gcp;

import dev.portablefunctions.FunctionException;
import dev.portablefunctions.TraceContext;
import dev.portablefunctions.spi.BatchMode;
import dev.portablefunctions.spi.BatchResult;
import dev.portablefunctions.spi.FunctionDefinition;
import dev.portablefunctions.spi.FunctionKind;
import dev.portablefunctions.spi.FunctionRunner;
import dev.portablefunctions.spi.InvocationContext;
import io.cloudevents.CloudEvent;
import java.time.Instant;
import java.util.List;

/**
 * The Google Cloud Functions entry point for portable functions triggered by events, which the
 * Functions Framework delivers as CloudEvents (Eventarc sends them in binary mode; structured mode
 * works too):
 *
 * <table>
 *   <caption>What each kind of function takes</caption>
 *   <tr><th>function</th><th>event type</th><th>it receives</th></tr>
 *   <tr><td>{@code MessageFunction}</td><td>{@code google.cloud.pubsub.topic.v1.messagePublished}</td>
 *       <td>the message: decoded data, attributes, message id, publish time, ordering key</td></tr>
 *   <tr><td>{@code EventFunction<StorageEvent>}</td>
 *       <td>{@code google.cloud.storage.object.v1.finalized} and {@code .deleted}</td>
 *       <td>bucket, object name, size, etag, content type, the event's time</td></tr>
 *   <tr><td>{@code EventFunction<ScheduleEvent>}</td>
 *       <td>{@code google.cloud.pubsub.topic.v1.messagePublished} from a Cloud Scheduler job with a
 *       Pub/Sub target</td><td>the publish time; no job name (Scheduler sends none)</td></tr>
 *   <tr><td>{@code EventFunction<CloudEvent>}</td><td>any</td><td>the CloudEvent as delivered</td></tr>
 * </table>
 *
 * <pre>{@code
 * gcloud functions deploy orders --gen2 --runtime=java17 --trigger-topic=orders \
 *     --entry-point=dev.portablefunctions.gcp.GcpEventFunction \
 *     --set-env-vars=PORTABLE_FUNCTION=orders
 * }</pre>
 *
 * <p><b>Failures.</b> When the function throws, when the event's data cannot be decoded, when the
 * event's type is not one the function takes, or when the deployment has no function it can run,
 * the cause is logged once (with the execution id, and the stack trace for an unexpected exception)
 * and {@link #accept} throws an exception without a stack trace: the invoker answers 500, so Pub/Sub
 * or Eventarc redelivers the event according to the trigger's retry policy and dead-letter topic.
 * Nothing else is affected: one event is one invocation. A CloudEvent the invoker cannot parse
 * (missing {@code id}, bad {@code specversion}, invalid JSON) never reaches this class; the invoker
 * answers 500 with an empty body and logs its own stack trace.
 *
 * <p><b>Context.</b> The invocation id is the CloudEvent's {@code id} (stable across redeliveries, so
 * one id finds every attempt); the trace comes from the {@code traceparent} extension only, because
 * the invoker shows a {@code CloudEventsFunction} no HTTP headers; the deadline is known when {@code
 * CLOUD_RUN_TIMEOUT_SECONDS} is set; {@code unwrap(CloudEvent.class)} returns the event as
 * delivered. The selection rules are those of {@link GcpHttpFunction}.
 *
 * <p>Thread-safe: the invoker calls {@link #accept} from many threads at once.
 */
public final class GcpEventFunction implements com.google.cloud.functions.CloudEventsFunction {

  private final Deployment deployment;

  /**
   * Selects, creates and logs the function this instance serves, from {@code PORTABLE_FUNCTION}.
   * Never throws: a configuration error is logged, and then reported on every event.
   */
  public GcpEventFunction() {
    this(Deployment.fromEnvironment(Deployment.Entry.EVENT, GcpEventFunction.class.getClassLoader()));
  }

  GcpEventFunction(Deployment deployment) {
    this.deployment = deployment;
  }

  /**
   * Handles one event.
   *
   * @param event the event, as the invoker parsed it
   * @throws RuntimeException (without a stack trace) when the event failed, after logging why
   */
  @Override
  public void accept(CloudEvent event) {
    InvocationContext context = deployment.context(event.getId(), trace(event), event);
    FunctionDefinition function = deployment.function();
    if (function == null) {
      context.logger().error(deployment.misconfiguration());
      throw new EventFailedException(
          "Cannot run a function for " + EventCodec.describe(event) + ": "
              + deployment.misconfiguration());
    }
    if (!takes(function.kind(), event.getType())) {
      String detail =
          "Function "
              + function.name()
              + " is "
              + function.kind().description()
              + " and takes "
              + accepted(function.kind())
              + ", not "
              + EventCodec.describe(event)
              + " from "
              + event.getSource()
              + ". Check the trigger's event filters.";
      context.logger().error(detail);
      throw new EventFailedException(detail);
    }
    try {
      function.instance(); // outside the runner's message loop a failure here would not be logged
      switch (function.kind()) {
        case MESSAGE:
          BatchResult result =
              FunctionRunner.messages(
                  function, List.of(EventCodec.message(event)), context, BatchMode.INDEPENDENT);
          if (!result.allSucceeded()) {
            throw failed(function, event);
          }
          return;
        case STORAGE:
          run(function, EventCodec.storage(event), context, event);
          return;
        case SCHEDULE:
          run(function, EventCodec.schedule(event, Instant.now()), context, event);
          return;
        default:
          run(function, event, context, event);
      }
    } catch (EventFailedException alreadyLogged) {
      throw alreadyLogged;
    } catch (Throwable failure) {
      // Decoding failed, or the function could not be created: not logged yet.
      FunctionRunner.rethrowIfFatal(failure);
      FunctionRunner.logFailure(
          failure, context, "Function " + function.name() + " cannot take " + EventCodec.describe(event));
      throw new EventFailedException(
          "Function "
              + function.name()
              + " cannot take "
              + EventCodec.describe(event)
              + ": "
              + (failure instanceof FunctionException
                  ? ((FunctionException) failure).detail()
                  : failure.toString()));
    }
  }

  private static void run(
      FunctionDefinition function, Object portable, InvocationContext context, CloudEvent event) {
    try {
      FunctionRunner.event(function, portable, context);
    } catch (Throwable failure) {
      FunctionRunner.rethrowIfFatal(failure);
      throw failed(function, event); // the runner logged it
    }
  }

  private static EventFailedException failed(FunctionDefinition function, CloudEvent event) {
    return new EventFailedException(
        "Function "
            + function.name()
            + " failed on "
            + EventCodec.describe(event)
            + "; the cause is logged with execution_id "
            + event.getId());
  }

  /** Whether a function of this kind takes events of this type. */
  static boolean takes(FunctionKind kind, String type) {
    switch (kind) {
      case MESSAGE:
      case SCHEDULE:
        return type.equals(EventCodec.PUBSUB_PUBLISHED);
      case STORAGE:
        return type.equals(EventCodec.STORAGE_FINALIZED) || type.equals(EventCodec.STORAGE_DELETED);
      case CLOUD_EVENT:
        return true;
      default:
        return false;
    }
  }

  private static String accepted(FunctionKind kind) {
    switch (kind) {
      case MESSAGE:
      case SCHEDULE:
        return EventCodec.PUBSUB_PUBLISHED + " events";
      default:
        return EventCodec.STORAGE_FINALIZED + " and " + EventCodec.STORAGE_DELETED + " events";
    }
  }

  private static TraceContext trace(CloudEvent event) {
    Object traceparent = event.getExtension("traceparent");
    return traceparent == null
        ? TraceContext.empty()
        : TraceContext.of(traceparent.toString(), null, null, null);
  }

  @Override
  public String toString() {
    return "GcpEventFunction[" + deployment.functionName() + "]";
  }
}
