package dev.portablefunctions.test;

import static dev.portablefunctions.test.internal.Edits.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpMethod;
import dev.portablefunctions.azure.AzureFunctions;
import dev.portablefunctions.azure.fakes.FakeHttpRequest;
import dev.portablefunctions.test.internal.Catalogue;
import dev.portablefunctions.test.internal.Edits;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One Azure Functions trigger input, in the shapes the Java worker passes to an entry method: an
 * HTTP request, a Queue Storage or Service Bus message with its metadata, an Event Hubs batch with
 * its system properties, a blob with its properties, a timer's {@code TimerInfo}, one Event Grid
 * event in either schema. Replay it with {@link Replay#azure(AzureEvent)}, which calls the entry
 * method of {@code dev.portablefunctions.azure.AzureFunctions} that the Maven plugin's {@code
 * function.json} names for that trigger.
 *
 * <p>Metadata reaches the entry methods as the worker binds it to a {@code String}: plain text for
 * string metadata ({@code Id}, {@code MessageId}), JSON text for the rest (a {@code DequeueCount}
 * of {@code 1}, an {@code InsertionTime} with its quotes, the {@code ApplicationProperties}
 * object). The catalogue methods return inputs recorded from Microsoft's documentation and the
 * host's and extensions' sources (listed in the kit's {@code
 * dev/portablefunctions/test/events/SOURCES.md}); the {@code with...} methods change only what a
 * test cares about:
 *
 * <pre>{@code
 * AzureResult result = Replay.function("signup").azure(AzureEvent.serviceBusQueue().withMessages("not json"));
 * assertTrue(result.failure().isPresent()); // the host abandons the message; Service Bus redelivers it
 * }</pre>
 *
 * <p>Each {@code with...} method applies to the triggers its Javadoc names and throws {@link
 * IllegalStateException} for any other. Immutable and thread-safe.
 */
public final class AzureEvent {

  /** The entry methods, named as in {@code function.json}. */
  enum Entry {
    HTTP("HTTP trigger"),
    HTTP_BINARY("HTTP trigger (binary body)"),
    QUEUE("Queue Storage trigger"),
    SERVICE_BUS_QUEUE("Service Bus queue trigger"),
    SERVICE_BUS_TOPIC("Service Bus topic trigger"),
    EVENT_HUB("Event Hubs trigger"),
    BLOB("Blob Storage trigger"),
    TIMER("timer trigger"),
    EVENT_GRID("Event Grid trigger");

    final String description;

    Entry(String description) {
      this.description = description;
    }
  }

  private static final String APP_HOST = "my-app.azurewebsites.net";

  private final Entry entry;
  private final String name;
  private final List<byte[]> bodies;
  private final Map<String, String> metadata;
  // HTTP
  private final String method;
  private final String target;
  private final Map<String, String> headers;
  private final byte[] httpBody;

  private AzureEvent(
      Entry entry,
      String name,
      List<byte[]> bodies,
      Map<String, String> metadata,
      String method,
      String target,
      Map<String, String> headers,
      byte[] httpBody) {
    this.entry = entry;
    this.name = name;
    this.bodies = bodies;
    this.metadata = metadata;
    this.method = method;
    this.target = target;
    this.headers = headers;
    this.httpBody = httpBody;
  }

