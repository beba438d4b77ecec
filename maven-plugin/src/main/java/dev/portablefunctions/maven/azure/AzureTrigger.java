package dev.portablefunctions.maven.azure;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portablefunctions.spi.FunctionKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The trigger of one Azure function, as {@code function.json} declares it: which binding the host
 * sets up, with which settings, and which entry method of adapter-azure's {@code
 * dev.portablefunctions.azure.AzureFunctions} it calls. Create one with the static factories and
 * refine it with the {@code with...} methods, each of which returns a new value:
 *
 * <pre>{@code
 * AzureTrigger.http().withRoute("orders/{*path}").withMethods("GET", "POST").withAuthLevel(AuthLevel.ANONYMOUS);
 * AzureTrigger.queue("orders", "AzureWebJobsStorage");
 * AzureTrigger.serviceBusTopic("events", "billing", "ServiceBusConnection");
 * AzureTrigger.eventHub("telemetry", "EventHubConnection").withConsumerGroup("portable");
 * AzureTrigger.blob("photos/{name}", "AzureWebJobsStorage");
 * AzureTrigger.timer("0 30 2 * * *");
 * AzureTrigger.eventGrid();
 * }</pre>
 *
 * <p>Connection arguments name an app setting (or the prefix of identity-based settings such as
 * {@code ServiceBusConnection__fullyQualifiedNamespace}), never a connection string. Names and
 * schedules may be {@code %AppSetting%} expressions, which the host resolves. Arguments are checked
 * when the trigger is built: a bad one is an {@link IllegalArgumentException} that names it.
 *
 * <p>Immutable and thread-safe.
 */
public abstract class AzureTrigger {

  private static final Pattern SETTING_EXPRESSION = Pattern.compile("%[^%\\s]+%");
  private static final Pattern CONNECTION = Pattern.compile("[A-Za-z0-9_.:-]+");
  private static final Pattern QUEUE_NAME =
      Pattern.compile("[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]");
  private static final Pattern NO_SPACE = Pattern.compile("\\S+");

  private static final Set<FunctionKind> HTTP_KINDS = kinds(FunctionKind.HTTP, FunctionKind.TYPED);
  private static final Set<FunctionKind> MESSAGE_KINDS = kinds(FunctionKind.MESSAGE);
  private static final Set<FunctionKind> BLOB_KINDS = kinds(FunctionKind.STORAGE);
  private static final Set<FunctionKind> TIMER_KINDS = kinds(FunctionKind.SCHEDULE);
  private static final Set<FunctionKind> EVENT_GRID_KINDS =
      kinds(FunctionKind.STORAGE, FunctionKind.CLOUD_EVENT);

  AzureTrigger() {}

  /**
   * An HTTP trigger: every method, route {@code <function name>/{*path}} (the function and every
   * path below it), authorization level {@code function}, body as text.
   *
   * <p>On the default route the function's {@code path()} is the path below {@code /<route
   * prefix>/<function name>}: {@code /api/echo-http/a/b} reaches it as {@code /a/b}, as on the
   * other clouds; on a custom route ({@link Http#withRoute}) it is the path below {@code /<route
   * prefix>}.
   *
   * <p><b>The body is text.</b> A request whose body is {@code application/octet-stream} or {@code
   * multipart/*} fails inside the Java worker, which cannot bind the bytes the host delivers for
   * those types to text, before the adapter runs: the host answers a bare 500 (not a problem
   * response) and the function's log has nothing. A function that takes uploads needs {@link
   * Http#withBinaryBody()}.
   *
   * @return the trigger
   */
  public static Http http() {
    return new Http(null, Http.ALL_METHODS, Http.AuthLevel.FUNCTION, false);
  }

  /**
   * A Queue Storage trigger.
   *
   * @param queueName the queue: 3 to 63 lower-case letters, digits and single hyphens, or an {@code
   *     %AppSetting%} expression
   * @param connection the app setting with the storage account's connection
   * @return the trigger
   */
  public static Queue queue(String queueName, String connection) {
    return new Queue(queueName, connection);
  }

  /**
   * A Service Bus queue trigger.
   *
   * @param queueName the queue
   * @param connection the app setting with the namespace's connection
   * @return the trigger
   */
  public static ServiceBus serviceBusQueue(String queueName, String connection) {
    return new ServiceBus(text(queueName, "queueName"), null, null, connection);
  }

  /**
   * A Service Bus topic subscription trigger.
   *
   * @param topicName the topic
   * @param subscriptionName the subscription
   * @param connection the app setting with the namespace's connection
   * @return the trigger
   */
  public static ServiceBus serviceBusTopic(
      String topicName, String subscriptionName, String connection) {
    return new ServiceBus(
        null, text(topicName, "topicName"), text(subscriptionName, "subscriptionName"), connection);
  }

