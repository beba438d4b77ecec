package dev.portablefunctions.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.portablefunctions.FunctionLogger.Level;
import dev.portablefunctions.TraceContext;
import dev.portablefunctions.internal.Timestamps;
import dev.portablefunctions.spi.LogRecord;
import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

/**
 * The lines are, byte for byte, what the first layout wrote: a fresh generator per line, with the
 * timestamp and the X-Ray id built as strings first.
 */
class CloudWatchLogFormatBytesTest {

  private static final TraceContext TRACE =
      TraceContext.of("00-5759e988bd862e3fe1be46a994272793-53995c3f42cd8ad8-01", null, null, null);

  private static String before(LogRecord record) throws IOException {
    StringWriter text = new StringWriter();
    try (JsonGenerator json = new JsonFactory().createGenerator(text)) {
      json.writeStartObject();
      json.writeStringField("timestamp", Timestamps.isoMillis(record.time()));
      json.writeStringField("level", record.level().name());
      json.writeStringField("message", record.message());
      json.writeStringField("requestId", record.invocationId());
      json.writeStringField("function", record.functionName());
      Optional<String> traceId = record.trace().traceId();
      if (traceId.isPresent()) {
        String id = traceId.get();
        json.writeStringField("traceId", id);
        json.writeStringField("xrayTraceId", "1-" + id.substring(0, 8) + "-" + id.substring(8));
      }
      if (record.error() != null) {
        Throwable error = record.error();
        json.writeStringField("errorType", error.getClass().getName());
        json.writeStringField("errorMessage", String.valueOf(CloudWatchLogFormat.message(error)));
        json.writeArrayFieldStart("stackTrace");
        for (String line : CloudWatchLogFormat.stackTrace(error).split("\\R")) {
          if (!line.isBlank()) {
            json.writeString(line.strip());
          }
        }
        json.writeEndArray();
      }
      json.writeEndObject();
    }
    return text.toString();
  }

  @Property(tries = 500)
  void linesAreWhatTheFirstLayoutWrote(
      @ForAll String message,
      @ForAll String function,
      @ForAll @LongRange(min = -10_000_000_000L, max = 300_000_000_000L) long second,
      @ForAll @LongRange(min = 0, max = 999_999_999) long nano,
      @ForAll boolean traced,
      @ForAll boolean failed)
      throws IOException {
    LogRecord record =
        new LogRecord(
            Instant.ofEpochSecond(second, nano),
            failed ? Level.ERROR : Level.INFO,
            message,
            failed ? new IllegalStateException(message) : null,
            function,
            "req-1",
            traced ? TRACE : TraceContext.empty());
    List<String> lines = new ArrayList<>();

    CloudWatchLogFormat.writer(lines::add).write(record);
    CloudWatchLogFormat.writer(lines::add).write(record);

    assertThat(lines).containsExactly(before(record), before(record));
  }
}
