package dev.portablefunctions.maven;

import static dev.portablefunctions.maven.Fixtures.AUDIT;
import static dev.portablefunctions.maven.Fixtures.GREET;
import static dev.portablefunctions.maven.Fixtures.NIGHTLY;
import static dev.portablefunctions.maven.Fixtures.SIGNUP;
import static dev.portablefunctions.maven.Fixtures.UPLOADED;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GcpTargetTest {

  private final GcpTarget target = new GcpTarget();

  @TempDir Path folder;

  @Test
  void deployScriptHasOneCommandPerFunctionWithItsTrigger() throws IOException {
    Build build =
        Fixtures.build(
            folder.resolve("out"),
            List.of(GREET, SIGNUP, UPLOADED, NIGHTLY, AUDIT),
            new FunctionSettings("greet").gcp(new GcpSettings().allowUnauthenticated(true)),
            new FunctionSettings("on-upload")
                .gcp(new GcpSettings().bucket("uploads").event("deleted")),
            new FunctionSettings("nightly-report").schedule("30 2 * * 1-5"),
            new FunctionSettings("audit")
                .memory(1024)
                .timeout(120)
                .gcp(new GcpSettings().eventType("google.cloud.firestore.document.v1.written")));

    assertThat(target.check(build)).isEmpty();
    target.write(
        build,
        new Jars(Fixtures.jar(folder.resolve("in"), "orders-1.0.jar", "x/A.class"), List.of()));
    String script = Files.readString(folder.resolve("out/gcp/deploy.sh"));

    assertThat(script)
        .startsWith("#!/bin/sh\n")
        .contains("REGION=\"${REGION:-europe-west1}\"")
        .contains(
            "gcloud functions deploy greet --gen2 --runtime=java21 --region=\"$REGION\""
                + " --source=function \\\n"
                + "  --entry-point=dev.portablefunctions.gcp.GcpHttpFunction \\\n"
                + "  --trigger-http \\\n"
                + "  --allow-unauthenticated \\\n"
                + "  --memory=512Mi \\\n"
                + "  --timeout=30s \\\n"
                + "  --set-env-vars=\"PORTABLE_FUNCTION=greet,GOOGLE_CLOUD_PROJECT=$PROJECT\"\n")
        .contains(
            "--entry-point=dev.portablefunctions.gcp.GcpEventFunction \\\n  --trigger-topic=signup \\\n"
                + "  --retry \\\n  --memory=512Mi \\\n")
        .contains(
            "--trigger-event-filters=type=google.cloud.storage.object.v1.deleted \\\n"
                + "  --trigger-event-filters=bucket=uploads \\\n")
        .contains(
            "gcloud scheduler jobs create pubsub nightly-report --location=\"$REGION\""
                + " --topic=nightly-report --schedule=\"30 2 * * 1-5\" --time-zone=UTC")
        .contains(
            "--trigger-event-filters=type=google.cloud.firestore.document.v1.written \\\n"
                + "  --retry \\\n  --memory=1024Mi \\\n  --timeout=120s \\\n");
    assertThat(Files.isExecutable(folder.resolve("out/gcp/deploy.sh"))).isTrue();
  }

  @Test
  void functionFolderHoldsAThinJarWhoseClassPathListsTheLibraries() throws IOException {
    Path in = folder.resolve("in");
    Path projectJar = Fixtures.jar(in, "orders-1.0.jar", "x/Greet.class");
    Path jackson = Fixtures.jar(in, "jackson-core-2.23.0.jar", "com/fasterxml/A.class");
    Path adapter = Fixtures.jar(in, "adapter-gcp-0.1.0.jar", "dev/portablefunctions/gcp/A.class");

    target.write(
        Fixtures.build(folder.resolve("out"), List.of(GREET)),
        new Jars(projectJar, List.of(jackson, adapter)));

    Path function = folder.resolve("out/gcp/function");
    try (JarFile jar = new JarFile(function.resolve("orders-1.0.jar").toFile())) {
      assertThat(jar.getManifest().getMainAttributes().getValue("Class-Path"))
          .isEqualTo("libs/jackson-core-2.23.0.jar libs/adapter-gcp-0.1.0.jar");
      assertThat(jar.getManifest().getMainAttributes().getValue("Created-By")).isEqualTo("test");
      List<String> entries = new ArrayList<>();
      jar.stream().forEach(entry -> entries.add(entry.getName()));
      assertThat(entries).containsExactly("META-INF/MANIFEST.MF", "x/Greet.class");
    }
    assertThat(function.resolve("libs/jackson-core-2.23.0.jar")).exists();
    assertThat(function.resolve("libs/adapter-gcp-0.1.0.jar")).exists();
    try (var files = Files.list(function)) {
      assertThat(files.filter(p -> p.toString().endsWith(".jar")).count())
          .as("the deployable folder holds one jar at its top")
          .isEqualTo(1);
    }
  }

  @Test
  void environmentVariablesAreQuotedForTheShell() {
    String flag =
        GcpTarget.environmentFlag(
            new java.util.LinkedHashMap<>(java.util.Map.of("PORTABLE_FUNCTION", "greet")));
    assertThat(flag)
        .isEqualTo("--set-env-vars=\"PORTABLE_FUNCTION=greet,GOOGLE_CLOUD_PROJECT=$PROJECT\"");

    java.util.Map<String, String> hostile = new java.util.LinkedHashMap<>();
    hostile.put("PORTABLE_FUNCTION", "greet");
    hostile.put("GREETING", "a,b \"c\" $(reboot) `id` \\ d");
    assertThat(GcpTarget.environmentFlag(hostile))
        .isEqualTo(
            "--set-env-vars=\"^;^PORTABLE_FUNCTION=greet;GREETING=a,b \\\"c\\\" \\$(reboot)"
                + " \\`id\\` \\\\ d;GOOGLE_CLOUD_PROJECT=$PROJECT\"");
  }

  @Test
  void eventTriggersRetryUnlessTurnedOff() {
    Build build =
        Fixtures.build(
            folder,
            List.of(GREET, SIGNUP, UPLOADED),
            new FunctionSettings("signup").gcp(new GcpSettings().retry(false)),
            new FunctionSettings("on-upload").gcp(new GcpSettings().bucket("uploads")),
            new FunctionSettings("greet").environment("GREETING", "Hi"));
    List<String> problems = new ArrayList<>();

    String script = target.script(build, problems);

    assertThat(problems).isEmpty();
    assertThat(script.split("gcloud functions deploy ")).hasSize(4);
    assertThat(script.substring(script.indexOf("# greet"), script.indexOf("# signup")))
        .contains("GREETING=Hi")
        .doesNotContain("--retry");
    String signup = script.substring(script.indexOf("# signup"), script.indexOf("# on-upload"));
    assertThat(signup).doesNotContain("--retry");
    assertThat(script.substring(script.indexOf("# on-upload"))).contains("--retry");

    Build retryOnHttp =
        Fixtures.build(
            folder,
            List.of(GREET),
            new FunctionSettings("greet").gcp(new GcpSettings().retry(true)));
    assertThat(target.check(retryOnHttp))
        .containsExactly(
            "function greet (an HTTP function): <gcp><retry> applies to event triggers; an HTTP"
                + " caller retries itself: remove it");
  }

  @Test
  void everyProblemNamesTheFunctionAndTheSetting() {
    Build build =
        Fixtures.build(
            folder,
            List.of(GREET, SIGNUP, UPLOADED, NIGHTLY, AUDIT),
            new FunctionSettings("greet").gcp(new GcpSettings().trigger("topic")),
            new FunctionSettings("signup").gcp(new GcpSettings().topic("a b; rm -rf /")),
            new FunctionSettings("nightly-report").schedule("0 30 2 * * *"));

    assertThat(target.check(build))
        .containsExactly(
            "function greet (an HTTP function): <gcp><trigger> 'topic' cannot run an HTTP"
                + " function; use http",
            "function signup (a message function): <gcp><topic> must be a resource name: letters,"
                + " digits and . _ ~ % + -",
            "function on-upload (a storage event function): <gcp><bucket> is required for a"
                + " storage function on Google Cloud: the bucket whose objects trigger it",
            "function nightly-report (a schedule event function): <schedule> has six fields; write"
                + " five (minute hour day-of-month month day-of-week), without seconds, such as"
                + " '30 2 * * *': each cloud gets it in its own syntax",
            "function audit (a CloudEvent function): <gcp><eventType> is required for a CloudEvent"
                + " function on Google Cloud: the Eventarc event type, such as"
                + " google.cloud.firestore.document.v1.written");
  }
}
