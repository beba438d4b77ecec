package dev.portablefunctions.maven;

import java.util.Optional;

/**
 * A function's Google Cloud Functions settings: the {@code <gcp>} element of a {@code <function>}.
 *
 * <table>
 *   <caption>Triggers</caption>
 *   <tr><th>{@code trigger}</th><th>function kinds</th><th>settings</th></tr>
 *   <tr><td>{@code http} (default for HTTP and typed)</td><td>HTTP, typed, schedule (a Cloud
 *       Scheduler HTTP target)</td><td>{@code allowUnauthenticated} (default false)</td></tr>
 *   <tr><td>{@code topic} (default for message and schedule)</td><td>message, schedule</td><td>
 *       {@code topic} (default: the function's name); a schedule function also gets a Cloud
 *       Scheduler job that publishes to it</td></tr>
 *   <tr><td>{@code bucket} (default for storage)</td><td>storage</td><td>{@code bucket} (required),
 *       {@code event}: {@code finalized} (default) or {@code deleted}</td></tr>
 *   <tr><td>{@code event} (default for CloudEvent)</td><td>CloudEvent</td><td>{@code eventType}
 *       (required), such as {@code google.cloud.firestore.document.v1.written}</td></tr>
 * </table>
 *
 * <p>Every event trigger is deployed with {@code --retry}, so that a failed message or event is
 * delivered again rather than dropped (Cloud Functions drops it by default); {@code
 * <retry>false</retry>} turns that off. Make such functions idempotent.
 */
public class GcpSettings {

  private String trigger;
  private String topic;
  private String bucket;
  private String event;
  private String eventType;
  private Boolean allowUnauthenticated;
  private Boolean retry;

  /** For Maven. */
  public GcpSettings() {}

  Optional<String> trigger() {
    return FunctionSettings.text(trigger);
  }

  Optional<String> topic() {
    return FunctionSettings.text(topic);
  }

  Optional<String> bucket() {
    return FunctionSettings.text(bucket);
  }

  Optional<String> event() {
    return FunctionSettings.text(event);
  }

  Optional<String> eventType() {
    return FunctionSettings.text(eventType);
  }

  boolean allowUnauthenticated() {
    return Boolean.TRUE.equals(allowUnauthenticated);
  }

  /** Whether a failed event is delivered again ({@code --retry}); unset, true for events. */
  Optional<Boolean> retry() {
    return Optional.ofNullable(retry);
  }

  GcpSettings retry(boolean value) {
    this.retry = value;
    return this;
  }

  GcpSettings trigger(String value) {
    this.trigger = value;
    return this;
  }

  GcpSettings topic(String value) {
    this.topic = value;
    return this;
  }

  GcpSettings bucket(String value) {
    this.bucket = value;
    return this;
  }

  GcpSettings event(String value) {
    this.event = value;
    return this;
  }

  GcpSettings eventType(String value) {
    this.eventType = value;
    return this;
  }

  GcpSettings allowUnauthenticated(boolean value) {
    this.allowUnauthenticated = value;
    return this;
  }
}
