package dev.portablefunctions.maven.azure;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portablefunctions.spi.FunctionKind;
import java.util.Locale;
import java.util.Set;

/**
 * What one {@link AzureTrigger} comes to for the host and the adapter: the input binding {@code
 * function.json} declares (its type, name and settings, in the order azure-functions-maven-plugin
 * writes them), the {@code AzureFunctions} method the host calls, the function kinds it can run and
 * whether the host honours a retry policy for it. The one place that knows each trigger's shape.
 */
record TriggerBinding(
    String type,
    String name,
    ObjectNode settings,
    String entryMethod,
    String description,
    Set<FunctionKind> feeds,
    boolean supportsRetry) {

  private static final Set<FunctionKind> MESSAGE_KINDS = Set.of(FunctionKind.MESSAGE);

  /** The binding of a trigger of a function with that name (the default HTTP route names it). */
  static TriggerBinding of(AzureTrigger trigger, String functionName) {
    ObjectNode settings = JsonNodeFactory.instance.objectNode();
    if (trigger instanceof AzureTrigger.Http http) {
      settings.put("authLevel", http.authLevel().name().toLowerCase(Locale.ROOT));
      ArrayNode methods = settings.putArray("methods");
      http.methods().forEach(method -> methods.add(method.toLowerCase(Locale.ROOT)));
      settings.put("route", http.routeFor(functionName));
      if (http.binaryBody()) {
        settings.put("dataType", "binary");
      }
      String entryMethod =
          (http.binaryBody() ? "httpBinary" : "http")
              + (http.route().isPresent() ? "CustomRoute" : "");
      return new TriggerBinding(
          "httpTrigger",
          "request",
          settings,
          entryMethod,
          "an HTTP trigger",
          Set.of(FunctionKind.HTTP, FunctionKind.TYPED),
          false);
    }
    if (trigger instanceof AzureTrigger.Queue queue) {
      settings.put("queueName", queue.queueName()).put("connection", queue.connection());
      settings.put("dataType", "binary");
      return new TriggerBinding(
          "queueTrigger",
          "message",
          settings,
          "queue",
          "a Queue Storage trigger",
          MESSAGE_KINDS,
          false);
    }
    if (trigger instanceof AzureTrigger.ServiceBusQueue queue) {
      settings.put("queueName", queue.queueName()).put("connection", queue.connection());
      settings.put("dataType", "binary");
      return new TriggerBinding(
          "serviceBusTrigger",
          "message",
          settings,
          "serviceBusQueue",
          "a Service Bus trigger",
          MESSAGE_KINDS,
          false);
    }
    if (trigger instanceof AzureTrigger.ServiceBusTopic topic) {
      settings.put("topicName", topic.topicName());
      settings.put("subscriptionName", topic.subscriptionName());
      settings.put("connection", topic.connection()).put("dataType", "binary");
      return new TriggerBinding(
          "serviceBusTrigger",
          "message",
          settings,
          "serviceBusTopic",
          "a Service Bus trigger",
          MESSAGE_KINDS,
          false);
    }
    if (trigger instanceof AzureTrigger.EventHub hub) {
      settings.put("eventHubName", hub.eventHubName()).put("connection", hub.connection());
      if (!hub.consumerGroup().equals(AzureTrigger.EventHub.DEFAULT_GROUP)) {
        settings.put("consumerGroup", hub.consumerGroup());
      }
      settings.put("cardinality", "many").put("dataType", "binary");
      return new TriggerBinding(
          "eventHubTrigger",
          "events",
          settings,
          "eventHub",
          "an Event Hubs trigger",
          MESSAGE_KINDS,
          true);
    }
    if (trigger instanceof AzureTrigger.Blob blob) {
      settings.put("path", blob.path()).put("connection", blob.connection());
      settings.put("dataType", "binary");
      return new TriggerBinding(
          "blobTrigger",
          "content",
          settings,
          "blob",
          "a Blob Storage trigger",
          Set.of(FunctionKind.STORAGE),
          false);
    }
    if (trigger instanceof AzureTrigger.Timer timer) {
      settings.put("schedule", timer.schedule());
      return new TriggerBinding(
          "timerTrigger",
          "timer",
          settings,
          "timer",
          "a timer trigger",
          Set.of(FunctionKind.SCHEDULE),
          true);
    }
    if (trigger instanceof AzureTrigger.EventGrid) {
      return new TriggerBinding(
          "eventGridTrigger",
          "event",
          settings,
          "eventGrid",
          "an Event Grid trigger",
          Set.of(FunctionKind.STORAGE, FunctionKind.CLOUD_EVENT),
          false);
    }
    throw new AssertionError("AzureTrigger is sealed; unexpected " + trigger.getClass());
  }

  /** Names the triggers that can run a kind, for error messages; as the adapter names them. */
  static String triggersFor(FunctionKind kind) {
    return switch (kind) {
      case HTTP, TYPED -> "an HTTP trigger";
      case MESSAGE -> "a Queue Storage, Service Bus or Event Hubs trigger";
      case STORAGE -> "a Blob Storage or Event Grid trigger";
      case SCHEDULE -> "a timer trigger";
      case CLOUD_EVENT -> "an Event Grid trigger";
    };
  }

  /** Adds the trigger's bindings to a function's {@code bindings} array. */
  void writeTo(ArrayNode bindings) {
    bindings
        .addObject()
        .put("type", type)
        .put("direction", "in")
        .put("name", name)
        .setAll(settings);
    if (type.equals("httpTrigger")) {
      bindings.addObject().put("type", "http").put("direction", "out").put("name", "$return");
    }
  }
}
