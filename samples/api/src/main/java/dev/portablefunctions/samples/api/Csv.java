package dev.portablefunctions.samples.api;

import java.util.List;

/**
 * Writes RFC 4180 CSV: CRLF line ends, fields with a comma, quote or line break quoted. A text
 * field that a spreadsheet would run as a formula (starting with {@code = + - @}, a tab or a CR)
 * gets a leading {@code '}, as OWASP advises against CSV injection.
 */
final class Csv {

  private final StringBuilder text = new StringBuilder();

  Csv(String... header) {
    row((Object[]) header);
  }

  /** Adds a row; numbers are written as they are, anything else as text. */
  Csv row(Object... fields) {
    for (int i = 0; i < fields.length; i++) {
      if (i > 0) {
        text.append(',');
      }
      Object field = fields[i];
      text.append(field instanceof Number ? field.toString() : escape(String.valueOf(field)));
    }
    text.append("\r\n");
    return this;
  }

  /** Adds one row per item. */
  <T> Csv rows(List<T> items, java.util.function.Function<T, Object[]> fields) {
    items.forEach(item -> row(fields.apply(item)));
    return this;
  }

  @Override
  public String toString() {
    return text.toString();
  }

  private static String escape(String field) {
    String safe =
        !field.isEmpty() && "=+-@\t\r".indexOf(field.charAt(0)) >= 0 ? "'" + field : field;
    if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
      return '"' + safe.replace("\"", "\"\"") + '"';
    }
    return safe;
  }
}
