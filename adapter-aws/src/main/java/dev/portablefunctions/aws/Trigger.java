package dev.portablefunctions.aws;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The AWS envelope an event arrived in, told apart by the fields AWS documents as distinguishing
 * them (see {@code src/test/resources/events/aws/SOURCES.md}), never by guessing from values.
 *
 * <p>The checks run in this order: a {@code Records} batch by its first record's {@code
 * eventSource} (camelCase, or PascalCase {@code EventSource} for SNS); an HTTP request by its
 * {@code requestContext} ({@code elb} for a load balancer, {@code version} {@code "2.0"} with
 * {@code http} for the HTTP API and function URLs, told apart by the {@code lambda-url} domain, a
 * top-level {@code httpMethod} for the REST API and HTTP API payload 1.0); an EventBridge event by
 * {@code detail-type} and {@code source}; a structured-mode CloudEvent by {@code specversion}.
 * Anything else is a direct invocation.
 */
enum Trigger {
  API_GATEWAY_REST("an API Gateway REST API (payload 1.0) request", true),
  API_GATEWAY_HTTP("an API Gateway HTTP API (payload 2.0) request", true),
  FUNCTION_URL("a Lambda function URL request", true),
  ALB("an Application Load Balancer request", true),
  SQS("an SQS message batch", false),
  SNS("an SNS notification", false),
  KINESIS("a Kinesis record batch", false),
  DYNAMODB("a DynamoDB Streams record batch", false),
  S3("an S3 event notification", false),
  EVENTBRIDGE("an EventBridge event", false),
  CLOUD_EVENT("a CloudEvent in JSON", false),
  DIRECT("a direct invocation", false);

  private final String description;
  private final boolean http;

  Trigger(String description, boolean http) {
    this.description = description;
    this.http = http;
  }

  /** Describes the trigger for messages: {@code "an SQS message batch"}. */
  String description() {
    return description;
  }

  /** Whether the event is an HTTP request whose answer is an HTTP response. */
  boolean isHttp() {
    return http;
  }

  /** Classifies an event; {@code event} is null when the payload is not JSON. */
  static Trigger of(JsonNode event) {
    if (event == null || !event.isObject()) {
      return DIRECT;
    }
    JsonNode records = JsonNodes.array(event, "Records");
    if (records != null && records.size() > 0) {
      JsonNode first = records.get(0);
      String source = JsonNodes.text(first, "eventSource");
      if (source == null) {
        source = JsonNodes.text(first, "EventSource");
      }
      if (source != null) {
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
          default:
            break;
        }
      }
    }
    JsonNode requestContext = JsonNodes.object(event, "requestContext");
    if (requestContext != null) {
      if (JsonNodes.object(requestContext, "elb") != null) {
        return ALB;
      }
      if ("2.0".equals(JsonNodes.text(event, "version"))
          && JsonNodes.object(requestContext, "http") != null) {
        String domain = JsonNodes.text(requestContext, "domainName");
        return domain != null && domain.contains(".lambda-url.") ? FUNCTION_URL : API_GATEWAY_HTTP;
      }
      if (JsonNodes.text(event, "httpMethod") != null) {
        return API_GATEWAY_REST;
      }
    }
    if (JsonNodes.text(event, "detail-type") != null && JsonNodes.text(event, "source") != null) {
      return EVENTBRIDGE;
    }
    if (JsonNodes.text(event, "specversion") != null) {
      return CLOUD_EVENT;
    }
    return DIRECT;
  }
}
