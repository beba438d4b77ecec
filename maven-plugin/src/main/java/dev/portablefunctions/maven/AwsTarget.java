package dev.portablefunctions.maven;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portablefunctions.spi.FunctionKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * AWS Lambda: {@code target/portable/aws/<artifact>.zip} (the project's jar and every runtime jar
 * under {@code lib/}, which the Java runtime loads as they are) and {@code template.yaml}, an AWS
 * SAM template with one {@code AWS::Serverless::Function} per portable function, its {@code
 * PORTABLE_FUNCTION}, and the event source its settings name.
 */
final class AwsTarget implements Target {

  static final String HANDLER = "dev.portablefunctions.aws.LambdaHandler::handleRequest";
  static final String TEMPLATE = "template.yaml";

  private static final List<String> TRIGGERS =
      List.of("http", "sqs", "sns", "kinesis", "dynamodb", "s3", "schedule", "eventbridge", "none");
  private static final Pattern ARN = Pattern.compile("arn:aws[a-z-]*:[a-z0-9-]+:[^\\s]*");
  private static final Pattern METHOD = Pattern.compile("[A-Z]+|ANY");
  private static final Pattern AWS_CRON = Pattern.compile("(cron|rate)\\([^()]+\\)");
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public String id() {
    return "aws";
  }

  @Override
  public String adapter() {
    return "adapter-aws";
  }

  @Override
  public List<String> check(Build build) {
    List<String> problems = new ArrayList<>();
    template(build, problems);
    return problems;
  }

  @Override
  public void write(Build build, Jars jars) throws IOException {
    List<String> problems = new ArrayList<>();
    Map<String, Object> template = template(build, problems);
    if (!problems.isEmpty()) {
      throw new IllegalStateException("write after a failed check: " + problems);
    }
    Path folder = build.output(id());
    Path staging = folder.resolve("zip");
    Files.createDirectories(folder);
    Folders.deleteRecursively(staging);
    Path lib = Files.createDirectories(staging.resolve("lib"));
    Files.copy(jars.projectJar(), lib.resolve(jars.projectJar().getFileName()));
    for (Path jar : jars.libraries()) {
      Files.copy(jar, lib.resolve(jar.getFileName()));
    }
    Zips.zipFolder(staging, folder.resolve(build.artifactName() + ".zip"));
    Folders.deleteRecursively(staging);
    Files.writeString(folder.resolve(TEMPLATE), Yaml.write(template), StandardCharsets.UTF_8);
  }

