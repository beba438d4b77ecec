package dev.portablefunctions.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portablefunctions.Message;
import dev.portablefunctions.spi.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Builds portable {@link Message}s from what the worker binds for each message trigger. */
final class MessageMapping {

  private MessageMapping() {}

  /** A Queue Storage message: {@code Id}, {@code DequeueCount}, {@code InsertionTime}. */
  static Message queue(
      byte[] body, String id, String dequeueCount, String insertionTime, String fallbackId) {
    Message.Builder message = Message.builder(orElse(Metadata.text(id), fallbackId));
    message.body(body == null ? new byte[0] : body);
    attempt(message, Metadata.number(dequeueCount, 0));
    Instant inserted = Metadata.instant(insertionTime);
    if (inserted != null) {
      message.publishTime(inserted);
    }
    return message.build();
  }

  /**
   * A Service Bus message: {@code MessageId}, {@code DeliveryCount}, {@code EnqueuedTimeUtc} (UTC
   * without a zone) and {@code ApplicationProperties} (a JSON object) as attributes.
   */
  static Message serviceBus(
      byte[] body,
      String messageId,
      String deliveryCount,
      String enqueuedTimeUtc,
      String applicationProperties,
      String fallbackId) {
    Message.Builder message = Message.builder(orElse(Metadata.text(messageId), fallbackId));
    message.body(body == null ? new byte[0] : body);
    attempt(message, Metadata.number(deliveryCount, 0));
    Instant enqueued = Metadata.instant(enqueuedTimeUtc);
    if (enqueued != null) {
      message.publishTime(enqueued);
    }
    message.attributes(Metadata.attributes(Metadata.tree(applicationProperties)));
    return message.build();
  }

  /**
   * The events of an Event Hubs batch, in order. Each event's system properties (element {@code i}
   * of {@code SystemPropertiesArray}) give its id (the sequence number), publish time and ordering
   * key (the partition key); its application properties (element {@code i} of {@code
   * PropertiesArray}) become attributes. An event whose metadata is missing gets {@code #} and its
   * position in the batch as id ({@code #0}, {@code #1}), which no sequence number can be.
   *
   * @param attempt the delivery attempt from the worker's retry context, or 0 if unknown
   */
  static List<Message> eventHub(
      byte[][] bodies, String systemPropertiesArray, String propertiesArray, int attempt) {
    JsonNode system = Metadata.tree(systemPropertiesArray);
    JsonNode properties = Metadata.tree(propertiesArray);
    int count = bodies == null ? 0 : bodies.length;
    List<Message> messages = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      JsonNode sys = element(system, i);
      String sequence = Metadata.field(sys, "SequenceNumber");
      if (sequence == null) {
        sequence = Metadata.field(sys, "x-opt-sequence-number");
      }
      Message.Builder message = Message.builder(sequence == null ? "#" + i : sequence);
      message.body(bodies[i] == null ? new byte[0] : bodies[i]);
      Instant enqueued = Metadata.instant(Metadata.field(sys, "EnqueuedTimeUtc"));
      if (enqueued == null) {
        enqueued = Metadata.instant(Metadata.field(sys, "x-opt-enqueued-time"));
      }
      if (enqueued != null) {
        message.publishTime(enqueued);
      }
      String partitionKey = Metadata.field(sys, "PartitionKey");
      if (partitionKey == null) {
        partitionKey = Metadata.field(sys, "x-opt-partition-key");
      }
      if (partitionKey != null && !partitionKey.isEmpty()) {
        message.orderingKey(partitionKey);
      }
      attempt(message, attempt);
      message.attributes(Metadata.attributes(element(properties, i)));
      messages.add(message.build());
    }
    return messages;
  }

  /**
   * A message's trigger metadata as JSON, under the host's names ({@code Id}, {@code DequeueCount},
   * {@code MessageId}, {@code ApplicationProperties}, ...): the record {@code
   * context.unwrap(JsonNode.class)} gives a message function. Entries without a value are left out.
   * Never throws.
   *
   * @param namesAndValues name, raw value, name, raw value, ...
   */
  static JsonNode record(String... namesAndValues) {
    ObjectNode record = Json.mapper().createObjectNode();
    for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
      JsonNode value = Metadata.value(namesAndValues[i + 1]);
      if (value != null) {
        record.set(namesAndValues[i], value);
      }
    }
    return record;
  }

  /**
   * The metadata of event {@code index} of an Event Hubs batch, as the host names it for one event:
   * {@code {"SystemProperties":{…},"Properties":{…}}} (elements {@code index} of {@code
   * SystemPropertiesArray} and {@code PropertiesArray}). Never throws.
   */
  static JsonNode eventHubRecord(
      JsonNode systemPropertiesArray, JsonNode propertiesArray, int index) {
    ObjectNode record = Json.mapper().createObjectNode();
    JsonNode system = element(systemPropertiesArray, index);
    JsonNode properties = element(propertiesArray, index);
    if (!system.isMissingNode()) {
      record.set("SystemProperties", system);
    }
    if (!properties.isMissingNode()) {
      record.set("Properties", properties);
    }
    return record;
  }

  private static JsonNode element(JsonNode array, int index) {
    JsonNode node = array.isArray() ? array.get(index) : null;
    return node == null ? MissingNode.getInstance() : node;
  }

  private static void attempt(Message.Builder message, long attempt) {
    if (attempt >= 1 && attempt <= Integer.MAX_VALUE) {
      message.deliveryAttempt((int) attempt);
    }
  }

  private static String orElse(String value, String fallback) {
    return value == null || value.isEmpty() ? fallback : value;
  }
}
