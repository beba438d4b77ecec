package dev.portablefunctions.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.portablefunctions.FunctionException;
import dev.portablefunctions.Message;
import dev.portablefunctions.spi.BatchMode;
import dev.portablefunctions.spi.BatchResult;
import dev.portablefunctions.spi.Json;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MessageEnvelopeTest {

  private static MessageEnvelope.Batch decode(String file) {
    JsonNode event = Events.tree(file);
    return MessageEnvelope.decode(event, Trigger.of(event));
  }

  @Test
  void sqsStandardQueueBatchIsIndependentWithPartialResponses() {
    MessageEnvelope.Batch batch = decode("sqs.json");

    assertThat(batch.mode()).isEqualTo(BatchMode.INDEPENDENT);
    assertThat(batch.partialResponse()).isTrue();
    assertThat(batch.messages())
        .extracting(Message::id)
        .containsExactly("059f36b4-87a3-44ab-83d2-661975830a7d", "2e1424d4-f796-459a-8184-9c92662be6da");
    Message first = batch.messages().get(0);
    assertThat(first.bodyAsString()).isEqualTo("Test message.");
    assertThat(first.publishTime()).hasValue(Instant.ofEpochMilli(1545082649183L));
    assertThat(first.deliveryAttempt()).hasValue(1);
    assertThat(first.orderingKey()).isEmpty();
    assertThat(first.attributes()).isEmpty();
  }

  @Test
  void sqsFifoBatchIsOrderedByMessageGroup() {
    MessageEnvelope.Batch batch = decode("sqs-fifo.json");

    assertThat(batch.mode()).isEqualTo(BatchMode.BY_ORDERING_KEY);
    assertThat(batch.messages())
        .extracting(message -> message.orderingKey().orElseThrow())
        .containsExactly("1", "1", "2");
  }

  @Test
  void sqsMessageGroupOnAStandardQueueDoesNotOrderTheBatch() {
    String event =
        Events.variant(
            "sqs-fifo.json",
            tree ->
                tree.withArray("Records")
                    .forEach(
                        record ->
                            ((com.fasterxml.jackson.databind.node.ObjectNode) record)
                                .put("eventSourceARN", "arn:aws:sqs:us-east-2:123456789012:fair")));
    JsonNode tree = parse(event);
    MessageEnvelope.Batch batch = MessageEnvelope.decode(tree, Trigger.SQS);

    assertThat(batch.mode()).isEqualTo(BatchMode.INDEPENDENT);
    assertThat(batch.messages()).allSatisfy(message -> assertThat(message.orderingKey()).isEmpty());
  }

  @Test
  void sqsMessageAttributesBecomeStringAttributes() {
    String event =
        Events.variant(
            "sqs.json",
            tree -> {
              var attributes =
                  ((com.fasterxml.jackson.databind.node.ObjectNode) tree.withArray("Records").get(0))
                      .putObject("messageAttributes");
              attributes
                  .putObject("color")
                  .put("stringValue", "blue")
                  .putNull("binaryValue")
                  .put("dataType", "String");
              attributes
                  .putObject("blob")
                  .putNull("stringValue")
                  .put("binaryValue", "AAEC")
                  .put("dataType", "Binary");
            });
    Message message = MessageEnvelope.decode(parse(event), Trigger.SQS).messages().get(0);

    assertThat(message.attributes()).containsExactly(Map.entry("color", "blue"), Map.entry("blob", "AAEC"));
  }

  @Test
  void snsNotificationTakesNoPartialResponse() {
    MessageEnvelope.Batch batch = decode("sns.json");

    assertThat(batch.partialResponse()).isFalse();
    assertThat(batch.mode()).isEqualTo(BatchMode.INDEPENDENT);
    Message message = batch.messages().get(0);
    assertThat(message.id()).isEqualTo("95df01b4-ee98-5cb9-9903-4c221d41eb5e");
    assertThat(message.bodyAsString()).isEqualTo("Hello from SNS!");
    assertThat(message.attributes())
        .containsExactly(Map.entry("Test", "TestString"), Map.entry("TestBinary", "TestBinary"));
    assertThat(message.publishTime()).hasValue(Instant.parse("2019-01-02T12:45:07Z"));
  }

  @Test
  void kinesisRecordsAreDecodedFromBase64AndStopAtTheFirstFailure() {
    MessageEnvelope.Batch batch = decode("kinesis.json");

    assertThat(batch.mode()).isEqualTo(BatchMode.STOP_AT_FIRST_FAILURE);
    assertThat(batch.partialResponse()).isTrue();
    assertThat(batch.messages())
        .extracting(Message::id)
        .containsExactly(
            "49590338271490256608559692538361571095921575989136588898",
            "49590338271490256608559692540925702759324208523137515618");
    assertThat(batch.messages())
        .extracting(Message::bodyAsString)
        .containsExactly("Hello, this is a test.", "This is only a test.");
    Message first = batch.messages().get(0);
    assertThat(first.orderingKey()).hasValue("1");
    assertThat(first.publishTime()).hasValue(Instant.ofEpochMilli(1545084650987L));
  }

  @Test
  void dynamoDbRecordsCarryTheStreamRecordAsJsonAndTheirSequenceNumbers() throws Exception {
    MessageEnvelope.Batch batch = decode("dynamodb-streams.json");

    assertThat(batch.mode()).isEqualTo(BatchMode.STOP_AT_FIRST_FAILURE);
    assertThat(batch.messages())
        .extracting(Message::id)
        .containsExactly(
            "4421584500000000017450439091",
            "4421584500000000017450439092",
            "4421584500000000017450439093");
    assertThat(batch.messages())
        .extracting(message -> message.attribute("eventName").orElseThrow())
        .containsExactly("INSERT", "MODIFY", "REMOVE");
    JsonNode body = Json.mapper().readTree(batch.messages().get(1).body());
    assertThat(body.at("/NewImage/Message/S").asText()).isEqualTo("This item has changed");
    assertThat(body.at("/OldImage/Message/S").asText()).isEqualTo("New item!");
    assertThat(batch.messages().get(0).publishTime()).hasValue(Instant.ofEpochSecond(1428537600));
  }

  @Test
  void aRecordWithoutItsIdIsBadInput() {
    String event =
        Events.variant(
            "sqs.json",
            tree ->
                ((com.fasterxml.jackson.databind.node.ObjectNode) tree.withArray("Records").get(1))
                    .remove("messageId"));

    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> MessageEnvelope.decode(parse(event), Trigger.SQS))
        .isInstanceOf(FunctionException.class)
        .hasMessage("SQS record 1 has no messageId.");
  }

  @Test
  void batchItemFailuresListEveryFailedId() throws Exception {
    Message a = Message.of("a", "x");
    Message b = Message.of("b", "y");
    BatchResult result =
        new BatchResult(
            3,
            List.of(
                new BatchResult.Failure(a, new IllegalStateException(), false),
                new BatchResult.Failure(b, new IllegalStateException(), true)));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator json = Json.mapper().getFactory().createGenerator(out)) {
      MessageEnvelope.writeBatchItemFailures(result, json);
    }

    assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"batchItemFailures\":[{\"itemIdentifier\":\"a\"},{\"itemIdentifier\":\"b\"}]}");
  }

  @Test
  void anEmptyListMeansTheWholeBatchSucceeded() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator json = Json.mapper().getFactory().createGenerator(out)) {
      MessageEnvelope.writeBatchItemFailures(new BatchResult(2, List.of()), json);
    }
    assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8))
        .isEqualTo("{\"batchItemFailures\":[]}");
  }

  private static JsonNode parse(String json) {
    try {
      return Json.mapper().readTree(json);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
