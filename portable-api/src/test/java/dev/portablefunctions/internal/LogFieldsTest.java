package dev.portablefunctions.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** Each field written through the reused buffers is the text Jackson writes for the string. */
class LogFieldsTest {

  private static final JsonFactory FACTORY = new JsonFactory();

  /** Writes one object with the fields {@code fields} writes. */
  private static String object(Fields fields) throws IOException {
    StringWriter text = new StringWriter();
    try (JsonGenerator json = FACTORY.createGenerator(text)) {
      json.writeStartObject();
      fields.write(json);
      json.writeEndObject();
    }
    return text.toString();
  }

  @FunctionalInterface
  private interface Fields {
    void write(JsonGenerator json) throws IOException;
  }

  @Property(tries = 2_000)
  void aJoinedStringIsEscapedAsJacksonEscapesTheString(@ForAll String a, @ForAll String b)
      throws IOException {
    String joined = a + "/" + b;

    String written =
        object(
            json ->
                LogFields.writeString(json, "v", LogFields.text().append(a).append('/').append(b)));

    assertThat(written).isEqualTo(object(json -> json.writeStringField("v", joined)));
  }

  @Property(tries = 2_000)
  void aDoubleIsWhatWriteNumberFieldWrites(@ForAll double value) throws IOException {
    assertThat(object(json -> LogFields.writeNumber(json, "d", value)))
        .isEqualTo(object(json -> json.writeNumberField("d", value)));
  }

  @Property(tries = 2_000)
  void aDurationInMillisecondsIsWhatWriteNumberFieldWrites(
      @ForAll @LongRange(min = 0, max = 100_000_000_000_000L) long nanos) throws IOException {
    double millis = Math.round(nanos / 1_000.0) / 1_000.0;

    assertThat(object(json -> LogFields.writeNumber(json, "durationMs", millis)))
        .isEqualTo(object(json -> json.writeNumberField("durationMs", millis)));
  }

  @Property(tries = 2_000)
  void timesAreWhatTheirStringsWouldBe(
      @ForAll @LongRange(min = -100_000_000_000L, max = 300_000_000_000L) long second,
      @ForAll @LongRange(min = 0, max = 999_999_999) long nano)
      throws IOException {
    Instant time = Instant.ofEpochSecond(second, nano);

    assertThat(object(json -> LogFields.writeIso(json, "t", time)))
        .isEqualTo(object(json -> json.writeStringField("t", Timestamps.iso(time))));
    assertThat(object(json -> LogFields.writeIsoMillis(json, "t", time)))
        .isEqualTo(object(json -> json.writeStringField("t", Timestamps.isoMillis(time))));
  }

  @Test
  void charactersJsonMustEscapeAreEscapedAsJacksonEscapesThem() throws IOException {
    String awkward = "\u0000\u0001\u001f\b\t\n\f\r\"\\/\u007f\u2028\ud800 \udc00 é 😀";

    assertThat(object(json -> LogFields.writeString(json, "v", LogFields.text().append(awkward))))
        .isEqualTo(object(json -> json.writeStringField("v", awkward)));
  }

  @Test
  void numbersThatAreNotFiniteAreWrittenAsJacksonWritesThem() throws IOException {
    for (double value :
        new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0}) {
      assertThat(object(json -> LogFields.writeNumber(json, "d", value)))
          .isEqualTo(object(json -> json.writeNumberField("d", value)));
    }
  }

  @Property(tries = 200)
  void aLongValueDoesNotSpoilTheNextOne(@ForAll String small) throws IOException {
    String big = "x".repeat(5_000) + "\u0001\"";
    object(json -> LogFields.writeString(json, "v", LogFields.text().append(big)));

    assertThat(object(json -> LogFields.writeString(json, "v", LogFields.text().append(small))))
        .isEqualTo(object(json -> json.writeStringField("v", small)));
  }
}
