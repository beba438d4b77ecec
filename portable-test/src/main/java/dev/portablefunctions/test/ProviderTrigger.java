package dev.portablefunctions.test;

import dev.portablefunctions.Cloud;
import dev.portablefunctions.HttpRequest;
import dev.portablefunctions.HttpResponse;
import dev.portablefunctions.test.internal.Edits;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One cloud trigger, such as {@code AWS SQS} or {@code Azure Event Hubs}, that turns what a test
 * cares about (a request, message bodies, an object key) into that provider's own payload (from the
 * kit's catalogue, changed only there), replays it through the provider's real adapter with a
 * {@link Replay}, and reads the provider's own answer back as a {@link Delivery}. {@link
 * ProviderEvents} supplies every trigger of an {@link EventKind} to a parameterised test:
 *
 * <pre>{@code
 * @ParameterizedTest(name = "{0}")
 * @ProviderEvents(EventKind.HTTP_REQUEST)
 * void greetsByName(ProviderTrigger trigger) {
 *   HttpResponse response =
 *       trigger.http(Replay.function("greet"), HttpRequest.builder("GET", "/").query("name", "Ada").build())
 *           .response();
 *   assertEquals("{\"message\":\"Hello, Ada\"}", response.bodyAsString());
 * }
 * }</pre>
 *
 * <p>Each method serves the kinds its Javadoc names and throws {@link IllegalStateException} on a
 * trigger of another kind. Immutable and thread-safe.
 */
public final class ProviderTrigger {

  /** The triggers, in the order the argument source supplies them. */
  private enum Source {
    AWS_API_GATEWAY_REST(
        Cloud.AWS, "AWS API Gateway REST API", EventKind.HTTP_REQUEST, EventKind.TYPED_INVOCATION),
    AWS_API_GATEWAY_HTTP(
        Cloud.AWS, "AWS API Gateway HTTP API", EventKind.HTTP_REQUEST, EventKind.TYPED_INVOCATION),
    AWS_LOAD_BALANCER(
        Cloud.AWS,
        "AWS Application Load Balancer",
        EventKind.HTTP_REQUEST,
        EventKind.TYPED_INVOCATION),
    AWS_FUNCTION_URL(
        Cloud.AWS, "AWS Lambda function URL", EventKind.HTTP_REQUEST, EventKind.TYPED_INVOCATION),
    AWS_DIRECT(Cloud.AWS, "AWS Lambda direct invocation", EventKind.TYPED_INVOCATION),
    AWS_SQS(Cloud.AWS, "AWS SQS", EventKind.MESSAGE_BATCH),
    AWS_SQS_FIFO(Cloud.AWS, "AWS SQS FIFO", EventKind.MESSAGE_BATCH),
    AWS_SNS(Cloud.AWS, "AWS SNS", EventKind.MESSAGE_BATCH),
    AWS_KINESIS(Cloud.AWS, "AWS Kinesis", EventKind.MESSAGE_BATCH),
    AWS_S3(Cloud.AWS, "AWS S3 notification", EventKind.STORAGE_CHANGE),
    AWS_EVENTBRIDGE_S3(Cloud.AWS, "AWS EventBridge S3 event", EventKind.STORAGE_CHANGE),
    AWS_EVENTBRIDGE_RULE(Cloud.AWS, "AWS EventBridge scheduled rule", EventKind.SCHEDULE_TICK),
    AWS_EVENTBRIDGE_SCHEDULER(Cloud.AWS, "AWS EventBridge Scheduler", EventKind.SCHEDULE_TICK),
    AWS_EVENTBRIDGE_CUSTOM(Cloud.AWS, "AWS EventBridge custom event", EventKind.CLOUD_EVENT),
    GCP_HTTP(
        Cloud.GCP,
        "Google Cloud HTTP function",
        EventKind.HTTP_REQUEST,
        EventKind.TYPED_INVOCATION),
    GCP_PUBSUB(Cloud.GCP, "Google Cloud Pub/Sub", EventKind.MESSAGE_BATCH),
    GCP_STORAGE(Cloud.GCP, "Google Cloud Storage", EventKind.STORAGE_CHANGE),
    GCP_SCHEDULER_PUBSUB(
        Cloud.GCP, "Google Cloud Scheduler (Pub/Sub target)", EventKind.SCHEDULE_TICK),
    GCP_SCHEDULER_HTTP(Cloud.GCP, "Google Cloud Scheduler (HTTP target)", EventKind.SCHEDULE_TICK),
    GCP_EVENTARC(Cloud.GCP, "Google Cloud Eventarc event", EventKind.CLOUD_EVENT),
    AZURE_HTTP(
        Cloud.AZURE, "Azure HTTP trigger", EventKind.HTTP_REQUEST, EventKind.TYPED_INVOCATION),
    AZURE_QUEUE(Cloud.AZURE, "Azure Queue Storage", EventKind.MESSAGE_BATCH),
    AZURE_SERVICE_BUS(Cloud.AZURE, "Azure Service Bus", EventKind.MESSAGE_BATCH),
    AZURE_EVENT_HUBS(Cloud.AZURE, "Azure Event Hubs", EventKind.MESSAGE_BATCH),
    AZURE_BLOB(Cloud.AZURE, "Azure Blob trigger", EventKind.STORAGE_CHANGE),
    AZURE_EVENT_GRID_BLOB(Cloud.AZURE, "Azure Event Grid BlobCreated", EventKind.STORAGE_CHANGE),
    AZURE_EVENT_GRID_BLOB_CLOUDEVENTS(
        Cloud.AZURE, "Azure Event Grid BlobCreated (CloudEvents schema)", EventKind.STORAGE_CHANGE),
    AZURE_TIMER(Cloud.AZURE, "Azure timer", EventKind.SCHEDULE_TICK),
    AZURE_EVENT_GRID_CUSTOM(Cloud.AZURE, "Azure Event Grid custom event", EventKind.CLOUD_EVENT),
    AZURE_EVENT_GRID_CLOUDEVENTS(
        Cloud.AZURE, "Azure Event Grid custom event (CloudEvents schema)", EventKind.CLOUD_EVENT);

