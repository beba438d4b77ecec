package dev.portablefunctions.gcp.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The recorded events under {@code src/test/resources/events/gcp} (see {@code SOURCES.md} there),
 * as the three things a test needs: the structured-mode body as recorded, the binary-mode request
 * Eventarc sends for the same event, and the {@link CloudEvent} the invoker builds from that
 * binary-mode request ({@code ce-*} headers become attributes and lower-case extensions, {@code
 * Content-Type} the data content type, the body the data bytes).
 */
public final class RecordedEvents {

  /**
   * An event in binary content mode: {@code ce-*} and {@code Content-Type} headers, and the body.
   */
  public record Binary(Map<String, String> headers, byte[] body) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private RecordedEvents() {}

  /** The file's bytes: the structured-mode body. */
  public static byte[] structured(String file) {
    try (InputStream in = RecordedEvents.class.getResourceAsStream("/events/gcp/" + file)) {
      if (in == null) {
        throw new IllegalArgumentException("no recorded event " + file);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The file parsed as JSON. */
  public static JsonNode json(String file) {
    try {
      return JSON.readTree(structured(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The same event in binary content mode, following the CloudEvents HTTP binding. */
  public static Binary binary(String file) {
    JsonNode event = json(file);
    Map<String, String> headers = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> field : event.properties()) {
      String name = field.getKey();
      if (name.equals("data") || name.equals("data_base64") || name.equals("datacontenttype")) {
        continue;
      }
      headers.put("ce-" + name.toLowerCase(Locale.ROOT), field.getValue().asText());
    }
    if (event.hasNonNull("datacontenttype")) {
      headers.put("Content-Type", event.get("datacontenttype").asText());
    }
    return new Binary(headers, data(event));
  }

  /**
   * The {@link CloudEvent} the invoker hands a {@code CloudEventsFunction} for the binary request.
   */
  public static CloudEvent event(String file) {
    JsonNode event = json(file);
    CloudEventBuilder builder = CloudEventBuilder.v1();
    for (Map.Entry<String, JsonNode> field : event.properties()) {
      String name = field.getKey();
      String value = field.getValue().asText();
      switch (name) {
        case "specversion", "data", "data_base64", "datacontenttype" -> {}
        case "id" -> builder.withId(value);
        case "source" -> builder.withSource(URI.create(value));
        case "type" -> builder.withType(value);
        case "subject" -> builder.withSubject(value);
        case "time" -> builder.withTime(OffsetDateTime.parse(value));
        case "dataschema" -> builder.withDataSchema(URI.create(value));
        default -> builder.withExtension(name.toLowerCase(Locale.ROOT), value);
      }
    }
    String contentType =
        event.hasNonNull("datacontenttype") ? event.get("datacontenttype").asText() : null;
    byte[] data = data(event);
    if (contentType != null) {
      builder.withData(contentType, data);
    } else if (data.length > 0) {
      builder.withData(data);
    }
    return builder.build();
  }

  private static byte[] data(JsonNode event) {
    if (event.hasNonNull("data_base64")) {
      return Base64.getDecoder().decode(event.get("data_base64").asText());
    }
    JsonNode data = event.get("data");
    if (data == null || data.isNull()) {
      return new byte[0];
    }
    String contentType =
        event.hasNonNull("datacontenttype")
            ? event.get("datacontenttype").asText()
            : "application/json";
    if (data.isTextual() && !contentType.contains("json")) {
      return data.asText().getBytes(StandardCharsets.UTF_8);
    }
    try {
      return JSON.writeValueAsBytes(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
