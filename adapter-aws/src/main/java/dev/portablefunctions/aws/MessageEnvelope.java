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
import dev.portablefunctions.spi.InvocationContext;
import dev.portablefunctions.spi.Json;
import dev.portablefunctions.spi.MalformedInput;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.zip.GZIPInputStream;

/**
 * Decodes the record batches of SQS, SNS, Kinesis, DynamoDB Streams, Amazon MSK and self-managed
 * Kafka, Amazon MQ (ActiveMQ and RabbitMQ) and CloudWatch Logs subscriptions into portable {@link
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
 *   <tr><td>MSK, self-managed Kafka</td><td>{@code <topic>-<partition>@<offset>}</td>
 *       <td>{@code value}, base64-decoded (empty for a null value)</td><td>{@code topic}, {@code
 *       partition}, {@code offset}, {@code key} (decoded as UTF-8; {@code key.base64} if it is not
 *       UTF-8), {@code header.<name>} per header (likewise, or {@code header.<name>.base64})</td>
 *       <td>{@code timestamp}</td><td>{@code <topic>-<partition>}</td><td>by partition; a failure
 *       fails the invocation</td></tr>
 *   <tr><td>ActiveMQ</td><td>{@code messageID}</td><td>{@code data}, base64-decoded</td>
 *       <td>{@code properties} (the JMS message's properties)</td><td>{@code timestamp}</td>
 *       <td>-</td><td>independent; a failure fails the invocation</td></tr>
 *   <tr><td>RabbitMQ</td><td>{@code basicProperties.messageId}, else {@code
 *       <queue>::<vhost>#<position>}</td><td>{@code data}, base64-decoded</td><td>{@code queue}
 *       ({@code <queue>::<vhost>}), {@code contentType}, {@code header.<name>} per header</td>
 *       <td>-</td><td>-</td><td>independent; a failure fails the invocation</td></tr>
 *   <tr><td>CloudWatch Logs</td><td>the log event's {@code id}</td><td>its {@code message}</td>
 *       <td>{@code logGroup}, {@code logStream}, {@code owner}</td><td>its {@code timestamp}</td>
 *       <td>-</td><td>independent; a failure fails the invocation</td></tr>
 * </table>
 *
 * <p>CloudWatch Logs sends {@code awslogs.data}: base64 of gzip of a JSON document whose {@code
 * logEvents} become one message each; a {@code CONTROL_MESSAGE} (sent to check that the destination
 * is reachable) has none. Decoding uses the JDK's {@link Base64} and {@link GZIPInputStream}, and
 * stops at {@value #MAX_LOGS_BYTES} bytes of JSON.
 *
 * <p>Delivery attempt: SQS {@code ApproximateReceiveCount}; the others do not say.
 *
 * <p>Records are decoded one by one. A record that cannot be decoded (invalid base64 {@code data},
 * say) but whose id can be read fails on its own: it is logged once with the reason and reported in
 * {@code batchItemFailures} like a message that failed, and it counts as a failure for what follows
 * it (the rest of its FIFO message group or Kafka partition; the rest of a stream batch), while the
 * other messages run. Only a record whose id cannot be read fails the whole invocation, before any
 * message runs, since no partial response can name it. Failure details name the record by its
 * position and a field of the format, never by a value taken from it.
 *
 * <p>Each message runs with a context whose {@code unwrap(JsonNode.class)} is its own record's JSON
 * (for CloudWatch Logs, its log event), not the whole batch.
 */
final class MessageEnvelope {

