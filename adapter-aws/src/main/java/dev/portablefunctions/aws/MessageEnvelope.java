package dev.portablefunctions.aws;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.portablefunctions.Context;
import dev.portablefunctions.FunctionException;
import dev.portablefunctions.Message;
import dev.portablefunctions.spi.BatchMode;
import dev.portablefunctions.spi.BatchResult;
import dev.portablefunctions.spi.FunctionDefinition;
import dev.portablefunctions.spi.FunctionRunner;
import dev.portablefunctions.spi.Json;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
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
 *
 * <p>Records are decoded one by one. A record that cannot be decoded (invalid base64 {@code data},
 * say) but whose id can be read fails on its own: it is logged once with the reason and reported in
 * {@code batchItemFailures} like a message that failed, and it counts as a failure for what follows
 * it (the rest of its FIFO message group; the rest of a stream batch), while the other messages run.
 * Only a record whose id cannot be read fails the whole invocation, before any message runs, since
 * no partial response can name it.
 */
final class MessageEnvelope {

  /**
   * A record that could not be decoded, but whose id could be read.
   *
   * @param index its position in the batch
   * @param id its message id or sequence number (its batch item identifier)
   * @param orderingKey its FIFO message group or partition key, or null
   * @param reason why it could not be decoded
   */
  record Undecodable(int index, String id, String orderingKey, RuntimeException reason) {}

  /**
   * A decoded batch.
   *
   * @param messages the decoded messages, in the order of the records
   * @param undecodable the records that could not be decoded, in the order of the records
   * @param mode how a failure affects later messages
   * @param partialResponse whether the source takes {@code batchItemFailures} (SQS, Kinesis,
   *     DynamoDB); otherwise a failure must fail the invocation (SNS)
   */
  record Batch(
      List<Message> messages, List<Undecodable> undecodable, BatchMode mode, boolean partialResponse) {

    Batch {
      messages = List.copyOf(messages);
      undecodable = List.copyOf(undecodable);
    }

    /** How many records the batch has. */
    int size() {
      return messages.size() + undecodable.size();
    }

    /**
     * Runs the function on the batch through {@link FunctionRunner#messages}, with the records that
     * could not be decoded as failures in their places: each is logged once, with its reason; in
     * {@link BatchMode#BY_ORDERING_KEY} the later messages of its ordering key, and in {@link
     * BatchMode#STOP_AT_FIRST_FAILURE} every later message, are not run and fail.
     *
     * @return every failure, in the order of the records
     */
    BatchResult run(FunctionDefinition function, Context context) {
      int size = size();
      Undecodable[] bad = new Undecodable[size];
      for (Undecodable record : undecodable) {
        bad[record.index()] = record;
      }
      Message[] good = new Message[size];
      Iterator<Message> decoded = messages.iterator();
      for (int i = 0; i < size; i++) {
        if (bad[i] == null) {
          good[i] = decoded.next();
        }
      }
      // Which messages an earlier undecodable record keeps from running, and which record that is.
      String[] blockedBy = new String[size];
      List<Message> runnable = new ArrayList<>(messages.size());
      String stoppedBy = null;
      Map<String, String> failedKeys = new HashMap<>();
      for (int i = 0; i < size; i++) {
        if (bad[i] != null) {
          FunctionRunner.logFailure(
              bad[i].reason(), context, "Record " + bad[i].id() + " of the batch could not be decoded");
          if (mode == BatchMode.STOP_AT_FIRST_FAILURE && stoppedBy == null) {
            stoppedBy = bad[i].id();
          } else if (mode == BatchMode.BY_ORDERING_KEY && bad[i].orderingKey() != null) {
            failedKeys.putIfAbsent(bad[i].orderingKey(), bad[i].id());
          }
          continue;
        }
        String key = good[i].orderingKey().orElse(null);
        String blocker =
            mode == BatchMode.STOP_AT_FIRST_FAILURE
                ? stoppedBy
                : mode == BatchMode.BY_ORDERING_KEY && key != null ? failedKeys.get(key) : null;
        if (blocker != null) {
          blockedBy[i] = blocker;
        } else {
          runnable.add(good[i]);
        }
      }
      BatchResult ran = FunctionRunner.messages(function, runnable, context, mode);
      if (undecodable.isEmpty()) {
        return ran;
      }
      Map<Message, BatchResult.Failure> ranFailures = new IdentityHashMap<>();
      for (BatchResult.Failure failure : ran.failures()) {
        ranFailures.put(failure.message(), failure);
      }
      List<BatchResult.Failure> failures = new ArrayList<>();
      for (int i = 0; i < size; i++) {
        if (bad[i] != null) {
          failures.add(
              new BatchResult.Failure(Message.builder(bad[i].id()).build(), bad[i].reason(), false));
        } else if (blockedBy[i] != null) {
          String detail =
              "Message "
                  + good[i].id()
                  + " was not run because an earlier record ("
                  + blockedBy[i]
                  + ") could not be decoded.";
          context.logger().warn(detail);
          failures.add(
              new BatchResult.Failure(
                  good[i], FunctionException.of(FunctionException.Kind.UNAVAILABLE, detail), true));
        } else if (ranFailures.containsKey(good[i])) {
          failures.add(ranFailures.get(good[i]));
        }
      }
      return new BatchResult(size, failures);
    }
  }

