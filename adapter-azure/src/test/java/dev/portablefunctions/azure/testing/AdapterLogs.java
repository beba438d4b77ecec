package dev.portablefunctions.azure.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.portablefunctions.azure.fakes.FakeExecutionContext;
import dev.portablefunctions.spi.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.LogRecord;
import java.util.stream.Collectors;

/**
 * What the adapter logged through a {@link FakeExecutionContext}, read the adapter's way: its JSON
 * lines, the outcome record that ends each invocation apart from the rest.
 */
public final class AdapterLogs {

  private AdapterLogs() {}

  /**
   * The records written through the context's logger, except the outcome record that ends each
   * invocation (see {@link #outcomes}).
   */
  public static List<LogRecord> records(FakeExecutionContext context) {
    return context.records().stream()
        .filter(record -> !isOutcome(record))
        .collect(Collectors.toList());
  }

  /** The outcome records written through the context's logger, as JSON. */
  public static List<JsonNode> outcomes(FakeExecutionContext context) {
    List<JsonNode> outcomes = new ArrayList<>();
    for (LogRecord record : context.records()) {
      if (isOutcome(record)) {
        try {
          outcomes.add(Json.mapper().readTree(record.getMessage()));
        } catch (JsonProcessingException notJson) {
          throw new AssertionError(notJson);
        }
      }
    }
    return outcomes;
  }

  private static boolean isOutcome(LogRecord record) {
    return record.getMessage().contains("\"outcome\":");
  }

  /** The messages of {@link #records}. */
  public static List<String> lines(FakeExecutionContext context) {
    return records(context).stream().map(LogRecord::getMessage).collect(Collectors.toList());
  }

  /** The {@code ECHO ...} payloads the echo functions logged, without the prefix. */
  public static List<String> echoes(FakeExecutionContext context) {
    return lines(context).stream()
        .map(AdapterLogs::message)
        .filter(message -> message.startsWith("ECHO "))
        .map(message -> message.substring(5))
        .collect(Collectors.toList());
  }

  /** The {@code message} field of one JSON log line. */
  public static String message(String line) {
    try {
      return Json.mapper().readTree(line).path("message").asText();
    } catch (JsonProcessingException notJson) {
      throw new AssertionError("Not a JSON log line: " + line, notJson);
    }
  }
}