    final Cloud cloud;
    final String title;
    final Set<EventKind> kinds;

    Source(Cloud cloud, String title, EventKind first, EventKind... more) {
      this.cloud = cloud;
      this.title = title;
      this.kinds = EnumSet.of(first, more);
    }
  }

  private static final Pattern SEQUENCE_NUMBERS = Pattern.compile("\\(sequence numbers ([^)]*)\\)");

  private final Source source;

  private ProviderTrigger(Source source) {
    this.source = source;
  }

  /**
   * Every trigger that delivers an event kind, AWS first, then Google Cloud, then Azure: what
   * {@link ProviderEvents} supplies.
   *
   * @param kind the kind
   * @return the triggers
   */
  public static List<ProviderTrigger> all(EventKind kind) {
    Objects.requireNonNull(kind, "kind");
    return Arrays.stream(Source.values())
        .filter(source -> source.kinds.contains(kind))
        .map(ProviderTrigger::new)
        .collect(Collectors.toUnmodifiableList());
  }

  /**
   * The cloud.
   *
   * @return the cloud
   */
  public Cloud cloud() {
    return source.cloud;
  }

  /**
   * The trigger's name, such as {@code AWS SQS FIFO}.
   *
   * @return the name
   */
  public String name() {
    return source.title;
  }

  // ---------------------------------------------------------------- HTTP and typed

  /**
   * Sends an HTTP request to an HTTP or typed function ({@link EventKind#HTTP_REQUEST}), in the
   * trigger's shape: the recorded request with the method, path, query, headers and body replaced
   * by the request's (on Azure, under {@code /<route prefix>/<Azure function name>}; a body that is
   * not UTF-8 goes to the binary entry point). The function sees the request's path on every cloud.
   *
   * @param replay the function
   * @param request the request
   * @return the delivery; its {@link Delivery#response()} is what the client receives
   */
  public Delivery http(Replay replay, HttpRequest request) {
    Objects.requireNonNull(replay, "replay");
    Objects.requireNonNull(request, "request");
    require(EventKind.HTTP_REQUEST, "http");
    return send(replay, request);
  }