  private static AzureEvent trigger(
      Entry entry, String name, List<byte[]> bodies, Map<String, String> metadata) {
    return new AzureEvent(
        entry,
        name,
        List.copyOf(bodies),
        Collections.unmodifiableMap(metadata),
        null,
        null,
        Map.of(),
        null);
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  // ---------------------------------------------------------------- the catalogue

  /**
   * An HTTP request to the default route, {@code /api/<function name>/...}, whose body the worker
   * delivers as text (entry point {@code http}): the URL as the host rebuilds it ({@code
   * https://my-app.azurewebsites.net} and the target), the {@code host} header, and no body until
   * one is set. Header names are lower-cased and repeated query parameters joined with commas, as
   * the host passes them.
   *
   * @param method such as {@code GET}
   * @param pathAndQuery the URL's path and query, such as {@code /api/greet?name=Ada}
   * @return the input
   */
  public static AzureEvent http(String method, String pathAndQuery) {
    Objects.requireNonNull(method, "method");
    Edits.target(pathAndQuery);
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("host", APP_HOST);
    return new AzureEvent(
        Entry.HTTP, "HTTP request", List.of(), Map.of(), method, pathAndQuery, headers, null);
  }

  /**
   * A Queue Storage message (body {@code hello queue}) with the metadata of the host's documented
   * example: {@code Id}, {@code DequeueCount} 1, {@code InsertionTime}.
   *
   * @return the input
   */
  public static AzureEvent queue() {
    JsonNode recorded = Catalogue.tree("azure/queue-trigger-metadata.json");
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put("Id", text(recorded, "Id"));
    metadata.put("DequeueCount", recorded.path("DequeueCount").toString());
    metadata.put("InsertionTime", recorded.path("InsertionTime").toString());
    return trigger(Entry.QUEUE, "Queue Storage message", List.of(utf8("hello queue")), metadata);
  }

  /**
   * A Service Bus queue message with {@code MessageId}, {@code DeliveryCount} 1, {@code
   * EnqueuedTimeUtc} and the application properties of the Service Bus extension's tests.
   *
   * @return the input
   */
  public static AzureEvent serviceBusQueue() {
    return serviceBus(Entry.SERVICE_BUS_QUEUE, "Service Bus queue message");
  }

  /**
   * A Service Bus topic subscription message; as {@link #serviceBusQueue()}.
   *
   * @return the input
   */
  public static AzureEvent serviceBusTopic() {
    return serviceBus(Entry.SERVICE_BUS_TOPIC, "Service Bus topic message");
  }

  private static AzureEvent serviceBus(Entry entry, String name) {
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put("MessageId", "d9c3a0e85b3f4c0b9b1e6f2a7c4d5e60");
    metadata.put("DeliveryCount", "1");
    metadata.put("EnqueuedTimeUtc", "\"2020-08-31T16:48:37.708\"");
    metadata.put(
        "ApplicationProperties",
        Catalogue.write(Catalogue.tree("azure/servicebus-application-properties.json")));
    return trigger(entry, name, List.of(utf8("{\"order\":7}")), metadata);
  }

  /**
   * An Event Hubs batch of two events ({@code cardinality: many}) with the {@code
   * SystemPropertiesArray} built from the Event Hubs extension's source (sequence numbers 12 and
   * 13) and empty application properties.
   *
   * @return the input
   */
  public static AzureEvent eventHub() {
    JsonNode system = Catalogue.tree("azure/eventhub-system-properties-array.json");
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put("SystemPropertiesArray", Catalogue.write(system));
    metadata.put("PropertiesArray", "[{},{}]");
    return trigger(
        Entry.EVENT_HUB,
        "Event Hubs batch",
        List.of(utf8("{\"temperature\":21.5}"), utf8("{\"temperature\":22.0}")),
        metadata);
  }

  /**
   * A blob ({@code samples-workitems/hello.txt}, 12 bytes) with the {@code Properties} of
   * Microsoft's blob binding sample.
   *
   * @return the input
   */
  public static AzureEvent blob() {
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put("BlobTrigger", "samples-workitems/hello.txt");
    metadata.put("Properties", Catalogue.write(Catalogue.tree("azure/blob-properties.json")));
    return trigger(Entry.BLOB, "blob", List.of(utf8("Hello World!")), metadata);
  }

  /**
   * A timer tick: the {@code TimerInfo} JSON a Java worker logged (its {@code ScheduleStatus.Next}
   * is the occurrence run).
   *
   * @return the input
   */
  public static AzureEvent timer() {
    return trigger(
        Entry.TIMER,
        "timer tick",
        List.of(),
        Map.of("TimerInfo", Catalogue.text("azure/timer-info.json").trim()));
  }

  /**
   * An Event Grid {@code Microsoft.Storage.BlobCreated} event in the Event Grid schema.
   *
   * @return the input
   */
  public static AzureEvent eventGridBlobCreated() {
    return eventGrid("Event Grid BlobCreated event", "eventgrid-blob-created.json");
  }

  /**
   * An Event Grid {@code Microsoft.Storage.BlobDeleted} event in the Event Grid schema.
   *
   * @return the input
   */
  public static AzureEvent eventGridBlobDeleted() {
    return eventGrid("Event Grid BlobDeleted event", "eventgrid-blob-deleted.json");
  }

  /**
   * A custom topic's Event Grid event ({@code recordInserted}) in the Event Grid schema.
   *
   * @return the input
   */
  public static AzureEvent eventGridCustom() {
    return eventGrid("Event Grid custom event", "eventgrid-custom.json");
  }

  /**
   * An Event Grid {@code Microsoft.Storage.BlobCreated} event in the CloudEvents 1.0 schema.
   *
   * @return the input
   */
  public static AzureEvent cloudEventsBlobCreated() {
    return eventGrid(
        "Event Grid BlobCreated event (CloudEvents schema)", "cloudevents-blob-created.json");
  }

  /**
   * An Event Grid {@code Microsoft.Storage.BlobDeleted} event in the CloudEvents 1.0 schema.
   *
   * @return the input
   */
  public static AzureEvent cloudEventsBlobDeleted() {
    return eventGrid(
        "Event Grid BlobDeleted event (CloudEvents schema)", "cloudevents-blob-deleted.json");
  }

  /**
   * A custom CloudEvent ({@code com.example.someevent}) delivered by Event Grid in the CloudEvents
   * 1.0 schema.
   *
   * @return the input
   */
  public static AzureEvent cloudEventsCustom() {
    return eventGrid("Event Grid custom event (CloudEvents schema)", "cloudevents-custom.json");
  }

  /**
   * Any one Event Grid event, in either schema, as the Event Grid extension passes it.
   *
   * @param json the event, a JSON object
   * @return the input
   * @throws IllegalArgumentException if it is not a JSON object
   */
  public static AzureEvent eventGrid(String json) {
    Objects.requireNonNull(json, "json");
    JsonNode event = Catalogue.parse(json, "json");
    if (!event.isObject()) {
      throw new IllegalArgumentException("An Event Grid trigger takes one event, a JSON object");
    }
    return trigger(
        Entry.EVENT_GRID, "Event Grid event", List.of(), Map.of("event", Catalogue.write(event)));
  }

  private static AzureEvent eventGrid(String name, String file) {
    // The extension parses the delivery and passes each event as compact JSON.
    return trigger(
        Entry.EVENT_GRID,
        name,
        List.of(),
        Map.of("event", Catalogue.write(Catalogue.tree("azure/" + file))));
  }

  // ---------------------------------------------------------------- HTTP

  /**
   * Makes the HTTP request go to the binary entry point, {@code httpBinary} ({@code
   * <azure><binary>true</binary>} in the plugin's settings), which receives the body's bytes.
   *
   * @return the changed request
   */
  public AzureEvent binary() {
    requireHttp("binary");
    return new AzureEvent(
        Entry.HTTP_BINARY, name, bodies, metadata, method, target, headers, httpBody);
  }

  /**
   * Sets the HTTP request's method.
   *
   * @param method such as {@code POST}
   * @return the changed request
   */
  public AzureEvent withMethod(String method) {
    Objects.requireNonNull(method, "method");
    requireHttp("withMethod");
    return new AzureEvent(entry, name, bodies, metadata, method, target, headers, httpBody);
  }

  /**
   * Sets the HTTP request's URL path and query.
   *
   * @param pathAndQuery such as {@code /api/greet?name=Ada}
   * @return the changed request
   */
  public AzureEvent withPath(String pathAndQuery) {
    Edits.target(pathAndQuery);
    requireHttp("withPath");
    return new AzureEvent(entry, name, bodies, metadata, method, pathAndQuery, headers, httpBody);
  }

  /**
   * Sets one HTTP header, under its lower-case name as the host passes it, replacing any value.
   *
   * @param name the header's name
   * @param value its value
   * @return the changed request
   */
  public AzureEvent withHeader(String name, String value) {
    Edits.checkHeader(name, value);
    requireHttp("withHeader");
    Map<String, String> changed = new LinkedHashMap<>(headers);
    changed.put(Edits.lower(name), value);
    return new AzureEvent(entry, this.name, bodies, metadata, method, target, changed, httpBody);
  }

  /**
   * Sets the body of an HTTP request or the content of a blob, as UTF-8 text.
   *
   * @param text the body
   * @return the changed input
   */
  public AzureEvent withBody(String text) {
    Objects.requireNonNull(text, "text");
    return withBody(utf8(text));
  }

  /**
   * Sets the body of an HTTP request or the content of a blob. The text entry point ({@code http})
   * receives it as the worker delivers text: decoded as UTF-8 (the plugin pins the worker's
   * charset), with invalid sequences replaced.
   *
   * @param bytes the body
   * @return the changed input
   */
  public AzureEvent withBody(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    if (entry == Entry.BLOB) {
      return trigger(entry, name, List.of(bytes.clone()), metadata);
    }
    requireHttp("withBody");
    return new AzureEvent(entry, name, bodies, metadata, method, target, headers, bytes.clone());
  }

  // ---------------------------------------------------------------- messages

  /**
   * Sets the message bodies: exactly one for Queue Storage and Service Bus (one message per
   * invocation), any number for an Event Hubs batch, whose {@code SystemPropertiesArray} then has
   * one entry per event (copies of the recorded last one, with the next sequence numbers) and whose
   * {@code PropertiesArray} keeps its attributes.
   *
   * @param bodies the bodies, as text
   * @return the changed input
   * @throws IllegalArgumentException if there is no body, or several for a one-message trigger
   */
  public AzureEvent withMessages(String... bodies) {
    Objects.requireNonNull(bodies, "bodies");
    if (bodies.length == 0) {
      throw new IllegalArgumentException("withMessages needs at least one body");
    }
    List<byte[]> bytes = new ArrayList<>(bodies.length);
    for (String body : bodies) {
      bytes.add(utf8(Objects.requireNonNull(body, "body")));
    }
    return switch (entry) {
      case QUEUE, SERVICE_BUS_QUEUE, SERVICE_BUS_TOPIC -> {
        if (bodies.length != 1) {
          throw new IllegalArgumentException(
              entry.description
                  + "s run one message per invocation; replay each of the "
                  + bodies.length
                  + " messages as its own input");
        }
        yield trigger(entry, name, bytes, metadata);
      }
      case EVENT_HUB -> {
        ArrayNode recorded =
            (ArrayNode)
                Catalogue.parse(metadata.get("SystemPropertiesArray"), "SystemPropertiesArray");
        ArrayNode properties =
            (ArrayNode) Catalogue.parse(metadata.get("PropertiesArray"), "PropertiesArray");
        ArrayNode system = Edits.NODES.arrayNode();
        ArrayNode application = Edits.NODES.arrayNode();
        for (int i = 0; i < bodies.length; i++) {
          if (i < recorded.size()) {
            system.add(recorded.get(i));
          } else {
            ObjectNode copy = ((ObjectNode) system.get(i - 1)).deepCopy();
            long next = copy.path("SequenceNumber").asLong() + 1;
            copy.put("SequenceNumber", next);
            if (copy.has("x-opt-sequence-number")) {
              copy.put("x-opt-sequence-number", next);
            }
            system.add(copy);
          }
          application.add(
              properties.size() == 0
                  ? Edits.NODES.objectNode()
                  : properties.get(Math.min(i, properties.size() - 1)).deepCopy());
        }
        Map<String, String> changed = new LinkedHashMap<>(metadata);
        changed.put("SystemPropertiesArray", Catalogue.write(system));
        changed.put("PropertiesArray", Catalogue.write(application));
        yield trigger(entry, name, bytes, changed);
      }
      default ->
          throw unsupported("withMessages", "Queue Storage, Service Bus and Event Hubs triggers");
    };
  }

  /**
   * Sets the id of a Queue Storage ({@code Id}) or Service Bus ({@code MessageId}) message.
   *
   * @param id the id
   * @return the changed input
   */
  public AzureEvent withId(String id) {
    Objects.requireNonNull(id, "id");
    String key =
        switch (entry) {
          case QUEUE -> "Id";
          case SERVICE_BUS_QUEUE, SERVICE_BUS_TOPIC -> "MessageId";
          default -> throw unsupported("withId", "Queue Storage and Service Bus triggers");
        };
    Map<String, String> changed = new LinkedHashMap<>(metadata);
    changed.put(key, id);
    return trigger(entry, name, bodies, changed);
  }

  /**
   * Sets an application property: in a Service Bus message's {@code ApplicationProperties}, or in
   * every event's entry of an Event Hubs batch's {@code PropertiesArray}.
   *
   * @param name the property's name
   * @param value its value, a string
   * @return the changed input
   */
  public AzureEvent withAttribute(String name, String value) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    Map<String, String> changed = new LinkedHashMap<>(metadata);
    switch (entry) {
      case SERVICE_BUS_QUEUE, SERVICE_BUS_TOPIC -> {
        ObjectNode properties =
            (ObjectNode)
                Catalogue.parse(metadata.get("ApplicationProperties"), "ApplicationProperties");
        properties.put(name, value);
        changed.put("ApplicationProperties", Catalogue.write(properties));
      }
      case EVENT_HUB -> {
        ArrayNode properties = Edits.NODES.arrayNode();
        JsonNode recorded = Catalogue.parse(metadata.get("PropertiesArray"), "PropertiesArray");
        for (int i = 0; i < bodies.size(); i++) {
          JsonNode own = recorded.get(i);
          ObjectNode entryProperties =
              own instanceof ObjectNode object ? object.deepCopy() : Edits.NODES.objectNode();
          entryProperties.put(name, value);
          properties.add(entryProperties);
        }
        changed.put("PropertiesArray", Catalogue.write(properties));
      }
      default -> throw unsupported("withAttribute", "Service Bus and Event Hubs triggers");
    }
    return trigger(entry, this.name, bodies, changed);
  }

