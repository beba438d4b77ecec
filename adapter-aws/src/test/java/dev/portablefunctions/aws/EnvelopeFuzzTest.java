package dev.portablefunctions.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portablefunctions.FunctionException;
import dev.portablefunctions.FunctionLogger.Level;
import dev.portablefunctions.HttpResponse;
import dev.portablefunctions.ScheduleEvent;
import dev.portablefunctions.StorageEvent;
import dev.portablefunctions.spi.FunctionDefinition;
import dev.portablefunctions.spi.Json;
import io.cloudevents.CloudEvent;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * Property-based fuzzing of every AWS envelope decoder, through {@link LambdaHandler} and the real
 * CloudWatch log format. Each try takes a recorded event of the decoder's source ({@code
 * events/aws/}), mutates it (field deletions, type swaps, random strings and numbers, CR/LF/NUL,
 * numbers too large for a {@code long}, invalid base64, renamed and added fields, truncated or
 * corrupted bytes), plants a marker string in what it changes, and invokes a function of every kind
 * with it. The property: every invocation ends as a mapped value or a {@link
 * FunctionException}-kind error (a 4xx problem response, a {@code batchItemFailures} entry,
 * Lambda's error with a caller's-error kind, or the generic unsupported-trigger detail), never
 * another exception, never the generic "failed unexpectedly" detail or an {@code ERROR} line other
 * than an unsupported trigger, never a hang, and never a response or log line that contains the
 * marker.
 *
 * <p>A marker is never planted in the fields that identify a record (message ids, sequence numbers,
 * Kafka topic/partition/offset, a RabbitMQ queue): those are echoed on purpose, in {@code
 * batchItemFailures} and in the operator's log line that names a failed record.
 *
 * <p>Tries per property: {@code jqwik.tries.default}, which the build sets from {@code fuzz.tries}
 * ({@code mvn -pl adapter-aws test -Dfuzz.tries=5000 -Dtest=EnvelopeFuzzTest} for a long run).
 */
class EnvelopeFuzzTest {

  private static final String UNSUPPORTED_PREFIX = "This function is not deployed for this kind";
  private static final String UNEXPECTED_PREFIX = "The function failed unexpectedly";

  /** Fields whose values are echoed on purpose, as record ids. */
  private static final Set<String> IDENTITY =
      Set.of(
          "messageId",
          "MessageId",
          "sequenceNumber",
          "SequenceNumber",
          "messageID",
          "id",
          "topic",
          "partition",
          "offset");

