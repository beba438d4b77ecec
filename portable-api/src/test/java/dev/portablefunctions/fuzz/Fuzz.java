package dev.portablefunctions.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portablefunctions.FunctionException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * Hostile inputs for the decoders' fuzz properties, and the checks every property makes.
 *
 * <p>Every string planted in an input carries {@link #MARKER}, so that a property can check that no
 * detail, response or log line repeats the input ({@link #assertNoEcho}). Documents are mutations
 * of a provider's real payload: structured ones (a member replaced by a hostile value, removed, or
 * added under a hostile name) and textual ones (truncated, spliced with JSON fragments, bare tokens
 * and invalid UTF-8).
 */
public final class Fuzz {

  /** Planted in every hostile string; looks like a secret on purpose. */
  public static final String MARKER = "sk_live_FUZZ7Q";

  /** How long one decode may take before it counts as a hang. */
  public static final Duration HANG = Duration.ofSeconds(10);

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final ExecutorService WORKERS =
      Executors.newCachedThreadPool(
          task -> {
            Thread thread = new Thread(task, "fuzz");
            thread.setDaemon(true);
            return thread;
          });

  private static final List<String> STRINGS =
      List.of(
          MARKER,
          MARKER + "\r\nX-Injected: 1",
          "\u0000" + MARKER,
          MARKER + "\n",
          "'" + MARKER + "\"\\",
          "/" + MARKER,
          "%2F" + MARKER + "%zz%",
          "=" + MARKER + "==!",
          "2024-13-45T99:99:99Z" + MARKER,
          "\ud800" + MARKER + "\udfff",
          MARKER + " é ü 😀 \u2028",
          MARKER.repeat(40),
          " " + MARKER + " ",
          "00-" + MARKER + "-01",
          "application/" + MARKER);

  private static final List<String> FRAGMENTS =
      List.of(
          "{",
          "}",
          "[",
          "]",
          ",",
          ":",
          "\"",
          "\\",
          "\\u00",
          "\\q",
          MARKER,
          "'" + MARKER + "'",
          "\"" + MARKER + "\"",
          "\u0000",
          "\n",
          "\r",
          "99999999999999999999",
          "-",
          "1e400",
          "NaN",
          "/*",
          "\ufeff",
          "true",
          "null",
          " ",
          "[[[[[[[[[[",
          "{\"" + MARKER + "\":");

  private Fuzz() {}

  /** Strings that carry the marker and bytes HTTP, JSON, base64 and time parsers refuse. */
  public static Arbitrary<String> hostileStrings() {
    return Arbitraries.oneOf(
        Arbitraries.of(STRINGS),
        Arbitraries.strings().all().ofMaxLength(12).map(noise -> noise + MARKER),
        Arbitraries.strings().all().ofMaxLength(12).map(noise -> MARKER + noise));
  }

  /** Hostile JSON values: strings with the marker, numbers out of every range, wrong shapes. */
  public static Arbitrary<JsonNode> hostileValues() {
    return Arbitraries.randomValue(Fuzz::hostileValue);
  }

  /** A document as text: a mutation of one of the seeds, structured or textual. */
  public static Arbitrary<String> mutationsOf(List<String> seeds) {
    List<JsonNode> trees = trees(seeds);
    return Arbitraries.randomValue(random -> mutate(trees, random));
  }

  /** As {@link #mutationsOf(List)}, as UTF-8 bytes, with invalid UTF-8 spliced in now and then. */
  public static Arbitrary<byte[]> byteMutationsOf(List<String> seeds) {
    List<JsonNode> trees = trees(seeds);
    return Arbitraries.randomValue(
        random -> {
          byte[] text = mutate(trees, random).getBytes(StandardCharsets.UTF_8);
          if (random.nextInt(6) != 0 || text.length == 0) {
            return text;
          }
          ByteArrayOutputStream out = new ByteArrayOutputStream();
          int at = random.nextInt(text.length);
          out.write(text, 0, at);
          byte[][] invalid = {
            {(byte) 0xC3, 0x28}, {(byte) 0xFF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}
          };
          byte[] bad = invalid[random.nextInt(invalid.length)];
          out.write(bad, 0, bad.length);
          out.write(text, at, text.length - at);
          return out.toByteArray();
        });
  }

  private static List<JsonNode> trees(List<String> seeds) {
    List<JsonNode> trees = new ArrayList<>();
    for (String seed : seeds) {
      trees.add(parse(seed));
    }
    return trees;
  }

  private static String mutate(List<JsonNode> trees, Random random) {
    JsonNode seed = trees.get(random.nextInt(trees.size()));
    String text = structured(seed, random).toString();
    return random.nextInt(3) == 0 ? textual(text, random) : text;
  }

  /** A header map whose names and values are hostile now and then, as providers might deliver. */
  public static Arbitrary<Map<String, String>> hostileHeaders() {
    Arbitrary<String> names =
        Arbitraries.oneOf(
            Arbitraries.of(
                "content-type", "traceparent", "x-cloud-trace-context", "b3", "ce-id", "x-test"),
            hostileStrings(),
            Arbitraries.of("", ":" + MARKER, MARKER + "\r\n"));
    return Arbitraries.maps(names, hostileStrings()).ofMaxSize(4).map(LinkedHashMap::new);
  }

  private static JsonNode hostileValue(Random random) {
    switch (random.nextInt(14)) {
      case 0:
        return NODES.numberNode(new BigInteger("99999999999999999999"));
      case 1:
        return NODES.numberNode(-1);
      case 2:
        return NODES.numberNode(new BigDecimal("1.5"));
      case 3:
        return NODES.numberNode(new BigInteger("9223372036854775808"));
      case 4:
        return NODES.numberNode(2147483648L);
      case 5:
        return NODES.booleanNode(random.nextBoolean());
      case 6:
        return NODES.nullNode();
      case 7:
        return NODES.objectNode().put(MARKER, MARKER);
      case 8:
        return NODES.arrayNode().add(MARKER);
      case 9:
        ArrayNode deep = NODES.arrayNode();
        ArrayNode inner = deep;
        for (int i = 0; i < 40; i++) {
          inner = inner.addArray();
        }
        inner.add(MARKER);
        return deep;
      case 10:
        return NODES.numberNode(0);
      default:
        return NODES.textNode(STRINGS.get(random.nextInt(STRINGS.size())));
    }
  }

  private static JsonNode structured(JsonNode seed, Random random) {
    JsonNode copy = seed.deepCopy();
    int mutations = 1 + random.nextInt(3);
    for (int i = 0; i < mutations; i++) {
      List<JsonNode> containers = new ArrayList<>();
      collect(copy, containers);
      if (containers.isEmpty()) {
        return random.nextBoolean() ? hostileValue(random) : copy; // a scalar seed
      }
      JsonNode target = containers.get(random.nextInt(containers.size()));
      if (target instanceof ObjectNode) {
        ObjectNode object = (ObjectNode) target;
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        int operation = random.nextInt(names.isEmpty() ? 1 : 4);
        if (operation == 0) {
          object.set(random.nextBoolean() ? MARKER : "x" + random.nextInt(3), hostileValue(random));
        } else if (operation == 1) {
          object.remove(names.get(random.nextInt(names.size())));
        } else {
          object.set(names.get(random.nextInt(names.size())), hostileValue(random));
        }
      } else if (target instanceof ArrayNode) {
        ArrayNode array = (ArrayNode) target;
        if (array.isEmpty() || random.nextBoolean()) {
          array.add(hostileValue(random));
        } else {
          array.set(random.nextInt(array.size()), hostileValue(random));
        }
      }
    }
    if (random.nextInt(25) == 0) {
      return hostileValue(random); // not even the envelope's shape
    }
    return copy;
  }

  private static void collect(JsonNode node, List<JsonNode> containers) {
    if (node.isContainerNode()) {
      containers.add(node);
      for (Iterator<JsonNode> children = node.elements(); children.hasNext(); ) {
        collect(children.next(), containers);
      }
    }
  }

  private static String textual(String text, Random random) {
    StringBuilder out = new StringBuilder(text);
    int edits = 1 + random.nextInt(3);
    for (int i = 0; i < edits && out.length() > 0; i++) {
      int at = random.nextInt(out.length() + 1);
      switch (random.nextInt(4)) {
        case 0:
          out.setLength(at); // truncated
          break;
        case 1:
          out.insert(at, FRAGMENTS.get(random.nextInt(FRAGMENTS.size())));
          break;
        case 2:
          int end = Math.min(out.length(), at + 1 + random.nextInt(8));
          out.delete(at, end);
          break;
        default:
          out.insert(at, (char) random.nextInt(0x80));
      }
    }
    return out.toString();
  }

  private static JsonNode parse(String seed) {
    try {
      return JSON.readTree(seed);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Runs one decode, failing as a hang if it takes longer than {@link #HANG}; what it throws is
   * rethrown as it is.
   */
  public static <T> T within(Callable<T> decode) {
    Future<T> result = WORKERS.submit(decode);
    try {
      return result.get(HANG.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException hung) {
      result.cancel(true);
      throw new AssertionError("the decoder ran longer than " + HANG + ": a hang");
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new AssertionError(interrupted);
    } catch (ExecutionException failed) {
      Throwable cause = failed.getCause();
      if (cause instanceof RuntimeException) {
        throw (RuntimeException) cause;
      }
      if (cause instanceof Error) {
        throw (Error) cause;
      }
      throw new AssertionError(cause);
    }
  }

  /**
   * Runs one decode and checks the property every decoder keeps: it returns a value, or throws a
   * {@link FunctionException} (any other exception, or a hang, fails the property) whose detail
   * does not repeat the input.
   *
   * @return the value, or null if the decode threw a {@link FunctionException}
   */
  public static <T> T decodeOrRefuse(Callable<T> decode) {
    try {
      return within(decode);
    } catch (FunctionException refused) {
      assertNoEcho("the detail", refused.detail());
      assertThat(refused.getCause()).as("a refusal's cause (logged with it)").isNull();
      return null;
    }
  }

  /** Fails if a text repeats the marker (in any case, as header names are lower-cased). */
  public static void assertNoEcho(String what, String text) {
    if (text != null && text.toLowerCase(Locale.ROOT).contains(MARKER.toLowerCase(Locale.ROOT))) {
      throw new AssertionError(what + " repeats the input: " + text);
    }
  }

  /** Fails if any of the texts repeats the marker. */
  public static void assertNoEcho(String what, Iterable<String> texts) {
    for (String text : texts) {
      assertNoEcho(what, text);
    }
  }
}
