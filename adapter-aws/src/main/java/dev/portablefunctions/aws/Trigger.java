package dev.portablefunctions.aws;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portablefunctions.spi.TriggerType;
import java.util.Locale;

/**
 * The AWS source an event came from, told apart by fields AWS documents for it (see {@code
 * src/test/resources/events/aws/SOURCES.md}, "Fields that identify each envelope"), never by
 * guessing from values. Every shape test is in {@link #of}; what a function of each kind does with
 * each source is decided in {@link LambdaHandler}.
 *
 * <p>Sources the portable API has a value for map to it ({@link Family#HTTP}, {@link
 * Family#MESSAGES}, {@link Family#EVENT}). The others ({@link Family#OTHER}: authorizers, WebSocket
 * routes, Firehose transformations, Cognito, CloudFormation, Lex, Connect, AppSync, Config, ...)
 * expect an answer of their own shape, so they are recognised only to be refused by name, unless a
 * typed function is deployed with {@code PORTABLE_RAW_EVENTS=true} and takes the JSON as it is.
 */
enum Trigger {
  // HTTP requests answered with an HTTP response.
  API_GATEWAY_REST(
      "an API Gateway REST API (payload 1.0) request",
      Family.HTTP,
      "requestContext and httpMethod",
      "aws_api_gateway"),
  API_GATEWAY_HTTP(
      "an API Gateway HTTP API (payload 2.0) request",
      Family.HTTP,
      "version, requestContext.http and requestContext.domainName",
      "aws_api_gateway"),
  FUNCTION_URL(
      "a Lambda function URL request",
      Family.HTTP,
      "version, requestContext.http and requestContext.domainName"),
  ALB("an Application Load Balancer request", Family.HTTP, "requestContext.elb"),

  // Record batches whose records become messages.
  SQS("an SQS message batch", Family.MESSAGES, "Records[0].eventSource"),
  SNS("an SNS notification", Family.MESSAGES, "Records[0].EventSource"),
  KINESIS("a Kinesis record batch", Family.MESSAGES, "Records[0].eventSource"),
  DYNAMODB("a DynamoDB Streams record batch", Family.MESSAGES, "Records[0].eventSource"),
  MSK("an Amazon MSK record batch", Family.MESSAGES, "eventSource with a records object", "kafka"),
  SELF_MANAGED_KAFKA(
      "a self-managed Apache Kafka record batch",
      Family.MESSAGES,
      "eventSource with a records object",
      "kafka"),
  ACTIVEMQ(
      "an Amazon MQ for ActiveMQ message batch",
      Family.MESSAGES,
      "eventSource with a messages array",
      "activemq"),
  RABBITMQ(
      "an Amazon MQ for RabbitMQ message batch",
      Family.MESSAGES,
      "eventSource with an rmqMessagesByQueue object",
      "rabbitmq"),
  CLOUDWATCH_LOGS("a CloudWatch Logs subscription event", Family.MESSAGES, "awslogs.data"),

  // Events.
  S3("an S3 event notification", Family.EVENT, "Records[0].eventSource"),
  EVENTBRIDGE("an EventBridge event", Family.EVENT, "detail-type and source"),
  CLOUD_EVENT("a CloudEvent in JSON", Family.EVENT, "specversion", "cloudevent"),

  // Recognised, and answered the source's own way only by a typed function with raw events.
  API_GATEWAY_WEBSOCKET(
      "an API Gateway WebSocket API event",
      Family.OTHER,
      "requestContext.connectionId and requestContext.eventType"),
  API_GATEWAY_TOKEN_AUTHORIZER(
      "an API Gateway TOKEN authorizer request", Family.OTHER, "type and methodArn"),
  API_GATEWAY_REQUEST_AUTHORIZER(
      "an API Gateway REQUEST authorizer request", Family.OTHER, "type and methodArn"),
  HTTP_API_AUTHORIZER(
      "an API Gateway HTTP API Lambda authorizer request (payload 2.0)",
      Family.OTHER,
      "type and routeArn"),
  FIREHOSE(
      "a Kinesis Data Firehose transformation batch",
      Family.OTHER,
      "deliveryStreamArn and records[0].recordId"),
  COGNITO_USER_POOL(
      "an Amazon Cognito user pool trigger", Family.OTHER, "triggerSource and userPoolId"),
  CLOUDFORMATION_CUSTOM_RESOURCE(
      "a CloudFormation custom resource request",
      Family.OTHER,
      "RequestType, ResponseURL and StackId"),
  SES("an Amazon SES receipt rule event", Family.OTHER, "Records[0].eventSource"),
  CONNECT("an Amazon Connect contact flow event", Family.OTHER, "Name and Details"),
  LEX_V1("an Amazon Lex V1 code hook event", Family.OTHER, "bot and currentIntent"),
  LEX_V2("an Amazon Lex V2 code hook event", Family.OTHER, "bot and sessionState"),
  APPSYNC_RESOLVER(
      "an AWS AppSync direct Lambda resolver request",
      Family.OTHER,
      "info.fieldName, info.parentTypeName and arguments"),
  APPSYNC_AUTHORIZER(
      "an AWS AppSync Lambda authorizer request",
      Family.OTHER,
      "authorizationToken and requestContext.apiId, without methodArn"),
  CONFIG_RULE(
      "an AWS Config rule evaluation event", Family.OTHER, "configRuleId and invokingEvent"),
  CODECOMMIT("an AWS CodeCommit trigger event", Family.OTHER, "Records[0].eventSource"),
  SECRETS_MANAGER_ROTATION(
      "a Secrets Manager rotation request", Family.OTHER, "SecretId, ClientRequestToken and Step"),