  /** The most JSON a CloudWatch Logs subscription event may decompress to. */
  static final int MAX_LOGS_BYTES = 16 * 1024 * 1024;

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
   *     DynamoDB); otherwise a failure must fail the invocation (SNS, Kafka, Amazon MQ, CloudWatch
   *     Logs)
   * @param records each decoded message's own record JSON, in the order of {@code messages}; empty
   *     when not known
   */
  record Batch(
      List<Message> messages,
      List<Undecodable> undecodable,
      BatchMode mode,
      boolean partialResponse,
      List<JsonNode> records) {

    Batch {
      messages = List.copyOf(messages);
      undecodable = List.copyOf(undecodable);
      records = List.copyOf(records);
      if (!records.isEmpty() && records.size() != messages.size()) {
        throw new IllegalArgumentException("one record per message, or none");
      }
    }

    Batch(
        List<Message> messages,
        List<Undecodable> undecodable,
        BatchMode mode,
        boolean partialResponse) {
      this(messages, undecodable, mode, partialResponse, List.of());
    }

    /** How many records the batch has. */
    int size() {
      return messages.size() + undecodable.size();
    }

    /**
     * Runs the function on the batch through {@link FunctionRunner#messages}, with the records that
     * could not be decoded as failures in their places: each is logged once, with its reason; in
     * {@link BatchMode#BY_ORDERING_KEY} the later messages of its ordering key, and in {@link
     * BatchMode#STOP_AT_FIRST_FAILURE} every later message, are not run and fail. Each message runs
     * with a context whose {@code unwrap(JsonNode.class)} is its own record.
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
              bad[i].reason(),
              context,
              "Record " + bad[i].id() + " of the batch could not be decoded");
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
      BatchResult ran =
          FunctionRunner.messages(function, runnable, context, mode, contexts(context));
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
              new BatchResult.Failure(
                  Message.builder(bad[i].id()).build(), bad[i].reason(), false));
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

    /** Each message's context: the invocation's, unwrapping to the message's own record. */
    private java.util.function.Function<Message, Context> contexts(Context context) {
      if (records.isEmpty() || !(context instanceof InvocationContext)) {
        return message -> context;
      }
      InvocationContext invocation = (InvocationContext) context;
      Map<Message, JsonNode> byMessage = new IdentityHashMap<>(messages.size());
      for (int i = 0; i < messages.size(); i++) {
        byMessage.put(messages.get(i), records.get(i));
      }
      return message -> {
        JsonNode record = byMessage.get(message);
        return record == null ? context : invocation.withRecord(JsonNode.class, () -> record);
      };
    }
  }

  private MessageEnvelope() {}

  // ---------------------------------------------------------------- decoding

  /** One record before decoding: its JSON, and where it is. */
  private record Raw(JsonNode json, String where, String group) {}

  /**
   * Decodes the records of a batch, each on its own.
   *
   * @throws FunctionException of kind {@link FunctionException.Kind#BAD_INPUT} if the id of a
   *     record cannot be read, or a CloudWatch Logs event cannot be decoded at all
   */
  static Batch decode(JsonNode event, Trigger trigger) {
    boolean fifo = false;
    JsonNode logs = null;
    List<Raw> raws;
    if (trigger == Trigger.SQS) {
      raws = records(JsonNodes.array(event, "Records"), "SQS record");
      for (Raw raw : raws) {
        String arn = JsonNodes.text(raw.json(), "eventSourceARN");
        fifo |= arn != null && arn.endsWith(".fifo");
      }
    } else if (trigger == Trigger.SNS) {
      raws = records(JsonNodes.array(event, "Records"), "SNS record");
    } else if (trigger == Trigger.KINESIS) {
      raws = records(JsonNodes.array(event, "Records"), "Kinesis record");
    } else if (trigger == Trigger.DYNAMODB) {
      raws = records(JsonNodes.array(event, "Records"), "DynamoDB Streams record");
    } else if (isKafka(trigger)) {
      raws = kafkaRecords(event);
    } else if (trigger == Trigger.ACTIVEMQ) {
      raws = records(JsonNodes.array(event, "messages"), "ActiveMQ message");
    } else if (trigger == Trigger.RABBITMQ) {
      raws = rabbitRecords(event);
    } else if (trigger == Trigger.CLOUDWATCH_LOGS) {
      logs = cloudWatchLogs(event);
      raws = records(JsonNodes.array(logs, "logEvents"), "CloudWatch Logs log event");
    } else {
      throw new IllegalArgumentException(trigger + " carries no messages");
    }
    // Streams stop at the first failure; FIFO queues and Kafka partitions keep their order.
    boolean stream = trigger == Trigger.KINESIS || trigger == Trigger.DYNAMODB;
    BatchMode mode =
        stream
            ? BatchMode.STOP_AT_FIRST_FAILURE
            : fifo || isKafka(trigger) ? BatchMode.BY_ORDERING_KEY : BatchMode.INDEPENDENT;
    // SQS, Kinesis and DynamoDB Streams take batchItemFailures; the others fail the invocation.
    boolean partialResponse = trigger == Trigger.SQS || stream;
    List<Message> decoded = new ArrayList<>(raws.size());
    List<JsonNode> natives = new ArrayList<>(raws.size());
    List<Undecodable> undecodable = new ArrayList<>(0);
    for (int i = 0; i < raws.size(); i++) {
      Raw raw = raws.get(i);
      String id = id(raw, trigger, i);
      if (id == null) {
        throw FunctionException.badInput(
            raw.where() + " has no " + idField(trigger) + ", so the batch cannot report it.");
      }
      try {
        decoded.add(message(raw, trigger, fifo, id, logs));
        natives.add(raw.json());
      } catch (RuntimeException cannotDecode) {
        undecodable.add(new Undecodable(i, id, orderingKey(raw, trigger, fifo), cannotDecode));
      }
    }
    return new Batch(decoded, undecodable, mode, partialResponse, natives);
  }

  /** The records of a JSON array (none for null), named {@code <what> <index>}. */
  private static List<Raw> records(JsonNode array, String what) {
    List<Raw> raws = new ArrayList<>(array == null ? 0 : array.size());
    for (int i = 0; array != null && i < array.size(); i++) {
      raws.add(new Raw(array.get(i), what + " " + i, null));
    }
    return raws;
  }

  private static boolean isKafka(Trigger trigger) {
    return trigger == Trigger.MSK || trigger == Trigger.SELF_MANAGED_KAFKA;
  }

  /** Kafka's {@code records} maps {@code <topic>-<partition>} to that partition's records. */
  private static List<Raw> kafkaRecords(JsonNode event) {
    List<Raw> raws = new ArrayList<>();
    int index = 0;
    for (Map.Entry<String, JsonNode> partition : JsonNodes.object(event, "records").properties()) {
      JsonNode list = partition.getValue();
      if (!list.isArray()) {
        throw MalformedInput.at(
            "Kafka record batch", "/records/*", "an array of the partition's records");
      }
      for (JsonNode record : list) {
        raws.add(new Raw(record, "Kafka record " + index++, partition.getKey()));
      }
    }
    return raws;
  }

  /** RabbitMQ's {@code rmqMessagesByQueue} maps {@code <queue>::<vhost>} to its messages. */
  private static List<Raw> rabbitRecords(JsonNode event) {
    List<Raw> raws = new ArrayList<>();
    int index = 0;
    for (Map.Entry<String, JsonNode> queue :
        JsonNodes.object(event, "rmqMessagesByQueue").properties()) {
      JsonNode list = queue.getValue();
      if (!list.isArray()) {
        throw MalformedInput.at(
            "RabbitMQ message batch", "/rmqMessagesByQueue/*", "an array of the queue's messages");
      }
      for (JsonNode message : list) {
        raws.add(new Raw(message, "RabbitMQ message " + index++, queue.getKey()));
      }
    }
    return raws;
  }

  private static Message message(Raw raw, Trigger trigger, boolean fifo, String id, JsonNode logs) {
    if (trigger == Trigger.SQS) {
      return sqs(raw, fifo);
    }
    if (trigger == Trigger.SNS) {
      return sns(raw);
    }
    if (trigger == Trigger.KINESIS) {
      return kinesis(raw);
    }
    if (trigger == Trigger.DYNAMODB) {
      return dynamodb(raw);
    }
    if (isKafka(trigger)) {
      return kafka(raw, id);
    }
    if (trigger == Trigger.ACTIVEMQ) {
      return activeMq(raw, id);
    }
    if (trigger == Trigger.RABBITMQ) {
      return rabbitMq(raw, id);
    }
    if (trigger == Trigger.CLOUDWATCH_LOGS) {
      return logEvent(raw, id, logs);
    }
    throw new IllegalArgumentException(trigger + " carries no messages");
  }

  /**
   * A record's id, read on its own so that a record that cannot be decoded can still be reported.
   */
  private static String id(Raw raw, Trigger trigger, int index) {
    JsonNode record = raw.json();
    String id;
    if (trigger == Trigger.SQS) {
      id = JsonNodes.text(record, "messageId");
    } else if (trigger == Trigger.SNS) {
      id = JsonNodes.text(JsonNodes.object(record, "Sns"), "MessageId");
    } else if (trigger == Trigger.KINESIS) {
      id = JsonNodes.text(JsonNodes.object(record, "kinesis"), "sequenceNumber");
    } else if (trigger == Trigger.DYNAMODB) {
      id = JsonNodes.text(JsonNodes.object(record, "dynamodb"), "SequenceNumber");
    } else if (isKafka(trigger)) {
      String partition = kafkaPartition(record);
      JsonNode offset = record == null ? null : record.get("offset");
      id =
          partition == null || offset == null || !offset.isIntegralNumber()
              ? null
              : partition + "@" + offset.bigIntegerValue();
    } else if (trigger == Trigger.ACTIVEMQ) {
      id = JsonNodes.text(record, "messageID");
    } else if (trigger == Trigger.RABBITMQ) {
      id = JsonNodes.text(JsonNodes.object(record, "basicProperties"), "messageId");
      if (id == null || id.isEmpty()) {
        // RabbitMQ's message-id property is optional (null in the guide's example).
        id = raw.group() + "#" + index;
      }
    } else if (trigger == Trigger.CLOUDWATCH_LOGS) {
      id = JsonNodes.text(record, "id");
    } else {
      throw new IllegalArgumentException(trigger + " carries no messages");
    }
    return id == null || id.isEmpty() ? null : id;
  }

  /** The field {@link #id} reads, for the failure when it is missing. */
  private static String idField(Trigger trigger) {
    return trigger == Trigger.SQS
        ? "messageId"
        : trigger == Trigger.SNS
            ? "Sns.MessageId"
            : trigger == Trigger.KINESIS
                ? "kinesis.sequenceNumber"
                : trigger == Trigger.DYNAMODB
                    ? "dynamodb.SequenceNumber"
                    : isKafka(trigger)
                        ? "topic, partition and offset"
                        : trigger == Trigger.ACTIVEMQ ? "messageID" : "id";
  }

  /** The ordering key of a record that could not be decoded, read as {@link #message} reads it. */
  private static String orderingKey(Raw raw, Trigger trigger, boolean fifo) {
    JsonNode record = raw.json();
    if (trigger == Trigger.SQS && fifo) {
      return JsonNodes.text(JsonNodes.object(record, "attributes"), "MessageGroupId");
    }
    if (trigger == Trigger.KINESIS) {
      return JsonNodes.text(JsonNodes.object(record, "kinesis"), "partitionKey");
    }
    return isKafka(trigger) ? kafkaPartition(record) : null;
  }

  private static Message sqs(Raw raw, boolean fifo) {
    JsonNode record = raw.json();
    Message.Builder message = Message.builder(JsonNodes.required(record, "messageId", raw.where()));
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

  private static Message sns(Raw raw) {
    JsonNode sns = JsonNodes.object(raw.json(), "Sns");
    if (sns == null) {
      throw FunctionException.badInput(raw.where() + " has no Sns object.");
    }
    Message.Builder message = Message.builder(JsonNodes.required(sns, "MessageId", raw.where()));
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

  private static Message kinesis(Raw raw) {
    JsonNode kinesis = JsonNodes.object(raw.json(), "kinesis");
    if (kinesis == null) {
      throw FunctionException.badInput(raw.where() + " has no kinesis object.");
    }
    Message.Builder message =
        Message.builder(JsonNodes.required(kinesis, "sequenceNumber", raw.where()));
    String data = JsonNodes.text(kinesis, "data");
    if (data != null) {
      message.body(JsonNodes.base64(data, "data of " + raw.where()));
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

  private static Message dynamodb(Raw raw) {
    JsonNode record = raw.json();
    JsonNode dynamodb = JsonNodes.object(record, "dynamodb");
    if (dynamodb == null) {
      throw FunctionException.badInput(raw.where() + " has no dynamodb object.");
    }
    Message.Builder message =
        Message.builder(JsonNodes.required(dynamodb, "SequenceNumber", raw.where()));
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

  // ---------------------------------------------------------------- Kafka

  /** {@code <topic>-<partition>}, from the record's own fields, or null. */
  private static String kafkaPartition(JsonNode record) {
    String topic = JsonNodes.text(record, "topic");
    JsonNode partition = record == null ? null : record.get("partition");
    if (topic == null || topic.isEmpty() || partition == null) {
      return null;
    }
    // The guides show the partition as a number; EventBridge Pipes' examples as a string.
    if (partition.isIntegralNumber()) {
      return topic + "-" + partition.bigIntegerValue();
    }
    if (partition.isTextual() && !partition.asText().isEmpty()) {
      return topic + "-" + partition.asText();
    }
    return null;
  }

  private static Message kafka(Raw raw, String id) {
    JsonNode record = raw.json();
    String what = "Kafka record batch";
    Message.Builder message = Message.builder(id).orderingKey(kafkaPartition(record));
    JsonNode value = record.get("value");
    if (value != null && !value.isNull()) {
      if (!value.isTextual()) {
        throw MalformedInput.at(what, "/records/*/value", "base64 text or null");
      }
      message.body(JsonNodes.base64(value.asText(), "value of " + raw.where()));
    }
    message.attribute("topic", JsonNodes.text(record, "topic"));
    message.attribute("partition", record.get("partition").asText());
    message.attribute(
        "offset",
        Long.toString(nonNegative(record.get("offset"), what, "/records/*/offset").orElseThrow()));
    JsonNode key = record.get("key");
    if (key != null && !key.isNull()) {
      if (!key.isTextual()) {
        throw MalformedInput.at(what, "/records/*/key", "base64 text or null");
      }
      textOrBase64(message, "key", JsonNodes.base64(key.asText(), "key of " + raw.where()));
    }
    JsonNode headers = record.get("headers");
    if (headers != null && !headers.isNull()) {
      if (!headers.isArray()) {
        throw MalformedInput.at(what, "/records/*/headers", "an array of headers");
      }
      for (JsonNode header : headers) {
        if (!header.isObject()) {
          throw MalformedInput.at(what, "/records/*/headers/*", "an object naming one header");
        }
        for (Map.Entry<String, JsonNode> field : header.properties()) {
          textOrBase64(
              message,
              "header." + field.getKey(),
              byteArray(field.getValue(), what, "/records/*/headers/*/*"));
        }
      }
    }
    publishTime(message, record, what, "/records/*/timestamp");
    return message.build();
  }

  // ---------------------------------------------------------------- Amazon MQ

  private static Message activeMq(Raw raw, String id) {
    JsonNode record = raw.json();
    String what = "ActiveMQ message batch";
    Message.Builder message = Message.builder(id);
    JsonNode data = record.get("data");
    if (data != null && !data.isNull()) {
      if (!data.isTextual()) {
        throw MalformedInput.at(what, "/messages/*/data", "base64 text");
      }
      message.body(JsonNodes.base64(data.asText(), "data of " + raw.where()));
    }
    JsonNode properties = JsonNodes.object(record, "properties");
    if (properties != null) {
      for (Map.Entry<String, JsonNode> property : properties.properties()) {
        if (property.getValue().isValueNode() && !property.getValue().isNull()) {
          message.attribute(property.getKey(), property.getValue().asText());
        }
      }
    }
    publishTime(message, record, what, "/messages/*/timestamp");
    return message.build();
  }

  private static Message rabbitMq(Raw raw, String id) {
    JsonNode record = raw.json();
    String what = "RabbitMQ message batch";
    Message.Builder message = Message.builder(id).attribute("queue", raw.group());
    JsonNode data = record.get("data");
    if (data != null && !data.isNull()) {
      if (!data.isTextual()) {
        throw MalformedInput.at(what, "/rmqMessagesByQueue/*/*/data", "base64 text");
      }
      message.body(JsonNodes.base64(data.asText(), "data of " + raw.where()));
    }
    JsonNode properties = JsonNodes.object(record, "basicProperties");
    String contentType = JsonNodes.text(properties, "contentType");
    if (contentType != null) {
      message.attribute("contentType", contentType);
    }
    JsonNode headers = JsonNodes.object(properties, "headers");
    if (headers != null) {
      for (Map.Entry<String, JsonNode> header : headers.properties()) {
        JsonNode value = header.getValue();
        // A string header arrives as {"bytes": [...]}, other AMQP types as JSON values.
        JsonNode bytes = value.isObject() ? value.get("bytes") : null;
        if (bytes != null) {
          textOrBase64(
              message,
              "header." + header.getKey(),
              byteArray(bytes, what, "/rmqMessagesByQueue/*/*/basicProperties/headers/*/bytes"));
        } else if (value.isValueNode() && !value.isNull()) {
          message.attribute("header." + header.getKey(), value.asText());
        }
      }
    }
    return message.build();
  }

  // ---------------------------------------------------------------- CloudWatch Logs

  private static Message logEvent(Raw raw, String id, JsonNode logs) {
    JsonNode logEvent = raw.json();
    String what = LOGS;
    Message.Builder message = Message.builder(id);
    JsonNode text = logEvent.get("message");
    if (text != null && !text.isNull()) {
      if (!text.isTextual()) {
        throw MalformedInput.at(what, "/logEvents/*/message", "a string");
      }
      message.body(text.asText());
    }
    for (String field : new String[] {"logGroup", "logStream", "owner"}) {
      String value = JsonNodes.text(logs, field);
      if (value != null) {
        message.attribute(field, value);
      }
    }
    publishTime(message, logEvent, what, "/logEvents/*/timestamp");
    return message.build();
  }

  private static final String LOGS = "CloudWatch Logs subscription event";

  /**
   * Decodes {@code awslogs.data} (base64, then gzip, then JSON) into the subscription's JSON
   * document: {@code messageType}, {@code owner}, {@code logGroup}, {@code logStream}, {@code
   * subscriptionFilters}, {@code logEvents}; a {@code CONTROL_MESSAGE}'s events are dropped.
   *
   * @throws FunctionException of kind {@link FunctionException.Kind#BAD_INPUT} if the data is not
   *     base64 of gzip of a JSON object of that shape
   */
  static JsonNode cloudWatchLogs(JsonNode event) {
    String data = JsonNodes.text(JsonNodes.object(event, "awslogs"), "data");
    byte[] compressed;
    try {
      compressed = Base64.getDecoder().decode(data);
    } catch (IllegalArgumentException malformed) {
      throw MalformedInput.at(LOGS, "/awslogs/data", "base64 text");
    }
    byte[] json = gunzip(compressed);
    JsonNode logs;
    try {
      logs = Json.mapper().readTree(json);
    } catch (IOException malformed) {
      throw MalformedInput.of(LOGS + "'s decompressed data", malformed);
    }
    if (logs == null || !logs.isObject()) {
      throw MalformedInput.at(LOGS, "/awslogs/data", "gzip of a JSON object");
    }
    if ("CONTROL_MESSAGE".equals(JsonNodes.text(logs, "messageType"))) {
      ((com.fasterxml.jackson.databind.node.ObjectNode) logs).remove("logEvents");
      return logs;
    }
    JsonNode logEvents = logs.get("logEvents");
    if (logEvents != null && !logEvents.isNull() && !logEvents.isArray()) {
      throw MalformedInput.at(
          LOGS + "'s decompressed data", "/logEvents", "an array of log events");
    }
    return logs;
  }

  private static byte[] gunzip(byte[] compressed) {
    try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(compressed))) {
      ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, compressed.length * 4));
      byte[] buffer = new byte[8192];
      int read;
      while ((read = in.read(buffer)) >= 0) {
        if (out.size() + read > MAX_LOGS_BYTES) {
          throw MalformedInput.at(
              LOGS, "/awslogs/data", "at most " + MAX_LOGS_BYTES + " bytes once decompressed");
        }
        out.write(buffer, 0, read);
      }
      return out.toByteArray();
    } catch (IOException malformed) {
      // ZipException and EOFException say only where gzip broke; their text is not used.
      throw MalformedInput.at(LOGS, "/awslogs/data", "base64 of gzip data");
    }
  }

  // ---------------------------------------------------------------- values

  private static OptionalLong nonNegative(JsonNode value, String what, String pointer) {
    if (value != null && value.isTextual()) {
      throw MalformedInput.at(what, pointer, "a number");
    }
    return MalformedInput.nonNegativeLong(value, what, pointer);
  }

  /** Sets the publish time from the record's {@code timestamp} in epoch milliseconds, if any. */
  private static void publishTime(
      Message.Builder message, JsonNode record, String what, String pointer) {
    OptionalLong timestamp = nonNegative(record.get("timestamp"), what, pointer);
    if (timestamp.isPresent()) {
      try {
        message.publishTime(Instant.ofEpochMilli(timestamp.getAsLong()));
      } catch (java.time.DateTimeException outOfRange) {
        throw MalformedInput.at(what, pointer, "epoch milliseconds");
      }
    }
  }

  /** An array of byte values (0-255, or -128-127 as Java writes them), as Kafka headers arrive. */
  private static byte[] byteArray(JsonNode value, String what, String pointer) {
    if (value == null || !value.isArray()) {
      throw MalformedInput.at(what, pointer, "an array of byte values");
    }
    byte[] bytes = new byte[value.size()];
    for (int i = 0; i < bytes.length; i++) {
      JsonNode item = value.get(i);
      if (!item.isIntegralNumber() || !item.canConvertToInt()) {
        throw MalformedInput.at(what, pointer, "an array of byte values");
      }
      int b = item.intValue();
      if (b < -128 || b > 255) {
        throw MalformedInput.at(what, pointer, "an array of byte values");
      }
      bytes[i] = (byte) b;
    }
    return bytes;
  }

  /** Adds {@code name} as UTF-8 text, or {@code name.base64} when the bytes are not UTF-8. */
  private static void textOrBase64(Message.Builder message, String name, byte[] bytes) {
    try {
      String text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
      message.attribute(name, text);
    } catch (CharacterCodingException binary) {
      message.attribute(name + ".base64", Base64.getEncoder().encodeToString(bytes));
    }
  }

  // ---------------------------------------------------------------- response

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
