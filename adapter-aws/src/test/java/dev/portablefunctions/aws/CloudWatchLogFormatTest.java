package dev.portablefunctions.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.portablefunctions.FunctionLogger.Level;
import dev.portablefunctions.TraceContext;
import dev.portablefunctions.spi.Json;
import dev.portablefunctions.spi.LogRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CloudWatchLogFormatTest {

  private final List<String> lines = new ArrayList<>();

  private JsonNode write(LogRecord record) throws Exception {
    CloudWatchLogFormat.writer(lines::add).write(record);
    assertThat(lines).hasSize(1);
    assertThat(lines.get(0)).doesNotContain("\n");
    return Json.mapper().readTree(lines.get(0));
  }

  @Test
  void writesOneJsonObjectWithLambdaFieldNames() throws Exception {
    JsonNode line =
        write(
            new LogRecord(
                Instant.parse("2024-05-01T12:00:00Z"),
                Level.INFO,
                "hello",
                null,
                "echo-http",
                "req-1",
                TraceContext.fromXRay("Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1")));

    assertThat(Json.mapper().convertValue(line, new TypeReference<Map<String, Object>>() {}))
        .containsExactly(
            Map.entry("timestamp", "2024-05-01T12:00:00.000Z"),
            Map.entry("level", "INFO"),
            Map.entry("message", "hello"),
            Map.entry("requestId", "req-1"),
            Map.entry("function", "echo-http"),
            Map.entry("traceId", "5759e988bd862e3fe1be46a994272793"),
            Map.entry("xrayTraceId", "1-5759e988-bd862e3fe1be46a994272793"));
  }

  @Test
  void leavesTraceFieldsOutWithoutATrace() throws Exception {
    JsonNode line =
        write(new LogRecord(Instant.now(), Level.WARN, "m", null, "f", "r", TraceContext.empty()));

    assertThat(line.has("traceId")).isFalse();
    assertThat(line.has("xrayTraceId")).isFalse();
    assertThat(line.get("level").asText()).isEqualTo("WARN");
  }

  @Test
  void anExceptionGoesInTheSameLineAsLambdaWritesErrors() throws Exception {
    Exception error = new IllegalStateException("boom", new java.io.IOException("root"));
    JsonNode line =
        write(
            new LogRecord(
                Instant.now(), Level.ERROR, "failed", error, "f", "r", TraceContext.empty()));

    assertThat(line.get("errorType").asText()).isEqualTo("java.lang.IllegalStateException");
    assertThat(line.get("errorMessage").asText()).isEqualTo("boom");
    assertThat(line.get("stackTrace").get(0).asText())
        .isEqualTo("java.lang.IllegalStateException: boom");
    assertThat(line.get("stackTrace").toString()).contains("Caused by: java.io.IOException: root");
  }

  @Test
  void portableLogLevelWinsOverLambdasApplicationLogLevel() {
    assertThat(threshold(Map.of("PORTABLE_LOG_LEVEL", "debug", "AWS_LAMBDA_LOG_LEVEL", "ERROR")))
        .isEqualTo(Level.DEBUG);
  }

  @Test
  void lambdasApplicationLogLevelAppliesWithoutPortableLogLevel() {
    assertThat(threshold(Map.of("AWS_LAMBDA_LOG_LEVEL", "TRACE"))).isEqualTo(Level.DEBUG);
    assertThat(threshold(Map.of("AWS_LAMBDA_LOG_LEVEL", "WARN"))).isEqualTo(Level.WARN);
    assertThat(threshold(Map.of("AWS_LAMBDA_LOG_LEVEL", "FATAL"))).isEqualTo(Level.ERROR);
  }

  @Test
  void defaultsToInfo() {
    assertThat(threshold(Map.of())).isEqualTo(Level.INFO);
    assertThat(threshold(Map.of("PORTABLE_LOG_LEVEL", "loud"))).isEqualTo(Level.INFO);
  }

  private static Level threshold(Map<String, String> environment) {
    return CloudWatchLogFormat.threshold(environment::get);
  }
}