  /** Builds the SAM template, adding a message per problem. */
  Map<String, Object> template(Build build, List<String> problems) {
    Build.Options options = build.options();
    Map<String, Object> template = new LinkedHashMap<>();
    template.put("AWSTemplateFormatVersion", "2010-09-09");
    template.put("Transform", "AWS::Serverless-2016-10-31");
    template.put(
        "Description",
        build.artifactName()
            + ": portable functions on AWS Lambda (written by"
            + " portable-functions-maven-plugin)");
    Map<String, Object> globals =
        map(
            "Runtime", options.awsRuntime(),
            "Handler", HANDLER,
            "CodeUri", build.artifactName() + ".zip",
            "MemorySize", options.memory(),
            "Timeout", options.timeout());
    if (options.awsSnapStart()) {
      // SnapStart snapshots published versions only: each deploy publishes one behind "live".
      globals.put("AutoPublishAlias", "live");
      globals.put("SnapStart", Map.of("ApplyOn", "PublishedVersions"));
    }
    template.put("Globals", Map.of("Function", globals));
    Map<String, Object> resources = new LinkedHashMap<>();
    Map<String, Object> outputs = new LinkedHashMap<>();
    Set<String> logicalIds = new HashSet<>();
    for (IndexedFunction function : build.functions()) {
      FunctionSettings settings = build.settingsOf(function);
      String id = logicalId(function.name());
      if (!logicalIds.add(id)) {
        problems.add(
            Target.problem(
                function,
                "<name>",
                "gives the CloudFormation logical id "
                    + id
                    + ", as another"
                    + " function's name does: rename one with @PortableFunction"));
        continue;
      }
      Map<String, Object> properties = new LinkedHashMap<>();
      properties.put("Environment", Map.of("Variables", build.environmentOf(function)));
      settings.memory().ifPresent(mb -> properties.put("MemorySize", mb));
      settings.timeout().ifPresent(seconds -> properties.put("Timeout", seconds));
      int timeout = settings.timeout().orElse(options.timeout());
      Map<String, Object> events = new LinkedHashMap<>();
      events(function, settings, id, timeout, events, resources, outputs, problems);
      if (!events.isEmpty()) {
        properties.put("Events", events);
      }
      if (events.values().stream().anyMatch(AwsTarget::isAsynchronous)) {
        // SNS, S3, EventBridge and schedules invoke asynchronously: after Lambda's retries, a
        // failed event goes to a dead-letter queue instead of being dropped.
        resources.put(id + "DeadLetterQueue", deadLetterQueue());
        properties.put(
            "EventInvokeConfig",
            map(
                "MaximumRetryAttempts",
                2,
                "DestinationConfig",
                Map.of(
                    "OnFailure",
                    map(
                        "Type",
                        "SQS",
                        "Destination",
                        Map.of("Fn::GetAtt", List.of(id + "DeadLetterQueue", "Arn"))))));
      }
      resources.put(id, map("Type", "AWS::Serverless::Function", "Properties", properties));
    }
    template.put("Resources", resources);
    if (!outputs.isEmpty()) {
      template.put("Outputs", outputs);
    }
    return template;
  }

