package dev.portablefunctions.maven;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Writes a tree of maps, lists, strings, numbers and booleans as block-style YAML. Strings are
 * double-quoted with JSON escapes (valid YAML), keys are plain where that is safe: enough for SAM
 * templates and Kubernetes manifests without a YAML library in the plugin.
 */
final class Yaml {

  private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_.\\-]*");

  private Yaml() {}

  /**
   * Writes a document.
   *
   * @param root a map
   * @return the YAML text, ending with a line break
   */
  static String write(Map<String, ?> root) {
    StringBuilder out = new StringBuilder();
    writeMap(root, 0, out);
    return out.toString();
  }

  private static void writeMap(Map<String, ?> map, int indent, StringBuilder out) {
    for (Map.Entry<String, ?> entry : map.entrySet()) {
      out.append(" ".repeat(indent)).append(key(entry.getKey())).append(':');
      writeValue(entry.getValue(), indent, out);
    }
  }

  private static void writeValue(Object value, int indent, StringBuilder out) {
    if (value instanceof Map<?, ?> map && !map.isEmpty()) {
      out.append('\n');
      @SuppressWarnings("unchecked")
      Map<String, ?> typed = (Map<String, ?>) map;
      writeMap(typed, indent + 2, out);
    } else if (value instanceof List<?> list && !list.isEmpty()) {
      out.append('\n');
      for (Object item : list) {
        out.append(" ".repeat(indent + 2)).append('-');
        if (item instanceof Map<?, ?> map && !map.isEmpty()) {
          @SuppressWarnings("unchecked")
          Map<String, ?> typed = (Map<String, ?>) map;
          StringBuilder nested = new StringBuilder();
          writeMap(typed, indent + 4, nested);
          out.append(' ').append(nested.substring(indent + 4));
        } else {
          writeValue(item, indent + 2, out);
        }
      }
    } else {
      out.append(' ').append(scalar(value)).append('\n');
    }
  }

  private static String key(String key) {
    return PLAIN_KEY.matcher(key).matches() ? key : quote(key);
  }

  private static String scalar(Object value) {
    if (value instanceof Map<?, ?>) {
      return "{}";
    }
    if (value instanceof List<?>) {
      return "[]";
    }
    if (value instanceof Number || value instanceof Boolean) {
      return value.toString();
    }
    return quote(String.valueOf(value));
  }

  /** A YAML double-quoted scalar: JSON string escapes are valid in it. */
  static String quote(String text) {
    StringBuilder out = new StringBuilder(text.length() + 2).append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