  /**
   * Calls a typed function with a JSON input ({@link EventKind#TYPED_INVOCATION}): a direct
   * invocation on AWS; a {@code POST /} of {@code application/json} through the HTTP triggers.
   *
   * @param replay the function
   * @param json the input
   * @return the delivery; its {@link Delivery#output()} is the function's output
   */
  public Delivery invoke(Replay replay, String json) {
    Objects.requireNonNull(replay, "replay");
    Objects.requireNonNull(json, "json");
    require(EventKind.TYPED_INVOCATION, "invoke");
    if (source == Source.AWS_DIRECT) {
      LambdaResult result = replay.aws(AwsEvent.directInvocation(json));
      boolean failed = result.error().isPresent();
      return Delivery.of(
          this, List.of(result), !failed, null, result.output().orElse(null), result.logs());
    }
    HttpRequest post =
        HttpRequest.builder("POST", "/")
            .header("Content-Type", "application/json")
            .body(json)
            .build();
    return send(replay, post);
  }

  private Delivery send(Replay replay, HttpRequest request) {
    String target = Edits.encodePath(request.path());
    String query = Edits.rawQuery(request.queryParameters());
    String pathAndQuery = target + (query.isEmpty() ? "" : "?" + query);
    byte[] body = request.body();
    boolean text = isUtf8(body);
    Object result;
    HttpResponse response;
    List<com.fasterxml.jackson.databind.JsonNode> logs;
    switch (source) {
      case GCP_HTTP -> {
        GcpEvent event = GcpEvent.http(request.method(), pathAndQuery);
        for (Map.Entry<String, List<String>> header : request.headers().asMap().entrySet()) {
          event = event.withHeader(header.getKey(), String.join(", ", header.getValue()));
        }
        GcpResult answer = replay.gcp(event.withBody(body));
        result = answer;
        response = answer.httpResponse();
        logs = answer.logs();
      }
      case AZURE_HTTP -> {
        String prefix = replay.azureRoutePrefix();
        String base = (prefix.isEmpty() ? "" : "/" + prefix) + "/" + replay.azureFunctionName();
        String path = target.equals("/") ? base : base + target;
        AzureEvent event =
            AzureEvent.http(request.method(), path + (query.isEmpty() ? "" : "?" + query));
        for (Map.Entry<String, List<String>> header : request.headers().asMap().entrySet()) {
          event = event.withHeader(header.getKey(), String.join(",", header.getValue()));
        }
        if (body.length > 0) {
          event = event.withBody(body);
        }
        AzureResult answer = replay.azure(text ? event : event.binary());
        result = answer;
        logs = answer.logs();
        response = answer.response().isPresent() ? answer.httpResponse() : null;
      }
      default -> {
        AwsEvent event =
            switch (source) {
              case AWS_API_GATEWAY_REST -> AwsEvent.apiGatewayRest();
              case AWS_API_GATEWAY_HTTP -> AwsEvent.apiGatewayHttp();
              case AWS_LOAD_BALANCER -> AwsEvent.loadBalancer();
              default -> AwsEvent.functionUrl();
            };
        event = event.withMethod(request.method()).withPath(pathAndQuery);
        for (Map.Entry<String, List<String>> header : request.headers().asMap().entrySet()) {
          event = event.withHeader(header.getKey(), String.join(", ", header.getValue()));
        }
        event =
            body.length == 0
                ? event.withoutBody()
                : text
                    ? event.withBody(new String(body, StandardCharsets.UTF_8))
                    : event.withBody(body);
        LambdaResult answer = replay.aws(event);
        result = answer;
        logs = answer.logs();
        response = answer.error().isPresent() ? null : answer.httpResponse();
      }
    }
    boolean succeeded = response != null && response.statusCode() < 300;
    String output =
        response == null || response.statusCode() == 204 || response.statusCode() >= 300
            ? null
            : response.bodyAsString();
    return Delivery.of(this, List.of(result), succeeded, response, output, logs);
  }

