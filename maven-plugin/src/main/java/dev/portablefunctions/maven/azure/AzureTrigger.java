package dev.portablefunctions.maven.azure;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The trigger of one Azure function, as {@code function.json} declares it: which binding the host
 * sets up, with which settings, and which entry method of adapter-azure's {@code
 * dev.portablefunctions.azure.AzureFunctions} it calls. One record per kind of trigger; create one
 * with the static factories and refine it with the {@code with...} methods, each of which returns a
 * new value:
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
 * when the trigger is built, by the factories and the records' constructors alike: a bad one is an
 * {@link IllegalArgumentException} that names it.
 *
 * <p>Immutable and thread-safe. What each record becomes in {@code function.json} is written in one
 * place, {@code TriggerBinding}.
 */
public sealed interface AzureTrigger {

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
  static Http http() {
    return new Http(Optional.empty(), Http.ALL_METHODS, Http.AuthLevel.FUNCTION, false);
  }

  /**
   * A Queue Storage trigger.
   *
   * @param queueName the queue: 3 to 63 lower-case letters, digits and single hyphens, or an {@code
   *     %AppSetting%} expression
   * @param connection the app setting with the storage account's connection
   * @return the trigger
   */
  static Queue queue(String queueName, String connection) {
    return new Queue(queueName, connection);
  }

  /**
   * A Service Bus queue trigger.
   *
   * @param queueName the queue
   * @param connection the app setting with the namespace's connection
   * @return the trigger
   */
  static ServiceBusQueue serviceBusQueue(String queueName, String connection) {
    return new ServiceBusQueue(queueName, connection);
  }

  /**
   * A Service Bus topic subscription trigger.
   *
   * @param topicName the topic
   * @param subscriptionName the subscription
   * @param connection the app setting with the namespace's connection
   * @return the trigger
   */
  static ServiceBusTopic serviceBusTopic(
      String topicName, String subscriptionName, String connection) {
    return new ServiceBusTopic(topicName, subscriptionName, connection);
  }

  /**
   * An Event Hubs trigger with {@code cardinality: many}, on the {@code $Default} consumer group.
   *
   * @param eventHubName the event hub
   * @param connection the app setting with the namespace's connection
   * @return the trigger
   */
  static EventHub eventHub(String eventHubName, String connection) {
    return new EventHub(eventHubName, connection, EventHub.DEFAULT_GROUP);
  }