  /** Anything else: JSON that a direct invocation (or an IoT rule, or Scheduler's Input) sent. */
  DIRECT(
      "a direct invocation",
      Family.DIRECT,
      "none of the fields that identify an AWS source",
      "direct");

  /** What the portable API makes of a source. */
  enum Family {
    /** A request answered with an HTTP response. */
    HTTP,
    /** A batch whose records are messages. */
    MESSAGES,
    /** An event for an event function. */
    EVENT,
    /** A source with an answer of its own shape, which no portable value stands for. */
    OTHER,
    /** No envelope. */
    DIRECT
  }

  private final String description;
  private final Family family;
  private final String shape;
  private final String source;

  /** A source named {@code aws_<name>} ({@code aws_sqs}, {@code aws_s3}, ...). */
  Trigger(String description, Family family, String shape) {
    this(description, family, shape, null);
  }

  Trigger(String description, Family family, String shape, String source) {
    this.description = description;
    this.family = family;
    this.shape = shape;
    this.source = source != null ? source : "aws_" + name().toLowerCase(Locale.ROOT);
  }

  /** Describes the source for messages: {@code "an SQS message batch"}. */
  String description() {
    return description;
  }

  /** What the portable API makes of this source. */
  Family family() {
    return family;
  }

  /** Whether the event is an HTTP request whose answer is an HTTP response. */
  boolean isHttp() {
    return family == Family.HTTP;
  }

  /**
   * The source's name in the outcome record and for observers: the messaging system in
   * OpenTelemetry's words for message sources ({@code aws_sqs}, {@code kafka}, ...), else the front
   * door ({@code aws_api_gateway}, {@code aws_s3}, {@code direct}, ...).
   */
  String source() {
    return source;
  }

  /** The trigger type of an event from this source; EventBridge's depends on the event. */
  TriggerType type(JsonNode event) {
    if (family == Family.HTTP) {
      return TriggerType.HTTP;
    }
    if (family == Family.MESSAGES) {
      return TriggerType.PUBSUB;
    }
    if (this == S3) {
      return TriggerType.DATASOURCE;
    }
    if (this == EVENTBRIDGE) {
      return EventBridgeEnvelope.isSchedule(event)
          ? TriggerType.TIMER
          : StorageEnvelope.isEventBridgeObjectChange(event)
              ? TriggerType.DATASOURCE
              : TriggerType.OTHER;
    }
    return TriggerType.OTHER;
  }

  /**
   * The fields that decided {@link #of} on this source (their names, never their values), for the
   * {@code DEBUG} line that says how an event was classified.
   */
  String shape() {
    return shape;
  }

