package dev.portablefunctions.spi;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import dev.portablefunctions.internal.LogFields;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A {@link LogWriter} that prints each record as one JSON object on one line, with the fields a
 * {@link Layout} chooses. Each cloud's adapter supplies its layout (CloudWatch Logs Insights, Cloud
 * Logging, plain JSON lines).
 *
 * <p>Lines go either to a {@code Consumer<String>}, as strings, or to an {@link OutputStream}, as
 * UTF-8 bytes with no string in between: each line and its newline in one {@code write} call, made
 * while holding the stream's lock, so that lines from concurrent invocations never interleave. The
 * text is the same either way, but for a string with a lone surrogate (malformed UTF-16), which
 * encoding the string line would turn into {@code ?} and the bytes keep as its JSON escape.
 */
public final class JsonLogWriter implements LogWriter {

  /** Writes one record's fields into an open JSON object. */
  @FunctionalInterface
  public interface Layout {

    /**
     * Writes the fields.
     *
     * @param record the record
     * @param json a generator positioned inside the object
     * @throws IOException never, in practice (the generator writes to memory)
     */
    void write(LogRecord record, JsonGenerator json) throws IOException;
  }

  /**
   * Each thread's generator writes with its own buffers (not Jackson's per-thread recycler, which
   * the thread's other generators use), and writes no separator between its root objects.
   */
  private static final JsonFactory FACTORY =
      new JsonFactoryBuilder()
          .rootValueSeparator((String) null)
          .recyclerPool(JsonRecyclerPools.nonRecyclingPool())
          .build();

  /**
   * As {@link #FACTORY}, for generators that write UTF-8 bytes: a character outside the BMP is
   * written as its four UTF-8 bytes, as encoding the string line would (not as two escapes).
   */
  private static final JsonFactory BYTE_FACTORY =
      new JsonFactoryBuilder()
          .rootValueSeparator((String) null)
          .recyclerPool(JsonRecyclerPools.nonRecyclingPool())
          .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
          .build();

  private static final ThreadLocal<Slot<LineWriter>> LINES =
      ThreadLocal.withInitial(JsonLogWriter::textSlot);

  private static final ThreadLocal<Slot<ByteLine>> BYTE_LINES =
      ThreadLocal.withInitial(JsonLogWriter::byteSlot);

  private final Consumer<String> out;
  private final OutputStream bytes;
  private final Layout layout;

  /** Writes a rendered byte line out: made once, so that writing a line allocates no lambda. */
  private final Function<ByteLine, Void> writeOut = this::writeOut;

  /**
   * Creates a writer that hands each line to a consumer as a string, without its newline.
   *
   * @param out where lines go; {@link PrintStream#println(String)} is a good choice, being
   *     synchronized
   * @param layout the fields
   */
  public JsonLogWriter(Consumer<String> out, Layout layout) {
    this.out = Objects.requireNonNull(out, "out");
    this.bytes = null;
    this.layout = Objects.requireNonNull(layout, "layout");
  }

  /**
   * Creates a writer that writes each line to a stream as UTF-8 bytes followed by {@code \n}, in
   * one {@link OutputStream#write(byte[], int, int)} call and a {@link OutputStream#flush()}, both
   * made while holding the stream's monitor ({@link PrintStream} takes the same lock for its own
   * writes, so lines never interleave with other output either). A stream that fails loses the
   * line, as a {@link PrintStream} does: logging never fails an invocation.
   *
   * @param out where lines go, such as {@code System.out}
   * @param layout the fields
   */
  public JsonLogWriter(OutputStream out, Layout layout) {
    this.out = null;
    this.bytes = Objects.requireNonNull(out, "out");
    this.layout = Objects.requireNonNull(layout, "layout");
  }

  @Override
  public void write(LogRecord record) {
    if (bytes == null) {
      out.accept(format(record));
    } else {
      render(BYTE_LINES, JsonLogWriter::byteSlot, record, writeOut);
    }
  }

  /**
   * Formats one record as a JSON line, without the newline. Each thread reuses one generator and
   * its buffers from line to line, so a line costs little more than its string.
   *
   * @param record the record
   * @return the line
   */
  public String format(LogRecord record) {
    return render(LINES, JsonLogWriter::textSlot, record, LineWriter::line);
  }

  /**
   * Writes one record's object with this thread's generator of one kind, then hands its buffer to
   * {@code take} before another line may use it. A layout that writes a line itself, on the same
   * thread, gets a fresh generator; a generator that failed inside an object is dropped, so that
   * the next line starts afresh.
   */
  private <B, R> R render(
      ThreadLocal<Slot<B>> slots, Supplier<Slot<B>> fresh, LogRecord record, Function<B, R> take) {
    Slot<B> slot = slots.get();
    boolean nested = slot.busy;
    if (nested) {
      slot = fresh.get();
    }
    slot.busy = true;
    boolean rendered = false;
    try {
      JsonGenerator json = slot.json;
      json.writeStartObject();
      layout.write(record, json);
      json.writeEndObject();
      json.flush();
      rendered = true;
      return take.apply(slot.buffer);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      slot.busy = false;
      if (!rendered && !nested) {
        slots.remove();
      }
    }
  }

