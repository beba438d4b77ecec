package dev.portablefunctions.test;

import static dev.portablefunctions.test.internal.Edits.NODES;
import static dev.portablefunctions.test.internal.Edits.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portablefunctions.internal.UriPaths;
import dev.portablefunctions.test.internal.Catalogue;
import dev.portablefunctions.test.internal.Edits;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * One AWS Lambda event, as Lambda delivers it to a function: the JSON of an API Gateway request, an
 * SQS batch, an S3 notification, an EventBridge event, or any other payload. Replay it with {@link
 * Replay#aws(AwsEvent)}.
 *
 * <p>The catalogue methods ({@link #sqs()}, {@link #apiGatewayHttp()}, ...) return events recorded
 * from AWS's documentation and libraries, byte for byte (their sources are listed in the kit's
 * {@code dev/portablefunctions/test/events/SOURCES.md}). The {@code with...} methods return a copy
 * that changes only what a test cares about (a body, a header, a key), so every other field keeps
 * the shape AWS sends:
 *
 * <pre>{@code
 * AwsEvent batch = AwsEvent.sqs().withMessages("{\"email\":\"ada@example.com\"}", "not json");
 * LambdaResult result = Replay.function("signup").aws(batch);
 * assertEquals(List.of("2e1424d4-f796-459a-8184-9c92662be6da"), result.batchItemFailures());
 * }</pre>
 *
 * <p>Each {@code with...} method applies to the sources its Javadoc names and throws {@link
 * IllegalStateException} for any other. {@link #of(String)} takes any event JSON, recognises the
 * sources above by the fields AWS documents for them, and lets their {@code with...} methods apply.
 *
 * <p>Immutable and thread-safe.
 */
public final class AwsEvent {

  /** The sources this class can edit; the kit's own names, never parsed from the event. */
  enum Source {
    API_GATEWAY_REST("API Gateway REST API"),
    API_GATEWAY_HTTP("API Gateway HTTP API"),
    ALB("Application Load Balancer"),
    FUNCTION_URL("Lambda function URL"),
    SQS("SQS"),
    SNS("SNS"),
    KINESIS("Kinesis Data Streams"),
    DYNAMODB("DynamoDB Streams"),
    S3("S3 event notification"),
    EVENTBRIDGE("EventBridge"),
    DIRECT("direct invocation"),
    OTHER("Lambda event");

    final String description;

    Source(String description) {
      this.description = description;
    }

    boolean isHttp() {
      return this == API_GATEWAY_REST
          || this == API_GATEWAY_HTTP
          || this == ALB
          || this == FUNCTION_URL;
    }
  }

  private final Source source;
  private final String name;
  private final JsonNode json;
  private final String text;

  private AwsEvent(Source source, String name, JsonNode json, String text) {
    this.source = source;
    this.name = name;
    this.json = json;
    this.text = text;
  }

  private static AwsEvent recorded(Source source, String name, String file) {
    String text = Catalogue.text("aws/" + file);
    return new AwsEvent(source, name, Catalogue.parse(text, file), text);
  }

  // ---------------------------------------------------------------- the catalogue

  /**
   * An API Gateway proxy request in payload format 1.0, the REST API's format ({@code GET
   * /my/path}, with {@code headers} and {@code multiValueHeaders}), from the API Gateway Developer
   * Guide. Like the documented example, it says {@code "version": "1.0"}, as an HTTP API's payload
   * 1.0 does (a REST API's event has no {@code version}; remove it with {@link #of(String)} to
   * replay a REST API exactly).
   *
   * @return the event
   */
  public static AwsEvent apiGatewayRest() {
    return recorded(Source.API_GATEWAY_REST, "API Gateway REST API request", "apigw-rest-v1.json");
  }

  /**
   * An API Gateway HTTP API request, payload format 2.0 ({@code POST /my/path} with cookies), from
   * the API Gateway Developer Guide.
   *
   * @return the event
   */
  public static AwsEvent apiGatewayHttp() {
    return recorded(Source.API_GATEWAY_HTTP, "API Gateway HTTP API request", "apigw-http-v2.json");
  }

  /**
   * An Application Load Balancer request in single-value header mode ({@code GET /lambda}), from
   * the Lambda Developer Guide.
   *
   * @return the event
   */
  public static AwsEvent loadBalancer() {
    return recorded(Source.ALB, "Application Load Balancer request", "alb.json");
  }

  /**
   * An Application Load Balancer request with multi-value headers enabled on the target group, from
   * {@code aws/aws-lambda-go}'s test data.
   *
   * @return the event
   */
  public static AwsEvent loadBalancerMultiValue() {
    return recorded(
        Source.ALB,
        "Application Load Balancer request (multi-value headers)",
        "alb-multi-value.json");
  }

  /**
   * A Lambda function URL request ({@code POST /my/path}, IAM-authorised), from the Lambda
   * Developer Guide.
   *
   * @return the event
   */
  public static AwsEvent functionUrl() {
    return recorded(Source.FUNCTION_URL, "Lambda function URL request", "function-url.json");
  }

  /**
   * An SQS standard-queue batch of two messages, from the Lambda Developer Guide. The message ids
   * are {@code 059f36b4-87a3-44ab-83d2-661975830a7d} and {@code
   * 2e1424d4-f796-459a-8184-9c92662be6da}.
   *
   * @return the event
   */
  public static AwsEvent sqs() {
    return recorded(Source.SQS, "SQS batch", "sqs.json");
  }

  /**
   * An SQS FIFO-queue batch of one message (message group {@code 1}), from the Lambda Developer
   * Guide. {@link #withMessages} copies it, so every message of a larger batch is in that group.
   *
   * @return the event
   */
  public static AwsEvent sqsFifo() {
    return recorded(Source.SQS, "SQS FIFO batch", "sqs-fifo.json");
  }

  /**
   * An SNS notification (one record), from the Lambda Developer Guide.
   *
   * @return the event
   */
  public static AwsEvent sns() {
    return recorded(Source.SNS, "SNS notification", "sns.json");
  }

  /**
   * An S3 {@code ObjectCreated:Put} notification (bucket {@code mybucket}, key {@code
   * HappyFace.jpg}), from the Amazon S3 User Guide.
   *
   * @return the event
   */
  public static AwsEvent s3ObjectCreated() {
    return recorded(Source.S3, "S3 ObjectCreated:Put notification", "s3-put.json");
  }

  /**
   * An S3 {@code ObjectRemoved:Delete} notification, from Powertools for AWS Lambda's test events.
   *
   * @return the event
   */
  public static AwsEvent s3ObjectRemoved() {
    return recorded(Source.S3, "S3 ObjectRemoved:Delete notification", "s3-delete.json");
  }

  /**
   * An EventBridge scheduled rule's {@code Scheduled Event}, from the Lambda Developer Guide.
   *
   * @return the event
   */
  public static AwsEvent eventBridgeScheduledRule() {
    return recorded(
        Source.EVENTBRIDGE, "EventBridge scheduled rule event", "eventbridge-scheduled-rule.json");
  }

  /**
   * EventBridge Scheduler's default notification (a {@code Scheduled Event} from {@code
   * aws.scheduler}), from {@code aws/aws-lambda-java-libs}.
   *
   * @return the event
   */
  public static AwsEvent eventBridgeScheduler() {
    return recorded(
        Source.EVENTBRIDGE, "EventBridge Scheduler event", "eventbridge-scheduler.json");
  }

  /**
   * An S3 {@code Object Created} event delivered by EventBridge, from the Amazon S3 User Guide.
   *
   * @return the event
   */
  public static AwsEvent eventBridgeS3ObjectCreated() {
    return recorded(
        Source.EVENTBRIDGE,
        "EventBridge S3 Object Created event",
        "eventbridge-s3-object-created.json");
  }

  /**
   * An S3 {@code Object Deleted} event delivered by EventBridge, from the Amazon S3 User Guide.
   *
   * @return the event
   */
  public static AwsEvent eventBridgeS3ObjectDeleted() {
    return recorded(
        Source.EVENTBRIDGE,
        "EventBridge S3 Object Deleted event",
        "eventbridge-s3-object-deleted.json");
  }

  /**
   * A custom application's EventBridge event ({@code com.mycompany.myapp}, {@code myDetailType}),
   * assembled from the EventBridge User Guide.
   *
   * @return the event
   */
  public static AwsEvent eventBridgeCustom() {
    return recorded(Source.EVENTBRIDGE, "EventBridge custom event", "eventbridge-custom.json");
  }

  /**
   * A Kinesis Data Streams batch of two records, from the Lambda Developer Guide.
   *
   * @return the event
   */
  public static AwsEvent kinesis() {
    return recorded(Source.KINESIS, "Kinesis batch", "kinesis.json");
  }

  /**
   * A DynamoDB Streams batch of three records ({@code INSERT}, {@code MODIFY}, {@code REMOVE}),
   * from {@code aws/aws-lambda-java-libs}.
   *
   * @return the event
   */
  public static AwsEvent dynamoDbStreams() {
    return recorded(Source.DYNAMODB, "DynamoDB Streams batch", "dynamodb-streams.json");
  }

  /**
   * A direct invocation ({@code aws lambda invoke}, the SDK's {@code Invoke}): the JSON as the
   * caller sent it, with no envelope.
   *
   * @param json the payload
   * @return the event
   * @throws IllegalArgumentException if it is not JSON
   */
  public static AwsEvent directInvocation(String json) {
    Objects.requireNonNull(json, "json");
    return new AwsEvent(Source.DIRECT, "direct invocation", Catalogue.parse(json, "json"), json);
  }

  /**
   * Any Lambda event, such as one recorded from a real deployment; replayed byte for byte until a
   * {@code with...} method changes it. The sources this class edits are recognised by the fields
   * AWS documents for them ({@code Records[].eventSource}, {@code requestContext.elb}, ...).
   *
   * @param json the event
   * @return the event
   * @throws IllegalArgumentException if it is not JSON
   */
  public static AwsEvent of(String json) {
    Objects.requireNonNull(json, "json");
    JsonNode tree = Catalogue.parse(json, "json");
    Source source = recognise(tree);
    return new AwsEvent(source, source.description, tree, json);
  }

  private static Source recognise(JsonNode event) {
    if (!event.isObject()) {
      return Source.OTHER;
    }
    JsonNode records = event.get("Records");
    if (records != null && records.isArray() && records.size() > 0) {
      JsonNode record = records.get(0);
      String source = text(record, "eventSource");
      if (source == null) {
        source = text(record, "EventSource");
      }
      if (source != null) {
        return switch (source) {
          case "aws:sqs" -> Source.SQS;
          case "aws:sns" -> Source.SNS;
          case "aws:kinesis" -> Source.KINESIS;
          case "aws:dynamodb" -> Source.DYNAMODB;
          case "aws:s3" -> Source.S3;
          default -> Source.OTHER;
        };
      }
    }
    JsonNode context = event.get("requestContext");
    if (context != null && context.isObject()) {
      if (context.has("elb")) {
        return Source.ALB;
      }
      if (context.has("connectionId") || event.has("methodArn") || event.has("routeArn")) {
        return Source.OTHER; // WebSocket routes and authorizers
      }
      if ("2.0".equals(text(event, "version")) && context.has("http")) {
        String domain = text(context, "domainName");
        return domain != null && domain.contains(".lambda-url.")
            ? Source.FUNCTION_URL
            : Source.API_GATEWAY_HTTP;
      }
      if (event.has("httpMethod")) {
        return Source.API_GATEWAY_REST;
      }
    }
    if (event.has("detail-type") && event.has("source") && event.has("detail")) {
      return Source.EVENTBRIDGE;
    }
    return Source.OTHER;
  }

  // ---------------------------------------------------------------- the payload

  /**
   * The event's JSON, as Lambda delivers it: the recorded text unchanged until a {@code with...}
   * method changes it, then the edited tree (field order kept).
   *
   * @return the JSON
   */
  public String json() {
    return text != null ? text : Catalogue.write(json);
  }

  byte[] bytes() {
    return json().getBytes(StandardCharsets.UTF_8);
  }

  String name() {
    return name;
  }

  Source source() {
    return source;
  }

  /** The ids the source reports failures by, in batch order; empty for non-message sources. */
  List<String> messageIds() {
    List<String> ids = new ArrayList<>();
    for (JsonNode record : json.path("Records")) {
      switch (source) {
        case SQS -> ids.add(text(record, "messageId"));
        case SNS -> ids.add(text(record.path("Sns"), "MessageId"));
        case KINESIS -> ids.add(text(record.path("kinesis"), "sequenceNumber"));
        case DYNAMODB -> ids.add(text(record.path("dynamodb"), "SequenceNumber"));
        default -> {
          return List.of();
        }
      }
    }
    return List.copyOf(ids);
  }

  // ---------------------------------------------------------------- HTTP

  /**
   * Sets the request's method. Applies to API Gateway (REST and HTTP APIs), load balancer and
   * function URL requests.
   *
   * @param method such as {@code POST}
   * @return the changed event
   */
  public AwsEvent withMethod(String method) {
    Objects.requireNonNull(method, "method");
    requireHttp("withMethod");
    return edit(
        event -> {
          switch (source) {
            case API_GATEWAY_REST -> {
              event.put("httpMethod", method);
              if (event.get("requestContext") instanceof ObjectNode context
                  && context.has("httpMethod")) {
                context.put("httpMethod", method);
              }
            }
            case ALB -> event.put("httpMethod", method);
            default ->
                Edits.object(Edits.object(event, "requestContext"), "http").put("method", method);
          }
        });
  }

  /**
   * Sets the request's path and query, replacing the recorded ones, in each source's own fields and
   * encoding: {@code path} (percent-encoded for a REST API, decoded for an HTTP API's payload 1.0,
   * which says {@code "version": "1.0"}) and the decoded (multi-value) query maps; for the load
   * balancer, {@code path} and the query as sent (it decodes neither); {@code rawPath} (decoded for
   * the HTTP API, as sent for function URLs), {@code rawQueryString} and the comma-joined {@code
   * queryStringParameters} for payload 2.0.
   *
   * @param pathAndQuery such as {@code /greet?name=Ada}
   * @return the changed event
   * @throws IllegalArgumentException if it does not start with {@code /}
   */
  public AwsEvent withPath(String pathAndQuery) {
    String[] target = Edits.target(pathAndQuery);
    requireHttp("withPath");
    String path = target[0];
    String rawQuery = target[1];
    return edit(
        event -> {
          switch (source) {
            case API_GATEWAY_REST -> {
              // A REST API sends the path percent-encoded; an HTTP API's payload 1.0, decoded.
              String sent = "1.0".equals(text(event, "version")) ? UriPaths.decode(path) : path;
              event.put("path", sent);
              if (event.get("requestContext") instanceof ObjectNode context
                  && context.has("path")) {
                context.put("path", sent);
              }
              Map<String, List<String>> query = Edits.query(rawQuery, true);
              if (query.isEmpty()) {
                event.putNull("queryStringParameters");
                event.putNull("multiValueQueryStringParameters");
              } else {
                event.set("queryStringParameters", Edits.lastValues(query));
                event.set("multiValueQueryStringParameters", Edits.allValues(query));
              }
            }
            case ALB -> {
              event.put("path", path);
              Map<String, List<String>> query = Edits.query(rawQuery, false);
              if (event.has("multiValueHeaders")) {
                event.remove("queryStringParameters");
                event.set("multiValueQueryStringParameters", Edits.allValues(query));
              } else {
                event.remove("multiValueQueryStringParameters");
                event.set("queryStringParameters", Edits.lastValues(query));
              }
            }
            default -> {
              // An HTTP API sends rawPath decoded; a function URL, percent-encoded.
              String sent = source == Source.API_GATEWAY_HTTP ? UriPaths.decode(path) : path;
              event.put("rawPath", sent);
              event.put("rawQueryString", rawQuery == null ? "" : rawQuery);
              Edits.object(Edits.object(event, "requestContext"), "http").put("path", sent);
              Map<String, List<String>> query = Edits.query(rawQuery, true);
              if (query.isEmpty()) {
                event.remove("queryStringParameters");
              } else {
                ObjectNode joined = NODES.objectNode();
                query.forEach((name, values) -> joined.put(name, String.join(",", values)));
                event.set("queryStringParameters", joined);
              }
            }
          }
        });
  }

  /**
   * Sets one request header, replacing any recorded value of that name (compared ignoring case), in
   * each source's own fields: {@code headers} and {@code multiValueHeaders} for the REST API; the
   * mode's field, in lower case, for the load balancer; lower-case {@code headers} for the HTTP API
   * and function URLs, except {@code Cookie}, which becomes their {@code cookies} array.
   *
   * @param name the header's name
   * @param value its value
   * @return the changed event
   */
  public AwsEvent withHeader(String name, String value) {
    Edits.checkHeader(name, value);
    requireHttp("withHeader");
    return edit(
        event -> {
          switch (source) {
            case API_GATEWAY_REST -> {
              ObjectNode headers = Edits.object(event, "headers");
              Edits.removeIgnoringCase(headers, name);
              headers.put(name, value);
              ObjectNode multi = Edits.object(event, "multiValueHeaders");
              Edits.removeIgnoringCase(multi, name);
              multi.putArray(name).add(value);
            }
            case ALB -> {
              String lower = Edits.lower(name);
              if (event.has("multiValueHeaders")) {
                ObjectNode multi = Edits.object(event, "multiValueHeaders");
                Edits.removeIgnoringCase(multi, name);
                multi.putArray(lower).add(value);
              } else {
                ObjectNode headers = Edits.object(event, "headers");
                Edits.removeIgnoringCase(headers, name);
                headers.put(lower, value);
              }
            }
            default -> {
              if (name.equalsIgnoreCase("cookie")) {
                ArrayNode cookies = event.putArray("cookies");
                for (String cookie : value.split(";")) {
                  if (!cookie.isBlank()) {
                    cookies.add(cookie.trim());
                  }
                }
              } else {
                ObjectNode headers = Edits.object(event, "headers");
                Edits.removeIgnoringCase(headers, name);
                headers.put(Edits.lower(name), value);
              }
            }
          }
        });
  }

  /**
   * Sets the request body as text ({@code isBase64Encoded: false}). Set its {@code Content-Type}
   * with {@link #withHeader}. Applies to every HTTP source.
   *
   * @param text the body
   * @return the changed event
   */
  public AwsEvent withBody(String text) {
    Objects.requireNonNull(text, "text");
    requireHttp("withBody");
    return edit(
        event -> {
          event.put("body", text);
          event.put("isBase64Encoded", false);
        });
  }

  /**
   * Sets a binary request body, base64-encoded with {@code isBase64Encoded: true}, as the sources
   * deliver binary media. Applies to every HTTP source.
   *
   * @param bytes the body
   * @return the changed event
   */
  public AwsEvent withBody(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    requireHttp("withBody");
    String base64 = Base64.getEncoder().encodeToString(bytes);
    return edit(
        event -> {
          event.put("body", base64);
          event.put("isBase64Encoded", true);
        });
  }

  // ---------------------------------------------------------------- messages

  /**
   * Makes the batch carry these message bodies, in order. Each record is a copy of the recorded
   * record at the same position (the last recorded one past the end), with only its body changed
   * and, past the recorded records, the fields that must stay unique derived from the copied ones:
   *
   * <ul>
   *   <li>SQS: {@code body} and its {@code md5OfBody}; a copy's {@code messageId} is a new UUID,
   *       and on a FIFO queue its {@code SequenceNumber} and {@code MessageDeduplicationId} change
   *       too;
   *   <li>Kinesis: {@code data} (base64); a copy's {@code sequenceNumber} follows the last one;
   *   <li>SNS: exactly one body, the {@code Message} (SNS delivers one message per invocation).
   * </ul>
   *
   * @param bodies the bodies, as text
   * @return the changed event
   * @throws IllegalArgumentException if there is no body, or several for SNS
   */
  public AwsEvent withMessages(String... bodies) {
    Objects.requireNonNull(bodies, "bodies");
    if (bodies.length == 0) {
      throw new IllegalArgumentException("withMessages needs at least one body");
    }
    for (String body : bodies) {
      Objects.requireNonNull(body, "body");
    }
    return switch (source) {
      case SNS -> {
        if (bodies.length != 1) {
          throw new IllegalArgumentException(
              "SNS delivers one message per invocation; replay each of the "
                  + bodies.length
                  + " messages as its own event");
        }
        yield edit(
            event ->
                ((ObjectNode) event.path("Records").get(0).path("Sns")).put("Message", bodies[0]));
      }
      case SQS, KINESIS ->
          edit(event -> event.set("Records", records(event.path("Records"), bodies)));
      default -> throw unsupported("withMessages", "SQS, SNS and Kinesis events");
    };
  }

  private ArrayNode records(JsonNode recorded, String[] bodies) {
    ArrayNode records = NODES.arrayNode();
    BigInteger lastSequence = null;
    for (int i = 0; i < bodies.length; i++) {
      ObjectNode record = recorded.get(Math.min(i, recorded.size() - 1)).deepCopy();
      boolean copy = i >= recorded.size();
      if (source == Source.SQS) {
        record.put("body", bodies[i]);
        record.put("md5OfBody", Edits.md5(bodies[i]));
        if (copy) {
          String id = Edits.derivedUuid(text(record, "messageId"), i);
          record.put("messageId", id);
          if (record.get("attributes") instanceof ObjectNode attributes
              && attributes.has("SequenceNumber")) {
            BigInteger sequence = new BigInteger(text(attributes, "SequenceNumber"));
            attributes.put("SequenceNumber", sequence.add(BigInteger.valueOf(i)).toString());
            attributes.put("MessageDeduplicationId", id);
          }
        }
      } else {
        ObjectNode kinesis = Edits.object(record, "kinesis");
        kinesis.put(
            "data", Base64.getEncoder().encodeToString(bodies[i].getBytes(StandardCharsets.UTF_8)));
        if (copy) {
          lastSequence = lastSequence.add(BigInteger.ONE);
          kinesis.put("sequenceNumber", lastSequence.toString());
          String eventId = text(record, "eventID");
          if (eventId != null && eventId.contains(":")) {
            record.put("eventID", eventId.substring(0, eventId.indexOf(':') + 1) + lastSequence);
          }
        } else {
          lastSequence = new BigInteger(text(kinesis, "sequenceNumber"));
        }
      }
      records.add(record);
    }
    return records;
  }

  /**
   * Sets a message attribute, on every message of the event, in the source's own shape: SQS {@code
   * messageAttributes} ({@code stringValue}, {@code dataType: String}), SNS {@code
   * MessageAttributes} ({@code Type: String}, {@code Value}).
   *
   * @param name the attribute's name
   * @param value its value
   * @return the changed event
   */
  public AwsEvent withAttribute(String name, String value) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    if (source != Source.SQS && source != Source.SNS) {
      throw unsupported("withAttribute", "SQS and SNS events");
    }
    return edit(
        event -> {
          for (JsonNode record : event.path("Records")) {
            if (source == Source.SQS) {
              ObjectNode attribute =
                  Edits.object((ObjectNode) record, "messageAttributes").putObject(name);
              attribute.put("stringValue", value);
              attribute.putArray("stringListValues");
              attribute.putArray("binaryListValues");
              attribute.put("dataType", "String");
            } else {
              ObjectNode attribute =
                  Edits.object(Edits.object((ObjectNode) record, "Sns"), "MessageAttributes")
                      .putObject(name);
              attribute.put("Type", "String");
              attribute.put("Value", value);
            }
          }
        });
  }

  /** An HTTP request without a body ({@code body: null}), as the sources send a GET. */
  AwsEvent withoutBody() {
    requireHttp("withoutBody");
    return edit(
        event -> {
          event.putNull("body");
          event.put("isBase64Encoded", false);
        });
  }

  /** Sets an SNS record's {@code MessageId}, for replaying several notifications. */
  AwsEvent withSnsMessageId(String id) {
    if (source != Source.SNS) {
      throw unsupported("withSnsMessageId", "SNS events");
    }
    return edit(
        event -> ((ObjectNode) event.path("Records").get(0).path("Sns")).put("MessageId", id));
  }

  // ---------------------------------------------------------------- storage and events

  /**
   * Sets the bucket and object key of an S3 event: in every record of an S3 notification (the key
   * form-encoded, as S3 sends it: {@code my photo.jpg} becomes {@code my+photo.jpg}), or in an
   * EventBridge S3 event's {@code detail} and {@code resources}.
   *
   * @param bucket the bucket's name
   * @param key the object's key, decoded
   * @return the changed event
   */
  public AwsEvent withObject(String bucket, String key) {
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(key, "key");
    boolean eventBridgeS3 = source == Source.EVENTBRIDGE && "aws.s3".equals(text(json, "source"));
    if (source != Source.S3 && !eventBridgeS3) {
      throw unsupported("withObject", "S3 notifications and EventBridge S3 events");
    }
    return edit(
        event -> {
          if (source == Source.S3) {
            StringBuilder encoded = new StringBuilder();
            for (String segment : key.split("/", -1)) {
              if (encoded.length() > 0 || key.startsWith("/")) {
                encoded.append('/');
              }
              encoded.append(Edits.encode(segment));
            }
            for (JsonNode record : event.path("Records")) {
              ObjectNode s3 = Edits.object((ObjectNode) record, "s3");
              ObjectNode bucketNode = Edits.object(s3, "bucket");
              bucketNode.put("name", bucket);
              if (bucketNode.has("arn")) {
                bucketNode.put("arn", "arn:aws:s3:::" + bucket);
              }
              Edits.object(s3, "object").put("key", encoded.toString());
            }
          } else {
            ObjectNode detail = Edits.object(event, "detail");
            Edits.object(detail, "bucket").put("name", bucket);
            Edits.object(detail, "object").put("key", key);
            event.putArray("resources").add("arn:aws:s3:::" + bucket);
          }
        });
  }

  /**
   * Sets an EventBridge event's {@code detail}.
   *
   * @param json the detail, a JSON object
   * @return the changed event
   * @throws IllegalArgumentException if it is not a JSON object
   */
  public AwsEvent withDetail(String json) {
    Objects.requireNonNull(json, "json");
    if (source != Source.EVENTBRIDGE) {
      throw unsupported("withDetail", "EventBridge events");
    }
    JsonNode detail = Catalogue.parse(json, "detail");
    if (!detail.isObject()) {
      throw new IllegalArgumentException("An EventBridge detail is a JSON object");
    }
    return edit(event -> event.set("detail", detail.deepCopy()));
  }

  // ---------------------------------------------------------------- plumbing

  private AwsEvent edit(Consumer<ObjectNode> change) {
    if (!(json instanceof ObjectNode object)) {
      throw new IllegalStateException("This event is not a JSON object and cannot be edited");
    }
    ObjectNode copy = object.deepCopy();
    change.accept(copy);
    return new AwsEvent(source, name, copy, null);
  }

  private void requireHttp(String method) {
    if (!source.isHttp()) {
      throw unsupported(method, "API Gateway, load balancer and function URL requests");
    }
  }

  private IllegalStateException unsupported(String method, String applies) {
    return new IllegalStateException(
        method + " applies to " + applies + ", not to this " + source.description);
  }

  /**
   * Names the event: where it comes from, such as {@code SQS batch}.
   *
   * @return the name
   */
  @Override
  public String toString() {
    return "AWS " + name;
  }
}