  /**
   * Classifies an event; {@code event} is null when the payload is not JSON. The tests run in this
   * order, each on fields the source always sends:
   *
   * <ol>
   *   <li>a {@code Records} batch, by its first record's {@code eventSource} (PascalCase {@code
   *       EventSource} for SNS);
   *   <li>an event source mapping's batch, by the top-level {@code eventSource}: {@code aws:kafka}
   *       or {@code SelfManagedKafka} (earlier {@code aws:SelfManagedKafka}) with a {@code records}
   *       object, {@code aws:mq} with {@code messages}, {@code aws:rmq} with {@code
   *       rmqMessagesByQueue};
   *   <li>a CloudWatch Logs subscription by {@code awslogs.data}; a Firehose transformation by
   *       {@code deliveryStreamArn} and {@code records[].recordId};
   *   <li>the authorizers, before the HTTP requests whose fields they share: {@code type} {@code
   *       TOKEN} or {@code REQUEST} with {@code methodArn} (REST, WebSocket, HTTP API payload 1.0),
   *       or {@code REQUEST} with {@code routeArn} (HTTP API payload 2.0); AppSync's by {@code
   *       authorizationToken} with {@code requestContext.apiId};
   *   <li>the HTTP requests by their {@code requestContext}: {@code connectionId} and {@code
   *       eventType} for a WebSocket route (never served as REST), {@code elb} for a load balancer,
   *       {@code version} {@code "2.0"} with {@code http} for the HTTP API and function URLs (told
   *       apart by the {@code <url-id>.lambda-url.<region>.on.aws} domain AWS assigns to every
   *       function URL), a top-level {@code httpMethod} for the REST API and HTTP API payload 1.0;
   *   <li>the other services by the fields their guides define: Cognito ({@code triggerSource},
   *       {@code userPoolId}), CloudFormation ({@code RequestType}, {@code ResponseURL}, {@code
   *       StackId}), Secrets Manager ({@code SecretId}, {@code ClientRequestToken}, {@code Step}),
   *       Connect ({@code Name} {@code ContactFlowEvent}, {@code Details}), Lex V2 ({@code
   *       sessionState}, {@code bot}), Lex V1 ({@code currentIntent}, {@code bot}), AppSync ({@code
   *       info.fieldName}, {@code info.parentTypeName}, {@code arguments}; a batch invoke is an
   *       array of those), Config ({@code configRuleId}, {@code invokingEvent});
   *   <li>an EventBridge event by {@code detail-type} and {@code source}; a structured-mode
   *       CloudEvent by {@code specversion}.
   * </ol>
   *
   * Anything else is a direct invocation. IoT rule actions send the rule's {@code SELECT} result
   * with no envelope, so they arrive as direct invocations too.
   */
  static Trigger of(JsonNode event) {
    if (event == null) {
      return DIRECT;
    }
    if (event.isArray()) {
      // AppSync's BatchInvoke sends a list of resolver requests.
      return event.size() > 0 && isAppSyncResolver(event.get(0)) ? APPSYNC_RESOLVER : DIRECT;
    }
    if (!event.isObject()) {
      return DIRECT;
    }
    Trigger records = records(event);
    if (records != null) {
      return records;
    }
    Trigger mapping = eventSourceMapping(event);
    if (mapping != null) {
      return mapping;
    }
    if (JsonNodes.text(JsonNodes.object(event, "awslogs"), "data") != null) {
      return CLOUDWATCH_LOGS;
    }
    JsonNode firehoseRecords = JsonNodes.array(event, "records");
    if (JsonNodes.text(event, "deliveryStreamArn") != null
        && firehoseRecords != null
        && (firehoseRecords.size() == 0
            || JsonNodes.text(firehoseRecords.get(0), "recordId") != null)) {
      return FIREHOSE;
    }
    Trigger authorizer = authorizer(event);
    if (authorizer != null) {
      return authorizer;
    }
    Trigger http = http(event);
    if (http != null) {
      return http;
    }
    Trigger service = service(event);
    if (service != null) {
      return service;
    }
    if (JsonNodes.text(event, "detail-type") != null && JsonNodes.text(event, "source") != null) {
      return EVENTBRIDGE;
    }
    if (JsonNodes.text(event, "specversion") != null) {
      return CLOUD_EVENT;
    }
    return DIRECT;
  }

  private static Trigger records(JsonNode event) {
    JsonNode records = JsonNodes.array(event, "Records");
    if (records == null || records.size() == 0) {
      return null;
    }
    JsonNode first = records.get(0);
    String source = JsonNodes.text(first, "eventSource");
    if (source == null) {
      source = JsonNodes.text(first, "EventSource");
    }
    if (source == null) {
      return null;
    }
    switch (source) {
      case "aws:sqs":
        return SQS;
      case "aws:sns":
        return SNS;
      case "aws:kinesis":
        return KINESIS;
      case "aws:dynamodb":
        return DYNAMODB;
      case "aws:s3":
        return S3;
      case "aws:ses":
        return SES;
      case "aws:codecommit":
        return CODECOMMIT;
      default:
        return null;
    }
  }

