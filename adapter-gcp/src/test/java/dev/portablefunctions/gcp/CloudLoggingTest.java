package dev.portablefunctions.gcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portablefunctions.FunctionLogger.Level;
import dev.portablefunctions.TraceContext;
import dev.portablefunctions.spi.LogRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CloudLoggingTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant TIME = Instant.parse("2024-05-01T10:15:30.123Z");
  private static final TraceContext TRACE =
      TraceContext.of("00-5759e988bd862e3fe1be46a994272793-53995c3f42cd8ad8-01", null, null, null);

  private final List<String> lines = new ArrayList<>();

  private JsonNode write(String project, Level level, TraceContext trace, Throwable error)
      throws Exception {
    CloudLogging.writer(lines::add, project)
        .write(new LogRecord(TIME, level, "charging order 7", error, "echo-http", "exec-1", trace));
    assertThat(lines).hasSize(1);
    assertThat(lines.get(0)).doesNotContain("\n");
    return JSON.readTree(lines.get(0));
  }

  @Test
  void lineCarriesSeverityMessageTimeFunctionAndExecutionId() throws Exception {
    JsonNode line = write(null, Level.INFO, TraceContext.empty(), null);

    assertThat(line.get("severity").asText()).isEqualTo("INFO");
    assertThat(line.get("message").asText()).isEqualTo("charging order 7");
    assertThat(line.get("time").asText()).isEqualTo("2024-05-01T10:15:30.123Z");
    assertThat(line.get("logging.googleapis.com/labels").get("function").asText())
        .isEqualTo("echo-http");
    assertThat(line.get("logging.googleapis.com/labels").get("execution_id").asText())
        .isEqualTo("exec-1");
    assertThat(line.has("logging.googleapis.com/trace")).isFalse();
    assertThat(line.has("stack_trace")).isFalse();
  }

  @Test
  void levelsMapToCloudLoggingSeverities() {
    assertThat(CloudLogging.severity(Level.DEBUG)).isEqualTo("DEBUG");
    assertThat(CloudLogging.severity(Level.INFO)).isEqualTo("INFO");
    assertThat(CloudLogging.severity(Level.WARN)).isEqualTo("WARNING");
    assertThat(CloudLogging.severity(Level.ERROR)).isEqualTo("ERROR");
  }

  @Test
  void traceIsAResourceNameWhenTheProjectIsKnown() throws Exception {
    JsonNode line = write("my-project", Level.INFO, TRACE, null);

    assertThat(line.get("logging.googleapis.com/trace").asText())
        .isEqualTo("projects/my-project/traces/5759e988bd862e3fe1be46a994272793");
    assertThat(line.get("logging.googleapis.com/spanId").asText()).isEqualTo("53995c3f42cd8ad8");
    assertThat(line.get("logging.googleapis.com/trace_sampled").asBoolean()).isTrue();
  }

  @Test
  void traceIsTheBareIdWhenTheProjectIsUnknown() throws Exception {
    JsonNode line = write(null, Level.INFO, TRACE, null);

    assertThat(line.get("logging.googleapis.com/trace").asText())
        .isEqualTo("5759e988bd862e3fe1be46a994272793");
  }

  @Test
  void cloudTraceContextSpanIsWrittenInHex() throws Exception {
    TraceContext trace =
        TraceContext.of(null, null, "105445aa7843bc8bf206b12000100000/1;o=0", null);

    JsonNode line = write("p", Level.INFO, trace, null);

    assertThat(line.get("logging.googleapis.com/spanId").asText()).isEqualTo("0000000000000001");
    assertThat(line.get("logging.googleapis.com/trace_sampled").asBoolean()).isFalse();
  }

  @Test
  void exceptionGoesToStackTraceOnTheSameLine() throws Exception {
    JsonNode line =
        write(null, Level.ERROR, TraceContext.empty(), new IllegalStateException("boom"));

    assertThat(line.get("severity").asText()).isEqualTo("ERROR");
    assertThat(line.get("message").asText()).isEqualTo("charging order 7");
    assertThat(line.get("stack_trace").asText())
        .startsWith("java.lang.IllegalStateException: boom")
        .contains("\tat dev.portablefunctions.gcp.CloudLoggingTest");
  }

  @Test
  void processLinesHaveNoExecutionId() throws Exception {
    CloudLogging.writer(lines::add, null)
        .write(
            new LogRecord(
                TIME, Level.INFO, "Serving", null, "echo-http", "", TraceContext.empty()));

    JsonNode labels = JSON.readTree(lines.get(0)).get("logging.googleapis.com/labels");
    assertThat(labels.has("execution_id")).isFalse();
    assertThat(labels.get("function").asText()).isEqualTo("echo-http");
  }
}
