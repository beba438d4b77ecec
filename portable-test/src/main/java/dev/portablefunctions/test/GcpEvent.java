package dev.portablefunctions.test;

import static dev.portablefunctions.test.internal.Edits.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portablefunctions.test.internal.Catalogue;
import dev.portablefunctions.test.internal.Edits;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * One request to a Google Cloud function, as the Functions Framework invoker receives it: a
 * CloudEvent from Eventarc (Pub/Sub, Cloud Storage, Cloud Scheduler through Pub/Sub, any other
 * event), or a plain HTTP request (an HTTP function, a Cloud Scheduler job with an HTTP target).
 * Replay it with {@link Replay#gcp(GcpEvent)}, which serves a CloudEvent through {@code
 * GcpEventFunction} and a plain request through {@code GcpHttpFunction}, as the two entry points
 * are deployed.
 *
 * <p>A CloudEvent is sent in binary content mode ({@code ce-*} headers, the data as the body), as
 * Eventarc sends it, unless {@link #structured()} asks for structured mode ({@code
 * application/cloudevents+json}). The catalogue methods return events recorded from Google's
 * CloudEvents examples and the Functions Framework conformance tests (sources in the kit's {@code
 * dev/portablefunctions/test/events/SOURCES.md}); the {@code with...} methods change only what a
 * test cares about:
 *
 * <pre>{@code
 * GcpResult result = Replay.function("signup").gcp(GcpEvent.pubSub().withMessages("not json"));
 * assertEquals(500, result.statusCode()); // Pub/Sub redelivers the message
 * }</pre>
 *
 * <p>Each {@code with...} method applies to the events its Javadoc names and throws {@link
 * IllegalStateException} for any other. Immutable and thread-safe.
 */
public final class GcpEvent {

  private static final String PUBSUB_TYPE = "google.cloud.pubsub.topic.v1.messagePublished";
  private static final String STORAGE_PREFIX = "google.cloud.storage.object.v1.";
  private static final String HOST = "my-function-abc123-uc.a.run.app";

  private final String name;
  // A CloudEvent, in its structured JSON form; null for a plain HTTP request.
  private final ObjectNode event;
  private final String recordedText;
  private final boolean structured;
  // A plain HTTP request.
  private final String method;
  private final String target;
  private final Map<String, List<String>> headers;
  private final byte[] body;

  private GcpEvent(String name, ObjectNode event, String recordedText, boolean structured) {
    this.name = name;
    this.event = event;
    this.recordedText = recordedText;
    this.structured = structured;
    this.method = null;
    this.target = null;
    this.headers = Map.of();
    this.body = new byte[0];
  }

  private GcpEvent(
      String name, String method, String target, Map<String, List<String>> headers, byte[] body) {
    this.name = name;
    this.event = null;
    this.recordedText = null;
    this.structured = false;
    this.method = method;
    this.target = target;
    this.headers = headers;
    this.body = body;
  }

  private static GcpEvent recorded(String name, String file) {
    String text = Catalogue.text("gcp/" + file);
    return new GcpEvent(name, (ObjectNode) Catalogue.parse(text, file), text, false);
  }

  // ---------------------------------------------------------------- the catalogue

  /**
   * A Pub/Sub {@code messagePublished} CloudEvent (message {@code message-id}, data {@code test
   * message 3}, attribute {@code attr1}, ordering key {@code ordering-key}), from Google's
   * CloudEvents examples.
   *
   * @return the event
   */
  public static GcpEvent pubSub() {
    return recorded("Pub/Sub message", "pubsub-message-published.json");
  }

  /**
   * A Cloud Storage {@code object.v1.finalized} CloudEvent (bucket {@code some-bucket}, object
   * {@code folder/Test.cs}), from the Functions Framework conformance tests.
   *
   * @return the event
   */
  public static GcpEvent storageObjectFinalized() {
    return recorded("Cloud Storage object finalized", "storage-object-finalized.json");
  }

  /**
   * A Cloud Storage {@code object.v1.deleted} CloudEvent, derived from the finalized one.
   *
   * @return the event
   */
  public static GcpEvent storageObjectDeleted() {
    return recorded("Cloud Storage object deleted", "storage-object-deleted.json");
  }