  private static final ExecutorService RUNNER =
      Executors.newSingleThreadExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "envelope-fuzz");
            thread.setDaemon(true);
            return thread;
          });

  /** Invocations per decoder, and how they ended. */
  private static final Map<String, Map<String, AtomicLong>> COUNTS = new ConcurrentHashMap<>();

  /** A typed function's input with a few typed fields, so that binding can fail in several ways. */
  public record Payload(String name, long count, List<String> tags, Boolean flag) {}

  private final List<String> lines = new ArrayList<>();

  private final List<LambdaHandler> handlers =
      List.of(
          handler(
              FunctionDefinition.http(
                  "fuzz-http",
                  (request, context) -> {
                    request.headers().asMap();
                    request.query("name");
                    request.bodyAsString();
                    return HttpResponse.noContent();
                  }),
              false),
          handler(
              FunctionDefinition.typed("fuzz-typed", Payload.class, (in, c) -> Map.of("ok", true)),
              false),
          handler(
              FunctionDefinition.typed("fuzz-raw", JsonNode.class, (in, c) -> Map.of("ok", true)),
              true),
          handler(
              FunctionDefinition.message(
                  "fuzz-message",
                  (message, context) -> {
                    message.body();
                    message.attributes();
                    context.unwrap(JsonNode.class);
                  }),
              false),
          handler(
              FunctionDefinition.event("fuzz-storage", StorageEvent.class, (e, c) -> e.key()),
              false),
          handler(
              FunctionDefinition.event("fuzz-schedule", ScheduleEvent.class, (e, c) -> e.time()),
              false),
          handler(
              FunctionDefinition.event("fuzz-event", CloudEvent.class, (e, c) -> e.getData()),
              false));

  private LambdaHandler handler(FunctionDefinition function, boolean raw) {
    return new LambdaHandler(
        function, CloudWatchLogFormat.writer(line -> lines.add(line)), Level.DEBUG, raw);
  }

  // ---------------------------------------------------------------- one property per decoder

  @Property
  void apiGatewayRestApi(@ForAll long seed, @ForAll @IntRange(min = 0, max = 4) int mutations) {
    fuzz(
        "API Gateway REST (payload 1.0)",
        seed,
        mutations,
        "apigw-rest-v1.json",
        "apigw-rest-v1-binary.json",
        "apigw-rest-v1-proxy-resource.json");
  }

  @Property
  void httpApiAndFunctionUrls(
      @ForAll long seed, @ForAll @IntRange(min = 0, max = 4) int mutations) {
    fuzz(
        "HTTP API (payload 2.0), function URL",
        seed,
        mutations,
        "apigw-http-v2.json",
        "function-url.json");
  }

  @Property
  void applicationLoadBalancer(
      @ForAll long seed, @ForAll @IntRange(min = 0, max = 4) int mutations) {
    fuzz("Application Load Balancer", seed, mutations, "alb.json", "alb-multi-value.json");
  }

  @Property
  void webSocketAndAuthorizers(
      @ForAll long seed, @ForAll @IntRange(min = 0, max = 4) int mutations) {
    fuzz(
        "WebSocket, authorizers",
        seed,
        mutations,
        "apigw-websocket-connect.json",
        "apigw-authorizer-token.json",
        "apigw-authorizer-request.json",
        "apigw-http-authorizer-v2.json",
        "appsync-authorizer.json");
  }

  @Property
  void sqs(@ForAll long seed, @ForAll @IntRange(min = 0, max = 4) int mutations) {
    fuzz("SQS", seed, mutations, "sqs.json", "sqs-fifo.json", "sqs-with-poison.json");
  }

  @Property
  void sns(@ForAll long seed, @ForAll @IntRange(min = 0, max = 4) int mutations) {
    fuzz("SNS", seed, mutations, "sns.json");
  }

  @Property
  void kinesis(@ForAll long seed, @ForAll @IntRange(min = 0, max = 4) int mutations) {
    fuzz("Kinesis", seed, mutations, "kinesis.json");
  }

  @Property
  void dynamoDbStreams(@ForAll long seed, @ForAll @IntRange(min = 0, max = 4) int mutations) {
    fuzz("DynamoDB Streams", seed, mutations, "dynamodb-streams.json");
  }

  @Property
  void s3Notifications(@ForAll long seed, @ForAll @IntRange(min = 0, max = 4) int mutations) {
    fuzz("S3", seed, mutations, "s3-put.json", "s3-delete.json", "s3-put-special-key.json");
  }

  @Property
  void eventBridge(@ForAll long seed, @ForAll @IntRange(min = 0, max = 4) int mutations) {
    fuzz(
        "EventBridge, Scheduler, EventBridge S3",
        seed,
        mutations,
        "eventbridge-custom.json",
        "eventbridge-scheduled-rule.json",
        "eventbridge-scheduler.json",
        "eventbridge-s3-object-created.json",
        "eventbridge-s3-object-deleted.json");
  }

  @Property
  void structuredCloudEvents(@ForAll long seed, @ForAll @IntRange(min = 0, max = 4) int mutations) {
    fuzzJson(
        "CloudEvent (structured)",
        seed,
        mutations,
        List.of(
            tree(
                "{\"specversion\":\"1.0\",\"id\":\"A234-1234-1234\",\"source\":\"https://github.com/cloudevents/spec/pull\","
                    + "\"type\":\"com.github.pull_request.opened\",\"subject\":\"123\",\"time\":\"2018-04-05T17:31:00Z\","
                    + "\"comexampleextension1\":\"value\",\"datacontenttype\":\"text/xml\",\"data\":\"<much wow=\\\"xml\\\"/>\"}")));
  }

  @Property
  void kafka(@ForAll long seed, @ForAll @IntRange(min = 0, max = 4) int mutations) {
    fuzz(
        "MSK, self-managed Kafka",
        seed,
        mutations,
        "msk.json",
        "msk-batch.json",
        "self-managed-kafka.json");
  }

  @Property
  void activeMq(@ForAll long seed, @ForAll @IntRange(min = 0, max = 4) int mutations) {
    fuzz("Amazon MQ for ActiveMQ", seed, mutations, "activemq.json");
  }

  @Property
  void rabbitMq(@ForAll long seed, @ForAll @IntRange(min = 0, max = 4) int mutations) {
    fuzz("Amazon MQ for RabbitMQ", seed, mutations, "rabbitmq.json");
  }

  /** Mutates the decompressed document, then compresses it again (or mutates the envelope). */
  @Property
  void cloudWatchLogs(@ForAll long seed, @ForAll @IntRange(min = 0, max = 4) int mutations) {
    Random random = new Random(seed);
    String marker = marker(random);
    JsonNode envelope = Events.tree("cloudwatch-logs.json");
    byte[] payload;
    if (random.nextInt(4) == 0) {
      payload = mutate(envelope, random, marker, mutations);
    } else {
      JsonNode logs = CloudWatchLogsData.decode(envelope);
      byte[] inner = mutate(logs, random, marker, mutations);
      ObjectNode outer = JsonNodeFactory.instance.objectNode();
      outer
          .putObject("awslogs")
          .put("data", Base64.getEncoder().encodeToString(CloudWatchLogsData.gzip(inner)));
      payload = bytes(outer);
    }
    run("CloudWatch Logs", payload, marker);
  }

  @Property
  void otherRecognisedSources(
      @ForAll long seed, @ForAll @IntRange(min = 0, max = 4) int mutations) {
    fuzz(
        "Firehose, Cognito, CloudFormation, SES, Connect, Lex, AppSync, Config, CodeCommit, Secrets Manager",
        seed,
        mutations,
        "firehose.json",
        "cognito-user-pool-pre-sign-up.json",
        "cloudformation-custom-resource.json",
        "ses.json",
        "connect.json",
        "lex-v1.json",
        "lex-v2.json",
        "appsync-direct-resolver.json",
        "config-rule-scheduled.json",
        "codecommit.json",
        "secrets-manager-rotation.json");
  }

  @Property
  void directInvocation(@ForAll long seed, @ForAll @IntRange(min = 0, max = 4) int mutations) {
    fuzzJson(
        "direct invocation",
        seed,
        mutations,
        List.of(
            Events.tree("direct-invoke.json"),
            tree("{\"name\":\"Ada\",\"count\":3,\"tags\":[\"a\",\"b\"],\"flag\":true}"),
            tree("[1,\"two\",{\"three\":3}]"),
            tree("\"text\"")));
  }

  // ---------------------------------------------------------------- the property

  private void fuzz(String decoder, long seed, int mutations, String... files) {
    List<JsonNode> seeds = new ArrayList<>(files.length);
    for (String file : files) {
      seeds.add(Events.tree(file));
    }
    fuzzJson(decoder, seed, mutations, seeds);
  }

  private void fuzzJson(String decoder, long seed, int mutations, List<JsonNode> seeds) {
    Random random = new Random(seed);
    String marker = marker(random);
    JsonNode event = seeds.get(random.nextInt(seeds.size()));
    run(decoder, mutate(event, random, marker, mutations), marker);
  }

  private void run(String decoder, byte[] payload, String marker) {
    Future<List<String>> outcomes = RUNNER.submit(() -> invokeAll(payload, marker));
    List<String> ended;
    try {
      ended = outcomes.get(10, TimeUnit.SECONDS);
    } catch (TimeoutException hang) {
      outcomes.cancel(true);
      throw new AssertionError(
          decoder
              + ": an invocation did not end within 10 s on "
              + new String(payload, StandardCharsets.UTF_8));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    } catch (java.util.concurrent.ExecutionException failed) {
      Throwable cause = failed.getCause();
      if (cause instanceof AssertionError) {
        AssertionError error =
            new AssertionError(
                decoder
                    + ": "
                    + cause.getMessage()
                    + "\nevent: "
                    + new String(payload, StandardCharsets.UTF_8));
        error.initCause(cause);
        throw error;
      }
      throw new AssertionError(
          decoder + " on " + new String(payload, StandardCharsets.UTF_8), cause);
    }
    Map<String, AtomicLong> counts =
        COUNTS.computeIfAbsent(decoder, d -> new ConcurrentHashMap<>());
    for (String outcome : ended) {
      counts.computeIfAbsent(outcome, o -> new AtomicLong()).incrementAndGet();
      Statistics.label(decoder).collect(outcome);
    }
  }

  /** Invokes every handler with the payload and checks the property; returns how each ended. */
  private List<String> invokeAll(byte[] payload, String marker) {
    List<String> ended = new ArrayList<>(handlers.size());
    for (LambdaHandler handler : handlers) {
      lines.clear();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      String outcome;
      try {
        handler.handleRequest(
            new ByteArrayInputStream(payload), out, FakeLambdaContext.of("req-1"));
        outcome = answered(out.toByteArray());
      } catch (FunctionException failure) {
        assertThat(failure.getMessage())
            .as("Lambda's error must be a caller's error or an unsupported trigger")
            .doesNotStartWith(UNEXPECTED_PREFIX);
        assertThat(
                failure.kind().httpStatus() < 500
                    || failure.getMessage().startsWith(UNSUPPORTED_PREFIX))
            .as("Lambda's error kind %s: %s", failure.kind(), failure.getMessage())
            .isTrue();
        assertThat(failure.getMessage()).doesNotContain(marker);
        outcome =
            failure.getMessage().startsWith(UNSUPPORTED_PREFIX)
                ? "unsupported trigger"
                : "Lambda error (4xx)";
      } catch (IOException | RuntimeException unexpected) {
        throw new AssertionError("escaped: " + unexpected, unexpected);
      }
      for (String line : lines) {
        assertThat(line).as("a log line quotes the input").doesNotContain(marker);
        JsonNode json = ServedFunction.parse(line);
        if (json.path("level").asText().equals("ERROR")) {
          assertThat(json.path("message").asText())
              .as("an ERROR line other than an unsupported trigger: %s", line)
              .startsWith("Unsupported trigger:");
        }
      }
      ended.add(outcome);
    }
    return ended;
  }

  /** Checks a response and names how it ended. */
  private String answered(byte[] output) {
    if (output.length == 0) {
      return "mapped";
    }
    JsonNode response;
    try {
      response = Json.mapper().readTree(output);
    } catch (IOException notJson) {
      throw new AssertionError("the response is not JSON", notJson);
    }
    if (response.has("statusCode")) {
      int status = response.get("statusCode").asInt();
      if (status >= 500) {
        JsonNode problem = ServedFunction.parse(response.path("body").asText("{}"));
        assertThat(problem.path("detail").asText())
            .as("a %d answer", status)
            .startsWith(UNSUPPORTED_PREFIX);
        return "unsupported trigger (HTTP)";
      }
      return status >= 400 ? "problem " + status : "mapped";
    }
    if (response.has("batchItemFailures")) {
      return response.get("batchItemFailures").size() > 0 ? "batchItemFailures" : "mapped";
    }
    return "mapped";
  }

  @AfterContainer
  static void report() {
    StringBuilder report = new StringBuilder("\nEnvelope fuzzing: invocations per decoder\n");
    long total = 0;
    for (Map.Entry<String, Map<String, AtomicLong>> decoder : new TreeMap<>(COUNTS).entrySet()) {
      long sum = decoder.getValue().values().stream().mapToLong(AtomicLong::get).sum();
      total += sum;
      report.append(
          String.format(
              "  %-100s %6d  %s%n", decoder.getKey(), sum, new TreeMap<>(decoder.getValue())));
    }
    report.append(String.format("  %-100s %6d%n", "all", total));
    System.out.print(report);
  }

  // ---------------------------------------------------------------- mutation

  static String marker(Random random) {
    StringBuilder marker = new StringBuilder("ZqMARK");
    for (int i = 0; i < 8; i++) {
      marker.append((char) ('a' + random.nextInt(26)));
    }
    return marker.toString();
  }

  /**
   * Applies {@code count} mutations to a copy of {@code event} and returns its bytes, possibly cut.
   */
  static byte[] mutate(JsonNode event, Random random, String marker, int count) {
    JsonNode tree = event.deepCopy();
    for (int i = 0; i < count; i++) {
      tree = mutateOnce(tree, random, marker);
    }
    byte[] bytes = bytes(tree);
    switch (random.nextInt(12)) {
      case 0:
        // Truncated JSON.
        return java.util.Arrays.copyOf(bytes, random.nextInt(bytes.length + 1));
      case 1:
        // Bytes that are not UTF-8, or stray JSON punctuation, anywhere. (Never the marker: spliced
        // at random it could land inside a record id, which is echoed on purpose.)
        int at = random.nextInt(bytes.length + 1);
        byte[][] junks = {
          {(byte) 0xC3, (byte) 0x28, (byte) 0xFF},
          {'}', '{', ','},
          {'"', ':', ']'},
          {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, // an encoded surrogate
        };
        byte[] junk = junks[random.nextInt(junks.length)];
        byte[] spliced = new byte[bytes.length + junk.length];
        System.arraycopy(bytes, 0, spliced, 0, at);
        System.arraycopy(junk, 0, spliced, at, junk.length);
        System.arraycopy(bytes, at, spliced, at + junk.length, bytes.length - at);
        return spliced;
      default:
        return bytes;
    }
  }

  /** One slot of the tree: a field of an object or an element of an array. */
  private record Slot(JsonNode parent, String field, int index, String parentField) {}

  private static JsonNode mutateOnce(JsonNode tree, Random random, String marker) {
    List<Slot> slots = new ArrayList<>();
    collect(tree, null, slots);
    if (slots.isEmpty()) {
      return random.nextBoolean() ? JsonNodeFactory.instance.textNode(marker) : tree;
    }
    Slot slot = slots.get(random.nextInt(slots.size()));
    boolean identity =
        slot.field() != null && IDENTITY.contains(slot.field())
            || "rmqMessagesByQueue".equals(slot.parentField());
    JsonNode current =
        slot.field() != null ? slot.parent().get(slot.field()) : slot.parent().get(slot.index());
    int kind = random.nextInt(10);
    if (identity && (kind == 2 || kind == 4 || kind == 5 || kind == 6 || kind == 7)) {
      kind = random.nextBoolean() ? 0 : 1; // ids are echoed on purpose: no marker in them
    }
    switch (kind) {
      case 0: // delete
        remove(slot);
        break;
      case 1: // type swap, no marker
        set(slot, otherType(current, random, null));
        break;
      case 2: // a random string with the marker
        set(slot, JsonNodeFactory.instance.textNode(randomText(random, marker)));
        break;
      case 3: // a number that does not fit, or an odd one
        set(slot, oddNumber(random));
        break;
      case 4: // invalid base64 carrying the marker
        set(slot, JsonNodeFactory.instance.textNode("%%" + marker + "==*"));
        break;
      case 5: // CR, LF or NUL in a string
        String text = current != null && current.isTextual() ? current.asText() : "";
        String[] breaks = {
          "\r\n" + marker + ": x", "\n" + marker, "\u0000" + marker, "\r" + marker
        };
        set(slot, JsonNodeFactory.instance.textNode(text + breaks[random.nextInt(breaks.length)]));
        break;
      case 6: // a new field, named and valued with the marker
        ObjectNode target = current != null && current.isObject() ? (ObjectNode) current : null;
        if (target != null) {
          target.put(marker, marker);
        } else if (slot.parent().isObject()) {
          ((ObjectNode) slot.parent()).put(marker, randomText(random, marker));
        }
        break;
      case 7: // rename a field to the marker
        if (slot.field() != null) {
          ObjectNode parent = (ObjectNode) slot.parent();
          JsonNode value = parent.remove(slot.field());
          parent.set(marker, value);
        }
        break;
      case 8: // type swap to a container
        set(
            slot,
            random.nextBoolean()
                ? JsonNodeFactory.instance.objectNode()
                : JsonNodeFactory.instance.arrayNode());
        break;
      default: // duplicate an array element, or empty an array
        if (current != null && current.isArray() && current.size() > 0) {
          ArrayNode array = (ArrayNode) current;
          if (random.nextBoolean()) {
            array.add(array.get(random.nextInt(array.size())).deepCopy());
          } else {
            array.removeAll();
          }
        } else {
          set(slot, JsonNodeFactory.instance.nullNode());
        }
        break;
    }
    return tree;
  }

  private static void collect(JsonNode node, String parentField, List<Slot> slots) {
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        slots.add(new Slot(node, field.getKey(), -1, parentField));
        collect(field.getValue(), field.getKey(), slots);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        slots.add(new Slot(node, null, i, parentField));
        collect(node.get(i), parentField, slots);
      }
    }
  }

  private static void remove(Slot slot) {
    if (slot.field() != null) {
      ((ObjectNode) slot.parent()).remove(slot.field());
    } else {
      ((ArrayNode) slot.parent()).remove(slot.index());
    }
  }

  private static void set(Slot slot, JsonNode value) {
    if (slot.field() != null) {
      ((ObjectNode) slot.parent()).set(slot.field(), value);
    } else {
      ((ArrayNode) slot.parent()).set(slot.index(), value);
    }
  }

  private static JsonNode otherType(JsonNode current, Random random, String marker) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    switch (random.nextInt(5)) {
      case 0:
        return current != null && current.isTextual()
            ? f.numberNode(random.nextInt())
            : f.textNode("x");
      case 1:
        return f.booleanNode(random.nextBoolean());
      case 2:
        return f.nullNode();
      case 3:
        return current != null && current.isNumber()
            ? f.textNode(current.asText())
            : f.numberNode(random.nextLong());
      default:
        return f.arrayNode().add(current == null ? f.nullNode() : current.deepCopy());
    }
  }

  private static JsonNode oddNumber(Random random) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    switch (random.nextInt(7)) {
      case 0:
        return f.numberNode(new BigInteger("99999999999999999999"));
      case 1:
        return f.numberNode(BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.ONE));
      case 2:
        return f.numberNode(-random.nextInt(1000) - 1);
      case 3:
        return f.numberNode(random.nextDouble() * 1e20);
      case 4:
        return f.numberNode(new java.math.BigDecimal("1e400"));
      case 5:
        return f.textNode("99999999999999999999");
      default:
        return f.numberNode(Long.MIN_VALUE);
    }
  }

  private static String randomText(Random random, String marker) {
    String[] shapes = {
      marker,
      "sk_live_" + marker,
      "{\"" + marker + "\":1}",
      "%" + marker + "%zz",
      "/" + marker + "/../%2F",
      "\u00e9\ud83d\ude00" + marker,
      marker + "\"'<>&\\",
      "\ud800" + marker, // a lone surrogate
      "  " + marker + "  ",
    };
    return shapes[random.nextInt(shapes.length)];
  }

  private static JsonNode tree(String json) {
    try {
      return Json.mapper().readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] bytes(JsonNode tree) {
    try {
      return Json.mapper().writeValueAsBytes(tree);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The CloudWatch Logs data, decoded and encoded as CloudWatch Logs does. */
  static final class CloudWatchLogsData {

    static JsonNode decode(JsonNode envelope) {
      return MessageEnvelope.cloudWatchLogs(envelope);
    }

    static byte[] gzip(byte[] json) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
        gzip.write(json);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return out.toByteArray();
    }
  }
}