  private static Trigger eventSourceMapping(JsonNode event) {
    String source = JsonNodes.text(event, "eventSource");
    if (source == null) {
      return null;
    }
    switch (source) {
      case "aws:kafka":
        return JsonNodes.object(event, "records") != null ? MSK : null;
      case "SelfManagedKafka":
      case "aws:SelfManagedKafka":
        return JsonNodes.object(event, "records") != null ? SELF_MANAGED_KAFKA : null;
      case "aws:mq":
        return JsonNodes.array(event, "messages") != null ? ACTIVEMQ : null;
      case "aws:rmq":
        return JsonNodes.object(event, "rmqMessagesByQueue") != null ? RABBITMQ : null;
      default:
        return null;
    }
  }

  private static Trigger authorizer(JsonNode event) {
    String type = JsonNodes.text(event, "type");
    if ("TOKEN".equals(type) && JsonNodes.text(event, "methodArn") != null) {
      return API_GATEWAY_TOKEN_AUTHORIZER;
    }
    if ("REQUEST".equals(type)) {
      if (JsonNodes.text(event, "methodArn") != null) {
        return API_GATEWAY_REQUEST_AUTHORIZER;
      }
      if (JsonNodes.text(event, "routeArn") != null) {
        return HTTP_API_AUTHORIZER;
      }
    }
    if (JsonNodes.text(event, "authorizationToken") != null
        && JsonNodes.text(JsonNodes.object(event, "requestContext"), "apiId") != null
        && JsonNodes.text(event, "methodArn") == null) {
      return APPSYNC_AUTHORIZER;
    }
    return null;
  }

  private static Trigger http(JsonNode event) {
    JsonNode requestContext = JsonNodes.object(event, "requestContext");
    if (requestContext == null) {
      return null;
    }
    if (JsonNodes.text(requestContext, "connectionId") != null
        && JsonNodes.text(requestContext, "eventType") != null) {
      return API_GATEWAY_WEBSOCKET;
    }
    if (JsonNodes.object(requestContext, "elb") != null) {
      return ALB;
    }
    if ("2.0".equals(JsonNodes.text(event, "version"))
        && JsonNodes.object(requestContext, "http") != null) {
      return isFunctionUrlDomain(JsonNodes.text(requestContext, "domainName"))
          ? FUNCTION_URL
          : API_GATEWAY_HTTP;
    }
    if (JsonNodes.text(event, "httpMethod") != null) {
      return API_GATEWAY_REST;
    }
    return null;
  }

  /**
   * Every function URL is {@code https://<url-id>.lambda-url.<region>.on.aws} (urls-configuration).
   */
  private static boolean isFunctionUrlDomain(String domain) {
    return domain != null && domain.contains(".lambda-url.") && domain.endsWith(".on.aws");
  }

  private static Trigger service(JsonNode event) {
    if (JsonNodes.text(event, "triggerSource") != null
        && JsonNodes.text(event, "userPoolId") != null) {
      return COGNITO_USER_POOL;
    }
    if (JsonNodes.text(event, "RequestType") != null
        && JsonNodes.text(event, "ResponseURL") != null
        && JsonNodes.text(event, "StackId") != null) {
      return CLOUDFORMATION_CUSTOM_RESOURCE;
    }
    if (JsonNodes.text(event, "SecretId") != null
        && JsonNodes.text(event, "ClientRequestToken") != null
        && JsonNodes.text(event, "Step") != null) {
      return SECRETS_MANAGER_ROTATION;
    }
    if ("ContactFlowEvent".equals(JsonNodes.text(event, "Name"))
        && JsonNodes.object(event, "Details") != null) {
      return CONNECT;
    }
    if (JsonNodes.object(event, "bot") != null) {
      if (JsonNodes.object(event, "sessionState") != null) {
        return LEX_V2;
      }
      if (JsonNodes.object(event, "currentIntent") != null) {
        return LEX_V1;
      }
    }
    if (isAppSyncResolver(event)) {
      return APPSYNC_RESOLVER;
    }
    if (JsonNodes.text(event, "configRuleId") != null
        && JsonNodes.text(event, "invokingEvent") != null) {
      return CONFIG_RULE;
    }
    return null;
  }

  private static boolean isAppSyncResolver(JsonNode event) {
    JsonNode info = JsonNodes.object(event, "info");
    return info != null
        && JsonNodes.text(info, "fieldName") != null
        && JsonNodes.text(info, "parentTypeName") != null
        && event.has("arguments");
  }
}
