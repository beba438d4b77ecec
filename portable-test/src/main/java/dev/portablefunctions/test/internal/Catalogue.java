package dev.portablefunctions.test.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.portablefunctions.spi.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads the recorded events shipped with the kit (under {@code dev/portablefunctions/test/events/},
 * each listed with its source in {@code SOURCES.md} there) and parses JSON for the kit.
 */
public final class Catalogue {

  private static final String ROOT = "/dev/portablefunctions/test/events/";
  private static final Map<String, String> TEXTS = new ConcurrentHashMap<>();

  private Catalogue() {}

  /**
   * A recorded file's text, as published.
   *
   * @param path the path below the catalogue's root, such as {@code aws/sqs.json}
   * @return the text
   */
  public static String text(String path) {
    return TEXTS.computeIfAbsent(path, Catalogue::read);
  }

  /**
   * A recorded file parsed as JSON; a fresh tree each call, which the caller may change.
   *
   * @param path the path below the catalogue's root
   * @return the tree
   */
  public static JsonNode tree(String path) {
    return parse(text(path), path);
  }

  /**
   * Parses JSON text.
   *
   * @param json the text
   * @param what what it is, for the message of the exception
   * @return the tree
   * @throws IllegalArgumentException if it is not JSON
   */
  public static JsonNode parse(String json, String what) {
    try {
      JsonNode tree = Json.mapper().readTree(json);
      if (tree == null || tree.isMissingNode()) {
        throw new IllegalArgumentException(what + " is empty; expected JSON");
      }
      return tree;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(what + " is not valid JSON: " + e.getOriginalMessage(), e);
    }
  }

  /**
   * Writes a tree as compact JSON.
   *
   * @param tree the tree
   * @return the text
   */
  public static String write(JsonNode tree) {
    try {
      return Json.mapper().writeValueAsString(tree);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Parses log lines: each JSON line as its tree, anything else as a text node.
   *
   * @param lines the lines
   * @return the parsed lines, unmodifiable
   */
  public static List<JsonNode> logLines(List<String> lines) {
    List<JsonNode> parsed = new ArrayList<>(lines.size());
    for (String line : lines) {
      JsonNode tree;
      try {
        tree = Json.mapper().readTree(line);
      } catch (JsonProcessingException notJson) {
        tree = null;
      }
      parsed.add(tree == null || !tree.isObject() ? TextNode.valueOf(line) : tree);
    }
    return Collections.unmodifiableList(parsed);
  }

  private static String read(String path) {
    try (InputStream in = Catalogue.class.getResourceAsStream(ROOT + path)) {
      if (in == null) {
        throw new IllegalStateException("portable-test's catalogue has no " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
