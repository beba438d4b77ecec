package dev.portablefunctions.maven.azure;

import dev.portablefunctions.spi.FunctionDefinition;
import dev.portablefunctions.spi.FunctionKind;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One Azure function of an {@link AzureApp}: a portable function, its trigger and, optionally, a
 * retry policy. Its name is the Azure function's name, which selects the portable function at run
 * time: the portable function's own name, or that name followed by {@code _} and a suffix when one
 * portable function has several triggers in one app.
 *
 * <pre>{@code
 * AzureFunction.of("echo-message", FunctionKind.MESSAGE, AzureTrigger.queue("orders", "AzureWebJobsStorage"));
 * AzureFunction.of("echo-message_commands", FunctionKind.MESSAGE,
 *     AzureTrigger.serviceBusQueue("commands", "ServiceBusConnection"));
 * }</pre>
 *
 * <p>Immutable.
 */
public final class AzureFunction {

  /** The class of adapter-azure whose methods the host calls. */
  static final String ENTRY_CLASS = "dev.portablefunctions.azure.AzureFunctions";

  /** Separates a portable function's name from an optional suffix in an Azure function's name. */
  static final char VARIANT_SEPARATOR = '_';

  private static final Pattern NAME =
      Pattern.compile("([a-z](?:[a-z0-9-]{0,61}[a-z0-9])?)(?:_[a-z0-9][a-z0-9_-]*)?");
  private static final int MAX_NAME = 128;

  private final String name;
  private final FunctionKind kind;
  private final AzureTrigger trigger;
  private final RetryPolicy retry;

  private AzureFunction(String name, FunctionKind kind, AzureTrigger trigger, RetryPolicy retry) {
    this.name = name;
    this.kind = kind;
    this.trigger = trigger;
    this.retry = retry;
  }

  /**
   * Describes an Azure function.
   *
   * @param name the Azure function's name: the portable function's name (1 to 63 lower-case
   *     letters, digits and hyphens, starting with a letter, not ending with a hyphen), optionally
   *     followed by {@code _} and a suffix of lower-case letters, digits, {@code -} and {@code _};
   *     128 characters at most
   * @param kind the portable function's kind
   * @param trigger a trigger that can run that kind
   * @return the function
   * @throws IllegalArgumentException if the name is invalid, or the trigger cannot run the kind (an
   *     HTTP trigger runs HTTP and typed functions; Queue Storage, Service Bus and Event Hubs run
   *     message functions; Blob Storage runs storage functions; a timer runs schedule functions;
   *     Event Grid runs storage and CloudEvent functions), or a typed function's HTTP trigger does
   *     not accept {@code POST} or has a binary body
   */
  public static AzureFunction of(String name, FunctionKind kind, AzureTrigger trigger) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(trigger, "trigger");
    if (name.length() > MAX_NAME || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "Invalid Azure function name '"
              + name
              + "': use the portable function's name (1 to 63"
              + " lower-case letters, digits and hyphens, starting with a letter and not ending"
              + " with a hyphen), optionally followed by '_' and a suffix of lower-case letters,"
              + " digits, '-' and '_'; "
              + MAX_NAME
              + " characters at most.");
    }
    if (name.equals("host")) {
      throw new IllegalArgumentException(
          "Invalid Azure function name 'host': the host reserves it. Add a suffix, such as"
              + " 'host_api', or rename the portable function.");
    }
    TriggerBinding binding = TriggerBinding.of(trigger, name);
    if (!binding.feeds().contains(kind)) {
      throw new IllegalArgumentException(
          "Function "
              + portableName(name)
              + " is "
              + kind.description()
              + " and takes "
              + kind.accepts()
              + "; "
              + binding.description()
              + " cannot run it. Give it "
              + TriggerBinding.triggersFor(kind)
              + ".");
    }
    if (kind == FunctionKind.TYPED
        && trigger instanceof AzureTrigger.Http http
        && !http.methods().contains("POST")) {
      throw new IllegalArgumentException(
          "Function "
              + portableName(name)
              + " is a typed function, which takes its"
              + " input in a POST; its HTTP trigger allows only "
              + http.methods()
              + ".");
    }
    if (kind == FunctionKind.TYPED
        && trigger instanceof AzureTrigger.Http http
        && http.binaryBody()) {
      throw new IllegalArgumentException(
          "Function "
              + portableName(name)
              + " is a typed function, which takes JSON;"
              + " the host delivers JSON as text, which the Java worker cannot bind to the binary"
              + " body withBinaryBody() asks for. Leave the body as text.");
    }
    return new AzureFunction(name, kind, trigger, null);
  }

  /**
   * Describes an Azure function named after a portable function.
   *
   * @param function the portable function
   * @param trigger a trigger that can run it
   * @return the function
   * @throws IllegalArgumentException as {@link #of(String, FunctionKind, AzureTrigger)}
   */
  public static AzureFunction of(FunctionDefinition function, AzureTrigger trigger) {
    Objects.requireNonNull(function, "function");
    return of(function.name(), function.kind(), trigger);
  }

  /**
   * Returns this function with a retry policy.
   *
   * @param retry the policy
   * @return a new function
   * @throws IllegalArgumentException if the trigger is not a timer or Event Hubs trigger, the ones
   *     for which the host honours a retry policy
   */
  public AzureFunction withRetry(RetryPolicy retry) {
    Objects.requireNonNull(retry, "retry");
    TriggerBinding binding = TriggerBinding.of(trigger, name);
    if (!binding.supportsRetry()) {
      throw new IllegalArgumentException(
          "Function "
              + name
              + " has "
              + binding.description()
              + ", for which the host ignores a"
              + " retry policy; retry policies apply to timer and Event Hubs triggers. The other"
              + " triggers have their own retries (see the README, Deploy to Azure Functions).");
    }
    return new AzureFunction(name, kind, trigger, retry);
  }

  /**
   * Returns the Azure function's name.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * Returns the name of the portable function it runs: its name up to the first {@code _}.
   *
   * @return the portable name
   */
  public String portableName() {
    return portableName(name);
  }

  /**
   * The portable function an Azure function runs, as the adapter finds it: the name, or the part of
   * it before the first {@code _} ({@code echo-message_orders} runs {@code echo-message}).
   */
  static String portableName(String azureName) {
    int separator = azureName.indexOf(VARIANT_SEPARATOR);
    return separator < 0 ? azureName : azureName.substring(0, separator);
  }

  /**
   * Returns the portable function's kind.
   *
   * @return the kind
   */
  public FunctionKind kind() {
    return kind;
  }

  /**
   * Returns the trigger.
   *
   * @return the trigger
   */
  public AzureTrigger trigger() {
    return trigger;
  }

  /**
   * Returns the retry policy.
   *
   * @return the policy, or empty
   */
  public Optional<RetryPolicy> retry() {
    return Optional.ofNullable(retry);
  }

  /**
   * Returns the {@code entryPoint} the host calls, such as {@code
   * dev.portablefunctions.azure.AzureFunctions.queue}.
   *
   * @return the entry point
   */
  public String entryPoint() {
    return ENTRY_CLASS + "." + TriggerBinding.of(trigger, name).entryMethod();
  }

  @Override
  public String toString() {
    return name
        + " ("
        + kind.description()
        + ", "
        + trigger
        + (retry == null ? "" : ", " + retry)
        + ")";
  }
}
