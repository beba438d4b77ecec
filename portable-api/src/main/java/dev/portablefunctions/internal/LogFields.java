package dev.portablefunctions.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.time.Instant;

/**
 * Writes log-line fields whose text would otherwise be built as a {@link String} first (a time, a
 * duration, a joined id) straight into a {@link JsonGenerator}, through a buffer each thread
 * reuses. The text written is exactly what the string would have been, escaped by the generator as
 * usual.
 *
 * <p>Each method uses the calling thread's buffer only while it runs; {@link #text()} hands the
 * buffer to the caller until its next call of {@link #writeString(JsonGenerator, String,
 * StringBuilder)} on the same thread.
 */
public final class LogFields {

  /** Text longer than this is not kept for the next line (a long project id, say). */
  private static final int KEPT = 1_024;

  private static final ThreadLocal<LogFields> EACH_THREAD = ThreadLocal.withInitial(LogFields::new);

  private final StringBuilder text = new StringBuilder(64);
  private char[] chars = new char[64];

  private LogFields() {}

  /**
   * Returns this thread's empty text buffer, for a value joined from parts: append to it, then pass
   * it to {@link #writeString(JsonGenerator, String, StringBuilder)}.
   *
   * @return the buffer, empty
   */
  public static StringBuilder text() {
    StringBuilder text = EACH_THREAD.get().text;
    text.setLength(0);
    return text;
  }

  /**
   * Writes a string field whose value is the text of {@code value}, as {@link
   * JsonGenerator#writeStringField} would write {@code value.toString()}.
   *
   * @param json the generator, inside an object
   * @param name the field name
   * @param value the value
   * @throws IOException if the generator fails
   */
  public static void writeString(JsonGenerator json, String name, StringBuilder value)
      throws IOException {
    LogFields scratch = EACH_THREAD.get();
    int length = value.length();
    char[] chars = scratch.chars(length);
    value.getChars(0, length, chars, 0);
    json.writeFieldName(name);
    json.writeString(chars, 0, length);
    scratch.trim();
  }

  /**
   * Writes {@link Timestamps#iso(Instant)} as a string field.
   *
   * @param json the generator, inside an object
   * @param name the field name
   * @param time the instant
   * @throws IOException if the generator fails
   */
  public static void writeIso(JsonGenerator json, String name, Instant time) throws IOException {
    writeTime(json, name, time, false);
  }

  /**
   * Writes {@link Timestamps#isoMillis(Instant)} as a string field.
   *
   * @param json the generator, inside an object
   * @param name the field name
   * @param time the instant
   * @throws IOException if the generator fails
   */
  public static void writeIsoMillis(JsonGenerator json, String name, Instant time)
      throws IOException {
    writeTime(json, name, time, true);
  }

  /** Writes a time from this thread's buffer, or its string outside the years it covers. */
  private static void writeTime(JsonGenerator json, String name, Instant time, boolean millis)
      throws IOException {
    char[] chars = EACH_THREAD.get().chars; // never shorter than Timestamps.ISO_LENGTH
    int length = millis ? Timestamps.isoMillis(time, chars) : Timestamps.iso(time, chars);
    if (length < 0) {
      json.writeStringField(name, millis ? Timestamps.isoMillis(time) : Timestamps.iso(time));
    } else {
      json.writeFieldName(name);
      json.writeString(chars, 0, length);
    }
  }

  /**
   * Writes a number field with the text {@link Double#toString(double)} gives, as {@link
   * JsonGenerator#writeNumberField(String, double)} writes a finite value.
   *
   * @param json the generator, inside an object
   * @param name the field name
   * @param value the value, finite
   * @throws IOException if the generator fails
   */
  public static void writeNumber(JsonGenerator json, String name, double value) throws IOException {
    if (!Double.isFinite(value)) {
      json.writeNumberField(name, value);
      return;
    }
    LogFields scratch = EACH_THREAD.get();
    StringBuilder text = scratch.text;
    text.setLength(0);
    text.append(value); // the digits of Double.toString, with no string in between
    int length = text.length();
    char[] chars = scratch.chars(length);
    text.getChars(0, length, chars, 0);
    json.writeFieldName(name);
    json.writeNumber(chars, 0, length);
  }

  private char[] chars(int length) {
    if (chars.length < length) {
      chars = new char[Math.max(length, chars.length * 2)];
    }
    return chars;
  }

  private void trim() {
    if (chars.length > KEPT) {
      chars = new char[64];
    }
    if (text.capacity() > KEPT) {
      text.setLength(0);
      text.trimToSize();
    }
  }
}
