package dev.portablefunctions.azure;

import com.fasterxml.jackson.databind.JsonNode;
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
import dev.portablefunctions.HttpResponse;
import dev.portablefunctions.Message;
import dev.portablefunctions.StorageEvent;
import dev.portablefunctions.spi.BatchMode;
import dev.portablefunctions.spi.BatchResult;
import dev.portablefunctions.spi.FunctionDefinition;
import dev.portablefunctions.spi.FunctionKind;
import dev.portablefunctions.spi.FunctionRunner;
import dev.portablefunctions.spi.InvocationContext;
import dev.portablefunctions.spi.ReportedFailure;
import dev.portablefunctions.spi.TriggerType;
import java.nio.charset.StandardCharsets;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The methods the Azure Functions Java worker calls: one per trigger kind, named as the {@code
 * entryPoint} of the {@code function.json} files that the Portable Functions Maven plugin writes
 * ({@code dev.portablefunctions.maven.azure.AzureApp}; for example {@code
 * dev.portablefunctions.azure.AzureFunctions.queue}). Users do not call them; they deploy portable
 * functions and let the plugin point the host here.
 *
 * <p><b>Which function runs.</b> The Azure function's name ({@code
 * ExecutionContext.getFunctionName()}) names the portable function, optionally followed by {@code
 * _} and a suffix, so that one portable function can have several triggers in one app ({@code
 * echo-message} and {@code echo-message_orders} both run {@code echo-message}). A name that matches
 * no function, a function whose kind the trigger cannot feed, or an Event Grid event a storage
 * function cannot take, is a deployment error, reported as on every cloud ({@link
 * FunctionRunner#unsupportedTrigger}): logged once at {@code ERROR} with what the app offers,
 * answered with a 500 {@code application/problem+json} whose detail names only the invocation id
 * over HTTP, and thrown to the host otherwise. {@code PORTABLE_FUNCTION} is not used.
 *
 * <p><b>Binding.</b> Each trigger parameter carries the Azure annotation whose {@code name} the
 * worker matches against the binding's name in {@code function.json}; metadata comes through
 * {@code @BindingName} as {@code String}, read tolerantly (JSON-quoted dates, numbers as text).
 * Only metadata the extensions always send is bound, since the worker fails an invocation whose
 * {@code @BindingName} has no value.
 *
 * <p><b>Failures.</b> HTTP: a problem response, never an exception (see {@link FunctionRunner}).
 * Everything else: the failure is logged once, with its stack trace, by the shared pipeline, and a
 * {@link FunctionException} of its kind is thrown to the host in its place: no stack trace, no
 * cause, only a detail safe to show (a {@code FunctionException}'s own, else one that names the
 * invocation id). The host's retry behaviour applies (Queue Storage retries then moves the message
 * to {@code <queue>-poison}; Service Bus abandons it and dead-letters it after {@code
 * MaxDeliveryCount}; Event Hubs, see {@link #eventHub}). The Java worker reports that exception to
 * the host wrapped in its own: the host's failure record then holds {@code
 * dev.portablefunctions.FunctionException} and that detail and a stack trace of the worker's own
 * frames (its invocation machinery), but no frame of the function or this adapter, no internal
 * message and no payload.
 *
 * <p><b>Per-record native access.</b> {@code context.unwrap(ExecutionContext.class)} gives the
 * worker's context on every trigger; {@code context.unwrap(JsonNode.class)} gives the current
 * record's own JSON, built only when asked for: a message's trigger metadata under the host's names
 * ({@code Id}, {@code DequeueCount}, {@code InsertionTime} for Queue Storage; {@code MessageId},
 * {@code DeliveryCount}, {@code EnqueuedTimeUtc}, {@code ApplicationProperties} for Service Bus;
 * {@code SystemProperties} and {@code Properties} of the current event of an Event Hubs batch), the
 * blob's {@code BlobTrigger} and {@code Properties}, the timer's {@code TimerInfo}, the Event Grid
 * event as delivered.
 *
 * <p>The worker creates an instance per invocation; all state lives in a per-class-loader {@code
 * Dispatcher}, so instances are cheap. Thread-safe.
 */
public final class AzureFunctions {

  /**
   * The app setting that tells the adapter the HTTP route prefix of {@code host.json}, which it
   * removes from the path an HTTP function sees: the prefix without slashes at either end, or
   * {@code /} for none. Unset, the adapter assumes the host's default, {@value
   * #DEFAULT_ROUTE_PREFIX}. The plugin's generator writes it into the app settings of an app with a
   * route prefix of its own.
   */
  public static final String ROUTE_PREFIX_SETTING = "PORTABLE_ROUTE_PREFIX";

  /**
   * The app setting with which the host itself overrides {@code host.json}'s route prefix; when
   * set, the adapter reads the prefix from it rather than from {@value #ROUTE_PREFIX_SETTING}.
   */
  public static final String HOST_ROUTE_PREFIX_SETTING =
      "AzureFunctionsJobHost__extensions__http__routePrefix";

  /** The host's default HTTP route prefix. */
  public static final String DEFAULT_ROUTE_PREFIX = "api";

  /*
   * The names of the trigger bindings, which the worker matches against the bindings' names in
   * function.json: what the plugin's generator writes (its tests check each entry method against
   * it).
   */
  static final String HTTP_BINDING = "request";
  static final String QUEUE_BINDING = "message";
  static final String SERVICE_BUS_BINDING = "message";
  static final String EVENT_HUB_BINDING = "events";
  static final String BLOB_BINDING = "content";
  static final String TIMER_BINDING = "timer";
  static final String EVENT_GRID_BINDING = "event";

  private static final byte[] NO_BODY = new byte[0];

  private final Dispatcher dispatcher;

  static {
    // When the worker first uses this class: the function index and the shared JSON mapper are
    // set up now rather than in the first invocation.
    Dispatcher.shared().prepare();
  }

  /** Creates the entry point; the worker calls this for each invocation. */
  public AzureFunctions() {
    this(Dispatcher.shared());
  }

  AzureFunctions(Dispatcher dispatcher) {
    this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
  }

  /**
   * An HTTP trigger on the default route, {@code <function name>/{*path}}, whose body the worker
   * delivers as text, whatever its content type. The worker turns the body's bytes into a {@code
   * String} with the worker JVM's default charset, and this method turns it back into bytes as
   * UTF-8: text in UTF-8 arrives intact when that charset is UTF-8 (the app setting {@code
   * JAVA_OPTS=-Dfile.encoding=UTF-8}, which the plugin writes into {@code app-settings.json}; the
   * default on Java 18 and later), and is damaged otherwise (on Java 17 under {@code LANG=C}, even
   * UTF-8 text). Bytes that are not UTF-8, such as an {@code application/octet-stream} or {@code
   * multipart/*} upload, are not rejected: each invalid sequence becomes U+FFFD and the function
   * receives damaged bytes. Functions that take binary bodies belong on {@link #httpBinary} ({@code
   * <azure><binary>true</binary>} in the plugin's settings), which receives the bytes unchanged.
   * Runs an HTTP function, or a typed function on a JSON {@code POST}. The function's {@code
   * path()} is the path below {@code /<route prefix>/<function name>}.
   *
   * @param request the request
   * @param context the worker's context
   * @return the response; a failure is a problem response
   */
  public HttpResponseMessage http(
      @HttpTrigger(name = HTTP_BINDING) HttpRequestMessage<Optional<String>> request,
      ExecutionContext context) {
    return serve(request, text(request), context, true);
  }

  /**
   * An HTTP trigger on a custom route ({@code <route>} in the plugin's settings), whose body the
   * worker delivers as text (with the same charset caveat); as {@link #http}, except that the
   * function's {@code path()} is the path below {@code /<route prefix>} only.
   *
   * @param request the request
   * @param context the worker's context
   * @return the response; a failure is a problem response
   */
  public HttpResponseMessage httpCustomRoute(
      @HttpTrigger(name = HTTP_BINDING) HttpRequestMessage<Optional<String>> request,
      ExecutionContext context) {
    return serve(request, text(request), context, false);
  }

  /**
   * An HTTP trigger on the default route with {@code dataType: binary}, for functions that receive
   * binary bodies ({@code application/octet-stream}, {@code multipart/*}, images), which the host
   * delivers as bytes, unchanged.
   *
   * @param request the request
   * @param context the worker's context
   * @return the response; a failure is a problem response
   */
  public HttpResponseMessage httpBinary(
      @HttpTrigger(name = HTTP_BINDING, dataType = "binary")
          HttpRequestMessage<Optional<byte[]>> request,
      ExecutionContext context) {
    return serve(request, bytes(request), context, true);
  }

  /**
   * An HTTP trigger on a custom route with {@code dataType: binary}; as {@link #httpBinary}, except
   * that the function's {@code path()} is the path below {@code /<route prefix>} only.
   *
   * @param request the request
   * @param context the worker's context
   * @return the response; a failure is a problem response
   */
  public HttpResponseMessage httpBinaryCustomRoute(
      @HttpTrigger(name = HTTP_BINDING, dataType = "binary")
          HttpRequestMessage<Optional<byte[]>> request,
      ExecutionContext context) {
    return serve(request, bytes(request), context, false);
  }

  private static byte[] text(HttpRequestMessage<Optional<String>> request) {
    Optional<String> body = request.getBody();
    return body == null || body.isEmpty() ? NO_BODY : body.get().getBytes(StandardCharsets.UTF_8);
  }

  /** The body the worker delivered, copied: the worker's array stays reachable from the request. */
  private static byte[] bytes(HttpRequestMessage<Optional<byte[]>> request) {
    Optional<byte[]> body = request.getBody();
    return body == null || body.isEmpty() ? NO_BODY : body.get().clone();
  }

  private HttpResponseMessage serve(
      HttpRequestMessage<?> request, byte[] body, ExecutionContext azure, boolean defaultRoute) {
    Context context = dispatcher.context(azure, request, TriggerType.HTTP, "http");
    HttpResponse answer = answer(request, body, azure, defaultRoute, context);
    try {
      return HttpMapping.response(request, answer, context);
    } finally {
      FunctionRunner.finish(context, answer);
    }
  }

  private HttpResponse answer(
      HttpRequestMessage<?> request,
      byte[] body,
      ExecutionContext azure,
      boolean defaultRoute,
      Context context) {
    FunctionDefinition function;
    try {
      function = dispatcher.resolve(azure, context, "an HTTP trigger", Dispatcher.HTTP_KINDS);
    } catch (ReportedFailure misdeployed) {
      return FunctionRunner.toProblem(misdeployed, context);
    }
    HttpRequest portable;
    try {
      portable =
          HttpMapping.request(
              request,
              body,
              dispatcher.routePrefix(),
              defaultRoute ? Dispatcher.azureName(azure) : null,
              context);
    } catch (RuntimeException undecodable) {
      return FunctionRunner.problem(undecodable, context);
    }
    return FunctionRunner.http(function, portable, context);
  }

  /**
   * A Queue Storage trigger ({@code dataType: binary}): the body, {@code Id} as the message id,
   * {@code DequeueCount} as the delivery attempt and {@code InsertionTime} as the publish time. A
   * failure is thrown: the host makes the message visible again and, after {@code maxDequeueCount}
   * attempts (5 by default), moves it to {@code <queue>-poison}.
   *
   * @param message the message body
   * @param id the message id
   * @param dequeueCount how many times it has been dequeued
   * @param insertionTime when it was inserted
   * @param context the worker's context
   * @throws FunctionException if the function failed (logged)
   */
  public void queue(
      @QueueTrigger(name = QUEUE_BINDING, dataType = "binary", queueName = "", connection = "")
          byte[] message,
      @BindingName("Id") String id,
      @BindingName("DequeueCount") String dequeueCount,
      @BindingName("InsertionTime") String insertionTime,
      ExecutionContext context) {
    Context portable =
        dispatcher
            .context(context, message, TriggerType.PUBSUB, "azure_queue")
            .withRecord(
                JsonNode.class,
                () ->
                    MessageMapping.record(
                        "Id", id, "DequeueCount", dequeueCount, "InsertionTime", insertionTime));
    reportingTo(
        portable,
        () -> {
          one(
              context,
              portable,
              "a Queue Storage trigger",
              MessageMapping.queue(
                  message, id, dequeueCount, insertionTime, portable.invocationId()));
        });
  }

  /**
   * A Service Bus queue trigger ({@code dataType: binary}, one message per invocation): the body,
   * {@code MessageId}, {@code DeliveryCount}, {@code EnqueuedTimeUtc} and the application
   * properties as attributes. A failure is thrown: the host abandons the message, Service Bus
   * delivers it again and dead-letters it once its delivery count passes the entity's {@code
   * MaxDeliveryCount}.
   *
   * @param message the message body
   * @param messageId the message id
   * @param deliveryCount the delivery count, from 1
   * @param enqueuedTimeUtc when it was enqueued, in UTC
   * @param applicationProperties the application properties, as a JSON object
   * @param context the worker's context
   * @throws FunctionException if the function failed (logged)
   */
  public void serviceBusQueue(
      @ServiceBusQueueTrigger(
              name = SERVICE_BUS_BINDING,
              dataType = "binary",
              queueName = "",
              connection = "")
          byte[] message,
      @BindingName("MessageId") String messageId,
      @BindingName("DeliveryCount") String deliveryCount,
      @BindingName("EnqueuedTimeUtc") String enqueuedTimeUtc,
      @BindingName("ApplicationProperties") String applicationProperties,
      ExecutionContext context) {
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
   * @throws FunctionException if the function failed (logged)
   */
  public void serviceBusTopic(
      @ServiceBusTopicTrigger(
              name = SERVICE_BUS_BINDING,
              dataType = "binary",
              topicName = "",
              subscriptionName = "",
              connection = "")
          byte[] message,
      @BindingName("MessageId") String messageId,
      @BindingName("DeliveryCount") String deliveryCount,
      @BindingName("EnqueuedTimeUtc") String enqueuedTimeUtc,
      @BindingName("ApplicationProperties") String applicationProperties,
      ExecutionContext context) {
    serviceBus(message, messageId, deliveryCount, enqueuedTimeUtc, applicationProperties, context);
  }

  private void serviceBus(
      byte[] message,
      String messageId,
      String deliveryCount,
      String enqueuedTimeUtc,
      String applicationProperties,
      ExecutionContext context) {
    Context portable =
        dispatcher
            .context(context, message, TriggerType.PUBSUB, "servicebus")
            .withRecord(
                JsonNode.class,
                () ->
                    MessageMapping.record(
                        "MessageId", messageId,
                        "DeliveryCount", deliveryCount,
                        "EnqueuedTimeUtc", enqueuedTimeUtc,
                        "ApplicationProperties", applicationProperties));
    reportingTo(
        portable,
        () -> {
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
        });
  }

  /**
   * Runs an invocation's body and finishes its outcome record. A failure already logged (a {@link
   * ReportedFailure}) reaches the host as {@link ReportedFailure#toFunctionException()}: the type
   * users know, with the kind and caller-safe detail only.
   */
  private static void reportingTo(Context portable, Runnable body) {
    Throwable thrown = null;
    try {
      body.run();
    } catch (ReportedFailure failure) {
      thrown = failure;
      throw failure.toFunctionException();
    } catch (RuntimeException | Error failure) {
      thrown = failure;
      throw failure;
    } finally {
      FunctionRunner.finish(portable, thrown);
    }
  }

  private void one(ExecutionContext azure, Context context, String trigger, Message message) {
    FunctionDefinition function = resolve(azure, context, trigger, Dispatcher.MESSAGE_KINDS);
    BatchResult result =
        FunctionRunner.messages(function, List.of(message), context, BatchMode.INDEPENDENT);
    if (!result.allSucceeded()) {
      throw reported(result.failures().get(0).error(), function, context);
    }
  }

  /**
   * An Event Hubs trigger with {@code cardinality: many} and {@code dataType: binary}: each event
   * of the batch runs in isolation, in order, whatever happens to the others. Its id is its
   * sequence number (unique within its partition), its ordering key its partition key, its publish
   * time its enqueued time, its attributes its application properties; with a retry policy, the
   * delivery attempt is the worker's retry count plus one.
   *
   * <p>Event Hubs has no per-event redelivery. If any event failed, this method throws, after the
   * whole batch has run, a {@link FunctionException} that lists the failed sequence numbers (each
   * failure has been logged with its message id and stack trace). Without a retry policy on the
   * function, the host then records the invocation as failed and still advances the checkpoint: the
   * failed events are not delivered again, and the log line of each failure is what remains of
   * them. With a retry policy (a {@code retry} block in {@code function.json}), the host runs the
   * whole batch again, successful events included, and holds the partition's checkpoint until the
   * retries end; after the last one, it moves on.
   *
   * @param events the event bodies
   * @param systemPropertiesArray each event's system properties, as a JSON array
   * @param propertiesArray each event's application properties, as a JSON array
   * @param context the worker's context
   * @throws FunctionException listing the failed events, if any failed
   */
  public void eventHub(
      @EventHubTrigger(
              name = EVENT_HUB_BINDING,
              dataType = "binary",
              eventHubName = "",
              connection = "",
              cardinality = Cardinality.MANY)
          byte[][] events,
      @BindingName("SystemPropertiesArray") String systemPropertiesArray,
      @BindingName("PropertiesArray") String propertiesArray,
      ExecutionContext context) {
    InvocationContext portable =
        dispatcher.context(context, events, TriggerType.PUBSUB, "eventhubs");
    reportingTo(
        portable,
        () -> {
          eventHub(events, systemPropertiesArray, propertiesArray, context, portable);
        });
  }

  private void eventHub(
      byte[][] events,
      String systemPropertiesArray,
      String propertiesArray,
      ExecutionContext context,
      InvocationContext portable) {
    FunctionDefinition function =
        resolve(context, portable, "an Event Hubs trigger", Dispatcher.MESSAGE_KINDS);
    RetryContext retry = context.getRetryContext();
    List<Message> messages =
        MessageMapping.eventHub(
            events,
            systemPropertiesArray,
            propertiesArray,
            retry == null ? 0 : retry.getRetrycount() + 1);
    // Each event runs with its own metadata as its record; the arrays are parsed once, if asked.
    Map<Message, Integer> positions = new IdentityHashMap<>();
    for (int i = 0; i < messages.size(); i++) {
      positions.put(messages.get(i), i);
    }
    JsonNode[] trees = new JsonNode[2];
    Supplier<JsonNode[]> metadata =
        () -> {
          synchronized (trees) {
            if (trees[0] == null) {
              trees[0] = Metadata.tree(systemPropertiesArray);
              trees[1] = Metadata.tree(propertiesArray);
            }
            return trees;
          }
        };
    BatchResult result =
        FunctionRunner.messages(
            function,
            messages,
            portable,
            BatchMode.INDEPENDENT,
            message ->
                portable.withRecord(
                    JsonNode.class,
                    () -> {
                      JsonNode[] parsed = metadata.get();
                      return MessageMapping.eventHubRecord(
                          parsed[0], parsed[1], positions.getOrDefault(message, -1));
                    }));
    if (!result.allSucceeded()) {
      throw ReportedFailure.of(
          Thread.currentThread().isInterrupted()
              ? FunctionException.Kind.TIMEOUT
              : FunctionException.Kind.INTERNAL,
          result.failures().size()
              + " of "
              + result.size()
              + " events failed (sequence numbers "
              + String.join(", ", result.failedIds())
              + "). Event Hubs does not deliver single events again: without a retry policy"
              + " the checkpoint moves past them; with one, the whole batch runs again. Each"
              + " failure is in the logs under invocation id "
              + portable.invocationId()
              + ".");
    }
  }

  /**
   * A blob trigger ({@code dataType: binary}): a {@code CREATED} storage event whose container and
   * blob name come from {@code BlobTrigger}, and size, content type, ETag and time from {@code
   * Properties}. The host reads the whole blob to deliver it; for large blobs prefer Event Grid. A
   * failure is thrown: the host tries 5 times, then writes a message to {@code
   * webjobs-blobtrigger-poison}.
   *
   * @param content the blob's content
   * @param blobTrigger {@code container/blob name}
   * @param properties the blob's properties, as JSON
   * @param context the worker's context
   * @throws FunctionException if the function failed (logged)
   */
  public void blob(
      @BlobTrigger(name = BLOB_BINDING, dataType = "binary", path = "", connection = "")
          byte[] content,
      @BindingName("BlobTrigger") String blobTrigger,
      @BindingName("Properties") String properties,
      ExecutionContext context) {
    Context portable =
        dispatcher
            .context(context, content, TriggerType.DATASOURCE, "azure_blob")
            .withRecord(
                JsonNode.class,
                () -> MessageMapping.record("BlobTrigger", blobTrigger, "Properties", properties));
    reportingTo(
        portable,
        () -> {
          FunctionDefinition function =
              resolve(context, portable, "a Blob Storage trigger", Dispatcher.BLOB_KINDS);
          StorageEvent event =
              decode(portable, () -> EventMapping.blob(blobTrigger, properties, content));
          event(function, event, portable);
        });
  }

  /**
   * A timer trigger: a schedule event whose name is the Azure function's name and whose time is the
   * occurrence the host is running ({@code ScheduleStatus.Next}, also when it runs late), or now
   * when that lies more than 5 seconds ahead (a run on start-up) or is absent (schedule monitoring
   * off). A failure is thrown; the next run is on schedule (or sooner with a retry policy).
   *
   * @param timerInfo the worker's {@code TimerInfo} JSON
   * @param context the worker's context
   * @throws FunctionException if the function failed (logged)
   */
  public void timer(
      @TimerTrigger(name = TIMER_BINDING, schedule = "") String timerInfo,
      ExecutionContext context) {
    Context portable =
        dispatcher
            .context(context, timerInfo, TriggerType.TIMER, "timer")
            .withRecord(JsonNode.class, () -> Metadata.tree(timerInfo));
    reportingTo(
        portable,
        () -> {
          FunctionDefinition function =
              resolve(context, portable, "a timer trigger", Dispatcher.TIMER_KINDS);
          String name =
              context.getFunctionName() == null ? function.name() : context.getFunctionName();
          event(function, EventMapping.timer(timerInfo, name, dispatcher.clock()), portable);
        });
  }

  /**
   * An Event Grid trigger, one event per invocation, in the Event Grid schema or the CloudEvents
   * schema. A CloudEvent function gets every event as a CloudEvent (Event Grid schema: {@code id},
   * {@code topic} as source, {@code eventType} as type, {@code subject}, {@code eventTime} as time,
   * {@code data} as JSON). A storage function gets {@code Microsoft.Storage.BlobCreated} and {@code
   * BlobDeleted} events as storage events; any other event type is a deployment error (filter the
   * subscription to the two), logged at {@code ERROR} and thrown without running the function, as
   * on every cloud. A failure is thrown: Event Grid retries delivery with backoff, then drops or
   * dead-letters the event as the subscription says.
   *
   * @param event one event, as JSON
   * @param context the worker's context
   * @throws FunctionException if the event could not be run or the function failed (logged)
   */
  public void eventGrid(
      @EventGridTrigger(name = EVENT_GRID_BINDING) String event, ExecutionContext context) {
    Context portable =
        dispatcher
            .context(context, event, TriggerType.OTHER, "eventgrid")
            .withRecord(JsonNode.class, () -> Metadata.tree(event));
    reportingTo(
        portable,
        () -> {
          eventGrid(event, context, portable);
        });
  }

  private void eventGrid(String event, ExecutionContext context, Context portable) {
    FunctionDefinition function =
        resolve(context, portable, "an Event Grid trigger", Dispatcher.EVENT_GRID_KINDS);
    Object decoded;
    if (function.kind() == FunctionKind.STORAGE) {
      decoded = decode(portable, () -> EventMapping.storage(event));
      if (decoded == null) {
        throw FunctionRunner.unsupportedTrigger(
            "Function "
                + function.name()
                + " is a storage function and takes "
                + EventMapping.BLOB_CREATED
                + " and "
                + EventMapping.BLOB_DELETED
                + " events; Event Grid delivered "
                + EventMapping.describeType(event)
                + ", which was not run. Event Grid retries it, then drops or dead-letters it."
                + " Filter the Event Grid subscription to those two types.",
            portable);
      }
    } else {
      decoded = decode(portable, () -> EventMapping.cloudEvent(event));
    }
    event(function, decoded, portable);
  }

  /** Runs an event function; a failure, logged by the runner, is thrown as a reported failure. */
  private static void event(FunctionDefinition function, Object event, Context context) {
    try {
      FunctionRunner.event(function, event, context);
    } catch (Throwable failure) {
      FunctionRunner.rethrowIfFatal(failure);
      throw reported(failure, function, context);
    }
  }

  private FunctionDefinition resolve(
      ExecutionContext azure, Context context, String trigger, Set<FunctionKind> kinds) {
    return dispatcher.resolve(azure, context, trigger, kinds);
  }

  private static <T> T decode(Context context, Supplier<T> decoder) {
    try {
      return decoder.get();
    } catch (RuntimeException undecodable) {
      FunctionRunner.logFailure(
          undecodable,
          context,
          "Function " + context.functionName() + " could not decode its trigger");
      throw ReportedFailure.of(undecodable, context);
    }
  }

  /**
   * What to throw to the host for a failure the runner has handled: if the invocation's thread was
   * interrupted (the runner then logged nothing and left the interrupt status set), a timeout;
   * otherwise the failure, already logged, as a {@link ReportedFailure}.
   */
  private static ReportedFailure reported(
      Throwable failure, FunctionDefinition function, Context context) {
    if (Thread.currentThread().isInterrupted()) {
      return ReportedFailure.of(
          FunctionException.Kind.TIMEOUT,
          "The invocation was interrupted before function " + function.name() + " finished.");
    }
    return ReportedFailure.of(failure, context);
  }
}
