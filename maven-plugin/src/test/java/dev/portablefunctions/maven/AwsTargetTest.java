package dev.portablefunctions.maven;

import static dev.portablefunctions.maven.Fixtures.AUDIT;
import static dev.portablefunctions.maven.Fixtures.GREET;
import static dev.portablefunctions.maven.Fixtures.NIGHTLY;
import static dev.portablefunctions.maven.Fixtures.SIGNUP;
import static dev.portablefunctions.maven.Fixtures.UPLOADED;
import static dev.portablefunctions.maven.Fixtures.WELCOME;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AwsTargetTest {

  private final AwsTarget target = new AwsTarget();

  @TempDir Path folder;

  @SuppressWarnings("unchecked")
  private static Map<String, Object> at(Object node, String... keys) {
    Object current = node;
    for (String key : keys) {
      assertThat(current).as("parent of %s", key).isInstanceOf(Map.class);
      current = ((Map<String, Object>) current).get(key);
    }
    return (Map<String, Object>) current;
  }

  private Map<String, Object> writtenTemplate(Build build) throws IOException {
    target.write(
        build,
        new Jars(Fixtures.jar(folder.resolve("in"), "orders-1.0.jar", "x/Greet.class"), List.of()));
    String text = Files.readString(folder.resolve("out/aws/template.yaml"));
    return new org.yaml.snakeyaml.Yaml().load(text);
  }

  @Test
  void everyKindGetsItsDefaultEventSource() throws IOException {
    Build build =
        Fixtures.build(
            folder.resolve("out"),
            List.of(GREET, WELCOME, SIGNUP, UPLOADED, NIGHTLY, AUDIT),
            new FunctionSettings("nightly-report").schedule("30 2 * * *"),
            new FunctionSettings("audit")
                .aws(new AwsSettings().pattern("{\"source\": [\"com.example.orders\"]}")));

    assertThat(target.check(build)).isEmpty();
    Map<String, Object> template = writtenTemplate(build);

    assertThat(template.get("Transform")).isEqualTo("AWS::Serverless-2016-10-31");
    assertThat(at(template, "Globals", "Function"))
        .containsEntry("Handler", AwsTarget.HANDLER)
        .containsEntry("Runtime", "java21")
        .containsEntry("CodeUri", "orders-1.0.zip")
        .containsEntry("MemorySize", 512)
        .containsEntry("Timeout", 30);
    Map<String, Object> resources = at(template, "Resources");
    assertThat(at(resources, "Greet", "Properties", "Environment", "Variables"))
        .containsEntry("PORTABLE_FUNCTION", "greet");
    assertThat(at(resources, "Greet", "Properties", "Events", "Http"))
        .containsEntry("Type", "HttpApi")
        .containsEntry("Properties", Map.of("ApiId", Map.of("Ref", "GreetApi")));
    assertThat(at(resources, "GreetApi")).containsEntry("Type", "AWS::Serverless::HttpApi");
    assertThat(at(resources, "Welcome", "Properties", "Events", "Http"))
        .containsEntry("Type", "HttpApi");
    assertThat(at(resources, "Signup", "Properties", "Events", "Queue", "Properties"))
        .containsEntry("Queue", Map.of("Fn::GetAtt", List.of("SignupQueue", "Arn")))
        .containsEntry("FunctionResponseTypes", List.of("ReportBatchItemFailures"));
    assertThat(at(resources, "SignupQueue", "Properties")).containsEntry("VisibilityTimeout", 180);
    assertThat(at(resources, "OnUpload", "Properties", "Events", "Bucket", "Properties"))
        .containsEntry("Bucket", Map.of("Ref", "OnUploadBucket"));
    assertThat(at(resources, "NightlyReport", "Properties", "Events", "Schedule", "Properties"))
        .containsEntry("Schedule", "cron(30 2 * * ? *)");
    assertThat(at(resources, "Audit", "Properties", "Events", "Rule", "Properties"))
        .containsEntry("Pattern", Map.of("source", List.of("com.example.orders")));
    assertThat(at(template, "Outputs", "GreetUrl")).containsKey("Value");
  }

  @Test
  void configuredSourcesAndLimits() throws IOException {
    String stream = "arn:aws:kinesis:eu-west-1:123456789012:stream/readings";
    Build build =
        Fixtures.build(
            folder.resolve("out"),
            List.of(GREET, SIGNUP),
            new FunctionSettings("greet")
                .memory(1024)
                .aws(new AwsSettings().path("/greet/{name}").method("get")),
            new FunctionSettings("signup")
                .timeout(60)
                .aws(new AwsSettings().trigger("kinesis").stream(stream).batchSize(50)));

    assertThat(target.check(build)).isEmpty();
    Map<String, Object> resources = at(writtenTemplate(build), "Resources");

    assertThat(at(resources, "Greet", "Properties")).containsEntry("MemorySize", 1024);
    assertThat(at(resources, "Greet", "Properties", "Events", "Http", "Properties"))
        .containsEntry("Path", "/greet/{name}")
        .containsEntry("Method", "GET");
    assertThat(at(resources, "Signup", "Properties")).containsEntry("Timeout", 60);
    assertThat(at(resources, "Signup", "Properties", "Events", "Stream"))
        .containsEntry("Type", "Kinesis");
    assertThat(at(resources, "Signup", "Properties", "Events", "Stream", "Properties"))
        .containsEntry("Stream", stream)
        .containsEntry("BatchSize", 50)
        .containsEntry("StartingPosition", "LATEST")
        .containsEntry("FunctionResponseTypes", List.of("ReportBatchItemFailures"));
    assertThat(resources).doesNotContainKey("SignupQueue");
  }

  @Test
  void failedMessagesAndEventsEndInADeadLetterQueue() throws IOException {
    String stream =
        "arn:aws:dynamodb:eu-west-1:123456789012:table/orders/stream/2024-01-01T00:00:00.000";
    Build build =
        Fixtures.build(
            folder.resolve("out"),
            List.of(GREET, SIGNUP, UPLOADED, WELCOME),
            new FunctionSettings("welcome")
                .aws(new AwsSettings().trigger("dynamodb").stream(stream)));
    // welcome is typed: dynamodb cannot run it; use a message function for the stream instead.
    assertThat(target.check(build)).hasSize(1);
    build =
        Fixtures.build(
            folder.resolve("out"),
            List.of(GREET, SIGNUP, UPLOADED),
            new FunctionSettings("on-upload").aws(new AwsSettings()));

    Map<String, Object> resources = at(writtenTemplate(build), "Resources");

    assertThat(resources).doesNotContainKey("GreetDeadLetterQueue");
    assertThat(at(resources, "SignupQueue", "Properties", "RedrivePolicy"))
        .containsEntry(
            "deadLetterTargetArn", Map.of("Fn::GetAtt", List.of("SignupDeadLetterQueue", "Arn")))
        .containsEntry("maxReceiveCount", 5);
    assertThat(at(resources, "SignupDeadLetterQueue", "Properties"))
        .containsEntry("MessageRetentionPeriod", 1_209_600);
    assertThat(at(resources, "OnUpload", "Properties", "EventInvokeConfig"))
        .containsEntry("MaximumRetryAttempts", 2);
    assertThat(
            at(
                resources,
                "OnUpload",
                "Properties",
                "EventInvokeConfig",
                "DestinationConfig",
                "OnFailure"))
        .containsEntry("Type", "SQS")
        .containsEntry(
            "Destination", Map.of("Fn::GetAtt", List.of("OnUploadDeadLetterQueue", "Arn")));
  }

  @Test
  void streamsStopRetryingAPoisonBatchAndKeepIt() throws IOException {
    String stream = "arn:aws:kinesis:eu-west-1:123456789012:stream/readings";
    Build build =
        Fixtures.build(
            folder.resolve("out"),
            List.of(SIGNUP),
            new FunctionSettings("signup")
                .aws(new AwsSettings().trigger("kinesis").stream(stream)));

    Map<String, Object> resources = at(writtenTemplate(build), "Resources");

    assertThat(at(resources, "Signup", "Properties", "Events", "Stream", "Properties"))
        .containsEntry("MaximumRetryAttempts", 5)
        .containsEntry("BisectBatchOnFunctionError", true);
    assertThat(
            at(
                resources,
                "Signup",
                "Properties",
                "Events",
                "Stream",
                "Properties",
                "DestinationConfig",
                "OnFailure"))
        .containsEntry(
            "Destination", Map.of("Fn::GetAtt", List.of("SignupDeadLetterQueue", "Arn")));
    assertThat(resources).containsKey("SignupDeadLetterQueue").doesNotContainKey("SignupQueue");
  }

  @Test
  void environmentVariablesReachEachFunction() throws IOException {
    Build build =
        new Build(
            "orders-1.0",
            List.of(GREET, SIGNUP),
            Map.of(
                "greet",
                new FunctionSettings("greet")
                    .environment("GREETING", "Hi")
                    .environment("LEVEL", "2")),
            folder.resolve("out"),
            new Build.Options(
                "java21",
                "java21",
                "us-central1",
                512,
                30,
                null,
                new ContainerSettings(),
                false,
                Map.of("LEVEL", "1")));

    Map<String, Object> resources = at(writtenTemplate(build), "Resources");

    assertThat(at(resources, "Greet", "Properties", "Environment", "Variables"))
        .containsExactly(
            Map.entry("PORTABLE_FUNCTION", "greet"),
            Map.entry("LEVEL", "2"),
            Map.entry("GREETING", "Hi"));
    assertThat(at(resources, "Signup", "Properties", "Environment", "Variables"))
        .containsExactly(Map.entry("PORTABLE_FUNCTION", "signup"), Map.entry("LEVEL", "1"));
  }

  @Test
  void snapStartIsOffByDefaultAndOnPublishedVersionsWhenAskedFor() throws IOException {
    Build.Options snapStart =
        new Build.Options(
            "java21",
            "java21",
            "us-central1",
            512,
            30,
            null,
            new ContainerSettings(),
            false,
            Map.of(),
            true);
    Map<String, Object> on =
        at(
            writtenTemplate(
                new Build(
                    "orders-1.0", List.of(GREET), Map.of(), folder.resolve("out"), snapStart)),
            "Globals",
            "Function");
    assertThat(on).containsEntry("AutoPublishAlias", "live");
    assertThat(at(on, "SnapStart")).containsExactly(Map.entry("ApplyOn", "PublishedVersions"));

    Build.Options plain =
        new Build.Options(
            "java21",
            "java21",
            "us-central1",
            512,
            30,
            null,
            new ContainerSettings(),
            false,
            Map.of());
    Map<String, Object> off =
        at(
            writtenTemplate(
                new Build("orders-1.0", List.of(GREET), Map.of(), folder.resolve("out"), plain)),
            "Globals",
            "Function");
    assertThat(off).doesNotContainKeys("SnapStart", "AutoPublishAlias");
  }

  @Test
  void badEnvironmentVariablesAreProblems() {
    Build build =
        Fixtures.build(
            folder,
            List.of(GREET),
            new FunctionSettings("greet")
                .environment("1BAD", "x")
                .environment("PORTABLE_FUNCTION", "other"));

    assertThat(build.checkEnvironment())
        .containsExactly(
            "function greet (an HTTP function): <environment> has a variable whose name is not"
                + " letters, digits and _ (not starting with a digit)",
            "function greet (an HTTP function): <environment> sets PORTABLE_FUNCTION, which the"
                + " build sets per function");
  }

  @Test
  void zipHoldsTheProjectJarAndEveryRuntimeJarUnderLib() throws IOException {
    Path in = folder.resolve("in");
    Path projectJar = Fixtures.jar(in, "orders-1.0.jar", "x/Greet.class");
    Path jackson = Fixtures.jar(in, "jackson-core-2.23.0.jar", "com/fasterxml/A.class");
    Path adapter = Fixtures.jar(in, "adapter-aws-0.1.0.jar", "dev/portablefunctions/aws/A.class");
    Build build = Fixtures.build(folder.resolve("out"), List.of(GREET));

    target.write(build, new Jars(projectJar, List.of(jackson, adapter)));

    List<String> entries = new ArrayList<>();
    try (ZipFile zip = new ZipFile(folder.resolve("out/aws/orders-1.0.zip").toFile())) {
      zip.stream().forEach(entry -> entries.add(entry.getName()));
    }
    assertThat(entries)
        .containsExactly(
            "lib/adapter-aws-0.1.0.jar", "lib/jackson-core-2.23.0.jar", "lib/orders-1.0.jar");
    assertThat(folder.resolve("out/aws/zip")).doesNotExist();
  }

  @Test
  void everyProblemNamesTheFunctionAndTheSetting() {
    Build build =
        Fixtures.build(
            folder,
            List.of(GREET, SIGNUP, NIGHTLY, AUDIT, UPLOADED),
            new FunctionSettings("greet").aws(new AwsSettings().trigger("sqs")),
            new FunctionSettings("signup").aws(new AwsSettings().trigger("kafka")),
            new FunctionSettings("audit").aws(new AwsSettings().pattern("[1, 2]")),
            new FunctionSettings("on-upload").aws(new AwsSettings().trigger("eventbridge")));

    List<String> problems = target.check(build);

    assertThat(problems)
        .containsExactly(
            "function greet (an HTTP function): <aws><trigger> 'sqs' cannot run an HTTP function;"
                + " it accepts an HTTP request. Use http",
            "function signup (a message function): <aws><trigger> 'kafka' is not an AWS trigger;"
                + " use one of http, sqs, sns, kinesis, dynamodb, s3, schedule, eventbridge, none",
            "function nightly-report (a schedule event function): <schedule> is required: a"
                + " five-field cron expression in UTC, such as '30 2 * * *' (or <aws><schedule> in"
                + " AWS syntax)",
            "function audit (a CloudEvent function): <aws><pattern> is not a JSON object (an"
                + " EventBridge event pattern such as {\"source\": [\"com.example.orders\"]})",
            "function on-upload (a storage event function): <aws><pattern> is required for an"
                + " eventbridge trigger: the rule's event pattern as JSON, such as {\"source\":"
                + " [\"com.example.orders\"]}");
  }

  @Test
  void sourcesThatAreNotArnsAreRefused() {
    Build build =
        Fixtures.build(
            folder,
            List.of(SIGNUP),
            new FunctionSettings("signup").aws(new AwsSettings().queue("my-queue")));

    assertThat(target.check(build))
        .containsExactly(
            "function signup (a message function): <aws><queue> must be an ARN (arn:aws:...), or"
                + " left out for a resource the template creates");
  }

  @Test
  void logicalIdsArePascalCase() {
    assertThat(AwsTarget.logicalId("create-order")).isEqualTo("CreateOrder");
    assertThat(AwsTarget.logicalId("v2-api")).isEqualTo("V2Api");
    assertThat(AwsTarget.logicalId("2fa")).isEqualTo("Fn2fa");
  }
}