  /**
   * An Event Hubs trigger with {@code cardinality: many}, on the {@code $Default} consumer group.
   *
   * @param eventHubName the event hub
   * @param connection the app setting with the namespace's connection
   * @return the trigger
   */
  public static EventHub eventHub(String eventHubName, String connection) {
    return new EventHub(text(eventHubName, "eventHubName"), connection, EventHub.DEFAULT_GROUP);
  }

  /**
   * A Blob Storage trigger.
   *
   * @param path the container and blob pattern, such as {@code photos/{name}}
   * @param connection the app setting with the storage account's connection
   * @return the trigger
   */
  public static Blob blob(String path, String connection) {
    return new Blob(path, connection);
  }

  /**
   * A timer trigger.
   *
   * @param schedule an NCRONTAB expression with six fields, seconds first ({@code 0 *}{@code /5 * *
   *     * *}), a {@code hh:mm:ss} interval (App Service plans only), or an {@code %AppSetting%}
   *     expression
   * @return the trigger
   */
  public static Timer timer(String schedule) {
    return new Timer(schedule);
  }

  /**
   * An Event Grid trigger, for either delivery schema.
   *
   * @return the trigger
   */
  public static EventGrid eventGrid() {
    return new EventGrid();
  }

  /** The {@code AzureFunctions} method the host calls. */
  abstract String entryMethod();

  /** The function kinds this trigger can run. */
  abstract Set<FunctionKind> feeds();

  /** Describes the trigger for messages, such as "an HTTP trigger". */
  abstract String description();

  /** Whether the host honours a function-level retry policy for this trigger. */
  boolean supportsRetry() {
    return false;
  }

  /** Adds this trigger's bindings to a function's {@code bindings} array. */
  abstract void writeBindings(ArrayNode bindings, String functionName);

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

  private static Set<FunctionKind> kinds(FunctionKind first, FunctionKind... rest) {
    return Collections.unmodifiableSet(EnumSet.of(first, rest));
  }

  static ObjectNode binding(ArrayNode bindings, String type, String direction, String name) {
    ObjectNode binding = bindings.addObject();
    binding.put("type", type);
    binding.put("direction", direction);
    binding.put("name", name);
    return binding;
  }

  static String text(String value, String what) {
    Objects.requireNonNull(value, what);
    if (!NO_SPACE.matcher(value).matches()) {
      throw new IllegalArgumentException(
          what + " must be non-empty and without spaces, was '" + value + "'");
    }
    return value;
  }

  static String connection(String connection) {
    Objects.requireNonNull(connection, "connection");
    if (!CONNECTION.matcher(connection).matches()) {
      throw new IllegalArgumentException(
          "connection must name an app setting (letters, digits, '_', '.', ':', '-'), such as"
              + " AzureWebJobsStorage, not a connection string; was '"
              + abbreviate(connection)
              + "'");
    }
    return connection;
  }

  private static String abbreviate(String text) {
    return text.length() <= 40 ? text : text.substring(0, 37) + "...";
  }

  /** An HTTP trigger. */
  public static final class Http extends AzureTrigger {

    /** Who may call the function, as the host checks it. */
    public enum AuthLevel {
      /** Anyone. */
      ANONYMOUS,
      /**
       * Callers with a function key or the host key ({@code code} query parameter or {@code
       * x-functions-key} header).
       */
      FUNCTION,
      /** Callers with the master key. */
      ADMIN
    }

    static final String BINDING = "request";
    static final List<String> ALL_METHODS =
        List.of("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH");

    private final String route;
    private final List<String> methods;
    private final AuthLevel authLevel;
    private final boolean binaryBody;

    private Http(String route, List<String> methods, AuthLevel authLevel, boolean binaryBody) {
      this.route = route;
      this.methods = methods;
      this.authLevel = authLevel;
      this.binaryBody = binaryBody;
    }

    /**
     * Sets the route, relative to the host's route prefix ({@code api} by default), such as {@code
     * orders/{id}} or {@code orders/{*path}}. The function's {@code path()} is then the path below
     * the route prefix ({@code /orders/7}), and its entry point {@code httpCustomRoute} (or {@code
     * httpBinaryCustomRoute}).
     *
     * @param route the route; must not start with {@code /}
     * @return a new trigger
     */
    public Http withRoute(String route) {
      text(route, "route");
      if (route.startsWith("/")) {
        throw new IllegalArgumentException(
            "route is relative to the route prefix and must not start with '/': " + route);
      }
      return new Http(route, methods, authLevel, binaryBody);
    }

