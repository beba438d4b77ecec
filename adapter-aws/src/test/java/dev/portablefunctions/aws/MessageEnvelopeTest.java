package dev.portablefunctions.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.portablefunctions.Cloud;
import dev.portablefunctions.FunctionException;
import dev.portablefunctions.FunctionLogger;
import dev.portablefunctions.Message;
import dev.portablefunctions.spi.BatchMode;
import dev.portablefunctions.spi.BatchResult;
import dev.portablefunctions.spi.FunctionDefinition;
import dev.portablefunctions.spi.InvocationContext;
import dev.portablefunctions.spi.Json;
import dev.portablefunctions.spi.LogRecord;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
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
        .containsExactly(
            "059f36b4-87a3-44ab-83d2-661975830a7d", "2e1424d4-f796-459a-8184-9c92662be6da");
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
                  ((com.fasterxml.jackson.databind.node.ObjectNode)
                          tree.withArray("Records").get(0))
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

    assertThat(message.attributes())
        .containsExactly(Map.entry("color", "blue"), Map.entry("blob", "AAEC"));
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
        .hasMessage("SQS record 1 has no messageId, so the batch cannot report it.");
  }

  @Test
  void aStreamRecordWithoutItsSequenceNumberFailsTheDecoding() {
    String event =
        Events.variant(
            "dynamodb-streams.json",
            tree ->
                ((com.fasterxml.jackson.databind.node.ObjectNode)
                        tree.withArray("Records").get(2).get("dynamodb"))
                    .remove("SequenceNumber"));

    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> MessageEnvelope.decode(parse(event), Trigger.DYNAMODB))
        .isInstanceOf(FunctionException.class)
        .hasMessageStartingWith("DynamoDB Streams record 2 has no dynamodb.SequenceNumber");
  }

  @Nested
  class RecordsThatCannotBeDecoded {

    private final List<LogRecord> logs = new ArrayList<>();
    private final List<String> ran = new ArrayList<>();
    private final InvocationContext context =
        InvocationContext.builder(Cloud.AWS, "recorder", "req-1")
            .logWriter(logs::add, FunctionLogger.Level.DEBUG)
            .build();

    /** Records each message it runs, and fails on a body that says "fail". */
    private final FunctionDefinition recorder =
        FunctionDefinition.message(
            "recorder",
            (message, ctx) -> {
              ran.add(message.id());
              if (message.bodyAsString().equals("fail")) {
                throw new IllegalStateException("failed " + message.id());
              }
            });

    private String kinesisWithBadData(int... records) {
      return Events.variant(
          "kinesis.json",
          tree -> {
            for (int record : records) {
              ((com.fasterxml.jackson.databind.node.ObjectNode)
                      tree.withArray("Records").get(record).get("kinesis"))
                  .put("data", "not*base64");
            }
          });
    }

    private static final String FIRST = "49590338271490256608559692538361571095921575989136588898";
    private static final String SECOND = "49590338271490256608559692540925702759324208523137515618";

    @Test
    void aRecordWhoseIdCanBeReadIsKeptAsAFailureOfItsOwn() {
      MessageEnvelope.Batch batch =
          MessageEnvelope.decode(parse(kinesisWithBadData(0)), Trigger.KINESIS);

      assertThat(batch.size()).isEqualTo(2);
      assertThat(batch.messages()).extracting(Message::id).containsExactly(SECOND);
      assertThat(batch.undecodable())
          .singleElement()
          .satisfies(
              record -> {
                assertThat(record.index()).isZero();
                assertThat(record.id()).isEqualTo(FIRST);
                assertThat(record.orderingKey()).isEqualTo("1");
                assertThat(record.reason())
                    .isInstanceOf(FunctionException.class)
                    .hasMessage("The data of Kinesis record 0 is not valid base64.");
              });
    }

    @Test
    void inAStreamItStopsTheBatchLikeAFailure() {
      MessageEnvelope.Batch batch =
          MessageEnvelope.decode(parse(kinesisWithBadData(0)), Trigger.KINESIS);
      BatchResult result = batch.run(recorder, context);

      assertThat(ran).isEmpty();
      assertThat(result.size()).isEqualTo(2);
      assertThat(result.failedIds()).containsExactly(FIRST, SECOND);
      assertThat(result.failures())
          .extracting(BatchResult.Failure::skipped)
          .containsExactly(false, true);
      assertThat(logs)
          .extracting(LogRecord::message)
          .satisfiesExactly(
              line ->
                  assertThat(line)
                      .contains("Record " + FIRST + " of the batch could not be decoded")
                      .contains("not valid base64"),
              line ->
                  assertThat(line)
                      .isEqualTo(
                          "Message "
                              + SECOND
                              + " was not run because an earlier record ("
                              + FIRST
                              + ") could not be decoded."));
    }

    @Test
    void inAStreamTheRecordsBeforeItRun() {
      MessageEnvelope.Batch batch =
          MessageEnvelope.decode(parse(kinesisWithBadData(1)), Trigger.KINESIS);
      BatchResult result = batch.run(recorder, context);

      assertThat(ran).containsExactly(FIRST);
      assertThat(result.failedIds()).containsExactly(SECOND);
      assertThat(logs).filteredOn(line -> line.level() == FunctionLogger.Level.WARN).hasSize(1);
    }

    @Test
    void inAFifoQueueItFailsTheRestOfItsGroupOnly() {
      // SQS records that decode are the norm; the batch is built here to place one that does not.
      List<Message> decoded =
          List.of(
              Message.builder("a1").body("ok").orderingKey("a").build(),
              Message.builder("b2").body("ok").orderingKey("b").build(),
              Message.builder("a3").body("ok").orderingKey("a").build(),
              Message.builder("c4").body("ok").build());
      MessageEnvelope.Batch batch =
          new MessageEnvelope.Batch(
              decoded,
              List.of(
                  new MessageEnvelope.Undecodable(
                      1, "a-bad", "a", FunctionException.badInput("bad"))),
              BatchMode.BY_ORDERING_KEY,
              true);
      BatchResult result = batch.run(recorder, context);

      assertThat(ran).containsExactly("a1", "b2", "c4");
      assertThat(result.size()).isEqualTo(5);
      assertThat(result.failedIds()).containsExactly("a-bad", "a3");
    }

    @Test
    void inAStandardQueueTheOthersRunAndTheirFailuresStayInOrder() {
      List<Message> decoded =
          List.of(
              Message.builder("m0").body("fail").build(),
              Message.builder("m2").body("ok").build(),
              Message.builder("m3").body("fail").build());
      MessageEnvelope.Batch batch =
          new MessageEnvelope.Batch(
              decoded,
              List.of(
                  new MessageEnvelope.Undecodable(
                      1, "m1", null, FunctionException.badInput("bad"))),
              BatchMode.INDEPENDENT,
              true);
      BatchResult result = batch.run(recorder, context);

      assertThat(ran).containsExactly("m0", "m2", "m3");
      assertThat(result.failedIds()).containsExactly("m0", "m1", "m3");
      assertThat(logs).filteredOn(line -> line.level() == FunctionLogger.Level.ERROR).hasSize(2);
      assertThat(logs)
          .filteredOn(line -> line.level() == FunctionLogger.Level.WARN)
          .singleElement()
          .satisfies(
              line ->
                  assertThat(line.message())
                      .contains("Record m1 of the batch could not be decoded"));
    }

    @Test
    void anUnexpectedDecodingErrorIsLoggedWithItsStackTrace() {
      MessageEnvelope.Batch batch =
          new MessageEnvelope.Batch(
              List.of(),
              List.of(
                  new MessageEnvelope.Undecodable(
                      0, "x", null, new IllegalArgumentException("bug"))),
              BatchMode.INDEPENDENT,
              true);
      BatchResult result = batch.run(recorder, context);

      assertThat(result.failedIds()).containsExactly("x");
      assertThat(logs)
          .singleElement()
          .satisfies(
              line -> {
                assertThat(line.level()).isEqualTo(FunctionLogger.Level.ERROR);
                assertThat(line.error()).hasMessage("bug");
              });
    }
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
