package dev.portablefunctions.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.portablefunctions.FunctionLogger;
import dev.portablefunctions.TraceContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import net.jqwik.api.Assume;
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
    writeFromEightThreads(new JsonLogWriter(lines::add, LAYOUT), t -> "thread " + t + " ", 500);

    assertThat(lines).hasSize(8 * 500);
    for (int t = 0; t < 8; t++) {
      String expected = fresh(LAYOUT, record(("thread " + t + " ").repeat(t * 300 + 1), "f", null));
      assertThat(lines).filteredOn(expected::equals).hasSize(500);
    }
  }

  /**
   * Eight threads at once, thread {@code t} writing {@code count} records whose message is its
   * {@code word} repeated {@code t * 300 + 1} times (lines from short to longer than a generator's
   * buffer).
   */
  private static void writeFromEightThreads(
      JsonLogWriter writer, IntFunction<String> word, int count) throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(8);
    try {
      List<Callable<Void>> tasks = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        String message = word.apply(t).repeat(t * 300 + 1);
        tasks.add(
            () -> {
              for (int i = 0; i < count; i++) {
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
  }

  /** What the byte writer writes for these records, one after the other. */
  private static String written(JsonLogWriter.Layout layout, List<LogRecord> records) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    JsonLogWriter writer = new JsonLogWriter(out, layout);
    for (LogRecord record : records) {
      writer.write(record);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  /** Whether a string is well-formed UTF-16: no lone surrogate. */
  static boolean wellFormed(String text) {
    return StandardCharsets.UTF_8.newEncoder().canEncode(text);
  }

  /** The string line and its newline, as UTF-8 bytes read back. */
  private static String asUtf8Line(String line) {
    return new String((line + "\n").getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
  }

  @Property(tries = 1_000)
  void bytesAreTheStringLinesInUtf8EachWithItsNewline(
      @ForAll String message, @ForAll String function, @ForAll String other) throws IOException {
    Assume.that(wellFormed(message + function + other)); // see the lone surrogate test below
    List<LogRecord> records =
        List.of(
            record(message, function, null),
            record(other, "f", null),
            record(message + other, function, null));
    StringBuilder expected = new StringBuilder();
    for (LogRecord record : records) {
      expected.append(asUtf8Line(fresh(LAYOUT, record)));
    }

    assertThat(written(LAYOUT, records)).isEqualTo(expected.toString());
  }

  @Test
  void bytesOfEscapesNonAsciiAndLongLinesAreTheStringLinesInUtf8() throws IOException {
    String awkward = "\u0000\u0001\u001f\b\t\n\f\r\"\\/\u007f\u2028 é ü 中文 😀 \ud83d\ude00";

    for (String message :
        List.of(
            awkward,
            awkward.repeat(2_000),
            "",
            "x".repeat(3_999),
            "y".repeat(8_001),
            "😀".repeat(5_000))) {
      LogRecord record = record(message, awkward, null);
      assertThat(written(LAYOUT, List.of(record))).isEqualTo(asUtf8Line(fresh(LAYOUT, record)));
    }
  }

  @Test
  void aLoneSurrogateIsWrittenAsItsEscapeWhereTheStringLineWouldLoseIt() {
    // Encoding the string line would turn a lone surrogate into '?'; the bytes keep it, escaped.
    LogRecord record = record("a\ud800b \udc00", "f", null);

    assertThat(written((r, json) -> json.writeStringField("m", r.message()), List.of(record)))
        .isEqualTo("{\"m\":\"a\\uD800b \\uDC00\"}\n");
  }

  @Test
  void eachByteLineIsOneWriteCallWithItsNewline() throws IOException {
    List<byte[]> writes = new ArrayList<>();
    OutputStream out =
        new OutputStream() {
          @Override
          public void write(int b) {
            writes.add(new byte[] {(byte) b});
          }

          @Override
          public void write(byte[] bytes, int offset, int length) {
            writes.add(Arrays.copyOfRange(bytes, offset, offset + length));
          }
        };
    JsonLogWriter writer = new JsonLogWriter(out, LAYOUT);
    LogRecord shortLine = record("short", "f", null);
    LogRecord longLine = record("z".repeat(20_000), "f", null);

    writer.write(shortLine);
    writer.write(longLine);
    writer.write(shortLine);

    assertThat(writes)
        .extracting(bytes -> new String(bytes, StandardCharsets.UTF_8))
        .containsExactly(
            fresh(LAYOUT, shortLine) + "\n",
            fresh(LAYOUT, longLine) + "\n",
            fresh(LAYOUT, shortLine) + "\n");
  }

  @Test
  void aByteLayoutThatFailsMidLineWritesNothingAndDoesNotSpoilTheNextLine() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    JsonLogWriter failing =
        new JsonLogWriter(
            out,
            (record, json) -> {
              json.writeObjectFieldStart("half");
              json.writeStringField("a", "b");
              throw new IOException("broken layout");
            });
    JsonLogWriter writer = new JsonLogWriter(out, LAYOUT);
    LogRecord record = record("after", "f", null);

    assertThatThrownBy(() -> failing.write(record)).isInstanceOf(UncheckedIOException.class);
    writer.write(record);

    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(fresh(LAYOUT, record) + "\n");
  }

  @Test
  void aStreamThatFailsLosesTheLineWithoutFailingTheCaller() throws IOException {
    OutputStream broken =
        new OutputStream() {
          @Override
          public void write(int b) throws IOException {
            throw new IOException("pipe closed");
          }
        };
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    LogRecord record = record("kept", "f", null);

    new JsonLogWriter(broken, LAYOUT).write(record("lost", "f", null));
    new JsonLogWriter(out, LAYOUT).write(record);

    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(fresh(LAYOUT, record) + "\n");
  }

  @Test
  void aByteLayoutMayWriteAnotherLineOnTheSameThread() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    JsonLogWriter inner = new JsonLogWriter(out, LAYOUT);
    LogRecord record = record("inner", "f", null);
    JsonLogWriter.Layout outerLayout =
        (outer, json) -> {
          json.writeStringField("before", "a");
          inner.write(record); // the same thread's generator is busy with this line
          json.writeStringField("after", "b");
        };
    JsonLogWriter outer = new JsonLogWriter(out, outerLayout);

    outer.write(record);
    inner.write(record);

    assertThat(out.toString(StandardCharsets.UTF_8))
        .isEqualTo(
            fresh(LAYOUT, record)
                + "\n"
                + "{\"before\":\"a\",\"after\":\"b\"}\n"
                + fresh(LAYOUT, record)
                + "\n");
  }

  @Test
  void threadsWritingBytesAtOnceToOneStreamNeverInterleaveTheirLines() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    // A stream that writes each call in small pieces, so that an unlocked caller would interleave.
    OutputStream slow =
        new OutputStream() {
          @Override
          public void write(int b) {
            out.write(b);
          }

          @Override
          public void write(byte[] bytes, int offset, int length) {
            for (int i = 0; i < length; i += 7) {
              out.write(bytes, offset + i, Math.min(7, length - i));
              Thread.yield();
            }
          }
        };
    writeFromEightThreads(new JsonLogWriter(slow, LAYOUT), t -> "thread " + t + " é😀 ", 200);

    String all = out.toString(StandardCharsets.UTF_8);
    assertThat(all).endsWith("\n");
    List<String> lines = List.of(all.split("\n", -1)).subList(0, 8 * 200);
    assertThat(all.split("\n", -1)).hasSize(8 * 200 + 1);
    for (int t = 0; t < 8; t++) {
      String expected =
          fresh(LAYOUT, record(("thread " + t + " é😀 ").repeat(t * 300 + 1), "f", null));
      assertThat(lines).filteredOn(expected::equals).hasSize(200);
    }
  }
}