  // ---------------------------------------------------------------- storage and events

  /**
   * Sets the container and blob name: a blob trigger's {@code BlobTrigger} ({@code
   * container/name}), or an Event Grid blob event's {@code subject} and {@code data.url}.
   *
   * @param container the container
   * @param blobName the blob's name
   * @return the changed input
   */
  public AzureEvent withObject(String container, String blobName) {
    Objects.requireNonNull(container, "container");
    Objects.requireNonNull(blobName, "blobName");
    Map<String, String> changed = new LinkedHashMap<>(metadata);
    if (entry == Entry.BLOB) {
      changed.put("BlobTrigger", container + "/" + blobName);
      return trigger(entry, name, bodies, changed);
    }
    ObjectNode event = eventGridEvent("withObject");
    String type = text(event, event.has("eventType") ? "eventType" : "type");
    if (type == null || !type.startsWith("Microsoft.Storage.Blob")) {
      throw unsupported("withObject", "blob triggers and Event Grid blob events");
    }
    event.put("subject", "/blobServices/default/containers/" + container + "/blobs/" + blobName);
    ObjectNode data = Edits.object(event, "data");
    String url = text(data, "url");
    String account = "https://my-storage-account.blob.core.windows.net/";
    if (url != null && url.startsWith("https://") && url.indexOf('/', 8) > 0) {
      account = url.substring(0, url.indexOf('/', 8) + 1);
    }
    data.put("url", account + container + "/" + Edits.encodePath(blobName).replaceFirst("^/", ""));
    changed.put("event", Catalogue.write(event));
    return trigger(entry, name, bodies, changed);
  }

