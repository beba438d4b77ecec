package dev.portablefunctions.aws;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.portablefunctions.FunctionException;
import dev.portablefunctions.Message;
import dev.portablefunctions.spi.BatchMode;
import dev.portablefunctions.spi.BatchResult;
import dev.portablefunctions.spi.Json;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Decodes the record batches of SQS, SNS, Kinesis and DynamoDB Streams into portable {@link
 * Message}s, and writes the partial batch response.
 *
 * <table>
 *   <caption>How each record maps</caption>
 *   <tr><th>source</th><th>id (and batch item identifier)</th><th>body</th><th>attributes</th>
 *       <th>publish time</th><th>ordering key</th><th>batch mode</th></tr>
 *   <tr><td>SQS</td><td>{@code messageId}</td><td>{@code body}</td>
 *       <td>{@code messageAttributes}: {@code stringValue}, else {@code binaryValue} (base64
 *       text)</td><td>{@code SentTimestamp}</td><td>{@code MessageGroupId}, FIFO queues only (the
 *       source ARN ends in {@code .fifo})</td><td>FIFO: by message group; standard:
 *       independent</td></tr>
 *   <tr><td>SNS</td><td>{@code MessageId}</td><td>{@code Message}</td>
 *       <td>{@code MessageAttributes}' {@code Value}</td><td>{@code Timestamp}</td><td>-</td>
 *       <td>independent; a failure fails the invocation</td></tr>
 *   <tr><td>Kinesis</td><td>{@code sequenceNumber}</td><td>{@code data}, base64-decoded</td>
 *       <td>-</td><td>{@code approximateArrivalTimestamp}</td><td>{@code partitionKey}</td>
 *       <td>stop at the first failure</td></tr>
 *   <tr><td>DynamoDB Streams</td><td>{@code SequenceNumber}</td><td>the record's {@code dynamodb}
 *       object as JSON ({@code Keys}, {@code NewImage}, {@code OldImage}, ...)</td>
 *       <td>{@code eventName} ({@code INSERT}, {@code MODIFY}, {@code REMOVE})</td>
 *       <td>{@code ApproximateCreationDateTime}</td><td>-</td><td>stop at the first failure</td></tr>
 * </table>
 *
 * <p>Delivery attempt: SQS {@code ApproximateReceiveCount}; the others do not say.
 */
final class MessageEnvelope {

  /**
   * A decoded batch.
   *
   * @param messages the messages, in the order of the records
   * @param mode how a failure affects later messages
   * @param partialResponse whether the source takes {@code batchItemFailures} (SQS, Kinesis,
   *     DynamoDB); otherwise a failure must fail the invocation (SNS)
   */
  record Batch(List<Message> messages, BatchMode mode, boolean partialResponse) {}

  private MessageEnvelope() {}

  static Batch decode(JsonNode event, Trigger trigger) {
    JsonNode records = JsonNodes.array(event, "Records");
    List<Message> messages = new ArrayList<>(records.size());
    switch (trigger) {
      case SQS:
        boolean fifo = false;
        for (JsonNode record : records) {
          String arn = JsonNodes.text(record, "eventSourceARN");
          fifo |= arn != null && arn.endsWith(".fifo");
        }
        for (int i = 0; i < records.size(); i++) {
          messages.add(sqs(records.get(i), i, fifo));
        }
        return new Batch(messages, fifo ? BatchMode.BY_ORDERING_KEY : BatchMode.INDEPENDENT, true);
      case SNS:
        for (int i = 0; i < records.size(); i++) {
          messages.add(sns(records.get(i), i));
        }
        return new Batch(messages, BatchMode.INDEPENDENT, false);
      case KINESIS:
        for (int i = 0; i < records.size(); i++) {
          messages.add(kinesis(records.get(i), i));
        }
        return new Batch(messages, BatchMode.STOP_AT_FIRST_FAILURE, true);
      case DYNAMODB:
        for (int i = 0; i < records.size(); i++) {
          messages.add(dynamodb(records.get(i), i));
        }
        return new Batch(messages, BatchMode.STOP_AT_FIRST_FAILURE, true);
      default:
        throw new IllegalArgumentException(trigger + " carries no messages");
    }
  }

