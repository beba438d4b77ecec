package dev.portablefunctions.maven;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The build's settings for one function: the {@code <function>} element of the plugin's {@code
 * <functions>}. Every setting is optional; a function without an element gets the defaults of its
 * kind (an HTTP trigger for HTTP and typed functions, a queue or topic named after the function for
 * message functions).
 *
 * <pre>{@code
 * <function>
 *   <name>signup</name>
 *   <timeout>30</timeout>
 *   <aws><trigger>sqs</trigger><queue>signups</queue></aws>
 *   <azure><trigger>serviceBusQueue</trigger><queue>signups</queue><connection>ServiceBus</connection></azure>
 *   <gcp><topic>signups</topic></gcp>
 * </function>
 * }</pre>
 *
 * <p>Maven fills the fields from the POM; the targets read them and report what is wrong with them.
 */
public class FunctionSettings {

  /** The function's name in the build-time index. Required. */
  private String name;

  /** Memory in MB (AWS {@code MemorySize}, Google {@code --memory}). */
  private Integer memory;

  /** Timeout in seconds (AWS {@code Timeout}, Google {@code --timeout}). */
  private Integer timeout;

  /**
   * The schedule of a schedule function, as a five-field Unix cron expression ({@code "30 2 * *
   * *"}), in UTC; each cloud gets it in its own syntax.
   */
  private String schedule;

  /**
   * Environment variables of this function (on Azure and in the container, where functions share
   * one process, of the app: the values must agree). Secrets belong in the platform's secret store;
   * a value may refer to it (SAM's {@code {{resolve:secretsmanager:...}}}, Azure's Key Vault
   * references).
   */
  private Map<String, String> environment;

  private AwsSettings aws;
  private AzureSettings azure;
  private GcpSettings gcp;

  /** For Maven. */
  public FunctionSettings() {}

  FunctionSettings(String name) {
    this.name = name;
  }

  /**
   * The function's name.
   *
   * @return the name, or null if the POM left it out
   */
  public String name() {
    return name;
  }

  Optional<Integer> memory() {
    return Optional.ofNullable(memory);
  }

  Optional<Integer> timeout() {
    return Optional.ofNullable(timeout);
  }

  Optional<String> schedule() {
    return Optional.ofNullable(schedule).map(String::trim).filter(s -> !s.isEmpty());
  }

  Map<String, String> environment() {
    return environment == null ? Map.of() : environment;
  }

  FunctionSettings environment(String name, String value) {
    if (environment == null) {
      environment = new LinkedHashMap<>();
    }
    environment.put(name, value);
    return this;
  }

  AwsSettings aws() {
    return aws == null ? new AwsSettings() : aws;
  }

  AzureSettings azure() {
    return azure == null ? new AzureSettings() : azure;
  }

  GcpSettings gcp() {
    return gcp == null ? new GcpSettings() : gcp;
  }

  FunctionSettings memory(int mb) {
    this.memory = mb;
    return this;
  }

  FunctionSettings timeout(int seconds) {
    this.timeout = seconds;
    return this;
  }

  FunctionSettings schedule(String cron) {
    this.schedule = cron;
    return this;
  }

  FunctionSettings aws(AwsSettings settings) {
    this.aws = settings;
    return this;
  }

  FunctionSettings azure(AzureSettings settings) {
    this.azure = settings;
    return this;
  }

  FunctionSettings gcp(GcpSettings settings) {
    this.gcp = settings;
    return this;
  }

  static Optional<String> text(String value) {
    return Optional.ofNullable(value).map(String::trim).filter(s -> !s.isEmpty());
  }
}
