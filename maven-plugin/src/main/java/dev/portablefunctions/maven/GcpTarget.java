package dev.portablefunctions.maven;

import dev.portablefunctions.spi.FunctionKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Pattern;

/**
 * Google Cloud Functions (2nd gen, Cloud Run functions): {@code target/portable/gcp/function/}, the
 * folder {@code gcloud functions deploy --source} takes, holding the project's jar, whose
 * manifest's {@code Class-Path} lists every runtime jar under {@code libs/} (Google's documented
 * thin-jar layout: the invoker loads the jar and its {@code Class-Path}), and {@code deploy.sh}
 * with one {@code gcloud functions deploy} per function: entry point, trigger and {@code
 * PORTABLE_FUNCTION}.
 */
final class GcpTarget implements Target {

  static final String HTTP_ENTRY = "dev.portablefunctions.gcp.GcpHttpFunction";
  static final String EVENT_ENTRY = "dev.portablefunctions.gcp.GcpEventFunction";
  static final String FOLDER = "function";
  static final String LIBS = "libs";

  private static final List<String> TRIGGERS = List.of("http", "topic", "bucket", "event");

  /** What may stand in a gcloud argument unquoted: resource names, never shell syntax. */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._~%+\\-]{0,254}");

  @Override
  public String id() {
    return "gcp";
  }

  @Override
  public String adapter() {
    return "adapter-gcp";
  }

  @Override
  public List<String> check(Build build) {
    List<String> problems = new ArrayList<>();
    script(build, problems);
    return problems;
  }

  @Override
  public void write(Build build, Jars jars) throws IOException {
    List<String> problems = new ArrayList<>();
    String script = script(build, problems);
    if (!problems.isEmpty()) {
      throw new IllegalStateException("write after a failed check: " + problems);
    }
    Path folder = build.output(id());
    Path function = folder.resolve(FOLDER);
    Folders.deleteRecursively(function);
    Path libs = Files.createDirectories(function.resolve(LIBS));
    List<String> classPath = new ArrayList<>();
    for (Path jar : jars.libraries()) {
      Files.copy(jar, libs.resolve(jar.getFileName()));
      classPath.add(LIBS + "/" + jar.getFileName());
    }
    thinJar(jars.projectJar(), function.resolve(build.artifactName() + ".jar"), classPath);
    Path deploy = folder.resolve("deploy.sh");
    Files.writeString(deploy, script, StandardCharsets.UTF_8);
    try {
      Files.setPosixFilePermissions(deploy, PosixFilePermissions.fromString("rwxr-xr-x"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: run it with sh deploy.sh
    }
  }

  /** Copies the project's jar with a manifest whose Class-Path lists the runtime jars. */
  private static void thinJar(Path source, Path target, List<String> classPath) throws IOException {
    try (JarFile in = new JarFile(source.toFile())) {
      Manifest manifest =
          in.getManifest() == null ? new Manifest() : new Manifest(in.getManifest());
      Attributes main = manifest.getMainAttributes();
      main.putIfAbsent(Attributes.Name.MANIFEST_VERSION, "1.0");
      main.put(Attributes.Name.CLASS_PATH, String.join(" ", classPath));
      try (OutputStream file = Files.newOutputStream(target);
          JarOutputStream out = new JarOutputStream(file, manifest)) {
        for (JarEntry entry : in.stream().toList()) {
          String name = entry.getName();
          if (name.equalsIgnoreCase(JarFile.MANIFEST_NAME) || name.equalsIgnoreCase("META-INF/")) {
            continue;
          }
          JarEntry copy = new JarEntry(name);
          copy.setLastModifiedTime(Zips.TIMESTAMP);
          out.putNextEntry(copy);
          try (InputStream data = in.getInputStream(entry)) {
            data.transferTo(out);
          }
          out.closeEntry();
        }
      }
    }
  }

  /** Builds deploy.sh, adding a message per problem. */
  String script(Build build, List<String> problems) {
    Build.Options options = build.options();
    StringBuilder out = new StringBuilder();
    out.append("#!/bin/sh\n")
        .append("# Deploys ")
        .append(build.artifactName())
        .append(
            " to Google Cloud Functions (2nd gen). Written by portable-functions-maven-plugin.\n")
        .append("# Needs the gcloud CLI, logged in; REGION and GOOGLE_CLOUD_PROJECT may be set.\n")
        .append("set -eu\n")
        .append("cd \"$(dirname \"$0\")\"\n")
        .append("REGION=\"${REGION:-")
        .append(options.gcpRegion())
        .append("}\"\n")
        .append("PROJECT=\"${GOOGLE_CLOUD_PROJECT:-$(gcloud config get-value project)}\"\n");
    for (IndexedFunction function : build.functions()) {
      FunctionSettings settings = build.settingsOf(function);
      GcpSettings gcp = settings.gcp();
      String trigger =
          gcp.trigger()
              .map(t -> t.toLowerCase(Locale.ROOT))
              .orElse(defaultTrigger(function.kind()));
      if (!TRIGGERS.contains(trigger)) {
        problems.add(
            Target.problem(
                function,
                "<gcp><trigger>",
                "'"
                    + trigger
                    + "' is not a Google Cloud trigger; use"
                    + " one of "
                    + String.join(", ", TRIGGERS)));
        continue;
      }
      List<String> allowed = triggersFor(function.kind());
      if (!allowed.contains(trigger)) {
        problems.add(
            Target.problem(
                function,
                "<gcp><trigger>",
                "'"
                    + trigger
                    + "' cannot run "
                    + function.kind().description()
                    + "; use "
                    + String.join(" or ", allowed)));
        continue;
      }
      List<String> flags = new ArrayList<>();
      String before = null;
      switch (trigger) {
        case "http" -> {
          flags.add("--entry-point=" + HTTP_ENTRY);
          flags.add("--trigger-http");
          flags.add(
              gcp.allowUnauthenticated()
                  ? "--allow-unauthenticated"
                  : "--no-allow-unauthenticated");
        }
        case "topic" -> {
          String topic = gcp.topic().orElse(function.name());
          checkName(function, "<gcp><topic>", topic, problems);
          flags.add("--entry-point=" + EVENT_ENTRY);
          flags.add("--trigger-topic=" + topic);
          if (function.kind() == FunctionKind.SCHEDULE) {
            String cron = null;
            try {
              cron =
                  Cron.parse(
                          settings
                              .schedule()
                              .orElseThrow(
                                  () ->
                                      new IllegalArgumentException(
                                          "is required: a five-field cron expression in UTC, such as"
                                              + " '30 2 * * *'")))
                      .unix();
            } catch (IllegalArgumentException e) {
              problems.add(Target.problem(function, "<schedule>", e.getMessage()));
            }
            before =
                "gcloud pubsub topics describe "
                    + topic
                    + " >/dev/null 2>&1 || gcloud pubsub topics create "
                    + topic
                    + "\n"
                    + "gcloud scheduler jobs describe "
                    + function.name()
                    + " --location=\"$REGION\" >/dev/null 2>&1 ||\n"
                    + "  gcloud scheduler jobs create pubsub "
                    + function.name()
                    + " --location=\"$REGION\" --topic="
                    + topic
                    + " --schedule=\""
                    + cron
                    + "\" --time-zone=UTC --message-body='{}'\n";
          }
        }
        case "bucket" -> {
          if (gcp.bucket().isEmpty()) {
            problems.add(
                Target.problem(
                    function,
                    "<gcp><bucket>",
                    "is required for a storage function on Google Cloud:"
                        + " the bucket whose objects trigger it"));
            continue;
          }
          checkName(function, "<gcp><bucket>", gcp.bucket().get(), problems);
          String event = gcp.event().orElse("finalized");
          if (!event.equals("finalized") && !event.equals("deleted")) {
            problems.add(
                Target.problem(function, "<gcp><event>", "must be finalized (created) or deleted"));
          }
          flags.add("--entry-point=" + EVENT_ENTRY);
          flags.add("--trigger-event-filters=type=google.cloud.storage.object.v1." + event);
          flags.add("--trigger-event-filters=bucket=" + gcp.bucket().get());
        }
        default -> {
          if (gcp.eventType().isEmpty()) {
            problems.add(
                Target.problem(
                    function,
                    "<gcp><eventType>",
                    "is required for a CloudEvent function on Google"
                        + " Cloud: the Eventarc event type, such as"
                        + " google.cloud.firestore.document.v1.written"));
            continue;
          }
          checkName(function, "<gcp><eventType>", gcp.eventType().get(), problems);
          flags.add("--entry-point=" + EVENT_ENTRY);
          flags.add("--trigger-event-filters=type=" + gcp.eventType().get());
        }
      }
      if (!trigger.equals("http")) {
        if (gcp.retry().orElse(true)) {
          flags.add("--retry");
        }
      } else if (gcp.retry().isPresent()) {
        problems.add(
            Target.problem(
                function,
                "<gcp><retry>",
                "applies to event triggers; an HTTP caller retries itself: remove it"));
      }
      flags.add("--memory=" + settings.memory().orElse(options.memory()) + "Mi");
      flags.add("--timeout=" + settings.timeout().orElse(options.timeout()) + "s");
      flags.add(environmentFlag(build.environmentOf(function)));
      out.append('\n').append("# ").append(function.describe()).append('\n');
      if (before != null) {
        out.append(before);
      }
      out.append("gcloud functions deploy ")
          .append(function.name())
          .append(" --gen2 --runtime=")
          .append(options.gcpRuntime())
          .append(" --region=\"$REGION\" --source=")
          .append(FOLDER);
      for (String flag : flags) {
        out.append(" \\\n  ").append(flag);
      }
      out.append('\n');
    }
    return out.toString();
  }

  /**
   * {@code --set-env-vars} with the function's variables and the project, quoted for sh: the values
   * stand in double quotes with {@code \\ " $ `} escaped, and the pairs are separated by a
   * character none of them holds (gcloud's {@code ^DELIMITER^} form).
   */
  static String environmentFlag(Map<String, String> variables) {
    Map<String, String> all = new LinkedHashMap<>(variables);
    all.put("GOOGLE_CLOUD_PROJECT", "$PROJECT");
    String delimiter = ",";
    for (String candidate : List.of(",", ";", "|", "#", "~", "@", "+")) {
      if (all.entrySet().stream()
          .noneMatch(e -> e.getKey().contains(candidate) || e.getValue().contains(candidate))) {
        delimiter = candidate;
        break;
      }
    }
    StringBuilder flag = new StringBuilder("--set-env-vars=\"");
    if (!delimiter.equals(",")) {
      flag.append('^').append(delimiter).append('^');
    }
    boolean first = true;
    for (Map.Entry<String, String> variable : all.entrySet()) {
      if (!first) {
        flag.append(delimiter);
      }
      first = false;
      String value =
          variable.getKey().equals("GOOGLE_CLOUD_PROJECT")
              ? "$PROJECT"
              : shellEscape(variable.getValue());
      flag.append(variable.getKey()).append('=').append(value);
    }
    return flag.append('"').toString();
  }

  /** Escapes what is special inside sh double quotes. */
  private static String shellEscape(String value) {
    StringBuilder out = new StringBuilder();
    for (char c : value.toCharArray()) {
      if (c == '\\' || c == '"' || c == '$' || c == '`') {
        out.append('\\');
      }
      out.append(c);
    }
    return out.toString();
  }

  private static void checkName(
      IndexedFunction function, String setting, String value, List<String> problems) {
    if (!NAME.matcher(value).matches()) {
      problems.add(
          Target.problem(
              function, setting, "must be a resource name: letters, digits and . _ ~ % + -"));
    }
  }

  static String defaultTrigger(FunctionKind kind) {
    return switch (kind) {
      case HTTP, TYPED -> "http";
      case MESSAGE, SCHEDULE -> "topic";
      case STORAGE -> "bucket";
      case CLOUD_EVENT -> "event";
    };
  }

  private static List<String> triggersFor(FunctionKind kind) {
    return switch (kind) {
      case HTTP, TYPED -> List.of("http");
      case MESSAGE -> List.of("topic");
      case SCHEDULE -> List.of("topic", "http");
      case STORAGE -> List.of("bucket", "event");
      case CLOUD_EVENT -> List.of("event");
    };
  }
}
