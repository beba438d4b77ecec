package dev.portablefunctions.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portablefunctions.Context;
import dev.portablefunctions.FunctionException;
import dev.portablefunctions.Message;
import dev.portablefunctions.TraceContext;
import dev.portablefunctions.spi.BatchMode;
import dev.portablefunctions.spi.BatchResult;
import dev.portablefunctions.spi.FunctionDefinition;
import dev.portablefunctions.spi.FunctionKind;
import dev.portablefunctions.spi.FunctionRunner;
import dev.portablefunctions.spi.InvocationContext;
import dev.portablefunctions.spi.ReportedFailure;
import dev.portablefunctions.spi.TriggerType;
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
 * <p><b>Failures.</b> When the function throws, or the event's data cannot be decoded, the cause is
 * logged once (with the execution id, and the stack trace for an unexpected exception) and {@link
 * #accept} throws a {@link ReportedFailure}: no stack trace, no cause, only what a caller may see.
 * The invoker answers 500, so Pub/Sub or Eventarc redelivers the event according to the trigger's
 * retry policy and dead-letter topic. Nothing else is affected: one event is one invocation. An
 * event of a type the function does not take is a deployment error, reported as on every cloud:
 * logged at {@code ERROR} with what the function takes, and failed the same way. A function whose
 * thread is interrupted (the instance shutting down) fails the event too, logged once at {@code
 * WARN}. A CloudEvent the invoker cannot parse (missing {@code id}, bad {@code specversion},
 * invalid JSON) never reaches this class; the invoker answers 500 with an empty body and logs its
 * own stack trace.
 *
 * <p><b>Context.</b> The invocation id is the CloudEvent's {@code id} (stable across redeliveries,
 * so one id finds every attempt); the trace comes from the {@code traceparent} extension only,
 * because the invoker shows a {@code CloudEventsFunction} no HTTP headers; the deadline is known
 * when {@code CLOUD_RUN_TIMEOUT_SECONDS} is set; {@code unwrap(CloudEvent.class)} returns the event
 * as delivered, and {@code unwrap(JsonNode.class)} its data as JSON (one event is one record: the
 * Pub/Sub {@code MessagePublishedData} with {@code message} and {@code subscription}, the Cloud
 * Storage {@code StorageObjectData}, any other JSON data; empty when the data is not JSON), built
 * only when asked for. The function name is the portable function's name ({@code K_SERVICE} is in
 * the environment). The selection rules are those of {@link GcpHttpFunction}: a deployment without
 * a function this class can run fails to start.
 *
 * <p>Thread-safe: the invoker calls {@link #accept} from many threads at once.
 */
public final class GcpEventFunction implements com.google.cloud.functions.CloudEventsFunction {

  private final Deployment deployment;

  /**
   * Selects, creates and logs the function this instance serves, from {@code PORTABLE_FUNCTION}.
   *
   * @throws IllegalStateException if no function can be selected, or the selected one is not a
   *     message, storage, schedule or CloudEvent function; the reason is logged first, and the
   *     invoker then exits without opening its port
   */
  public GcpEventFunction() {
    this(
        Deployment.fromEnvironment(
            Deployment.Entry.EVENT, GcpEventFunction.class.getClassLoader()));
  }

  GcpEventFunction(Deployment deployment) {
    this.deployment = deployment;
  }

  /**
   * Handles one event.
   *
   * @param event the event, as the invoker parsed it
   * @throws ReportedFailure when the event failed, after logging why
   */
  @Override
  public void accept(CloudEvent event) {
    String type = event.getType();
    boolean pubsub = type.equals(EventCodec.PUBSUB_PUBLISHED);
    boolean storage =
        type.equals(EventCodec.STORAGE_FINALIZED) || type.equals(EventCodec.STORAGE_DELETED);
    FunctionDefinition function = deployment.function();
    InvocationContext context =
        deployment
            .context(
                pubsub
                    ? function.kind() == FunctionKind.SCHEDULE
                        ? TriggerType.TIMER
                        : TriggerType.PUBSUB
                    : storage ? TriggerType.DATASOURCE : TriggerType.OTHER,
                pubsub ? "gcp_pubsub" : storage ? "gcp_storage" : "eventarc",
                event.getId(),
                trace(event),
                event)
            .withRecord(JsonNode.class, () -> EventCodec.dataTree(event));
    ReportedFailure thrown = null;
    try {
      run(event, function, context);
    } catch (ReportedFailure failure) {
      thrown = failure;
      throw failure;
    } finally {
      FunctionRunner.finish(context, thrown);
    }
  }

  private void run(CloudEvent event, FunctionDefinition function, InvocationContext context) {
    if (deployment.debug()) {
      context
          .logger()
          .debug(
              "Classified the CloudEvent by its type attribute as "
                  + (EventCodec.PUBSUB_PUBLISHED.equals(event.getType())
                      ? "a Pub/Sub message"
                      : EventCodec.STORAGE_FINALIZED.equals(event.getType())
                              || EventCodec.STORAGE_DELETED.equals(event.getType())
                          ? "a Cloud Storage object change"
                          : "an event of another type")
                  + " (trace from its traceparent extension: "
                  + (event.getExtension("traceparent") == null ? "absent" : "present")
                  + "); function "
                  + function.name()
                  + " is "
                  + function.kind().description()
                  + " and "
                  + (takes(function.kind(), event.getType()) ? "takes it." : "does not take it."));
    }
    if (!takes(function.kind(), event.getType())) {
      throw FunctionRunner.unsupportedTrigger(
          "Function "
              + function.name()
              + " is "
              + function.kind().description()
              + " and takes "
              + accepted(function.kind())
              + ", not "
              + EventCodec.describe(event)
              + ". Check the trigger's event filters.",
          context);
    }
    Object portable;
    try {
      portable = decode(function.kind(), event);
    } catch (Throwable failure) {
      FunctionRunner.rethrowIfFatal(failure);
      FunctionRunner.logFailure(
          failure,
          context,
          "Function " + function.name() + " cannot take " + EventCodec.describe(event));
      throw ReportedFailure.of(failure, context);
    }
    if (function.kind() == FunctionKind.MESSAGE) {
      BatchResult result =
          FunctionRunner.messages(
              function, List.of((Message) portable), context, BatchMode.INDEPENDENT);
      if (!result.allSucceeded()) {
        BatchResult.Failure failure = result.failures().get(0);
        // A skipped message was logged as such by the runner; a message that ran and failed was
        // logged by it unless the thread was interrupted.
        throw failure.skipped()
            ? ReportedFailure.of(failure.error(), context)
            : reported(failure.error(), function, context);
      }
      return;
    }
    try {
      FunctionRunner.event(function, portable, context);
    } catch (Throwable failure) {
      FunctionRunner.rethrowIfFatal(failure);
      throw reported(failure, function, context);
    }
  }

  /** The portable value a function of this kind receives for an event it takes. */
  private static Object decode(FunctionKind kind, CloudEvent event) {
    switch (kind) {
      case MESSAGE:
        return EventCodec.message(event);
      case STORAGE:
        return EventCodec.storage(event);
      case SCHEDULE:
        return EventCodec.schedule(event, Instant.now());
      default:
        return event;
    }
  }

  /**
   * What to throw for a failure out of the runner. The runner logged it, unless the thread was
   * interrupted: then it logged nothing (the interrupter is to report it), and since the invoker
   * never interrupts, the failure is logged here.
   */
  private static ReportedFailure reported(
      Throwable failure, FunctionDefinition function, Context context) {
    if (!Thread.currentThread().isInterrupted()) {
      return ReportedFailure.of(failure, context);
    }
    String detail =
        "The invocation was interrupted before function " + function.name() + " finished.";
    context
        .logger()
        .warn(
            detail
                + " Is the instance shutting down? The event fails, and is delivered again if the"
                + " trigger retries.");
    return ReportedFailure.of(FunctionException.Kind.TIMEOUT, detail);
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