    /**
     * Sets the methods the function answers; the host answers others with 404.
     *
     * @param methods one or more of GET, HEAD, POST, PUT, DELETE, CONNECT, OPTIONS, TRACE, PATCH,
     *     in any case
     * @return a new trigger
     */
    public Http withMethods(String... methods) {
      Objects.requireNonNull(methods, "methods");
      if (methods.length == 0) {
        throw new IllegalArgumentException("methods must name at least one method");
      }
      Set<String> checked = new LinkedHashSet<>();
      for (String method : methods) {
        String upper = Objects.requireNonNull(method, "method").toUpperCase(Locale.ROOT);
        if (!ALL_METHODS.contains(upper)) {
          throw new IllegalArgumentException(
              "Unknown HTTP method '" + method + "'; Azure Functions accepts " + ALL_METHODS);
        }
        checked.add(upper);
      }
      return new Http(route, List.copyOf(checked), authLevel, binaryBody);
    }

    /**
     * Sets who may call the function.
     *
     * @param authLevel the level
     * @return a new trigger
     */
    public Http withAuthLevel(AuthLevel authLevel) {
      return new Http(route, methods, Objects.requireNonNull(authLevel, "authLevel"), binaryBody);
    }

    /**
     * Makes the body binary ({@code dataType: binary}, entry point {@code httpBinary}), for a
     * function that receives {@code application/octet-stream} or {@code multipart/*} uploads: the
     * host delivers those bodies as bytes, unchanged. The Java worker cannot bind any other body to
     * bytes, so such a function answers requests of other content types with the host's bare 500.
     * Without this setting it is the other way round: an {@code application/octet-stream} or {@code
     * multipart/*} body fails in the worker, before the adapter runs, with the host's bare 500.
     *
     * @return a new trigger
     */
    public Http withBinaryBody() {
      return new Http(route, methods, authLevel, true);
    }

    /**
     * Returns the route, if set; the default is {@code <function name>/{*path}}.
     *
     * @return the route
     */
    public Optional<String> route() {
      return Optional.ofNullable(route);
    }

    /**
     * Returns the methods, upper case.
     *
     * @return the methods
     */
    public List<String> methods() {
      return methods;
    }

    /**
     * Returns who may call the function.
     *
     * @return the level
     */
    public AuthLevel authLevel() {
      return authLevel;
    }

    /**
     * Tells whether the body is binary.
     *
     * @return whether {@link #withBinaryBody()} was applied
     */
    public boolean binaryBody() {
      return binaryBody;
    }

    String routeFor(String functionName) {
      return route != null ? route : functionName + "/{*path}";
    }

    @Override
    String entryMethod() {
      return (binaryBody ? "httpBinary" : "http") + (route != null ? "CustomRoute" : "");
    }

    @Override
    Set<FunctionKind> feeds() {
      return HTTP_KINDS;
    }

    @Override
    String description() {
      return "an HTTP trigger";
    }

    @Override
    void writeBindings(ArrayNode bindings, String functionName) {
      ObjectNode trigger = binding(bindings, "httpTrigger", "in", BINDING);
      trigger.put("authLevel", authLevel.name().toLowerCase(Locale.ROOT));
      ArrayNode list = trigger.putArray("methods");
      methods.forEach(method -> list.add(method.toLowerCase(Locale.ROOT)));
      trigger.put("route", routeFor(functionName));
      if (binaryBody) {
        trigger.put("dataType", "binary");
      }
      binding(bindings, "http", "out", "$return");
    }

    @Override
    public String toString() {
      return "http["
          + routeFor("<name>")
          + ", "
          + methods
          + ", "
          + authLevel
          + (binaryBody ? ", binary" : "")
          + "]";
    }
  }

  /** A Queue Storage trigger. */
  public static final class Queue extends AzureTrigger {

    static final String BINDING = "message";

    private final String queueName;
    private final String connection;

    private Queue(String queueName, String connection) {
      Objects.requireNonNull(queueName, "queueName");
      if (!QUEUE_NAME.matcher(queueName).matches()
          && !SETTING_EXPRESSION.matcher(queueName).matches()) {
        throw new IllegalArgumentException(
            "queueName must be 3 to 63 lower-case letters, digits and single hyphens, starting and"
                + " ending with a letter or digit (or an %AppSetting% expression); was '"
                + queueName
                + "'");
      }
      this.queueName = queueName;
      this.connection = connection(connection);
    }