  /**
   * A Blob Storage trigger.
   *
   * @param path the container and blob pattern, such as {@code photos/{name}}
   * @param connection the app setting with the storage account's connection
   * @return the trigger
   */
  static Blob blob(String path, String connection) {
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
  static Timer timer(String schedule) {
    return new Timer(schedule);
  }

  /**
   * An Event Grid trigger, for either delivery schema.
   *
   * @return the trigger
   */
  static EventGrid eventGrid() {
    return new EventGrid();
  }

  /**
   * An HTTP trigger.
   *
   * @param route the route, if set; the default is {@code <function name>/{*path}}
   * @param methods the methods the function answers, upper case, without repeats
   * @param authLevel who may call the function
   * @param binaryBody whether the body is binary ({@link #withBinaryBody()})
   */
  record Http(Optional<String> route, List<String> methods, AuthLevel authLevel, boolean binaryBody)
      implements AzureTrigger {

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

    static final List<String> ALL_METHODS =
        List.of("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH");

    /**
     * Checks the settings; the methods may be in any case.
     *
     * @throws IllegalArgumentException if the route starts with {@code /} or has spaces, or the
     *     methods are empty or name an unknown method
     */
    public Http {
      Objects.requireNonNull(route, "route")
          .ifPresent(
              value -> {
                text(value, "route");
                if (value.startsWith("/")) {
                  throw new IllegalArgumentException(
                      "route is relative to the route prefix and must not start with '/': "
                          + value);
                }
              });
      Objects.requireNonNull(methods, "methods");
      if (methods.isEmpty()) {
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
      methods = List.copyOf(checked);
      Objects.requireNonNull(authLevel, "authLevel");
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
      return new Http(
          Optional.of(Objects.requireNonNull(route, "route")), methods, authLevel, binaryBody);
    }

    /**
     * Sets the methods the function answers; the host answers others with 404.
     *
     * @param methods one or more of GET, HEAD, POST, PUT, DELETE, CONNECT, OPTIONS, TRACE, PATCH,
     *     in any case
     * @return a new trigger
     */
    public Http withMethods(String... methods) {
      return new Http(
          route, Arrays.asList(Objects.requireNonNull(methods, "methods")), authLevel, binaryBody);
    }

    /**
     * Sets who may call the function.
     *
     * @param authLevel the level
     * @return a new trigger
     */
    public Http withAuthLevel(AuthLevel authLevel) {
      return new Http(route, methods, authLevel, binaryBody);
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

    String routeFor(String functionName) {
      return route.orElse(functionName + "/{*path}");
    }
  }

  /**
   * A Queue Storage trigger.
   *
   * @param queueName the queue: 3 to 63 lower-case letters, digits and single hyphens, or an {@code
   *     %AppSetting%} expression
   * @param connection the app setting with the storage account's connection
   */
  record Queue(String queueName, String connection) implements AzureTrigger {

    /**
     * Checks the settings.
     *
     * @throws IllegalArgumentException if one is invalid
     */
    public Queue {
      Objects.requireNonNull(queueName, "queueName");
      if (!queueName.matches("[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]")
          && !isSettingExpression(queueName)) {
        throw new IllegalArgumentException(
            "queueName must be 3 to 63 lower-case letters, digits and single hyphens, starting and"
                + " ending with a letter or digit (or an %AppSetting% expression); was '"
                + queueName
                + "'");
      }
      appSetting(connection);
    }
  }

  /**
   * A Service Bus queue trigger, one message per invocation.
   *
   * @param queueName the queue
   * @param connection the app setting with the namespace's connection
   */
  record ServiceBusQueue(String queueName, String connection) implements AzureTrigger {

    /**
     * Checks the settings.
     *
     * @throws IllegalArgumentException if one is invalid
     */
    public ServiceBusQueue {
      text(queueName, "queueName");
      appSetting(connection);
    }
  }

  /**
   * A Service Bus topic subscription trigger, one message per invocation.
   *
   * @param topicName the topic
   * @param subscriptionName the subscription
   * @param connection the app setting with the namespace's connection
   */
  record ServiceBusTopic(String topicName, String subscriptionName, String connection)
      implements AzureTrigger {

    /**
     * Checks the settings.
     *
     * @throws IllegalArgumentException if one is invalid
     */
    public ServiceBusTopic {
      text(topicName, "topicName");
      text(subscriptionName, "subscriptionName");
      appSetting(connection);
    }
  }

  /**
   * An Event Hubs trigger with {@code cardinality: many}.
   *
   * @param eventHubName the event hub
   * @param connection the app setting with the namespace's connection
   * @param consumerGroup the consumer group, {@code $Default} unless set
   */
  record EventHub(String eventHubName, String connection, String consumerGroup)
      implements AzureTrigger {

    static final String DEFAULT_GROUP = "$Default";

    /**
     * Checks the settings.
     *
     * @throws IllegalArgumentException if one is invalid
     */
    public EventHub {
      text(eventHubName, "eventHubName");
      appSetting(connection);
      text(consumerGroup, "consumerGroup");
    }

    /**
     * Sets the consumer group; {@code $Default} unless set.
     *
     * @param consumerGroup the group
     * @return a new trigger
     */
    public EventHub withConsumerGroup(String consumerGroup) {
      return new EventHub(eventHubName, connection, consumerGroup);
    }
  }

  /**
   * A Blob Storage trigger.
   *
   * @param path the container and blob pattern, such as {@code photos/{name}}
   * @param connection the app setting with the storage account's connection
   */
  record Blob(String path, String connection) implements AzureTrigger {

    /**
     * Checks the settings.
     *
     * @throws IllegalArgumentException if one is invalid
     */
    public Blob {
      text(path, "path");
      int slash = path.indexOf('/');
      if (slash <= 0 || slash == path.length() - 1) {
        throw new IllegalArgumentException(
            "path must be 'container/blob pattern', such as 'photos/{name}'; was '" + path + "'");
      }
      appSetting(connection);
    }
  }

  /**
   * A timer trigger.
   *
   * @param schedule the schedule, without surrounding spaces: an NCRONTAB expression with six
   *     fields, seconds first, a {@code hh:mm:ss} interval, or an {@code %AppSetting%} expression
   */
  record Timer(String schedule) implements AzureTrigger {

    /**
     * Checks the schedule and trims it.
     *
     * @throws IllegalArgumentException if it is none of the accepted forms
     */
    public Timer {
      Objects.requireNonNull(schedule, "schedule");
      String trimmed = schedule.trim();
      if (!isSettingExpression(trimmed) && !trimmed.matches("(\\d+\\.)?\\d{1,2}:\\d{2}:\\d{2}")) {
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
          if (!field.matches("[0-9A-Za-z*/,?-]+")) {
            throw new IllegalArgumentException(
                "schedule '" + schedule + "' has an invalid field '" + field + "'");
          }
        }
      }
      schedule = trimmed;
    }
  }

  /** An Event Grid trigger. */
  record EventGrid() implements AzureTrigger {}

  private static boolean isSettingExpression(String value) {
    return value.matches("%[^%\\s]+%");
  }

  private static void text(String value, String what) {
    Objects.requireNonNull(value, what);
    if (!value.matches("\\S+")) {
      throw new IllegalArgumentException(
          what + " must be non-empty and without spaces, was '" + value + "'");
    }
  }

  private static void appSetting(String connection) {
    Objects.requireNonNull(connection, "connection");
    if (!connection.matches("[A-Za-z0-9_.:-]+")) {
      throw new IllegalArgumentException(
          "connection must name an app setting (letters, digits, '_', '.', ':', '-'), such as"
              + " AzureWebJobsStorage, not a connection string; was '"
              + (connection.length() <= 40 ? connection : connection.substring(0, 37) + "...")
              + "'");
    }
  }
}