  private static boolean isUtf8(byte[] bytes) {
    try {
      StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes));
      return true;
    } catch (CharacterCodingException notUtf8) {
      return false;
    }
  }

  // ---------------------------------------------------------------- messages

  /**
   * Delivers a batch of messages to a message function ({@link EventKind#MESSAGE_BATCH}) the way
   * the trigger delivers them: one SQS, SQS FIFO (all in one message group) or Kinesis invocation,
   * an Event Hubs invocation of the whole batch, or one invocation per message for SNS, Pub/Sub,
   * Queue Storage and Service Bus. The messages carry the recorded ids, then ids derived from them.
   *
   * @param replay the function
   * @param bodies the message bodies, as text
   * @return the delivery; {@link Delivery#assertFailed} checks the provider's failure report
   */
  public Delivery messages(Replay replay, String... bodies) {
    Objects.requireNonNull(replay, "replay");
    Objects.requireNonNull(bodies, "bodies");
    require(EventKind.MESSAGE_BATCH, "messages");
    if (bodies.length == 0) {
      throw new IllegalArgumentException("messages needs at least one body");
    }
    return switch (source) {
      case AWS_SQS, AWS_SQS_FIFO, AWS_KINESIS -> {
        AwsEvent event =
            (source == Source.AWS_SQS
                    ? AwsEvent.sqs()
                    : source == Source.AWS_SQS_FIFO ? AwsEvent.sqsFifo() : AwsEvent.kinesis())
                .withMessages(bodies);
        LambdaResult result = replay.aws(event);
        List<String> ids = event.messageIds();
        List<String> failed =
            result.error().isPresent()
                ? ids
                : result.output().isPresent() ? result.batchItemFailures() : List.of();
        yield Delivery.messages(
            this, List.of(result), ids, failed, source != Source.AWS_SQS, result.logs());
      }
      case AZURE_EVENT_HUBS -> {
        AzureEvent event = AzureEvent.eventHub().withMessages(bodies);
        AzureResult result = replay.azure(event);
        List<String> ids = event.messageIds();
        List<String> failed = List.of();
        if (result.failure().isPresent()) {
          Matcher listed =
              SEQUENCE_NUMBERS.matcher(String.valueOf(result.failure().get().getMessage()));
          failed = listed.find() ? Arrays.asList(listed.group(1).split(",\\s*")) : ids;
        }
        yield Delivery.messages(this, List.of(result), ids, failed, false, result.logs());
      }
      default -> oneByOne(replay, bodies);
    };
  }

  /** SNS, Pub/Sub, Queue Storage and Service Bus: one invocation per message. */
  private Delivery oneByOne(Replay replay, String[] bodies) {
    List<Object> results = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    List<com.fasterxml.jackson.databind.JsonNode> logs = new ArrayList<>();
    for (int i = 0; i < bodies.length; i++) {
      String id;
      boolean ok;
      switch (source) {
        case AWS_SNS -> {
          AwsEvent event = AwsEvent.sns().withMessages(bodies[i]);
          String recorded = event.messageIds().get(0);
          id = i == 0 ? recorded : Edits.derivedUuid(recorded, i);
          LambdaResult result = replay.aws(i == 0 ? event : event.withSnsMessageId(id));
          ok = result.error().isEmpty();
          results.add(result);
          logs.addAll(result.logs());
        }
        case GCP_PUBSUB -> {
          GcpEvent event = GcpEvent.pubSub().withMessages(bodies[i]);
          if (i > 0) {
            event = event.withId(String.valueOf(3103425958877813L + i));
          }
          id = event.messageId();
          GcpResult result = replay.gcp(event);
          ok = result.statusCode() >= 200 && result.statusCode() < 300;
          results.add(result);
          logs.addAll(result.logs());
        }
        default -> {
          AzureEvent event =
              (source == Source.AZURE_QUEUE ? AzureEvent.queue() : AzureEvent.serviceBusQueue())
                  .withMessages(bodies[i]);
          String recorded = event.messageIds().get(0);
          id = i == 0 ? recorded : Edits.derivedUuid(recorded, i);
          AzureResult result = replay.azure(event.withId(id));
          ok = result.failure().isEmpty();
          results.add(result);
          logs.addAll(result.logs());
        }
      }
      ids.add(id);
      if (!ok) {
        failed.add(id);
      }
    }
    return Delivery.messages(this, results, ids, failed, false, logs);
  }

  // ---------------------------------------------------------------- events

  /**
   * Delivers the creation of an object to a storage function ({@link EventKind#STORAGE_CHANGE}):
   * the recorded object-created event of the trigger, with the bucket (container) and key (blob or
   * object name) replaced.
   *
   * @param replay the function
   * @param bucket the bucket or container
   * @param key the object's key or name
   * @return the delivery
   */
  public Delivery storage(Replay replay, String bucket, String key) {
    Objects.requireNonNull(replay, "replay");
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(key, "key");
    require(EventKind.STORAGE_CHANGE, "storage");
    return switch (source) {
      case AWS_S3 -> aws(replay, AwsEvent.s3ObjectCreated().withObject(bucket, key));
      case AWS_EVENTBRIDGE_S3 ->
          aws(replay, AwsEvent.eventBridgeS3ObjectCreated().withObject(bucket, key));
      case GCP_STORAGE -> gcp(replay, GcpEvent.storageObjectFinalized().withObject(bucket, key));
      case AZURE_BLOB -> azure(replay, AzureEvent.blob().withObject(bucket, key));
      case AZURE_EVENT_GRID_BLOB ->
          azure(replay, AzureEvent.eventGridBlobCreated().withObject(bucket, key));
      default -> azure(replay, AzureEvent.cloudEventsBlobCreated().withObject(bucket, key));
    };
  }

  /**
   * Delivers a schedule's tick to a schedule function ({@link EventKind#SCHEDULE_TICK}): the
   * trigger's recorded tick, unchanged.
   *
   * @param replay the function
   * @return the delivery
   */
  public Delivery tick(Replay replay) {
    Objects.requireNonNull(replay, "replay");
    require(EventKind.SCHEDULE_TICK, "tick");
    return switch (source) {
      case AWS_EVENTBRIDGE_RULE -> aws(replay, AwsEvent.eventBridgeScheduledRule());
      case AWS_EVENTBRIDGE_SCHEDULER -> aws(replay, AwsEvent.eventBridgeScheduler());
      case GCP_SCHEDULER_PUBSUB -> gcp(replay, GcpEvent.schedulerPubSub());
      case GCP_SCHEDULER_HTTP -> gcp(replay, GcpEvent.schedulerHttp());
      default -> azure(replay, AzureEvent.timer());
    };
  }

  /**
   * Delivers an event to a CloudEvent function ({@link EventKind#CLOUD_EVENT}): the trigger's
   * recorded event with its data (EventBridge's {@code detail}) replaced.
   *
   * @param replay the function
   * @param data the event's data, a JSON object
   * @return the delivery
   */
  public Delivery cloudEvent(Replay replay, String data) {
    Objects.requireNonNull(replay, "replay");
    Objects.requireNonNull(data, "data");
    require(EventKind.CLOUD_EVENT, "cloudEvent");
    return switch (source) {
      case AWS_EVENTBRIDGE_CUSTOM -> aws(replay, AwsEvent.eventBridgeCustom().withDetail(data));
      case GCP_EVENTARC -> gcp(replay, GcpEvent.auditLogWritten().withData(data));
      case AZURE_EVENT_GRID_CUSTOM -> azure(replay, AzureEvent.eventGridCustom().withData(data));
      default -> azure(replay, AzureEvent.cloudEventsCustom().withData(data));
    };
  }

  private Delivery aws(Replay replay, AwsEvent event) {
    LambdaResult result = replay.aws(event);
    return Delivery.of(this, List.of(result), result.error().isEmpty(), null, null, result.logs());
  }

  private Delivery gcp(Replay replay, GcpEvent event) {
    GcpResult result = replay.gcp(event);
    boolean ok = result.statusCode() >= 200 && result.statusCode() < 300;
    return Delivery.of(this, List.of(result), ok, null, null, result.logs());
  }

  private Delivery azure(Replay replay, AzureEvent event) {
    AzureResult result = replay.azure(event);
    return Delivery.of(
        this, List.of(result), result.failure().isEmpty(), null, null, result.logs());
  }

  private void require(EventKind kind, String method) {
    if (!source.kinds.contains(kind)) {
      throw new IllegalStateException(
          method + " is for " + kind + " triggers; " + source.title + " delivers " + source.kinds);
    }
  }

  /**
   * The trigger's name, as parameterised tests show it.
   *
   * @return the name
   */
  @Override
  public String toString() {
    return source.title;
  }
}