  /**
   * Sets an Event Grid event's {@code data}, in either schema.
   *
   * @param json the data, JSON
   * @return the changed input
   */
  public AzureEvent withData(String json) {
    Objects.requireNonNull(json, "json");
    ObjectNode event = eventGridEvent("withData");
    event.set("data", Catalogue.parse(json, "data"));
    Map<String, String> changed = new LinkedHashMap<>(metadata);
    changed.put("event", Catalogue.write(event));
    return trigger(entry, name, bodies, changed);
  }

  private ObjectNode eventGridEvent(String method) {
    if (entry != Entry.EVENT_GRID) {
      throw unsupported(method, "Event Grid triggers");
    }
    return (ObjectNode) Catalogue.parse(metadata.get("event"), "event");
  }

  // ---------------------------------------------------------------- invoking

  Entry entry() {
    return entry;
  }

  String name() {
    return name;
  }

  /** The ids the trigger's messages carry: Id, MessageId, or each event's sequence number. */
  List<String> messageIds() {
    return switch (entry) {
      case QUEUE -> List.of(metadata.get("Id"));
      case SERVICE_BUS_QUEUE, SERVICE_BUS_TOPIC -> List.of(metadata.get("MessageId"));
      case EVENT_HUB -> {
        List<String> ids = new ArrayList<>();
        for (JsonNode system :
            Catalogue.parse(metadata.get("SystemPropertiesArray"), "SystemPropertiesArray")) {
          ids.add(system.path("SequenceNumber").asText());
        }
        yield List.copyOf(ids);
      }
      default -> List.of();
    };
  }

