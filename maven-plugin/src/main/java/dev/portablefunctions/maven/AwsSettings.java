package dev.portablefunctions.maven;

import java.util.Optional;

/**
 * A function's AWS Lambda settings: the {@code <aws>} element of a {@code <function>}.
 *
 * <table>
 *   <caption>Triggers</caption>
 *   <tr><th>{@code trigger}</th><th>function kinds</th><th>settings</th></tr>
 *   <tr><td>{@code http} (default for HTTP and typed)</td><td>HTTP, typed</td><td>{@code path},
 *       {@code method} (default: any)</td></tr>
 *   <tr><td>{@code sqs} (default for message)</td><td>message</td><td>{@code queue}: a queue ARN, or
 *       nothing for a queue the template creates; {@code batchSize}</td></tr>
 *   <tr><td>{@code sns}</td><td>message</td><td>{@code topic}: a topic ARN, or nothing for a new
 *       topic</td></tr>
 *   <tr><td>{@code kinesis}</td><td>message</td><td>{@code stream}: a stream ARN (required);
 *       {@code batchSize}</td></tr>
 *   <tr><td>{@code dynamodb}</td><td>message</td><td>{@code stream}: a table's stream ARN
 *       (required); {@code batchSize}</td></tr>
 *   <tr><td>{@code s3} (default for storage)</td><td>storage</td><td>nothing: the template creates the
 *       bucket (SAM requires it in the same template)</td></tr>
 *   <tr><td>{@code schedule} (default for schedule)</td><td>schedule</td><td>the function's
 *       {@code schedule}, or {@code schedule} here in AWS syntax</td></tr>
 *   <tr><td>{@code eventbridge} (default for CloudEvent)</td><td>CloudEvent, storage</td><td>
 *       {@code pattern}: the rule's event pattern as JSON (required)</td></tr>
 *   <tr><td>{@code none}</td><td>any</td><td>no event source: direct invocation only</td></tr>
 * </table>
 */
public class AwsSettings {

  private String trigger;
  private String path;
  private String method;
  private String queue;
  private String topic;
  private String stream;
  private String schedule;
  private String pattern;
  private Integer batchSize;

  /** For Maven. */
  public AwsSettings() {}

  Optional<String> trigger() {
    return FunctionSettings.text(trigger);
  }

  Optional<String> path() {
    return FunctionSettings.text(path);
  }

  Optional<String> method() {
    return FunctionSettings.text(method);
  }

  Optional<String> queue() {
    return FunctionSettings.text(queue);
  }

  Optional<String> topic() {
    return FunctionSettings.text(topic);
  }

  Optional<String> stream() {
    return FunctionSettings.text(stream);
  }

  Optional<String> schedule() {
    return FunctionSettings.text(schedule);
  }

  Optional<String> pattern() {
    return FunctionSettings.text(pattern);
  }

  Optional<Integer> batchSize() {
    return Optional.ofNullable(batchSize);
  }

  AwsSettings trigger(String value) {
    this.trigger = value;
    return this;
  }

  AwsSettings path(String value) {
    this.path = value;
    return this;
  }

  AwsSettings method(String value) {
    this.method = value;
    return this;
  }

  AwsSettings queue(String value) {
    this.queue = value;
    return this;
  }

  AwsSettings topic(String value) {
    this.topic = value;
    return this;
  }

  AwsSettings stream(String value) {
    this.stream = value;
    return this;
  }

  AwsSettings schedule(String value) {
    this.schedule = value;
    return this;
  }

  AwsSettings pattern(String value) {
    this.pattern = value;
    return this;
  }

  AwsSettings batchSize(int value) {
    this.batchSize = value;
    return this;
  }
}
