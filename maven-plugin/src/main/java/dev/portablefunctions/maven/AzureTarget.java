package dev.portablefunctions.maven;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.portablefunctions.maven.azure.AzureApp;
import dev.portablefunctions.maven.azure.AzureFunction;
import dev.portablefunctions.maven.azure.AzureTrigger;
import dev.portablefunctions.maven.azure.AzureTrigger.Http.AuthLevel;
import dev.portablefunctions.maven.azure.RetryPolicy;
import dev.portablefunctions.spi.FunctionKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Packages for Azure Functions: one Azure function per portable function, named after it, with the
 * trigger its {@code <azure>} settings ask for (see {@link AzureSettings}) or its kind's default.
 *
 * <p>{@link #write} lays out {@code target/portable/azure/}:
 *
 * <ul>
 *   <li>{@code app/}: the app folder the Java worker loads: {@code host.json}, one {@code
 *       <function>/function.json} per function, the project jar at the root (every function's
 *       {@code scriptFile}) and the runtime jars under {@code lib/}, adapter-azure among them and
 *       {@code azure-functions-java-core-library} left out (the worker provides it);
 *   <li>{@code <artifactId>-<version>.zip}: the content of {@code app/}, ready for zip deploy
 *       ({@code az functionapp deployment source config-zip}); entries in name order, with a fixed
 *       time, so that the same build gives the same bytes;
 *   <li>{@code app-settings.json}: the app settings the app needs, as a flat JSON object ({@code az
 *       functionapp config appsettings set --settings @app-settings.json} reads it). The connection
 *       settings the triggers name ({@code AzureWebJobsStorage} and the like) are the deployment's
 *       own.
 * </ul>
 */
final class AzureTarget implements Target {

  /** The folder under the target's output that holds the app. */
  static final String APP_FOLDER = "app";

  /** The file of app settings, next to the app folder and the zip. */
  static final String APP_SETTINGS = "app-settings.json";

  /** The connection of Queue Storage and Blob Storage triggers unless set: the app's storage. */
  static final String DEFAULT_CONNECTION = "AzureWebJobsStorage";

  private static final ObjectWriter JSON = new ObjectMapper().writerWithDefaultPrettyPrinter();

  /** The values of {@code <azure><retry><strategy>}, as {@code function.json} names them. */
  private static final String FIXED_DELAY = "fixedDelay";

  private static final String EXPONENTIAL_BACKOFF = "exponentialBackoff";

  /** A retry interval as a .NET {@code TimeSpan}, the form of {@code function.json}. */
  private static final Pattern TIME_SPAN =
      Pattern.compile("(?:(\\d{1,7})\\.)?(\\d{1,2}):(\\d{1,2}):(\\d{1,2})(?:\\.(\\d{1,9}))?");

  /** The values of {@code <azure><trigger>}, the kinds each runs and the settings each reads. */
  private enum Trigger {
    HTTP(
        "http",
        Set.of(FunctionKind.HTTP, FunctionKind.TYPED),
        "route",
        "methods",
        "authLevel",
        "binary"),
    QUEUE("queue", Set.of(FunctionKind.MESSAGE), "queue", "connection"),
    SERVICE_BUS_QUEUE("serviceBusQueue", Set.of(FunctionKind.MESSAGE), "queue", "connection"),
    SERVICE_BUS_TOPIC(
        "serviceBusTopic", Set.of(FunctionKind.MESSAGE), "topic", "subscription", "connection"),
    EVENT_HUB(
        "eventHub",
        Set.of(FunctionKind.MESSAGE),
        "eventHub",
        "consumerGroup",
        "connection",
        "retry"),
    BLOB("blob", Set.of(FunctionKind.STORAGE), "path", "connection"),
    EVENT_GRID("eventGrid", Set.of(FunctionKind.STORAGE, FunctionKind.CLOUD_EVENT)),
    TIMER("timer", Set.of(FunctionKind.SCHEDULE), "schedule", "retry");

    private final String id;
    private final Set<FunctionKind> kinds;
    private final Set<String> settings;

    Trigger(String id, Set<FunctionKind> kinds, String... settings) {
      this.id = id;
      this.kinds = kinds;
      this.settings = Set.of(settings);
    }

    /** The value of {@code <azure><trigger>}, such as {@code serviceBusQueue}. */
    String id() {
      return id;
    }

    /** Finds a trigger by its id, in any case. */
    static Optional<Trigger> of(String id) {
      return Stream.of(values()).filter(t -> t.id.equalsIgnoreCase(id)).findFirst();
    }

    /** The trigger a function of a kind gets without {@code <azure><trigger>}. */
    static Trigger defaultFor(FunctionKind kind) {
      return switch (kind) {
        case HTTP, TYPED -> HTTP;
        case MESSAGE -> QUEUE;
        case STORAGE, CLOUD_EVENT -> EVENT_GRID;
        case SCHEDULE -> TIMER;
      };
    }

    /** The ids of the triggers that can run a kind, for messages: "queue, ... or eventHub". */
    static String idsFor(FunctionKind kind) {
      return or(Stream.of(values()).filter(t -> t.kinds.contains(kind)).map(Trigger::id).toList());
    }

    /** The ids of the triggers that read a setting, for messages. */
    static String idsReading(String setting) {
      return or(
          Stream.of(values()).filter(t -> t.settings.contains(setting)).map(Trigger::id).toList());
    }
  }

  @Override
  public String id() {
    return "azure";
  }

  @Override
  public String adapter() {
    return "adapter-azure";
  }

  @Override
  public List<String> check(Build build) {
    List<String> problems = new ArrayList<>();
    app(build, build.artifactName() + ".jar", problems);
    build.sharedEnvironment(problems);
    return List.copyOf(problems);
  }

  @Override
  public void write(Build build, Jars jars) throws IOException {
    List<String> problems = new ArrayList<>();
    AzureApp app =
        app(build, jars.projectJar().getFileName().toString(), problems)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "The Azure settings were not checked: " + String.join("; ", problems)));
    Path folder = Files.createDirectories(build.output(id()));
    Path appFolder = folder.resolve(APP_FOLDER);
    // A function removed since the last build must not stay behind in the app.
    Folders.deleteRecursively(appFolder);
    app.stage(appFolder, jars.projectJar(), jars.libraries());
    Zips.zipFolder(appFolder, folder.resolve(build.artifactName() + ".zip"));
    Files.writeString(
        folder.resolve(APP_SETTINGS),
        json(appSettings(app, build.sharedEnvironment(new ArrayList<>()))),
        StandardCharsets.UTF_8);
  }

  /**
   * The app settings a deployment of an app needs: the Java worker on Functions 4, the worker's JVM
   * pinned to UTF-8, and what the adapter needs for this app.
   *
   * <p>{@code JAVA_OPTS=-Dfile.encoding=UTF-8}: the Java worker turns a text body (an HTTP trigger
   * without {@code dataType: binary}) into a {@code String} with the JVM's default charset, which
   * on Java 17 follows the host's locale ({@code LANG=C} gives ASCII, and even UTF-8 text is
   * damaged). {@code JAVA_OPTS} is the setting the worker's own {@code worker.config.json} puts on
   * the worker JVM's command line, and the one Microsoft's Java guide ("Customize JVM") names for
   * the Premium and Dedicated plans; on a Consumption plan the guide names {@code
   * languageWorkers__java__arguments} instead, which the README asks such apps to set.
   *
   * @param app the app
   * @return the settings, by name, in a stable order
   */
  static Map<String, String> appSettings(AzureApp app) {
    return appSettings(app, Map.of());
  }

  /**
   * The app settings: the worker's, the adapter's, then the build's environment variables, which
   * every function of the app shares.
   */
  static Map<String, String> appSettings(AzureApp app, Map<String, String> environment) {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("FUNCTIONS_WORKER_RUNTIME", "java");
    settings.put("FUNCTIONS_EXTENSION_VERSION", "~4");
    settings.put("JAVA_OPTS", "-Dfile.encoding=UTF-8");
    settings.putAll(app.appSettings());
    settings.putAll(environment);
    return settings;
  }

  /**
   * Describes the build as an Azure app, reporting every problem.
   *
   * @param build the functions and their settings
   * @param jar the file name of the project's jar, every function's {@code scriptFile}
   * @param problems receives one message per problem
   * @return the app, or empty if there were problems
   */
  Optional<AzureApp> app(Build build, String jar, List<String> problems) {
    if (build.functions().isEmpty()) {
      problems.add("the project has no functions; an Azure app needs at least one");
      return Optional.empty();
    }
    int before = problems.size();
    AzureApp.Builder app = AzureApp.builder(jar);
    String prefix = build.options().azureRoutePrefix();
    if (prefix != null) {
      try {
        app.routePrefix(prefix.trim().equals("/") ? "" : prefix.trim());
      } catch (IllegalArgumentException e) {
        problems.add("<azureRoutePrefix> is invalid: " + e.getMessage());
      }
    }
    for (IndexedFunction function : build.functions()) {
      Report report = new Report(function, problems);
      function(function, build.settingsOf(function), report)
          .ifPresent(f -> report.check("<azure><route>", () -> app.function(f)));
    }
    return problems.size() == before ? Optional.of(app.build()) : Optional.empty();
  }

  /** Describes one function, or reports why it cannot be described. */
  private static Optional<AzureFunction> function(
      IndexedFunction function, FunctionSettings settings, Report report) {
    AzureSettings azure = settings.azure();
    Optional<Trigger> chosen = trigger(function, azure, report);
    if (chosen.isEmpty()) {
      return Optional.empty();
    }
    Trigger trigger = chosen.get();
    boolean applies = true;
    for (String setting : present(azure)) {
      if (!trigger.settings.contains(setting)) {
        report.add(
            "<azure><" + setting + ">",
            "applies to the "
                + Trigger.idsReading(setting)
                + " trigger, not to "
                + trigger.id()
                + "; remove it");
        applies = false;
      }
    }
    Optional<AzureTrigger> built =
        switch (trigger) {
          case HTTP -> http(azure, report);
          case QUEUE -> queue(function, azure, report);
          case SERVICE_BUS_QUEUE -> serviceBusQueue(azure, report);
          case SERVICE_BUS_TOPIC -> serviceBusTopic(azure, report);
          case EVENT_HUB -> eventHub(azure, report);
          case BLOB -> blob(azure, report);
          case EVENT_GRID -> Optional.of(AzureTrigger.eventGrid());
          case TIMER -> timer(settings, azure, report);
        };
    // A retry the trigger does not read is reported above; its parts are checked only where it
    // applies.
    Optional<RetryPolicy> retry = Optional.empty();
    if (azure.retry().isPresent() && trigger.settings.contains("retry")) {
      retry = retry(azure.retry().get(), report);
      applies &= retry.isPresent();
    }
    if (built.isEmpty() || !applies) {
      return Optional.empty();
    }
    AzureTrigger azureTrigger = built.get();
    Optional<AzureFunction> described =
        report.attempt(
            settingRefusedBy(function, azureTrigger),
            () -> AzureFunction.of(function.name(), function.kind(), azureTrigger));
    if (described.isEmpty() || retry.isEmpty()) {
      return described;
    }
    RetryPolicy policy = retry.get();
    return report.attempt("<azure><retry>", () -> described.get().withRetry(policy));
  }

  /** The trigger a function asks for, or its kind's default; reports an unknown or unfit one. */
  private static Optional<Trigger> trigger(
      IndexedFunction function, AzureSettings azure, Report report) {
    Optional<String> id = azure.trigger();
    if (id.isEmpty()) {
      return Optional.of(Trigger.defaultFor(function.kind()));
    }
    Optional<Trigger> trigger = Trigger.of(id.get());
    if (trigger.isEmpty()) {
      report.add(
          "<azure><trigger>",
          "'"
              + id.get()
              + "' is not an Azure trigger; use one of "
              + Stream.of(Trigger.values()).map(Trigger::id).collect(Collectors.joining(", ")));
    } else if (!trigger.get().kinds.contains(function.kind())) {
      report.add(
          "<azure><trigger>",
          "'"
              + trigger.get().id()
              + "' cannot run "
              + function.kind().description()
              + ", which takes "
              + function.kind().accepts()
              + "; use "
              + Trigger.idsFor(function.kind()));
      return Optional.empty();
    }
    return trigger;
  }

  /** The {@code <azure>} setting that {@link AzureFunction#of} refuses, if it does. */
  private static String settingRefusedBy(IndexedFunction function, AzureTrigger trigger) {
    if (function.name().equals("host")) {
      return "<name>";
    }
    if (function.kind() == FunctionKind.TYPED && trigger instanceof AzureTrigger.Http http) {
      return http.methods().contains("POST") ? "<azure><binary>" : "<azure><methods>";
    }
    return "<azure><trigger>";
  }

  private static Optional<AzureTrigger> http(AzureSettings azure, Report report) {
    boolean valid = true;
    Optional<String> route = azure.route();
    if (route.isPresent()) {
      valid &= report.check("<azure><route>", () -> AzureTrigger.http().withRoute(route.get()));
    }
    Optional<String[]> methods =
        azure
            .methods()
            .map(m -> Arrays.stream(m.split(",")).map(String::trim).filter(s -> !s.isEmpty()))
            .map(s -> s.toArray(String[]::new));
    if (methods.isPresent()) {
      valid &=
          report.check("<azure><methods>", () -> AzureTrigger.http().withMethods(methods.get()));
    }
    Optional<AuthLevel> authLevel = Optional.empty();
    if (azure.authLevel().isPresent()) {
      String value = azure.authLevel().get();
      authLevel =
          Stream.of(AuthLevel.values()).filter(l -> l.name().equalsIgnoreCase(value)).findFirst();
      if (authLevel.isEmpty()) {
        report.add(
            "<azure><authLevel>",
            "'"
                + value
                + "' is not an authorization level; use one of "
                + Stream.of(AuthLevel.values())
                    .map(l -> l.name().toLowerCase(Locale.ROOT))
                    .collect(Collectors.joining(", ")));
        valid = false;
      }
    }
    if (!valid) {
      return Optional.empty();
    }
    AzureTrigger.Http http = AzureTrigger.http();
    if (route.isPresent()) {
      http = http.withRoute(route.get());
    }
    if (methods.isPresent()) {
      http = http.withMethods(methods.get());
    }
    if (authLevel.isPresent()) {
      http = http.withAuthLevel(authLevel.get());
    }
    if (azure.binary()) {
      http = http.withBinaryBody();
    }
    return Optional.of(http);
  }

  private static Optional<AzureTrigger> queue(
      IndexedFunction function, AzureSettings azure, Report report) {
    String queue = azure.queue().orElse(function.name());
    String setting =
        azure.queue().isPresent()
            ? "<azure><queue>"
            : "<azure><queue> (default: the function's name)";
    boolean valid = report.check(setting, () -> AzureTrigger.queue(queue, DEFAULT_CONNECTION));
    Optional<String> connection = connection(azure, report);
    return valid && connection.isPresent()
        ? Optional.of(AzureTrigger.queue(queue, connection.get()))
        : Optional.empty();
  }

  private static Optional<AzureTrigger> serviceBusQueue(AzureSettings azure, Report report) {
    Optional<String> queue =
        report.required(
            azure.queue(),
            "queue",
            Trigger.SERVICE_BUS_QUEUE,
            "the Service Bus queue it reads",
            value -> AzureTrigger.serviceBusQueue(value, DEFAULT_CONNECTION));
    Optional<String> connection =
        connection(
            azure, report, Trigger.SERVICE_BUS_QUEUE, "the Service Bus namespace's connection");
    return queue.isPresent() && connection.isPresent()
        ? Optional.of(AzureTrigger.serviceBusQueue(queue.get(), connection.get()))
        : Optional.empty();
  }

  private static Optional<AzureTrigger> serviceBusTopic(AzureSettings azure, Report report) {
    Optional<String> topic =
        report.required(
            azure.topic(),
            "topic",
            Trigger.SERVICE_BUS_TOPIC,
            "the Service Bus topic",
            value -> AzureTrigger.serviceBusTopic(value, "subscription", DEFAULT_CONNECTION));
    Optional<String> subscription =
        report.required(
            azure.subscription(),
            "subscription",
            Trigger.SERVICE_BUS_TOPIC,
            "the topic's subscription it reads",
            value -> AzureTrigger.serviceBusTopic("topic", value, DEFAULT_CONNECTION));
    Optional<String> connection =
        connection(
            azure, report, Trigger.SERVICE_BUS_TOPIC, "the Service Bus namespace's connection");
    return topic.isPresent() && subscription.isPresent() && connection.isPresent()
        ? Optional.of(
            AzureTrigger.serviceBusTopic(topic.get(), subscription.get(), connection.get()))
        : Optional.empty();
  }

  private static Optional<AzureTrigger> eventHub(AzureSettings azure, Report report) {
    Optional<String> eventHub =
        report.required(
            azure.eventHub(),
            "eventHub",
            Trigger.EVENT_HUB,
            "the event hub it reads",
            value -> AzureTrigger.eventHub(value, DEFAULT_CONNECTION));
    Optional<String> consumerGroup = azure.consumerGroup();
    boolean valid =
        consumerGroup.isEmpty()
            || report.check(
                "<azure><consumerGroup>",
                () ->
                    AzureTrigger.eventHub("hub", DEFAULT_CONNECTION)
                        .withConsumerGroup(consumerGroup.get()));
    Optional<String> connection =
        connection(azure, report, Trigger.EVENT_HUB, "the Event Hubs namespace's connection");
    if (eventHub.isEmpty() || connection.isEmpty() || !valid) {
      return Optional.empty();
    }
    AzureTrigger.EventHub trigger = AzureTrigger.eventHub(eventHub.get(), connection.get());
    return Optional.of(consumerGroup.map(trigger::withConsumerGroup).orElse(trigger));
  }

  private static Optional<AzureTrigger> blob(AzureSettings azure, Report report) {
    Optional<String> path =
        report.required(
            azure.path(),
            "path",
            Trigger.BLOB,
            "the container and blob pattern, such as photos/{name}",
            value -> AzureTrigger.blob(value, DEFAULT_CONNECTION));
    Optional<String> connection = connection(azure, report);
    return path.isPresent() && connection.isPresent()
        ? Optional.of(AzureTrigger.blob(path.get(), connection.get()))
        : Optional.empty();
  }

  /** The timer of {@code <azure><schedule>} (NCRONTAB) if set, else of the portable schedule. */
  private static Optional<AzureTrigger> timer(
      FunctionSettings settings, AzureSettings azure, Report report) {
    Optional<String> ncrontab = azure.schedule();
    if (ncrontab.isPresent()) {
      return report.attempt("<azure><schedule>", () -> AzureTrigger.timer(ncrontab.get()));
    }
    Optional<String> cron = settings.schedule();
    if (cron.isEmpty()) {
      report.add(
          "<schedule>",
          "is required: a five-field cron expression in UTC, such as '30 2 * * *' (or"
              + " <azure><schedule>, a six-field NCRONTAB expression)");
      return Optional.empty();
    }
    String translated;
    try {
      translated = Cron.parse(cron.get()).ncrontab();
    } catch (IllegalArgumentException invalid) {
      report.add("<schedule>", invalid.getMessage());
      return Optional.empty();
    }
    return report.attempt("<schedule>", () -> AzureTrigger.timer(translated));
  }

  /**
   * The retry policy of {@code <azure><retry>}, or empty after reporting every problem with it: a
   * missing or unknown strategy, a missing count, a missing, unreadable or refused interval, and an
   * interval of the other strategy.
   */
  private static Optional<RetryPolicy> retry(AzureRetrySettings retry, Report report) {
    int before = report.count();
    Optional<String> strategy = Optional.empty();
    Optional<String> named = retry.strategy();
    if (named.isEmpty()) {
      report.add(
          "<azure><retry><strategy>", "is required: " + FIXED_DELAY + " or " + EXPONENTIAL_BACKOFF);
    } else {
      strategy =
          Stream.of(FIXED_DELAY, EXPONENTIAL_BACKOFF)
              .filter(s -> s.equalsIgnoreCase(named.get()))
              .findFirst();
      if (strategy.isEmpty()) {
        report.add(
            "<azure><retry><strategy>",
            "'"
                + named.get()
                + "' is not a retry strategy; use "
                + FIXED_DELAY
                + " or "
                + EXPONENTIAL_BACKOFF);
      }
    }
    Optional<Integer> count = retry.maxRetryCount();
    if (count.isEmpty()) {
      report.add("<azure><retry><maxRetryCount>", "is required: the most retries, -1 for no limit");
    } else {
      report.check(
          "<azure><retry><maxRetryCount>",
          () -> RetryPolicy.fixedDelay(count.get(), Duration.ofSeconds(1)));
    }
    Optional<Duration> delay =
        interval(
            retry.delayInterval(),
            "delayInterval",
            FIXED_DELAY,
            strategy,
            "the delay between retries, such as PT5S",
            d -> RetryPolicy.fixedDelay(0, d),
            report);
    Optional<Duration> minimum =
        interval(
            retry.minimumInterval(),
            "minimumInterval",
            EXPONENTIAL_BACKOFF,
            strategy,
            "the first delay, such as PT5S",
            // With a maximum it accepts, the generator judges the minimum alone.
            d ->
                RetryPolicy.exponentialBackoff(
                    0, d, Collections.max(List.of(d, Duration.ofSeconds(1)))),
            report);
    Optional<Duration> maximum =
        interval(
            retry.maximumInterval(),
            "maximumInterval",
            EXPONENTIAL_BACKOFF,
            strategy,
            "the longest delay, such as PT15M",
            d -> RetryPolicy.exponentialBackoff(0, d, d),
            report);
    if (report.count() > before) {
      return Optional.empty();
    }
    return strategy.get().equals(FIXED_DELAY)
        ? report.attempt(
            "<azure><retry><delayInterval>", () -> RetryPolicy.fixedDelay(count.get(), delay.get()))
        : report.attempt(
            "<azure><retry><maximumInterval>",
            () -> RetryPolicy.exponentialBackoff(count.get(), minimum.get(), maximum.get()));
  }

  /**
   * One interval of {@code <azure><retry>}: required by its strategy, refused by the other one,
   * read and checked by the generator otherwise; empty if absent or reported.
   */
  private static Optional<Duration> interval(
      Optional<String> value,
      String name,
      String owner,
      Optional<String> strategy,
      String what,
      Function<Duration, ?> check,
      Report report) {
    String setting = "<azure><retry><" + name + ">";
    if (value.isEmpty()) {
      if (strategy.isPresent() && strategy.get().equals(owner)) {
        report.add(setting, "is required by the " + owner + " strategy: " + what);
      }
      return Optional.empty();
    }
    if (strategy.isPresent() && !strategy.get().equals(owner)) {
      report.add(
          setting,
          "applies to the " + owner + " strategy, not to " + strategy.get() + "; remove it");
      return Optional.empty();
    }
    Optional<Duration> duration = duration(value.get());
    if (duration.isEmpty()) {
      report.add(
          setting,
          "'"
              + value.get()
              + "' is not a duration; write it in ISO-8601, such as PT5S, or as"
              + " [d.]hh:mm:ss, such as 00:00:05");
      return Optional.empty();
    }
    if (duration.get().getNano() % 1_000_000 != 0) {
      report.add(
          setting,
          "'"
              + value.get()
              + "' is finer than a millisecond, the precision of function.json's"
              + " intervals ([d.]hh:mm:ss.fff); round it");
      return Optional.empty();
    }
    return report.attempt(setting, () -> check.apply(duration.get())).map(ok -> duration.get());
  }

  /**
   * Reads an interval: an ISO-8601 duration ({@code PT5S}) or a .NET {@code TimeSpan} as {@code
   * function.json} writes it ({@code [d.]hh:mm:ss[.fff]}, hours below 24, minutes and seconds below
   * 60).
   */
  private static Optional<Duration> duration(String text) {
    try {
      return Optional.of(Duration.parse(text));
    } catch (DateTimeParseException notIso) {
      // Perhaps hh:mm:ss.
    }
    Matcher timeSpan = TIME_SPAN.matcher(text);
    if (!timeSpan.matches()) {
      return Optional.empty();
    }
    long days = timeSpan.group(1) == null ? 0 : Long.parseLong(timeSpan.group(1));
    int hours = Integer.parseInt(timeSpan.group(2));
    int minutes = Integer.parseInt(timeSpan.group(3));
    int seconds = Integer.parseInt(timeSpan.group(4));
    if (hours > 23 || minutes > 59 || seconds > 59) {
      return Optional.empty();
    }
    String fraction = timeSpan.group(5) == null ? "" : timeSpan.group(5);
    long nanos = fraction.isEmpty() ? 0 : Long.parseLong((fraction + "00000000").substring(0, 9));
    return Optional.of(
        Duration.ofDays(days)
            .plusHours(hours)
            .plusMinutes(minutes)
            .plusSeconds(seconds)
            .plusNanos(nanos));
  }

  /** The connection of a storage trigger: {@code <azure><connection>}, else the app's storage. */
  private static Optional<String> connection(AzureSettings azure, Report report) {
    return azure.connection().isPresent()
        ? checkConnection(azure.connection().get(), report)
        : Optional.of(DEFAULT_CONNECTION);
  }

  /** The connection of a Service Bus or Event Hubs trigger, which has no default. */
  private static Optional<String> connection(
      AzureSettings azure, Report report, Trigger trigger, String what) {
    if (azure.connection().isEmpty()) {
      report.add(
          "<azure><connection>",
          "is required by the "
              + trigger.id()
              + " trigger: the name of the app setting with "
              + what
              + " (or the prefix of its identity-based settings)");
      return Optional.empty();
    }
    return checkConnection(azure.connection().get(), report);
  }

  private static Optional<String> checkConnection(String connection, Report report) {
    // The generator checks a connection when it builds a trigger; any trigger with one will do.
    boolean valid =
        report.check(
            "<azure><connection>", () -> AzureTrigger.serviceBusQueue("queue", connection));
    return valid ? Optional.of(connection) : Optional.empty();
  }

  /** The {@code <azure>} settings that are set, by element name, in the documentation's order. */
  private static List<String> present(AzureSettings azure) {
    Map<String, Boolean> set = new LinkedHashMap<>();
    set.put("route", azure.route().isPresent());
    set.put("methods", azure.methods().isPresent());
    set.put("authLevel", azure.authLevel().isPresent());
    set.put("binary", azure.binary());
    set.put("queue", azure.queue().isPresent());
    set.put("topic", azure.topic().isPresent());
    set.put("subscription", azure.subscription().isPresent());
    set.put("eventHub", azure.eventHub().isPresent());
    set.put("consumerGroup", azure.consumerGroup().isPresent());
    set.put("path", azure.path().isPresent());
    set.put("connection", azure.connection().isPresent());
    set.put("schedule", azure.schedule().isPresent());
    set.put("retry", azure.retry().isPresent());
    return set.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey).toList();
  }

  private static String or(List<String> items) {
    if (items.size() == 1) {
      return items.get(0);
    }
    return String.join(", ", items.subList(0, items.size() - 1))
        + " or "
        + items.get(items.size() - 1);
  }

  private static String json(Map<String, String> value) throws IOException {
    return JSON.writeValueAsString(value) + "\n";
  }

  /** Collects the problems of one function, each naming it and the setting. */
  private static final class Report {

    private final IndexedFunction function;
    private final List<String> problems;

    Report(IndexedFunction function, List<String> problems) {
      this.function = function;
      this.problems = problems;
    }

    void add(String setting, String text) {
      problems.add(Target.problem(function, setting, text));
    }

    /** The number of problems so far, of every function. */
    int count() {
      return problems.size();
    }

    /** Runs a step of the generator, reporting its refusal as a problem with a setting. */
    <T> Optional<T> attempt(String setting, Supplier<T> step) {
      try {
        return Optional.of(step.get());
      } catch (IllegalArgumentException | IllegalStateException refused) {
        add(setting, "is invalid: " + refused.getMessage());
        return Optional.empty();
      }
    }

    /** As {@link #attempt}, telling only whether the step succeeded. */
    boolean check(String setting, Supplier<?> step) {
      return attempt(setting, step).isPresent();
    }

    /** A setting a trigger needs, checked by the generator; reported if missing or refused. */
    Optional<String> required(
        Optional<String> value,
        String name,
        Trigger trigger,
        String what,
        Function<String, ?> check) {
      String setting = "<azure><" + name + ">";
      if (value.isEmpty()) {
        add(setting, "is required by the " + trigger.id() + " trigger: " + what);
        return Optional.empty();
      }
      boolean valid = check(setting, () -> check.apply(value.get()));
      return valid ? value : Optional.empty();
    }
  }
}