    /**
     * Returns the queue's name.
     *
     * @return the name
     */
    public String queueName() {
      return queueName;
    }

    /**
     * Returns the connection setting's name.
     *
     * @return the name
     */
    public String connection() {
      return connection;
    }

    @Override
    String entryMethod() {
      return "queue";
    }

    @Override
    Set<FunctionKind> feeds() {
      return MESSAGE_KINDS;
    }

    @Override
    String description() {
      return "a Queue Storage trigger";
    }

    @Override
    void writeBindings(ArrayNode bindings, String functionName) {
      ObjectNode trigger = binding(bindings, "queueTrigger", "in", BINDING);
      trigger.put("queueName", queueName);
      trigger.put("connection", connection);
      trigger.put("dataType", "binary");
    }

    @Override
    public String toString() {
      return "queue[" + queueName + ", " + connection + "]";
    }
  }

  /** A Service Bus queue or topic subscription trigger, one message per invocation. */
  public static final class ServiceBus extends AzureTrigger {

    static final String BINDING = "message";

    private final String queueName;
    private final String topicName;
    private final String subscriptionName;
    private final String connection;

    private ServiceBus(
        String queueName, String topicName, String subscriptionName, String connection) {
      this.queueName = queueName;
      this.topicName = topicName;
      this.subscriptionName = subscriptionName;
      this.connection = connection(connection);
    }

    /**
     * Returns the queue, for a queue trigger.
     *
     * @return the queue, or empty for a topic
     */
    public Optional<String> queueName() {
      return Optional.ofNullable(queueName);
    }

    /**
     * Returns the topic, for a topic trigger.
     *
     * @return the topic, or empty for a queue
     */
    public Optional<String> topicName() {
      return Optional.ofNullable(topicName);
    }

    /**
     * Returns the subscription, for a topic trigger.
     *
     * @return the subscription, or empty for a queue
     */
    public Optional<String> subscriptionName() {
      return Optional.ofNullable(subscriptionName);
    }

    /**
     * Returns the connection setting's name.
     *
     * @return the name
     */
    public String connection() {
      return connection;
    }

    @Override
    String entryMethod() {
      return queueName != null ? "serviceBusQueue" : "serviceBusTopic";
    }

    @Override
    Set<FunctionKind> feeds() {
      return MESSAGE_KINDS;
    }

    @Override
    String description() {
      return "a Service Bus trigger";
    }

    @Override
    void writeBindings(ArrayNode bindings, String functionName) {
      ObjectNode trigger = binding(bindings, "serviceBusTrigger", "in", BINDING);
      if (queueName != null) {
        trigger.put("queueName", queueName);
      } else {
        trigger.put("topicName", topicName);
        trigger.put("subscriptionName", subscriptionName);
      }
      trigger.put("connection", connection);
      trigger.put("dataType", "binary");
    }

    @Override
    public String toString() {
      return "serviceBus["
          + (queueName != null ? queueName : topicName + "/" + subscriptionName)
          + ", "
          + connection
          + "]";
    }
  }

  /** An Event Hubs trigger with {@code cardinality: many}. */
  public static final class EventHub extends AzureTrigger {

    static final String BINDING = "events";
    static final String DEFAULT_GROUP = "$Default";

    private final String eventHubName;
    private final String connection;
    private final String consumerGroup;

    private EventHub(String eventHubName, String connection, String consumerGroup) {
      this.eventHubName = eventHubName;
      this.connection = connection(connection);
      this.consumerGroup = consumerGroup;
    }

    /**
     * Sets the consumer group; {@code $Default} unless set.
     *
     * @param consumerGroup the group
     * @return a new trigger
     */
    public EventHub withConsumerGroup(String consumerGroup) {
      return new EventHub(eventHubName, connection, text(consumerGroup, "consumerGroup"));
    }

    /**
     * Returns the event hub's name.
     *
     * @return the name
     */
    public String eventHubName() {
      return eventHubName;
    }

    /**
     * Returns the connection setting's name.
     *
     * @return the name
     */
    public String connection() {
      return connection;
    }

    /**
     * Returns the consumer group.
     *
     * @return the group
     */
    public String consumerGroup() {
      return consumerGroup;
    }

    @Override
    String entryMethod() {
      return "eventHub";
    }

    @Override
    Set<FunctionKind> feeds() {
      return MESSAGE_KINDS;
    }

    @Override
    String description() {
      return "an Event Hubs trigger";
    }

    @Override
    boolean supportsRetry() {
      return true;
    }