  /** Calls the entry method the trigger's function.json names, as the worker does. */
  Object invoke(AzureFunctions functions, ExecutionContext context) {
    byte[] first = bodies.isEmpty() ? new byte[0] : bodies.get(0);
    return switch (entry) {
      case HTTP -> functions.http(request(textBody()), context);
      case HTTP_BINARY ->
          functions.httpBinary(
              request(
                  httpBody == null || httpBody.length == 0
                      ? Optional.<byte[]>empty()
                      : Optional.of(httpBody.clone())),
              context);
      case QUEUE -> {
        functions.queue(
            first,
            metadata.get("Id"),
            metadata.get("DequeueCount"),
            metadata.get("InsertionTime"),
            context);
        yield null;
      }
      case SERVICE_BUS_QUEUE -> {
        functions.serviceBusQueue(
            first,
            metadata.get("MessageId"),
            metadata.get("DeliveryCount"),
            metadata.get("EnqueuedTimeUtc"),
            metadata.get("ApplicationProperties"),
            context);
        yield null;
      }
      case SERVICE_BUS_TOPIC -> {
        functions.serviceBusTopic(
            first,
            metadata.get("MessageId"),
            metadata.get("DeliveryCount"),
            metadata.get("EnqueuedTimeUtc"),
            metadata.get("ApplicationProperties"),
            context);
        yield null;
      }
      case EVENT_HUB -> {
        functions.eventHub(
            bodies.stream().map(byte[]::clone).toArray(byte[][]::new),
            metadata.get("SystemPropertiesArray"),
            metadata.get("PropertiesArray"),
            context);
        yield null;
      }
      case BLOB -> {
        functions.blob(first, metadata.get("BlobTrigger"), metadata.get("Properties"), context);
        yield null;
      }
      case TIMER -> {
        functions.timer(metadata.get("TimerInfo"), context);
        yield null;
      }
      case EVENT_GRID -> {
        functions.eventGrid(metadata.get("event"), context);
        yield null;
      }
      default -> throw new AssertionError(entry);
    };
  }

