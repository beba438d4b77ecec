package dev.portablefunctions.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.portablefunctions.FunctionLogger;
import dev.portablefunctions.TraceContext;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/**
 * Lines written by the writer's reused per-thread generator are, byte for byte, what a fresh
 * Jackson generator writes for the same fields (the writer's first implementation).
 */
class JsonLogWriterTest {

  private static final JsonFactory FRESH = new JsonFactory();
  private static final Instant TIME = Instant.parse("2024-05-01T10:15:30.123Z");

  private static final JsonLogWriter.Layout LAYOUT =
      (record, json) -> {
        json.writeStringField("level", record.level().name());
        json.writeStringField("function", record.functionName());
        json.writeStringField("message", record.message());
        json.writeObjectFieldStart("labels");
        json.writeStringField("id", record.invocationId());
        json.writeEndObject();
        JsonLogWriter.writeOutcome(record, json);
      };

  /** The line as the writer wrote it before it reused generators. */
  private static String fresh(JsonLogWriter.Layout layout, LogRecord record) throws IOException {
    StringWriter text = new StringWriter();
    try (JsonGenerator json = FRESH.createGenerator(text)) {
      json.writeStartObject();
      layout.write(record, json);
      json.writeEndObject();
    }
    return text.toString();
  }

  /** The outcome fields as the writer wrote them, from the public accessors. */
  private static void outcomeAsBefore(LogRecord record, JsonGenerator json) throws IOException {
    Outcome outcome = record.outcome();
    if (outcome == null) {
      return;
    }
    json.writeStringField("outcome", outcome.result().id());
    json.writeStringField("trigger", outcome.trigger().id());
    json.writeStringField("source", outcome.source());
    if (outcome.status().isPresent()) {
      json.writeNumberField("status", outcome.status().getAsInt());
    }
    if (outcome.errorKind().isPresent()) {
      json.writeStringField("errorKind", outcome.errorKind().get());
    }
    json.writeNumberField("durationMs", Outcome.millis(outcome.durationNanos()));
    json.writeBooleanField("coldStart", outcome.coldStart());
    if (outcome.batchSize().isPresent()) {
      json.writeNumberField("batchSize", outcome.batchSize().getAsInt());
      json.writeNumberField("failed", outcome.failedCount());
      json.writeNumberField("skipped", outcome.skippedCount());
    }
  }

  private static LogRecord record(String message, String function, Outcome outcome) {
    return new LogRecord(
        TIME,
        FunctionLogger.Level.INFO,
        message,
        null,
        function,
        "id-1",
        TraceContext.empty(),
        outcome);
  }

  @Property(tries = 1_000)
  void linesInARowAreEachWhatAFreshGeneratorWrites(
      @ForAll String message, @ForAll String function, @ForAll String other) throws IOException {
    JsonLogWriter writer = new JsonLogWriter(line -> {}, LAYOUT);

    for (LogRecord record :
        List.of(
            record(message, function, null),
            record(other, "f", null),
            record(message + other, function, null))) {
      assertThat(writer.format(record)).isEqualTo(fresh(LAYOUT, record));
    }
  }

  @Test
  void charactersJsonMustEscapeAndLongLinesAreWrittenAsJacksonWritesThem() throws IOException {
    JsonLogWriter writer = new JsonLogWriter(line -> {}, LAYOUT);
    String awkward = "\u0000\u0001\u001f\b\t\n\f\r\"\\/\u007f\u2028\ud800 \udc00 é 😀";

    for (String message :
        List.of(awkward, awkward.repeat(2_000), "", "x".repeat(3_999), "y".repeat(8_001))) {
      LogRecord record = record(message, awkward, null);
      assertThat(writer.format(record)).isEqualTo(fresh(LAYOUT, record));
    }
  }

  @Property(tries = 1_000)
  void outcomeFieldsAreWhatThePublicAccessorsWrote(
      @ForAll Outcome.Result result,
      @ForAll @IntRange(min = -1, max = 599) int status,
      @ForAll boolean failed,
      @ForAll @IntRange(min = -1, max = 10_000) int batchSize,
      @ForAll @LongRange(min = 0, max = 100_000_000_000_000L) long nanos,
      @ForAll boolean coldStart,
      @ForAll TriggerType trigger)
      throws IOException {
    Outcome outcome =
        new Outcome(
            result,
            status,
            failed ? "BAD_INPUT" : null,
            null,
            batchSize,
            Math.max(0, batchSize / 2),
            Math.max(0, batchSize / 3),
            nanos,
            coldStart,
            trigger,
            "queue");
    LogRecord record = record(outcome.describe(), "f", outcome);
    JsonLogWriter writer = new JsonLogWriter(line -> {}, JsonLogWriter::writeOutcome);

    assertThat(writer.format(record))
        .isEqualTo(fresh(JsonLogWriterTest::outcomeAsBefore, record))
        .contains("\"durationMs\":" + Outcome.millis(nanos) + ",");
  }

  @Test
  void aLayoutThatFailsMidLineDoesNotSpoilTheNextLine() throws IOException {
    JsonLogWriter failing =
        new JsonLogWriter(
            line -> {},
            (record, json) -> {
              json.writeObjectFieldStart("half");
              json.writeStringField("a", "b");
              throw new IOException("broken layout");
            });
    JsonLogWriter writer = new JsonLogWriter(line -> {}, LAYOUT);
    LogRecord record = record("after", "f", null);

    assertThatThrownBy(() -> failing.format(record)).isInstanceOf(UncheckedIOException.class);
    assertThat(writer.format(record)).isEqualTo(fresh(LAYOUT, record));
  }

  @Test
  void aLayoutMayFormatAnotherLineOnTheSameThread() throws IOException {
    JsonLogWriter inner = new JsonLogWriter(line -> {}, LAYOUT);
    LogRecord record = record("inner", "f", null);
    JsonLogWriter.Layout outerLayout =
        (outer, json) -> json.writeStringField("nested", inner.format(record));
    JsonLogWriter outer = new JsonLogWriter(line -> {}, outerLayout);

    assertThat(outer.format(record)).isEqualTo(fresh(outerLayout, record));
    assertThat(inner.format(record)).isEqualTo(fresh(LAYOUT, record));
  }

  @Test
  void threadsWritingAtOnceEachWriteWholeLinesOfTheirOwn() throws Exception {
    List<String> lines = java.util.Collections.synchronizedList(new ArrayList<>());
    JsonLogWriter writer = new JsonLogWriter(lines::add, LAYOUT);
    ExecutorService threads = Executors.newFixedThreadPool(8);
    try {
      List<Callable<Void>> tasks = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        String message = ("thread " + t + " ").repeat(t * 300 + 1);
        tasks.add(
            () -> {
              for (int i = 0; i < 500; i++) {
                writer.write(record(message, "f", null));
              }
              return null;
            });
      }
      for (Future<Void> done : threads.invokeAll(tasks)) {
        done.get();
      }
    } finally {
      threads.shutdown();
    }

    assertThat(lines).hasSize(8 * 500);
    for (int t = 0; t < 8; t++) {
      String expected = fresh(LAYOUT, record(("thread " + t + " ").repeat(t * 300 + 1), "f", null));
      assertThat(lines).filteredOn(expected::equals).hasSize(500);
    }
  }
}
