package dev.portablefunctions.samples.api;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The media types the API answers with, chosen from the request's {@code Accept} header (RFC 9110,
 * section 12.5.1): the type with the highest quality wins, the most specific range that matches a
 * type gives its quality, and JSON wins a tie. No {@code Accept} header means JSON.
 */
enum Representation {
  JSON("application", "json", "application/json"),
  CSV("text", "csv", "text/csv; charset=utf-8; header=present");

  private final String type;
  private final String subtype;
  private final String contentType;

  Representation(String type, String subtype, String contentType) {
    this.type = type;
    this.subtype = subtype;
    this.contentType = contentType;
  }

  /** The {@code Content-Type} of this representation. */
  String contentType() {
    return contentType;
  }

  /** The media types offered, for a 406's detail. */
  static String offered() {
    return "application/json, text/csv";
  }

  /**
   * Chooses a representation.
   *
   * @param accept every value of the {@code Accept} header
   * @return the representation, or empty if the client accepts none (a 406)
   */
  static Optional<Representation> negotiate(List<String> accept) {
    List<String> ranges =
        accept.stream()
            .flatMap(value -> List.of(value.split(",")).stream())
            .map(String::trim)
            .filter(range -> !range.isEmpty())
            .toList();
    if (ranges.isEmpty()) {
      return Optional.of(JSON);
    }
    Representation best = null;
    double bestQuality = 0;
    for (Representation candidate : values()) {
      double quality = candidate.quality(ranges);
      if (quality > bestQuality) {
        best = candidate;
        bestQuality = quality;
      }
    }
    return Optional.ofNullable(best);
  }

  /** The quality the most specific matching range gives this type; 0 if none matches. */
  private double quality(List<String> ranges) {
    int bestSpecificity = -1;
    double quality = 0;
    for (String range : ranges) {
      String[] parts = range.split(";");
      String[] media = parts[0].trim().toLowerCase(Locale.ROOT).split("/", 2);
      if (media.length != 2) {
        continue;
      }
      int specificity;
      if (media[0].equals(type) && media[1].equals(subtype)) {
        specificity = 2;
      } else if (media[0].equals(type) && media[1].equals("*")) {
        specificity = 1;
      } else if (media[0].equals("*") && media[1].equals("*")) {
        specificity = 0;
      } else {
        continue;
      }
      if (specificity > bestSpecificity) {
        bestSpecificity = specificity;
        quality = qualityOf(parts);
      }
    }
    return quality;
  }

  private static double qualityOf(String[] parameters) {
    for (int i = 1; i < parameters.length; i++) {
      String parameter = parameters[i].trim();
      if (parameter.toLowerCase(Locale.ROOT).startsWith("q=")) {
        try {
          double q = Double.parseDouble(parameter.substring(2).trim());
          return q >= 0 && q <= 1 ? q : 0;
        } catch (NumberFormatException malformed) {
          return 0;
        }
      }
    }
    return 1;
  }
}
