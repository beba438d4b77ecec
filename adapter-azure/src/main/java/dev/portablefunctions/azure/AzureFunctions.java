package dev.portablefunctions.azure;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.RetryContext;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.BlobTrigger;
import com.microsoft.azure.functions.annotation.Cardinality;
import com.microsoft.azure.functions.annotation.EventGridTrigger;
import com.microsoft.azure.functions.annotation.EventHubTrigger;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import com.microsoft.azure.functions.annotation.QueueTrigger;
import com.microsoft.azure.functions.annotation.ServiceBusQueueTrigger;
import com.microsoft.azure.functions.annotation.ServiceBusTopicTrigger;
import com.microsoft.azure.functions.annotation.TimerTrigger;
import dev.portablefunctions.Context;
import dev.portablefunctions.FunctionException;
import dev.portablefunctions.HttpRequest;
import dev.portablefunctions.Message;
import dev.portablefunctions.StorageEvent;
import dev.portablefunctions.spi.BatchMode;
import dev.portablefunctions.spi.BatchResult;
import dev.portablefunctions.spi.FunctionDefinition;
import dev.portablefunctions.spi.FunctionKind;
import dev.portablefunctions.spi.FunctionRunner;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The methods the Azure Functions Java worker calls: one per trigger kind, named as the {@code
 * entryPoint} of the {@code function.json} files that {@link AzureApp} writes (for example {@code
 * dev.portablefunctions.azure.AzureFunctions.queue}). Users do not call them; they deploy portable
 * functions and let {@link AzureApp} point the host here.
 *
 * <p><b>Which function runs.</b> The Azure function's name ({@code ExecutionContext.getFunctionName()})
 * names the portable function, optionally followed by {@code _} and a suffix, so that one portable
 * function can have several triggers in one app ({@code echo-message} and {@code
 * echo-message_orders} both run {@code echo-message}). A name that matches no function, or a
 * function whose kind the trigger cannot feed, is a deployment error: it is logged with what the
 * app offers, answered with a 500 {@code application/problem+json} over HTTP and thrown to the host
 * otherwise. {@code PORTABLE_FUNCTION} is not used.
 *
 * <p><b>Binding.</b> Each trigger parameter carries the Azure annotation whose {@code name} the
 * worker matches against the binding's name in {@code function.json}; metadata comes through
 * {@code @BindingName} as {@code String}, read tolerantly (JSON-quoted dates, numbers as text). Only
 * metadata the extensions always send is bound, since the worker fails an invocation whose {@code
 * @BindingName} has no value.
 *
 * <p><b>Failures.</b> HTTP: a problem response, never an exception (see {@link FunctionRunner}).
 * Everything else: the failure is logged once and rethrown, so the host's retry behaviour applies
 * (Queue Storage retries then moves the message to {@code <queue>-poison}; Service Bus abandons it
 * and dead-letters it after {@code MaxDeliveryCount}; Event Hubs, see {@link #eventHub}).
 *
 * <p>The worker creates an instance per invocation; all state lives in a per-class-loader {@code
 * Dispatcher}, so instances are cheap. Thread-safe.
 */
public final class AzureFunctions {

  private static final byte[] NO_BODY = new byte[0];

  private final Dispatcher dispatcher;

  /** Creates the entry point; the worker calls this for each invocation. */
  public AzureFunctions() {
    this(Dispatcher.shared());
  }

  AzureFunctions(Dispatcher dispatcher) {
    this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
  }

  /**
   * An HTTP trigger whose body the host delivers as text: every content type except {@code
   * application/octet-stream} and {@code multipart/*}, which the host delivers as bytes and which
   * this method cannot bind (use {@link #httpBinary}). The host has decoded the body as UTF-8; it
   * is re-encoded as UTF-8. Runs an HTTP function, or a typed function on a JSON {@code POST}.
   *
   * @param request the request
   * @param context the worker's context
   * @return the response; a failure is a problem response
   */
  public HttpResponseMessage http(
      @HttpTrigger(name = AzureTrigger.Http.BINDING) HttpRequestMessage<Optional<String>> request,
      ExecutionContext context) {
    Optional<String> body = request.getBody();
    byte[] bytes =
        body == null ? NO_BODY : body.map(text -> text.getBytes(StandardCharsets.UTF_8)).orElse(NO_BODY);
    return serve(request, bytes, context);
  }

  /**
   * An HTTP trigger with {@code dataType: binary} for functions that receive {@code
   * application/octet-stream} or {@code multipart/*} bodies, which the host delivers as bytes,
   * unchanged. The worker cannot bind a text body to {@code byte[]}, so requests with any other
   * content type fail in the worker before they reach this method.
   *
   * @param request the request
   * @param context the worker's context
   * @return the response; a failure is a problem response
   */
  public HttpResponseMessage httpBinary(
      @HttpTrigger(name = AzureTrigger.Http.BINDING, dataType = "binary")
          HttpRequestMessage<Optional<byte[]>> request,
      ExecutionContext context) {
    Optional<byte[]> body = request.getBody();
    return serve(request, body == null ? NO_BODY : body.orElse(NO_BODY), context);
  }

  private HttpResponseMessage serve(
      HttpRequestMessage<?> request, byte[] body, ExecutionContext azure) {
    Context context = dispatcher.context(azure, request);
    FunctionDefinition function;
    try {
      function = dispatcher.resolve(azure, context, "an HTTP trigger", Dispatcher.HTTP_KINDS);
    } catch (FunctionException misdeployed) {
      return HttpMapping.response(
          request,
          FunctionRunner.problem(misdeployed.kind(), misdeployed.detail(), context.invocationId()),
          context);
    }
    HttpRequest portable;
    try {
      portable = HttpMapping.request(request, body);
    } catch (RuntimeException undecodable) {
      return HttpMapping.response(request, FunctionRunner.problem(undecodable, context), context);
    }
    return HttpMapping.response(request, FunctionRunner.http(function, portable, context), context);
  }

  /**
   * A Queue Storage trigger ({@code dataType: binary}): the body, {@code Id} as the message id,
   * {@code DequeueCount} as the delivery attempt and {@code InsertionTime} as the publish time. A
   * failure is rethrown: the host makes the message visible again and, after {@code
   * maxDequeueCount} attempts (5 by default), moves it to {@code <queue>-poison}.
   *
   * @param message the message body
   * @param id the message id
   * @param dequeueCount how many times it has been dequeued
   * @param insertionTime when it was inserted
   * @param context the worker's context
   * @throws Exception what the function threw
   */
  public void queue(
      @QueueTrigger(name = AzureTrigger.Queue.BINDING, dataType = "binary", queueName = "", connection = "")
          byte[] message,
      @BindingName("Id") String id,
      @BindingName("DequeueCount") String dequeueCount,
      @BindingName("InsertionTime") String insertionTime,
      ExecutionContext context)
      throws Exception {
    Context portable = dispatcher.context(context, message);
    one(
        context,
        portable,
        "a Queue Storage trigger",
        MessageMapping.queue(message, id, dequeueCount, insertionTime, portable.invocationId()));
  }

  /**
   * A Service Bus queue trigger ({@code dataType: binary}, one message per invocation): the body,
   * {@code MessageId}, {@code DeliveryCount}, {@code EnqueuedTimeUtc} and the application
   * properties as attributes. A failure is rethrown: the host abandons the message, Service Bus
   * delivers it again and dead-letters it once its delivery count passes the entity's {@code
   * MaxDeliveryCount}.
   *
   * @param message the message body
   * @param messageId the message id
   * @param deliveryCount the delivery count, from 1
   * @param enqueuedTimeUtc when it was enqueued, in UTC
   * @param applicationProperties the application properties, as a JSON object
   * @param context the worker's context
   * @throws Exception what the function threw
   */
  public void serviceBusQueue(
      @ServiceBusQueueTrigger(
              name = AzureTrigger.ServiceBus.BINDING,
              dataType = "binary",
              queueName = "",
              connection = "")
          byte[] message,
      @BindingName("MessageId") String messageId,
      @BindingName("DeliveryCount") String deliveryCount,
      @BindingName("EnqueuedTimeUtc") String enqueuedTimeUtc,
      @BindingName("ApplicationProperties") String applicationProperties,
      ExecutionContext context)
      throws Exception {
    serviceBus(message, messageId, deliveryCount, enqueuedTimeUtc, applicationProperties, context);
  }

  /**
   * A Service Bus topic subscription trigger; see {@link #serviceBusQueue}.
   *
   * @param message the message body
   * @param messageId the message id
   * @param deliveryCount the delivery count, from 1
   * @param enqueuedTimeUtc when it was enqueued, in UTC
   * @param applicationProperties the application properties, as a JSON object
   * @param context the worker's context
   * @throws Exception what the function threw
   */
  public void serviceBusTopic(
      @ServiceBusTopicTrigger(
              name = AzureTrigger.ServiceBus.BINDING,
              dataType = "binary",
              topicName = "",
              subscriptionName = "",
              connection = "")
          byte[] message,
      @BindingName("MessageId") String messageId,
      @BindingName("DeliveryCount") String deliveryCount,
      @BindingName("EnqueuedTimeUtc") String enqueuedTimeUtc,
      @BindingName("ApplicationProperties") String applicationProperties,
      ExecutionContext context)
      throws Exception {
    serviceBus(message, messageId, deliveryCount, enqueuedTimeUtc, applicationProperties, context);
  }

  private void serviceBus(
      byte[] message,
      String messageId,
      String deliveryCount,
      String enqueuedTimeUtc,
      String applicationProperties,
      ExecutionContext context)
      throws Exception {
    Context portable = dispatcher.context(context, message);
    one(
        context,
        portable,
        "a Service Bus trigger",
        MessageMapping.serviceBus(
            message,
            messageId,
            deliveryCount,
            enqueuedTimeUtc,
            applicationProperties,
            portable.invocationId()));
  }

  private void one(ExecutionContext azure, Context context, String trigger, Message message)
      throws Exception {
    FunctionDefinition function = resolve(azure, context, trigger, Dispatcher.MESSAGE_KINDS);
    BatchResult result =
        FunctionRunner.messages(function, List.of(message), context, BatchMode.INDEPENDENT);
    if (!result.allSucceeded()) {
      throw rethrow(result.failures().get(0).error());
    }
  }

  /**
   * An Event Hubs trigger with {@code cardinality: many} and {@code dataType: binary}: each event of
   * the batch runs in isolation, in order, whatever happens to the others. Its id is its sequence
   * number (unique within its partition), its ordering key its partition key, its publish time its
   * enqueued time, its attributes its application properties; with a retry policy, the delivery
   * attempt is the worker's retry count plus one.
   *
   * <p>Event Hubs has no per-event redelivery. If any event failed, this method throws, after the
   * whole batch has run, an exception that lists the failed sequence numbers (the first failure is
   * its cause, the others are suppressed). Without a retry policy on the function, the host then
   * records the invocation as failed and still advances the checkpoint: the failed events are not
   * delivered again, and the log line of each failure is what remains of them. With a retry policy
   * ({@link RetryPolicy}), the host runs the whole batch again, successful events included, and
   * holds the partition's checkpoint until the retries end; after the last one, it moves on.
   *
   * @param events the event bodies
   * @param systemPropertiesArray each event's system properties, as a JSON array
   * @param propertiesArray each event's application properties, as a JSON array
   * @param context the worker's context
   * @throws Exception listing the failed events, if any failed
   */
  public void eventHub(
      @EventHubTrigger(
              name = AzureTrigger.EventHub.BINDING,
              dataType = "binary",
              eventHubName = "",
              connection = "",
              cardinality = Cardinality.MANY)
          byte[][] events,
      @BindingName("SystemPropertiesArray") String systemPropertiesArray,
      @BindingName("PropertiesArray") String propertiesArray,
      ExecutionContext context)
      throws Exception {
    Context portable = dispatcher.context(context, events);
    FunctionDefinition function =
        resolve(context, portable, "an Event Hubs trigger", Dispatcher.MESSAGE_KINDS);
    RetryContext retry = context.getRetryContext();
    List<Message> messages =
        MessageMapping.eventHub(
            events,
            systemPropertiesArray,
            propertiesArray,
            retry == null ? 0 : retry.getRetrycount() + 1);
    BatchResult result =
        FunctionRunner.messages(function, messages, portable, BatchMode.INDEPENDENT);
    if (!result.allSucceeded()) {
      FunctionException failed =
          FunctionException.of(
              FunctionException.Kind.INTERNAL,
              result.failures().size()
                  + " of "
                  + result.size()
                  + " events failed (sequence numbers "
                  + String.join(", ", result.failedIds())
                  + "). Event Hubs does not deliver single events again: without a retry policy"
                  + " the checkpoint moves past them; with one, the whole batch runs again.",
              result.failures().get(0).error());
      result.failures().stream().skip(1).forEach(f -> failed.addSuppressed(f.error()));
      throw failed;
    }
  }

  /**
   * A blob trigger ({@code dataType: binary}): a {@code CREATED} storage event whose container and
   * blob name come from {@code BlobTrigger}, and size, content type, ETag and time from {@code
   * Properties}. The host reads the whole blob to deliver it; for large blobs prefer Event Grid. A
   * failure is rethrown: the host tries 5 times, then writes a message to {@code
   * webjobs-blobtrigger-poison}.
   *
   * @param content the blob's content
   * @param blobTrigger {@code container/blob name}
   * @param properties the blob's properties, as JSON
   * @param context the worker's context
   * @throws Exception what the function threw
   */
  public void blob(
      @BlobTrigger(name = AzureTrigger.Blob.BINDING, dataType = "binary", path = "", connection = "")
          byte[] content,
      @BindingName("BlobTrigger") String blobTrigger,
      @BindingName("Properties") String properties,
      ExecutionContext context)
      throws Exception {
    Context portable = dispatcher.context(context, content);
    FunctionDefinition function =
        resolve(context, portable, "a Blob Storage trigger", Dispatcher.BLOB_KINDS);
    StorageEvent event = decode(portable, () -> EventMapping.blob(blobTrigger, properties, content));
    FunctionRunner.event(function, event, portable);
  }

  /**
   * A timer trigger: a schedule event whose name is the Azure function's name and whose time is the
   * occurrence the host is running ({@code ScheduleStatus.Next}, also when it runs late), or now
   * when that lies more than 5 seconds ahead (a run on start-up) or is absent (schedule monitoring
   * off). A failure is rethrown; the next run is on schedule (or sooner with a retry policy).
   *
   * @param timerInfo the worker's {@code TimerInfo} JSON
   * @param context the worker's context
   * @throws Exception what the function threw
   */
  public void timer(
      @TimerTrigger(name = AzureTrigger.Timer.BINDING, schedule = "") String timerInfo,
      ExecutionContext context)
      throws Exception {
    Context portable = dispatcher.context(context, timerInfo);
    FunctionDefinition function =
        resolve(context, portable, "a timer trigger", Dispatcher.TIMER_KINDS);
    String name = context.getFunctionName() == null ? function.name() : context.getFunctionName();
    FunctionRunner.event(
        function, EventMapping.timer(timerInfo, name, dispatcher.clock()), portable);
  }

  /**
   * An Event Grid trigger, one event per invocation, in the Event Grid schema or the CloudEvents
   * schema. A CloudEvent function gets every event as a CloudEvent (Event Grid schema: {@code id},
   * {@code topic} as source, {@code eventType} as type, {@code subject}, {@code eventTime} as time,
   * {@code data} as JSON). A storage function gets {@code Microsoft.Storage.BlobCreated} and {@code
   * BlobDeleted} events as storage events; other event types are logged as a warning and
   * acknowledged (filter the subscription to the two). A failure is rethrown: Event Grid retries
   * delivery with backoff, then drops or dead-letters the event as the subscription says.
   *
   * @param event one event, as JSON
   * @param context the worker's context
   * @throws Exception what the function threw
   */
  public void eventGrid(
      @EventGridTrigger(name = AzureTrigger.EventGrid.BINDING) String event,
      ExecutionContext context)
      throws Exception {
    Context portable = dispatcher.context(context, event);
    FunctionDefinition function =
        resolve(context, portable, "an Event Grid trigger", Dispatcher.EVENT_GRID_KINDS);
    Object decoded;
    if (function.kind() == FunctionKind.STORAGE) {
      decoded = decode(portable, () -> EventMapping.storage(event));
      if (decoded == null) {
        portable
            .logger()
            .warn(
                "Function "
                    + function.name()
                    + " takes Microsoft.Storage.BlobCreated and BlobDeleted events; another event"
                    + " type was acknowledged without running it. Filter the Event Grid"
                    + " subscription to those two types.");
        return;
      }
    } else {
      decoded = decode(portable, () -> EventMapping.cloudEvent(event));
    }
    FunctionRunner.event(function, decoded, portable);
  }

  private FunctionDefinition resolve(
      ExecutionContext azure, Context context, String trigger, Set<FunctionKind> kinds) {
    return dispatcher.resolve(azure, context, trigger, kinds);
  }

  @FunctionalInterface
  private interface Decoder<T> {
    T decode();
  }

  private static <T> T decode(Context context, Decoder<T> decoder) {
    try {
      return decoder.decode();
    } catch (RuntimeException undecodable) {
      FunctionRunner.logFailure(
          undecodable,
          context,
          "Function " + context.functionName() + " could not decode its trigger");
      throw undecodable;
    }
  }

  private static Exception rethrow(Throwable failure) {
    if (failure instanceof Exception) {
      return (Exception) failure;
    }
    if (failure instanceof Error) {
      throw (Error) failure;
    }
    return new IllegalStateException(failure);
  }

}
