package dev.portablefunctions.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portablefunctions.spi.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/** The recorded AWS payloads under {@code src/test/resources/events/aws/}. */
final class Events {

  private Events() {}

  /** The file's bytes, exactly as recorded. */
  static byte[] bytes(String name) {
    try (InputStream in = Events.class.getResourceAsStream("/events/aws/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("No recorded event " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String text(String name) {
    return new String(bytes(name), StandardCharsets.UTF_8);
  }

  static JsonNode tree(String name) {
    try {
      return Json.mapper().readTree(bytes(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A recorded event with some values changed, for cases no recording shows. */
  static String variant(String name, Consumer<ObjectNode> change) {
    ObjectNode tree = (ObjectNode) tree(name);
    change.accept(tree);
    return tree.toString();
  }
}