  /** Writes a line and its newline to the stream in one call, under the stream's lock. */
  private Void writeOut(ByteLine line) {
    line.newline();
    try {
      synchronized (bytes) {
        bytes.write(line.bytes, 0, line.length);
        bytes.flush();
      }
    } catch (IOException lost) {
      // Dropped, as PrintStream drops what it cannot write.
    } finally {
      line.clear();
    }
    return null;
  }

  /**
   * Writes the fields of an outcome record (see {@link Instrumentation}) into an open JSON object,
   * after the layout's own fields; nothing for any other record. The fields, each on every cloud:
   * {@code outcome} ({@code success}, {@code error}, {@code partial}, {@code refused}), {@code
   * trigger} ({@code http}, {@code pubsub}, {@code datasource}, {@code timer}, {@code other}),
   * {@code source}, {@code status} (HTTP only), {@code errorKind} (when something failed), {@code
   * durationMs}, {@code coldStart}, and for a batch {@code batchSize}, {@code failed} and {@code
   * skipped}.
   *
   * @param record the record
   * @param json a generator positioned inside the object
   * @throws IOException never, in practice (the generator writes to memory)
   */
  public static void writeOutcome(LogRecord record, JsonGenerator json) throws IOException {
    Outcome outcome = record.outcome();
    if (outcome == null) {
      return;
    }
    json.writeStringField("outcome", outcome.result().id());
    json.writeStringField("trigger", outcome.trigger().id());
    json.writeStringField("source", outcome.source());
    int status = outcome.statusOrZero();
    if (status > 0) {
      json.writeNumberField("status", status);
    }
    String errorKind = outcome.errorKindOrNull();
    if (errorKind != null) {
      json.writeStringField("errorKind", errorKind);
    }
    LogFields.writeNumber(json, "durationMs", outcome.millis());
    json.writeBooleanField("coldStart", outcome.coldStart());
    int batchSize = outcome.batchSizeOrNegative();
    if (batchSize >= 0) {
      json.writeNumberField("batchSize", batchSize);
      json.writeNumberField("failed", outcome.failedCount());
      json.writeNumberField("skipped", outcome.skippedCount());
    }
  }

  /**
   * Collects what one thread's generator writes, line after line: a line that fits the generator's
   * buffer arrives in one call at flush, and becomes the string with no copy in between.
   */
  private static final class LineWriter extends Writer {
    private String first;
    private StringBuilder more;

    @Override
    public void write(char[] chars, int offset, int length) {
      if (first == null && more == null) {
        first = new String(chars, offset, length);
        return;
      }
      if (more == null) {
        more = new StringBuilder(first.length() + length + 64).append(first);
        first = null;
      }
      more.append(chars, offset, length);
    }

    @Override
    public void write(String text, int offset, int length) {
      write(text.toCharArray(), offset, length);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}

    /** Returns the line written since the last call, and forgets it. */
    String line() {
      String line = more != null ? more.toString() : first == null ? "" : first;
      first = null;
      more = null;
      return line;
    }
  }

  /**
   * One thread's generator over the buffer it writes lines into, and whether a line is being
   * written with it now.
   */
  private static final class Slot<B> {
    final B buffer;
    final JsonGenerator json;
    boolean busy;

    Slot(B buffer, JsonGenerator json) {
      this.buffer = buffer;
      this.json = json;
    }
  }

  private static Slot<LineWriter> textSlot() {
    LineWriter buffer = new LineWriter();
    try {
      return new Slot<>(buffer, FACTORY.createGenerator(buffer));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Slot<ByteLine> byteSlot() {
    ByteLine buffer = new ByteLine();
    try {
      return new Slot<>(buffer, BYTE_FACTORY.createGenerator(buffer, JsonEncoding.UTF8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Collects, as UTF-8 bytes, what one thread's generator writes for one line: the generator's
   * buffer arrives in one call at flush (in several for a line longer than that buffer), and the
   * line is written out from here.
   */
  private static final class ByteLine extends OutputStream {

    /** A buffer grown past this for a long line (a stack trace) is not kept for the next one. */
    private static final int KEPT = 16 * 1024;

    byte[] bytes = new byte[512];
    int length;

    @Override
    public void write(int b) {
      room(1);
      bytes[length++] = (byte) b;
    }

    @Override
    public void write(byte[] chunk, int offset, int count) {
      room(count);
      System.arraycopy(chunk, offset, bytes, length, count);
      length += count;
    }

    void newline() {
      write('\n');
    }

    void clear() {
      length = 0;
      if (bytes.length > KEPT) {
        bytes = new byte[512];
      }
    }

    private void room(int count) {
      if (length + count > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(length + count, bytes.length * 2));
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }

  /**
   * Returns an exception's class, message and stack trace as text, for the operator's log line.
   *
   * @param error the exception
   * @return the text
   */
  public static String stackTrace(Throwable error) {
    StringWriter text = new StringWriter(1024);
    error.printStackTrace(new PrintWriter(text));
    return text.toString();
  }
}