  /**
   * What a Cloud Scheduler job with a Pub/Sub target delivers: an ordinary Pub/Sub {@code
   * messagePublished} CloudEvent whose data is the job's body.
   *
   * @return the event
   */
  public static GcpEvent schedulerPubSub() {
    return recorded("Cloud Scheduler tick (Pub/Sub target)", "pubsub-scheduler.json");
  }

  /**
   * An Eventarc Cloud Audit Logs {@code google.cloud.audit.log.v1.written} CloudEvent (a BigQuery
   * job completed), from Google's CloudEvents examples: the shape of any other Eventarc event a
   * CloudEvent function takes. Its extension names are camelCase, which the CloudEvents SDK refuses
   * in structured mode; in binary mode, as Eventarc sends it, they arrive lower-cased.
   *
   * @return the event
   */
  public static GcpEvent auditLogWritten() {
    return recorded("Cloud Audit Logs entry written", "audit-log-written.json");
  }

  /**
   * What a Cloud Scheduler job with an HTTP target sends: {@code POST
   * /jobs/nightly-report?dryRun=false} with the {@code X-CloudScheduler-*} headers, built from
   * Cloud Scheduler's {@code HttpTarget} documentation.
   *
   * @return the request
   */
  public static GcpEvent schedulerHttp() {
    JsonNode recorded = Catalogue.tree("gcp/scheduler-http-request.json");
    Map<String, List<String>> headers = new LinkedHashMap<>();
    recorded
        .path("headers")
        .properties()
        .forEach(header -> headers.put(header.getKey(), List.of(header.getValue().asText())));
    return new GcpEvent(
        "Cloud Scheduler tick (HTTP target)",
        text(recorded, "method"),
        text(recorded, "target"),
        Collections.unmodifiableMap(headers),
        text(recorded, "body").getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Any CloudEvent, given in structured mode (the JSON of {@code application/cloudevents+json}),
   * such as one recorded from Eventarc; sent in binary mode unless {@link #structured()} says
   * otherwise.
   *
   * @param json the event
   * @return the event
   * @throws IllegalArgumentException if it is not a JSON object
   */
  public static GcpEvent cloudEvent(String json) {
    Objects.requireNonNull(json, "json");
    JsonNode tree = Catalogue.parse(json, "json");
    if (!tree.isObject()) {
      throw new IllegalArgumentException("A CloudEvent in structured mode is a JSON object");
    }
    return new GcpEvent("CloudEvent", (ObjectNode) tree, json, false);
  }

  /**
   * A plain HTTP request, such as a browser or another service sends to an HTTP function's URL: no
   * body, and only the {@code Host} header (of a Cloud Run functions URL) until more are set.
   *
   * @param method such as {@code GET}
   * @param pathAndQuery the request target, such as {@code /greet?name=Ada}
   * @return the request
   */
  public static GcpEvent http(String method, String pathAndQuery) {
    Objects.requireNonNull(method, "method");
    Edits.target(pathAndQuery);
    return new GcpEvent(
        "HTTP request", method, pathAndQuery, Map.of("Host", List.of(HOST)), new byte[0]);
  }

  // ---------------------------------------------------------------- content mode

  /**
   * Sends the CloudEvent in structured content mode: {@code Content-Type:
   * application/cloudevents+json}, the whole event as the body.
   *
   * @return the changed event
   */
  public GcpEvent structured() {
    requireCloudEvent("structured");
    return new GcpEvent(name, event, recordedText, true);
  }

  /**
   * Sends the CloudEvent in binary content mode, as Eventarc does (the default): each attribute as
   * a {@code ce-} header, {@code datacontenttype} as {@code Content-Type}, the data as the body.
   *
   * @return the changed event
   */
  public GcpEvent binary() {
    requireCloudEvent("binary");
    return new GcpEvent(name, event, recordedText, false);
  }

  // ---------------------------------------------------------------- CloudEvents

  /**
   * Sets the CloudEvent's {@code id} and, for a Pub/Sub event, the message's {@code messageId}
   * (Eventarc uses the message id as the event id).
   *
   * @param id the id
   * @return the changed event
   */
  public GcpEvent withId(String id) {
    Objects.requireNonNull(id, "id");
    requireCloudEvent("withId");
    return edit(
        copy -> {
          copy.put("id", id);
          if (isPubSub(copy)) {
            Edits.object(Edits.object(copy, "data"), "message").put("messageId", id);
          }
        });
  }

  /**
   * Sets the Pub/Sub message's body: {@code data.message.data}, base64-encoded. Pub/Sub delivers
   * one message per event, so exactly one body is taken.
   *
   * @param bodies the one body, as text
   * @return the changed event
   * @throws IllegalArgumentException unless there is exactly one body
   */
  public GcpEvent withMessages(String... bodies) {
    Objects.requireNonNull(bodies, "bodies");
    requirePubSub("withMessages");
    if (bodies.length != 1) {
      throw new IllegalArgumentException(
          "Pub/Sub delivers one message per event; replay each of the "
              + bodies.length
              + " messages as its own event");
    }
    String data = Base64.getEncoder().encodeToString(bodies[0].getBytes(StandardCharsets.UTF_8));
    return edit(copy -> Edits.object(Edits.object(copy, "data"), "message").put("data", data));
  }

  /**
   * Sets an attribute of the Pub/Sub message ({@code data.message.attributes}).
   *
   * @param name the attribute's name
   * @param value its value
   * @return the changed event
   */
  public GcpEvent withAttribute(String name, String value) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    requirePubSub("withAttribute");
    return edit(
        copy ->
            Edits.object(Edits.object(Edits.object(copy, "data"), "message"), "attributes")
                .put(name, value));
  }

  /**
   * Sets the bucket and object name of a Cloud Storage event, everywhere the event carries them:
   * {@code source}, {@code subject}, and the data's {@code bucket}, {@code name}, {@code id},
   * {@code selfLink} and {@code mediaLink}.
   *
   * @param bucket the bucket
   * @param objectName the object's name
   * @return the changed event
   */
  public GcpEvent withObject(String bucket, String objectName) {
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(objectName, "objectName");
    requireCloudEvent("withObject");
    String type = text(event, "type");
    if (type == null || !type.startsWith(STORAGE_PREFIX)) {
      throw unsupported("withObject", "Cloud Storage events");
    }
    return edit(
        copy -> {
          copy.put("source", "//storage.googleapis.com/projects/_/buckets/" + bucket);
          copy.put("subject", "objects/" + objectName);
          ObjectNode data = Edits.object(copy, "data");
          String generation = text(data, "generation");
          data.put("bucket", bucket);
          data.put("name", objectName);
          if (generation != null) {
            data.put("id", bucket + "/" + objectName + "/" + generation);
          }
          if (data.has("selfLink")) {
            data.put(
                "selfLink",
                "https://www.googleapis.com/storage/v1/b/" + bucket + "/o/" + objectName);
          }
          if (data.has("mediaLink")) {
            data.put(
                "mediaLink",
                "https://www.googleapis.com/download/storage/v1/b/"
                    + bucket
                    + "/o/"
                    + Edits.encodeComponent(objectName)
                    + (generation == null ? "?" : "?generation=" + generation + "&")
                    + "alt=media");
          }
        });
  }

  /**
   * Sets a CloudEvent's {@code data} to a JSON value (with {@code datacontenttype} {@code
   * application/json}).
   *
   * @param json the data
   * @return the changed event
   * @throws IllegalArgumentException if it is not JSON
   */
  public GcpEvent withData(String json) {
    Objects.requireNonNull(json, "json");
    requireCloudEvent("withData");
    JsonNode data = Catalogue.parse(json, "data");
    return edit(
        copy -> {
          copy.remove("data_base64");
          copy.put("datacontenttype", "application/json");
          copy.set("data", data.deepCopy());
        });
  }

  // ---------------------------------------------------------------- plain HTTP

  /**
   * Sets a plain request's method.
   *
   * @param method such as {@code POST}
   * @return the changed request
   */
  public GcpEvent withMethod(String method) {
    Objects.requireNonNull(method, "method");
    requireHttp("withMethod");
    return new GcpEvent(name, method, target, headers, body);
  }

  /**
   * Sets a plain request's path and query, as sent (the invoker does not decode them).
   *
   * @param pathAndQuery such as {@code /greet?name=Ada}
   * @return the changed request
   */
  public GcpEvent withPath(String pathAndQuery) {
    Edits.target(pathAndQuery);
    requireHttp("withPath");
    return new GcpEvent(name, method, pathAndQuery, headers, body);
  }

  /**
   * Sets one header of a plain request, replacing any value of that name (compared ignoring case).
   *
   * @param name the header's name
   * @param value its value
   * @return the changed request
   */
  public GcpEvent withHeader(String name, String value) {
    Edits.checkHeader(name, value);
    requireHttp("withHeader");
    Map<String, List<String>> changed = new LinkedHashMap<>(headers);
    changed.keySet().removeIf(key -> key.equalsIgnoreCase(name));
    changed.put(name, List.of(value));
    return new GcpEvent(this.name, method, target, Collections.unmodifiableMap(changed), body);
  }

  /**
   * Sets a plain request's body as UTF-8 text.
   *
   * @param text the body
   * @return the changed request
   */
  public GcpEvent withBody(String text) {
    Objects.requireNonNull(text, "text");
    return withBody(text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Sets a plain request's body.
   *
   * @param bytes the body
   * @return the changed request
   */
  public GcpEvent withBody(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    requireHttp("withBody");
    return new GcpEvent(name, method, target, headers, bytes.clone());
  }

  // ---------------------------------------------------------------- the request

  boolean isCloudEvent() {
    return event != null;
  }

  String name() {
    return name;
  }

  String method() {
    return event != null ? "POST" : method;
  }

  String target() {
    return event != null ? "/" : target;
  }

  /** The request's headers, in order. */
  Map<String, List<String>> headers() {
    if (event == null) {
      return headers;
    }
    Map<String, List<String>> sent = new LinkedHashMap<>();
    if (structured) {
      sent.put("Content-Type", List.of("application/cloudevents+json; charset=UTF-8"));
      return sent;
    }
    for (Map.Entry<String, JsonNode> field : event.properties()) {
      String attribute = field.getKey();
      if (attribute.equals("data")
          || attribute.equals("data_base64")
          || attribute.equals("datacontenttype")
          || field.getValue().isNull()) {
        continue;
      }
      sent.put("ce-" + attribute.toLowerCase(Locale.ROOT), List.of(field.getValue().asText()));
    }
    String contentType = text(event, "datacontenttype");
    if (contentType != null) {
      sent.put("Content-Type", List.of(contentType));
    }
    return sent;
  }

  /** The request's body. */
  byte[] body() {
    if (event == null) {
      return body.clone();
    }
    if (structured) {
      return (recordedText != null ? recordedText : Catalogue.write(event))
          .getBytes(StandardCharsets.UTF_8);
    }
    if (event.hasNonNull("data_base64")) {
      return Base64.getDecoder().decode(text(event, "data_base64"));
    }
    JsonNode data = event.get("data");
    if (data == null || data.isNull()) {
      return new byte[0];
    }
    String contentType = text(event, "datacontenttype");
    if (data.isTextual() && (contentType == null || !contentType.contains("json"))) {
      return data.asText().getBytes(StandardCharsets.UTF_8);
    }
    return Catalogue.write(data).getBytes(StandardCharsets.UTF_8);
  }

  /** A Pub/Sub event's message id, or null. */
  String messageId() {
    return event != null && isPubSub(event)
        ? text(event.path("data").path("message"), "messageId")
        : null;
  }

  // ---------------------------------------------------------------- plumbing

  private static boolean isPubSub(JsonNode event) {
    return PUBSUB_TYPE.equals(text(event, "type"));
  }

  private GcpEvent edit(Consumer<ObjectNode> change) {
    ObjectNode copy = event.deepCopy();
    change.accept(copy);
    return new GcpEvent(name, copy, null, structured);
  }

  private void requireCloudEvent(String method) {
    if (event == null) {
      throw unsupported(method, "CloudEvents");
    }
  }

  private void requirePubSub(String method) {
    if (event == null || !isPubSub(event)) {
      throw unsupported(method, "Pub/Sub messagePublished events");
    }
  }

  private void requireHttp(String method) {
    if (event != null) {
      throw unsupported(method, "plain HTTP requests");
    }
  }

  private IllegalStateException unsupported(String method, String applies) {
    return new IllegalStateException(method + " applies to " + applies + ", not to this " + name);
  }

  /**
   * Names the event, such as {@code Google Cloud Pub/Sub message (binary mode)}.
   *
   * @return the name
   */
  @Override
  public String toString() {
    return "Google Cloud "
        + name
        + (event == null ? "" : structured ? " (structured mode)" : " (binary mode)");
  }
}