  private static void events(
      IndexedFunction function,
      FunctionSettings settings,
      String id,
      int timeout,
      Map<String, Object> events,
      Map<String, Object> resources,
      Map<String, Object> outputs,
      List<String> problems) {
    AwsSettings aws = settings.aws();
    String trigger =
        aws.trigger().map(t -> t.toLowerCase(Locale.ROOT)).orElse(defaultTrigger(function.kind()));
    if (!TRIGGERS.contains(trigger)) {
      problems.add(
          Target.problem(
              function,
              "<aws><trigger>",
              "'"
                  + trigger
                  + "' is not an AWS trigger; use one of "
                  + String.join(", ", TRIGGERS)));
      return;
    }
    if (!accepts(trigger, function.kind())) {
      problems.add(
          Target.problem(
              function,
              "<aws><trigger>",
              "'"
                  + trigger
                  + "' cannot run "
                  + function.kind().description()
                  + "; it accepts "
                  + function.kind().accepts()
                  + ". Use "
                  + String.join(" or ", triggersFor(function.kind()))));
      return;
    }
    switch (trigger) {
      case "http" -> {
        String api = id + "Api";
        resources.put(api, map("Type", "AWS::Serverless::HttpApi"));
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("ApiId", Map.of("Ref", api));
        if (aws.path().isPresent() || aws.method().isPresent()) {
          String path = aws.path().orElse("/{proxy+}");
          String method = aws.method().orElse("ANY").toUpperCase(Locale.ROOT);
          if (!path.startsWith("/")) {
            problems.add(
                Target.problem(
                    function, "<aws><path>", "must start with '/', such as /orders/{id}"));
          }
          if (!METHOD.matcher(method).matches()) {
            problems.add(
                Target.problem(
                    function, "<aws><method>", "is not an HTTP method such as GET, POST or ANY"));
          }
          properties.put("Path", path);
          properties.put("Method", method);
        }
        // Without a path, the API's $default route: every method and path reach the function.
        events.put("Http", map("Type", "HttpApi", "Properties", properties));
        outputs.put(
            id + "Url",
            map(
                "Description",
                "The base URL of " + function.name(),
                "Value",
                Map.of(
                    "Fn::Sub",
                    "https://${" + api + "}.execute-api.${AWS::Region}.${AWS::URLSuffix}/")));
      }
      case "sqs" -> {
        Object queue;
        if (aws.queue().isPresent()) {
          queue = arn(function, "<aws><queue>", aws.queue().get(), problems);
        } else {
          // A message that fails five times moves to a dead-letter queue instead of being lost
          // when its retention ends. AWS advises a visibility timeout of six times the function's.
          resources.put(id + "DeadLetterQueue", deadLetterQueue());
          resources.put(
              id + "Queue",
              map(
                  "Type",
                  "AWS::SQS::Queue",
                  "Properties",
                  map(
                      "VisibilityTimeout",
                      6 * timeout,
                      "RedrivePolicy",
                      map(
                          "deadLetterTargetArn",
                          Map.of("Fn::GetAtt", List.of(id + "DeadLetterQueue", "Arn")),
                          "maxReceiveCount",
                          5))));
          queue = Map.of("Fn::GetAtt", List.of(id + "Queue", "Arn"));
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("Queue", queue);
        aws.batchSize().ifPresent(size -> properties.put("BatchSize", size));
        properties.put("FunctionResponseTypes", List.of("ReportBatchItemFailures"));
        events.put("Queue", map("Type", "SQS", "Properties", properties));
      }
      case "sns" -> {
        Object topic;
        if (aws.topic().isPresent()) {
          topic = arn(function, "<aws><topic>", aws.topic().get(), problems);
        } else {
          resources.put(id + "Topic", map("Type", "AWS::SNS::Topic"));
          topic = Map.of("Ref", id + "Topic");
        }
        events.put("Topic", map("Type", "SNS", "Properties", Map.of("Topic", topic)));
      }
      case "kinesis", "dynamodb" -> {
        if (aws.stream().isEmpty()) {
          problems.add(
              Target.problem(
                  function,
                  "<aws><stream>",
                  "is required for a "
                      + trigger
                      + " trigger: the stream's"
                      + " ARN (arn:aws:"
                      + (trigger.equals("kinesis") ? "kinesis" : "dynamodb")
                      + ":...)"));
          return;
        }
        Object stream = arn(function, "<aws><stream>", aws.stream().get(), problems);
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("Stream", stream);
        properties.put("StartingPosition", "LATEST");
        aws.batchSize().ifPresent(size -> properties.put("BatchSize", size));
        properties.put("FunctionResponseTypes", List.of("ReportBatchItemFailures"));
        // Without a limit a poison record blocks its shard until it expires; after the retries,
        // the batch's description goes to a dead-letter queue and the shard moves on.
        properties.put("MaximumRetryAttempts", 5);
        properties.put("BisectBatchOnFunctionError", true);
        resources.put(id + "DeadLetterQueue", deadLetterQueue());
        properties.put(
            "DestinationConfig",
            Map.of(
                "OnFailure",
                map(
                    "Type",
                    "SQS",
                    "Destination",
                    Map.of("Fn::GetAtt", List.of(id + "DeadLetterQueue", "Arn")))));
        events.put(
            "Stream",
            map(
                "Type",
                trigger.equals("kinesis") ? "Kinesis" : "DynamoDB",
                "Properties",
                properties));
      }
      case "s3" -> {
        resources.put(id + "Bucket", map("Type", "AWS::S3::Bucket"));
        events.put(
            "Bucket",
            map(
                "Type",
                "S3",
                "Properties",
                map(
                    "Bucket", Map.of("Ref", id + "Bucket"),
                    "Events", List.of("s3:ObjectCreated:*", "s3:ObjectRemoved:*"))));
      }
      case "schedule" -> {
        String expression = null;
        if (aws.schedule().isPresent()) {
          expression = aws.schedule().get();
          if (!AWS_CRON.matcher(expression).matches()) {
            problems.add(
                Target.problem(
                    function,
                    "<aws><schedule>",
                    "is not an AWS schedule expression such as"
                        + " cron(30 2 * * ? *) or rate(5 minutes); or set the portable <schedule>"
                        + " (five-field cron) instead"));
          }
        } else if (settings.schedule().isPresent()) {
          try {
            expression = Cron.parse(settings.schedule().get()).aws();
          } catch (IllegalArgumentException e) {
            problems.add(Target.problem(function, "<schedule>", e.getMessage()));
          }
        } else {
          problems.add(
              Target.problem(
                  function,
                  "<schedule>",
                  "is required: a five-field cron expression in UTC, such"
                      + " as '30 2 * * *' (or <aws><schedule> in AWS syntax)"));
        }
        if (expression != null) {
          events.put(
              "Schedule", map("Type", "Schedule", "Properties", Map.of("Schedule", expression)));
        }
      }
      case "eventbridge" -> {
        if (aws.pattern().isEmpty()) {
          problems.add(
              Target.problem(
                  function,
                  "<aws><pattern>",
                  "is required for an eventbridge trigger: the rule's"
                      + " event pattern as JSON, such as {\"source\": [\"com.example.orders\"]}"));
          return;
        }
        try {
          Object pattern = JSON.readValue(aws.pattern().get(), Object.class);
          if (!(pattern instanceof Map<?, ?>)) {
            throw new IllegalArgumentException("not an object");
          }
          events.put(
              "Rule", map("Type", "EventBridgeRule", "Properties", Map.of("Pattern", pattern)));
        } catch (JsonProcessingException | IllegalArgumentException e) {
          problems.add(
              Target.problem(
                  function,
                  "<aws><pattern>",
                  "is not a JSON object (an EventBridge event pattern"
                      + " such as {\"source\": [\"com.example.orders\"]})"));
        }
      }
      default -> {
        // "none": direct invocation only
      }
    }
  }

  private static boolean isAsynchronous(Object event) {
    return event instanceof Map<?, ?> resource
        && List.of("SNS", "S3", "Schedule", "EventBridgeRule").contains(resource.get("Type"));
  }

  /** A queue that keeps what failed for 14 days, the most SQS allows. */
  private static Map<String, Object> deadLetterQueue() {
    return map(
        "Type", "AWS::SQS::Queue", "Properties", Map.of("MessageRetentionPeriod", 1_209_600));
  }

  /** An ARN as it is. */
  private static String arn(
      IndexedFunction function, String setting, String arn, List<String> problems) {
    if (!ARN.matcher(arn).matches()) {
      problems.add(
          Target.problem(
              function,
              setting,
              "must be an ARN (arn:aws:...), or left out for a resource the"
                  + " template creates"));
    }
    return arn;
  }

  static String defaultTrigger(FunctionKind kind) {
    return switch (kind) {
      case HTTP, TYPED -> "http";
      case MESSAGE -> "sqs";
      case STORAGE -> "s3";
      case SCHEDULE -> "schedule";
      case CLOUD_EVENT -> "eventbridge";
    };
  }

  private static boolean accepts(String trigger, FunctionKind kind) {
    return trigger.equals("none") || triggersFor(kind).contains(trigger);
  }

  private static List<String> triggersFor(FunctionKind kind) {
    return switch (kind) {
      case HTTP -> List.of("http");
      case TYPED -> List.of("http", "none");
      case MESSAGE -> List.of("sqs", "sns", "kinesis", "dynamodb");
      case STORAGE -> List.of("s3", "eventbridge");
      case SCHEDULE -> List.of("schedule");
      case CLOUD_EVENT -> List.of("eventbridge", "none");
    };
  }

  /** {@code create-order} becomes {@code CreateOrder}. */
  static String logicalId(String name) {
    StringBuilder id = new StringBuilder();
    boolean upper = true;
    for (char c : name.toCharArray()) {
      if (Character.isLetterOrDigit(c)) {
        id.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      } else {
        upper = true;
      }
    }
    if (id.length() == 0 || !Character.isLetter(id.charAt(0))) {
      id.insert(0, "Fn");
    }
    return id.toString();
  }

  private static Map<String, Object> map(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }
}
