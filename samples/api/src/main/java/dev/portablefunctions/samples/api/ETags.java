package dev.portablefunctions.samples.api;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;

/**
 * Strong entity tags from a representation's bytes, and {@code If-None-Match} (RFC 9110, 13.1.2).
 */
final class ETags {

  private ETags() {}

  /** Returns the entity tag of a body: its SHA-256, shortened, quoted. */
  static String of(byte[] body) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
      return '"'
          + Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 27)
          + '"';
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every JDK has SHA-256", e);
    }
  }

  /**
   * Tells whether {@code If-None-Match} matches an entity tag: {@code *}, or any of its tags by
   * weak comparison (a {@code W/} prefix is ignored).
   *
   * @param ifNoneMatch every value of the header
   * @param etag the current entity tag
   */
  static boolean matches(List<String> ifNoneMatch, String etag) {
    for (String value : ifNoneMatch) {
      for (String tag : value.split(",")) {
        String trimmed = tag.trim();
        if (trimmed.equals("*") || opaque(trimmed).equals(opaque(etag))) {
          return true;
        }
      }
    }
    return false;
  }

  private static String opaque(String tag) {
    return tag.startsWith("W/") ? tag.substring(2) : tag;
  }
}