  private MessageEnvelope() {}

  /**
   * Decodes the records of a batch, each on its own.
   *
   * @throws FunctionException of kind {@link FunctionException.Kind#BAD_INPUT} if the id of a
   *     record cannot be read
   */
  static Batch decode(JsonNode event, Trigger trigger) {
    JsonNode records = JsonNodes.array(event, "Records");
    BatchMode mode;
    boolean partialResponse = true;
    boolean fifo = false;
    switch (trigger) {
      case SQS:
        for (JsonNode record : records) {
          String arn = JsonNodes.text(record, "eventSourceARN");
          fifo |= arn != null && arn.endsWith(".fifo");
        }
        mode = fifo ? BatchMode.BY_ORDERING_KEY : BatchMode.INDEPENDENT;
        break;
      case SNS:
        mode = BatchMode.INDEPENDENT;
        partialResponse = false;
        break;
      case KINESIS:
      case DYNAMODB:
        mode = BatchMode.STOP_AT_FIRST_FAILURE;
        break;
      default:
        throw new IllegalArgumentException(trigger + " carries no messages");
    }
    List<Message> messages = new ArrayList<>(records.size());
    List<Undecodable> undecodable = new ArrayList<>(0);
    for (int i = 0; i < records.size(); i++) {
      JsonNode record = records.get(i);
      String id = id(record, trigger);
      if (id == null) {
        throw FunctionException.badInput(
            describe(trigger, i) + " has no " + idField(trigger) + ", so the batch cannot report it.");
      }
      try {
        messages.add(message(record, i, trigger, fifo));
      } catch (RuntimeException cannotDecode) {
        undecodable.add(new Undecodable(i, id, orderingKey(record, trigger, fifo), cannotDecode));
      }
    }
    return new Batch(messages, undecodable, mode, partialResponse);
  }

  private static Message message(JsonNode record, int index, Trigger trigger, boolean fifo) {
    switch (trigger) {
      case SQS:
        return sqs(record, index, fifo);
      case SNS:
        return sns(record, index);
      case KINESIS:
        return kinesis(record, index);
      case DYNAMODB:
        return dynamodb(record, index);
      default:
        throw new IllegalArgumentException(trigger + " carries no messages");
    }
  }

  /** A record's id, read on its own so that a record that cannot be decoded can still be reported. */
  private static String id(JsonNode record, Trigger trigger) {
    String id;
    switch (trigger) {
      case SQS:
        id = JsonNodes.text(record, "messageId");
        break;
      case SNS:
        id = JsonNodes.text(JsonNodes.object(record, "Sns"), "MessageId");
        break;
      case KINESIS:
        id = JsonNodes.text(JsonNodes.object(record, "kinesis"), "sequenceNumber");
        break;
      case DYNAMODB:
        id = JsonNodes.text(JsonNodes.object(record, "dynamodb"), "SequenceNumber");
        break;
      default:
        throw new IllegalArgumentException(trigger + " carries no messages");
    }
    return id == null || id.isEmpty() ? null : id;
  }

  private static String idField(Trigger trigger) {
    switch (trigger) {
      case SQS:
        return "messageId";
      case SNS:
        return "Sns.MessageId";
      case KINESIS:
        return "kinesis.sequenceNumber";
      default:
        return "dynamodb.SequenceNumber";
    }
  }

  private static String describe(Trigger trigger, int index) {
    switch (trigger) {
      case SQS:
        return "SQS record " + index;
      case SNS:
        return "SNS record " + index;
      case KINESIS:
        return "Kinesis record " + index;
      default:
        return "DynamoDB Streams record " + index;
    }
  }

  /** The ordering key of a record that could not be decoded, read as {@link #message} reads it. */
  private static String orderingKey(JsonNode record, Trigger trigger, boolean fifo) {
    switch (trigger) {
      case SQS:
        return fifo ? JsonNodes.text(JsonNodes.object(record, "attributes"), "MessageGroupId") : null;
      case KINESIS:
        return JsonNodes.text(JsonNodes.object(record, "kinesis"), "partitionKey");
      default:
        return null;
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