  private static Message sqs(JsonNode record, int index, boolean fifo) {
    String where = "SQS record " + index;
    Message.Builder message = Message.builder(JsonNodes.required(record, "messageId", where));
    String body = JsonNodes.text(record, "body");
    if (body != null) {
      message.body(body);
    }
    JsonNode attributes = JsonNodes.object(record, "messageAttributes");
    if (attributes != null) {
      for (Map.Entry<String, JsonNode> field : attributes.properties()) {
        String value = JsonNodes.text(field.getValue(), "stringValue");
        if (value == null) {
          value = JsonNodes.text(field.getValue(), "binaryValue");
        }
        if (value != null) {
          message.attribute(field.getKey(), value);
        }
      }
    }
    JsonNode system = JsonNodes.object(record, "attributes");
    Instant sent = JsonNodes.epochMillis(JsonNodes.text(system, "SentTimestamp"));
    if (sent != null) {
      message.publishTime(sent);
    }
    String receiveCount = JsonNodes.text(system, "ApproximateReceiveCount");
    if (receiveCount != null) {
      try {
        int attempt = Integer.parseInt(receiveCount);
        if (attempt >= 1) {
          message.deliveryAttempt(attempt);
        }
      } catch (NumberFormatException malformed) {
        // A count that is not a number tells nothing; the message is still delivered.
      }
    }
    String group = JsonNodes.text(system, "MessageGroupId");
    if (fifo && group != null) {
      message.orderingKey(group);
    }
    return message.build();
  }

  private static Message sns(JsonNode record, int index) {
    String where = "SNS record " + index;
    JsonNode sns = JsonNodes.object(record, "Sns");
    if (sns == null) {
      throw FunctionException.badInput(where + " has no Sns object.");
    }
    Message.Builder message = Message.builder(JsonNodes.required(sns, "MessageId", where));
    String body = JsonNodes.text(sns, "Message");
    if (body != null) {
      message.body(body);
    }
    JsonNode attributes = JsonNodes.object(sns, "MessageAttributes");
    if (attributes != null) {
      for (Map.Entry<String, JsonNode> field : attributes.properties()) {
        String value = JsonNodes.text(field.getValue(), "Value");
        if (value != null) {
          message.attribute(field.getKey(), value);
        }
      }
    }
    Instant published = JsonNodes.instant(JsonNodes.text(sns, "Timestamp"));
    if (published != null) {
      message.publishTime(published);
    }
    return message.build();
  }

  private static Message kinesis(JsonNode record, int index) {
    String where = "Kinesis record " + index;
    JsonNode kinesis = JsonNodes.object(record, "kinesis");
    if (kinesis == null) {
      throw FunctionException.badInput(where + " has no kinesis object.");
    }
    Message.Builder message = Message.builder(JsonNodes.required(kinesis, "sequenceNumber", where));
    String data = JsonNodes.text(kinesis, "data");
    if (data != null) {
      message.body(JsonNodes.base64(data, "data of " + where));
    }
    String partitionKey = JsonNodes.text(kinesis, "partitionKey");
    if (partitionKey != null) {
      message.orderingKey(partitionKey);
    }
    Instant arrived = JsonNodes.epochSeconds(kinesis.get("approximateArrivalTimestamp"));
    if (arrived != null) {
      message.publishTime(arrived);
    }
    return message.build();
  }

  private static Message dynamodb(JsonNode record, int index) {
    String where = "DynamoDB Streams record " + index;
    JsonNode dynamodb = JsonNodes.object(record, "dynamodb");
    if (dynamodb == null) {
      throw FunctionException.badInput(where + " has no dynamodb object.");
    }
    Message.Builder message =
        Message.builder(JsonNodes.required(dynamodb, "SequenceNumber", where));
    try {
      message.body(Json.mapper().writeValueAsBytes(dynamodb));
    } catch (JsonProcessingException impossible) {
      throw new IllegalStateException("Cannot write a JSON tree back as JSON", impossible);
    }
    String eventName = JsonNodes.text(record, "eventName");
    if (eventName != null) {
      message.attribute("eventName", eventName);
    }
    Instant created = JsonNodes.epochSeconds(dynamodb.get("ApproximateCreationDateTime"));
    if (created != null) {
      message.publishTime(created);
    }
    return message.build();
  }

  /**
   * Writes {@code {"batchItemFailures":[{"itemIdentifier":"…"}]}} with every failed message, those
   * that ran and failed and those skipped because an earlier one failed; an empty list means the
   * whole batch succeeded.
   */
  static void writeBatchItemFailures(BatchResult result, JsonGenerator json) throws IOException {
    json.writeStartObject();
    json.writeArrayFieldStart("batchItemFailures");
    for (String id : result.failedIds()) {
      json.writeStartObject();
      json.writeStringField("itemIdentifier", id);
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeEndObject();
  }
}
