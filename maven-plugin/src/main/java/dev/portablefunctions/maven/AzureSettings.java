package dev.portablefunctions.maven;

import java.util.Optional;

/**
 * A function's Azure Functions settings: the {@code <azure>} element of a {@code <function>}.
 *
 * <table>
 *   <caption>Triggers</caption>
 *   <tr><th>{@code trigger}</th><th>function kinds</th><th>settings</th></tr>
 *   <tr><td>{@code http} (default for HTTP and typed)</td><td>HTTP, typed</td><td>{@code route},
 *       {@code methods} (comma-separated), {@code authLevel} ({@code anonymous}, {@code function},
 *       {@code admin}), {@code binary}</td></tr>
 *   <tr><td>{@code queue} (default for message)</td><td>message</td><td>{@code queue} (default: the
 *       function's name), {@code connection} (default {@code AzureWebJobsStorage})</td></tr>
 *   <tr><td>{@code serviceBusQueue}</td><td>message</td><td>{@code queue}, {@code connection}
 *       (both required)</td></tr>
 *   <tr><td>{@code serviceBusTopic}</td><td>message</td><td>{@code topic}, {@code subscription},
 *       {@code connection} (all required)</td></tr>
 *   <tr><td>{@code eventHub}</td><td>message</td><td>{@code eventHub}, {@code connection}
 *       (required), {@code consumerGroup}, {@code retry}</td></tr>
 *   <tr><td>{@code blob}</td><td>storage</td><td>{@code path} ({@code container/{name}},
 *       required), {@code connection} (default {@code AzureWebJobsStorage})</td></tr>
 *   <tr><td>{@code eventGrid} (default for storage and CloudEvent)</td><td>storage, CloudEvent</td>
 *       <td>nothing: the subscription is made at deployment</td></tr>
 *   <tr><td>{@code timer} (default for schedule)</td><td>schedule</td><td>the function's {@code
 *       schedule}, or {@code schedule} here as a six-field NCRONTAB expression; {@code
 *       retry}</td></tr>
 * </table>
 *
 * <p>{@code <retry>} is the function's retry policy, the {@code retry} block of its {@code
 * function.json}; the host honours it for the {@code eventHub} and {@code timer} triggers only. Its
 * {@code strategy} ({@code fixedDelay} or {@code exponentialBackoff}) and {@code maxRetryCount}
 * ({@code -1}: no limit) are required, and so is {@code delayInterval} for {@code fixedDelay},
 * {@code minimumInterval} and {@code maximumInterval} for {@code exponentialBackoff}; intervals are
 * ISO-8601 durations ({@code PT5S}) or {@code hh:mm:ss} ({@code 00:00:05}). See {@link
 * AzureRetrySettings}.
 *
 * <pre>{@code
 * <azure>
 *   <trigger>eventHub</trigger><eventHub>telemetry</eventHub><connection>EventHubConnection</connection>
 *   <retry><strategy>fixedDelay</strategy><maxRetryCount>3</maxRetryCount><delayInterval>PT5S</delayInterval></retry>
 * </azure>
 * }</pre>
 */
public class AzureSettings {

  private String trigger;
  private String route;
  private String methods;
  private String authLevel;
  private Boolean binary;
  private String queue;
  private String topic;
  private String subscription;
  private String eventHub;
  private String consumerGroup;
  private String path;
  private String connection;
  private String schedule;
  private AzureRetrySettings retry;

  /** For Maven. */
  public AzureSettings() {}

  Optional<String> trigger() {
    return FunctionSettings.text(trigger);
  }

  Optional<String> route() {
    return FunctionSettings.text(route);
  }

  Optional<String> methods() {
    return FunctionSettings.text(methods);
  }

  Optional<String> authLevel() {
    return FunctionSettings.text(authLevel);
  }

  boolean binary() {
    return Boolean.TRUE.equals(binary);
  }

  Optional<String> queue() {
    return FunctionSettings.text(queue);
  }

  Optional<String> topic() {
    return FunctionSettings.text(topic);
  }

  Optional<String> subscription() {
    return FunctionSettings.text(subscription);
  }

  Optional<String> eventHub() {
    return FunctionSettings.text(eventHub);
  }

  Optional<String> consumerGroup() {
    return FunctionSettings.text(consumerGroup);
  }

  Optional<String> path() {
    return FunctionSettings.text(path);
  }

  Optional<String> connection() {
    return FunctionSettings.text(connection);
  }

  Optional<String> schedule() {
    return FunctionSettings.text(schedule);
  }

  Optional<AzureRetrySettings> retry() {
    return Optional.ofNullable(retry);
  }

  AzureSettings trigger(String value) {
    this.trigger = value;
    return this;
  }

  AzureSettings route(String value) {
    this.route = value;
    return this;
  }

  AzureSettings methods(String value) {
    this.methods = value;
    return this;
  }

  AzureSettings authLevel(String value) {
    this.authLevel = value;
    return this;
  }

  AzureSettings binary(boolean value) {
    this.binary = value;
    return this;
  }

  AzureSettings queue(String value) {
    this.queue = value;
    return this;
  }

  AzureSettings topic(String value) {
    this.topic = value;
    return this;
  }

  AzureSettings subscription(String value) {
    this.subscription = value;
    return this;
  }

  AzureSettings eventHub(String value) {
    this.eventHub = value;
    return this;
  }

  AzureSettings consumerGroup(String value) {
    this.consumerGroup = value;
    return this;
  }

  AzureSettings path(String value) {
    this.path = value;
    return this;
  }

  AzureSettings connection(String value) {
    this.connection = value;
    return this;
  }

  AzureSettings schedule(String value) {
    this.schedule = value;
    return this;
  }

  AzureSettings retry(AzureRetrySettings value) {
    this.retry = value;
    return this;
  }
}