    @Override
    void writeBindings(ArrayNode bindings, String functionName) {
      ObjectNode trigger = binding(bindings, "eventHubTrigger", "in", BINDING);
      trigger.put("eventHubName", eventHubName);
      trigger.put("connection", connection);
      if (!consumerGroup.equals(DEFAULT_GROUP)) {
        trigger.put("consumerGroup", consumerGroup);
      }
      trigger.put("cardinality", "many");
      trigger.put("dataType", "binary");
    }

    @Override
    public String toString() {
      return "eventHub[" + eventHubName + ", " + connection + ", " + consumerGroup + "]";
    }
  }

  /** A Blob Storage trigger. */
  public static final class Blob extends AzureTrigger {

    static final String BINDING = "content";

    private final String path;
    private final String connection;

    private Blob(String path, String connection) {
      text(path, "path");
      int slash = path.indexOf('/');
      if (slash <= 0 || slash == path.length() - 1) {
        throw new IllegalArgumentException(
            "path must be 'container/blob pattern', such as 'photos/{name}'; was '" + path + "'");
      }
      this.path = path;
      this.connection = connection(connection);
    }

    /**
     * Returns the container and blob pattern.
     *
     * @return the path
     */
    public String path() {
      return path;
    }

    /**
     * Returns the connection setting's name.
     *
     * @return the name
     */
    public String connection() {
      return connection;
    }

    @Override
    String entryMethod() {
      return "blob";
    }

    @Override
    Set<FunctionKind> feeds() {
      return BLOB_KINDS;
    }

    @Override
    String description() {
      return "a Blob Storage trigger";
    }

    @Override
    void writeBindings(ArrayNode bindings, String functionName) {
      ObjectNode trigger = binding(bindings, "blobTrigger", "in", BINDING);
      trigger.put("path", path);
      trigger.put("connection", connection);
      trigger.put("dataType", "binary");
    }

    @Override
    public String toString() {
      return "blob[" + path + ", " + connection + "]";
    }
  }

  /** A timer trigger. */
  public static final class Timer extends AzureTrigger {

    static final String BINDING = "timer";
    private static final Pattern TIME_SPAN = Pattern.compile("(\\d+\\.)?\\d{1,2}:\\d{2}:\\d{2}");
    private static final Pattern CRON_FIELD = Pattern.compile("[0-9A-Za-z*/,?-]+");

    private final String schedule;

    private Timer(String schedule) {
      Objects.requireNonNull(schedule, "schedule");
      String trimmed = schedule.trim();
      if (!SETTING_EXPRESSION.matcher(trimmed).matches() && !TIME_SPAN.matcher(trimmed).matches()) {
        List<String> fields = new ArrayList<>(Arrays.asList(trimmed.split("\\s+")));
        fields.removeIf(String::isEmpty);
        if (fields.size() != 6) {
          throw new IllegalArgumentException(
              "schedule '"
                  + schedule
                  + "' has "
                  + fields.size()
                  + " fields; Azure's NCRONTAB has"
                  + " six, seconds first: {second} {minute} {hour} {day} {month} {day-of-week}"
                  + (fields.size() == 5 ? " (did you mean '0 " + trimmed + "'?)" : ""));
        }
        for (String field : fields) {
          if (!CRON_FIELD.matcher(field).matches()) {
            throw new IllegalArgumentException(
                "schedule '" + schedule + "' has an invalid field '" + field + "'");
          }
        }
      }
      this.schedule = trimmed;
    }

    /**
     * Returns the schedule.
     *
     * @return the schedule
     */
    public String schedule() {
      return schedule;
    }

    @Override
    String entryMethod() {
      return "timer";
    }

    @Override
    Set<FunctionKind> feeds() {
      return TIMER_KINDS;
    }

    @Override
    String description() {
      return "a timer trigger";
    }

    @Override
    boolean supportsRetry() {
      return true;
    }

    @Override
    void writeBindings(ArrayNode bindings, String functionName) {
      binding(bindings, "timerTrigger", "in", BINDING).put("schedule", schedule);
    }

    @Override
    public String toString() {
      return "timer[" + schedule + "]";
    }
  }

  /** An Event Grid trigger. */
  public static final class EventGrid extends AzureTrigger {

    static final String BINDING = "event";

    private EventGrid() {}

    @Override
    String entryMethod() {
      return "eventGrid";
    }

    @Override
    Set<FunctionKind> feeds() {
      return EVENT_GRID_KINDS;
    }

    @Override
    String description() {
      return "an Event Grid trigger";
    }

    @Override
    void writeBindings(ArrayNode bindings, String functionName) {
      binding(bindings, "eventGridTrigger", "in", BINDING);
    }

    @Override
    public String toString() {
      return "eventGrid[]";
    }
  }
}
