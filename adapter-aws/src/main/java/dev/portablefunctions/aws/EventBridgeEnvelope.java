package dev.portablefunctions.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.portablefunctions.FunctionException;
import dev.portablefunctions.ScheduleEvent;
import dev.portablefunctions.spi.Json;
import dev.portablefunctions.spi.MalformedInput;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.jackson.JsonFormat;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps EventBridge events to schedule ticks and CloudEvents, and reads structured-mode CloudEvents.
 *
 * <p>A schedule tick is an event with {@code detail-type} {@code "Scheduled Event"} from {@code
 * aws.events} (a scheduled rule) or {@code aws.scheduler} (EventBridge Scheduler's default
 * notification). Its time is the event's {@code time}, the time it was scheduled for; its name is
 * the last path segment of the rule or schedule ARN in {@code resources}.
 *
 * <p>Any EventBridge event becomes a CloudEvent: {@code id}, {@code source}, {@code detail-type} as
 * {@code type}, {@code time}, and {@code detail} as JSON {@code data}; the extensions {@code
 * account}, {@code region} and {@code resources} (the ARNs joined with commas) carry the rest.
 */
final class EventBridgeEnvelope {

  private static final String SCHEDULED = "Scheduled Event";

  private EventBridgeEnvelope() {}

  /** Whether an EventBridge event is a scheduled rule's or a schedule's tick. */
  static boolean isSchedule(JsonNode event) {
    String source = JsonNodes.text(event, "source");
    return SCHEDULED.equals(JsonNodes.text(event, "detail-type"))
        && ("aws.events".equals(source) || "aws.scheduler".equals(source));
  }

  static ScheduleEvent schedule(JsonNode event) {
    Instant time = JsonNodes.instant(JsonNodes.text(event, "time"));
    if (time == null) {
      throw FunctionException.badInput("The scheduled event has no valid time.");
    }
    JsonNode resources = JsonNodes.array(event, "resources");
    if (resources != null && resources.size() > 0 && resources.get(0).isTextual()) {
      String arn = resources.get(0).asText();
      String name = arn.substring(arn.lastIndexOf('/') + 1);
      if (!name.isEmpty()) {
        return ScheduleEvent.of(time, name);
      }
    }
    return ScheduleEvent.of(time);
  }

  static CloudEvent cloudEvent(JsonNode event) {
    String where = "The EventBridge event";
    CloudEventBuilder builder =
        CloudEventBuilder.v1()
            .withId(JsonNodes.required(event, "id", where))
            .withSource(source(JsonNodes.required(event, "source", where)))
            .withType(JsonNodes.required(event, "detail-type", where));
    String time = JsonNodes.text(event, "time");
    if (time != null) {
      try {
        builder.withTime(OffsetDateTime.parse(time));
      } catch (DateTimeParseException malformed) {
        throw FunctionException.badInput(where + " has a time that is not ISO-8601.");
      }
    }
    JsonNode detail = event.get("detail");
    if (detail != null && !detail.isNull() && !detail.isMissingNode()) {
      if (detail.isTextual()) {
        // EventBridge Scheduler's default notification sends detail as a string ("{}").
        String text = detail.asText();
        builder.withData(
            isJson(text) ? "application/json" : "text/plain",
            text.getBytes(StandardCharsets.UTF_8));
      } else {
        builder.withData("application/json", write(detail));
      }
    }
    String account = JsonNodes.text(event, "account");
    if (account != null) {
      builder.withExtension("account", account);
    }
    String region = JsonNodes.text(event, "region");
    if (region != null) {
      builder.withExtension("region", region);
    }
    JsonNode resources = JsonNodes.array(event, "resources");
    if (resources != null && resources.size() > 0) {
      List<String> arns = new ArrayList<>(resources.size());
      resources.forEach(arn -> arns.add(arn.asText()));
      builder.withExtension("resources", String.join(",", arns));
    }
    try {
      return builder.build();
    } catch (IllegalStateException | IllegalArgumentException invalid) {
      // The SDK's message may quote a value of the event: it is not used.
      throw FunctionException.badInput(
          where
              + " is not a valid CloudEvent: expected id, source and detail-type as its"
              + " required attributes.");
    }
  }

  /**
   * Reads a CloudEvent in the JSON event format (structured mode), as a direct invocation. A
   * malformed one is bad input whose detail says where it broke and what was expected ({@link
   * MalformedInput}), never what the SDK's or Jackson's message quotes of it.
   */
  static CloudEvent structured(byte[] json) {
    try {
      return StructuredFormat.FORMAT.deserialize(json);
    } catch (RuntimeException malformed) {
      throw MalformedInput.of("CloudEvent", malformed);
    }
  }

  private static URI source(String source) {
    try {
      return new URI(source);
    } catch (URISyntaxException malformed) {
      throw FunctionException.badInput(
          "The EventBridge event's source is not a URI reference, as a CloudEvent source must be.");
    }
  }

  private static byte[] write(JsonNode node) {
    try {
      return Json.mapper().writeValueAsBytes(node);
    } catch (JsonProcessingException impossible) {
      throw new IllegalStateException("Cannot write a JSON tree back as JSON", impossible);
    }
  }

  private static boolean isJson(String text) {
    if (text.isBlank()) {
      return false;
    }
    try {
      Json.mapper().readTree(text);
      return true;
    } catch (JsonProcessingException notJson) {
      return false;
    }
  }

  /** Loaded only when a structured CloudEvent arrives. */
  private static final class StructuredFormat {
    static final JsonFormat FORMAT = new JsonFormat();
  }
}
