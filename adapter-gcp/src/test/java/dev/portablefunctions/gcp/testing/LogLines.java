package dev.portablefunctions.gcp.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Reads the adapter's Cloud Logging lines out of captured output. */
public final class LogLines {

  private static final ObjectMapper JSON = new ObjectMapper();

  private LogLines() {}

  /**
   * Every line that is the adapter's (a JSON object with {@code logging.googleapis.com/labels}).
   */
  public static List<JsonNode> adapterLines(Iterable<String> lines) {
    List<JsonNode> parsed = new ArrayList<>();
    for (String line : lines) {
      String trimmed = line.trim();
      if (!trimmed.startsWith("{")) {
        continue;
      }
      try {
        JsonNode json = JSON.readTree(trimmed);
        if (json.has("logging.googleapis.com/labels")) {
          parsed.add(json);
        }
      } catch (IOException notJson) {
        // another writer's line
      }
    }
    return parsed;
  }

  /** The adapter's lines in a block of output. */
  public static List<JsonNode> adapterLines(String output) {
    return adapterLines(List.of(output.split("\n")));
  }

  /**
   * The adapter's lines of one execution, without the outcome record that ends it (see {@link
   * #outcomeOf}).
   */
  public static List<JsonNode> ofExecution(String output, String executionId) {
    List<JsonNode> lines = new ArrayList<>();
    for (JsonNode line : adapterLines(output)) {
      if (executionId.equals(executionId(line)) && !line.has("outcome")) {
        lines.add(line);
      }
    }
    return lines;
  }

  /** The outcome record that ended one execution, or null if it has not been written (yet). */
  public static JsonNode outcomeOf(String output, String executionId) {
    for (JsonNode line : outcomes(output)) {
      if (executionId.equals(executionId(line))) {
        return line;
      }
    }
    return null;
  }

  /** Every outcome record in a block of output, in order. */
  public static List<JsonNode> outcomes(String output) {
    List<JsonNode> records = new ArrayList<>();
    for (JsonNode line : adapterLines(output)) {
      if (line.has("outcome")) {
        records.add(line);
      }
    }
    return records;
  }

  /** A line's execution id, or null. */
  public static String executionId(JsonNode line) {
    JsonNode id = line.path("logging.googleapis.com/labels").get("execution_id");
    return id == null ? null : id.asText();
  }
}