  private Optional<String> textBody() {
    return httpBody == null || httpBody.length == 0
        ? Optional.empty()
        : Optional.of(new String(httpBody, StandardCharsets.UTF_8));
  }

  private <T> FakeHttpRequest<T> request(T body) {
    HttpMethod httpMethod = HttpMethod.value(method.toUpperCase(Locale.ROOT));
    if (httpMethod == null) {
      throw new IllegalArgumentException(
          "The Azure Functions host accepts GET, HEAD, POST, PUT, DELETE, CONNECT, OPTIONS, TRACE"
              + " and PATCH, not "
              + method);
    }
    String[] parts = Edits.target(target);
    // The host's query map: one value per name, repeated values joined with commas, empty values
    // left out.
    Map<String, String> query = new LinkedHashMap<>();
    Edits.query(parts[1], true)
        .forEach(
            (key, values) -> {
              List<String> present = new ArrayList<>();
              for (String value : values) {
                if (!value.isEmpty()) {
                  present.add(value);
                }
              }
              if (!present.isEmpty()) {
                query.put(key, String.join(",", present));
              }
            });
    return FakeHttpRequest.of(
        httpMethod,
        "https://" + headers.getOrDefault("host", APP_HOST) + target,
        headers,
        query,
        body);
  }

  // ---------------------------------------------------------------- plumbing

  private void requireHttp(String method) {
    if (entry != Entry.HTTP && entry != Entry.HTTP_BINARY) {
      throw unsupported(method, "HTTP triggers");
    }
  }

  private IllegalStateException unsupported(String method, String applies) {
    return new IllegalStateException(
        method + " applies to " + applies + ", not to this " + entry.description);
  }

  /**
   * Names the input, such as {@code Azure Service Bus queue message}.
   *
   * @return the name
   */
  @Override
  public String toString() {
    return "Azure " + name;
  }
}
