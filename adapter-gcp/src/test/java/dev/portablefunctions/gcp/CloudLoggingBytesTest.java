package dev.portablefunctions.gcp;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.portablefunctions.FunctionLogger.Level;
import dev.portablefunctions.TraceContext;
import dev.portablefunctions.internal.StandardOutput;
import dev.portablefunctions.internal.Timestamps;
import dev.portablefunctions.spi.JsonLogWriter;
import dev.portablefunctions.spi.LogRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/**
 * The lines are, byte for byte, what the first layout wrote: a fresh generator per line, with the
 * time and the trace's resource name built as strings first; written as bytes, they are that text
 * in UTF-8, each with its newline.
 */
class CloudLoggingBytesTest {

  private static final TraceContext TRACE =
      TraceContext.of("00-5759e988bd862e3fe1be46a994272793-53995c3f42cd8ad8-01", null, null, null);

  private static String before(LogRecord record, String projectId) throws IOException {
    StringWriter text = new StringWriter();
    try (JsonGenerator json = new JsonFactory().createGenerator(text)) {
      json.writeStartObject();
      json.writeStringField("severity", CloudLogging.severity(record.level()));
      json.writeStringField("message", record.message());
      json.writeStringField("time", Timestamps.iso(record.time()));
      TraceContext trace = record.trace();
      if (trace.traceId().isPresent()) {
        String id = trace.traceId().get();
        json.writeStringField(
            CloudLogging.TRACE, projectId == null ? id : "projects/" + projectId + "/traces/" + id);
        if (trace.spanId().isPresent()) {
          json.writeStringField(CloudLogging.SPAN_ID, trace.spanId().get());
        }
        json.writeBooleanField(CloudLogging.TRACE_SAMPLED, trace.sampled());
      }
      json.writeObjectFieldStart(CloudLogging.LABELS);
      json.writeStringField("function", record.functionName());
      if (!record.invocationId().isEmpty()) {
        json.writeStringField(CloudLogging.EXECUTION_ID, record.invocationId());
      }
      json.writeEndObject();
      if (record.error() != null) {
        json.writeStringField("stack_trace", JsonLogWriter.stackTrace(record.error()));
      }
      JsonLogWriter.writeOutcome(record, json);
      json.writeEndObject();
    }
    return text.toString();
  }

  @Property(tries = 500)
  void linesAreWhatTheFirstLayoutWrote(
      @ForAll String message,
      @ForAll String project,
      @ForAll String function,
      @ForAll @LongRange(min = -10_000_000_000L, max = 300_000_000_000L) long second,
      @ForAll @LongRange(min = 0, max = 999_999_999) long nano,
      @ForAll boolean traced,
      @ForAll boolean withProject,
      @ForAll boolean failed)
      throws IOException {
    // A lone surrogate is escaped in the bytes, where encoding the string would write '?'.
    Assume.that(UTF_8.newEncoder().canEncode(message + project + function));
    String projectId = withProject ? project : null;
    LogRecord record =
        new LogRecord(
            Instant.ofEpochSecond(second, nano),
            failed ? Level.ERROR : Level.INFO,
            message,
            failed ? new IllegalStateException(message) : null,
            function,
            traced ? "exec-1" : "",
            traced ? TRACE : TraceContext.empty());
    List<String> lines = new ArrayList<>();

    CloudLogging.writer(lines::add, projectId).write(record);
    CloudLogging.writer(lines::add, projectId).write(record);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    CloudLogging.writer(bytes, projectId).write(record);
    CloudLogging.writer(bytes, projectId).write(record);

    assertThat(lines).containsExactly(before(record, projectId), before(record, projectId));
    String line = new String(before(record, projectId).getBytes(UTF_8), UTF_8) + "\n";
    assertThat(bytes.toString(UTF_8)).isEqualTo(line + line);
  }

  @Test
  void standardOutputIsTheOneSetWhenEachLineIsWritten() throws IOException {
    LogRecord record =
        new LogRecord(Instant.EPOCH, Level.INFO, "hello", null, "f", "exec-1", TRACE);
    JsonLogWriter writer = CloudLogging.writer(StandardOutput.STREAM, "p");
    PrintStream original = System.out;
    ByteArrayOutputStream first = new ByteArrayOutputStream();
    ByteArrayOutputStream second = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(first, false, UTF_8));
      writer.write(record);
      System.setOut(new PrintStream(second, false, UTF_8));
      writer.write(record);
      writer.write(record);
    } finally {
      System.setOut(original);
    }

    String line = before(record, "p") + "\n";
    assertThat(first.toString(UTF_8)).isEqualTo(line);
    assertThat(second.toString(UTF_8)).isEqualTo(line + line);
  }
}
