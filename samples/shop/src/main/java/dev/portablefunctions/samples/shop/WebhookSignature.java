package dev.portablefunctions.samples.shop;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and verifies webhook bodies: {@code sha256=<hex HMAC-SHA256 of the raw body>}, the scheme
 * GitHub and many payment providers use. Verification takes the same time whatever the bytes of a
 * wrong signature are. Thread-safe; holds the secret, so never log it.
 */
final class WebhookSignature {

  static final String PREFIX = "sha256=";
  static final int MIN_SECRET_BYTES = 16;
  private static final String ALGORITHM = "HmacSHA256";

  private final SecretKeySpec key;

  WebhookSignature(byte[] secret) {
    if (secret.length < MIN_SECRET_BYTES) {
      throw new IllegalArgumentException(
          "The webhook secret must have at least " + MIN_SECRET_BYTES + " bytes");
    }
    this.key = new SecretKeySpec(secret, ALGORITHM);
  }

  /**
   * Reads the secret from an environment variable.
   *
   * @throws IllegalStateException if it is unset or too short: the function then fails to start,
   *     with a message that names the variable (and never its value)
   */
  static WebhookSignature fromEnvironment(String variable) {
    String secret = System.getenv(variable);
    if (secret == null || secret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
      throw new IllegalStateException(
          "Set the environment variable "
              + variable
              + " to the payment provider's webhook signing secret (at least "
              + MIN_SECRET_BYTES
              + " bytes)");
    }
    return new WebhookSignature(secret.getBytes(StandardCharsets.UTF_8));
  }

  /** Returns the signature header value for a body. */
  String sign(byte[] body) {
    return PREFIX + HexFormat.of().formatHex(mac(body));
  }

  /** Tells whether any of the header values is the body's signature. */
  boolean verifies(byte[] body, List<String> headerValues) {
    byte[] expected = mac(body);
    boolean verified = false;
    for (String value : headerValues) {
      byte[] given = decode(value.trim());
      // No early exit: every value is compared, each in time independent of where it differs.
      verified |= given != null && MessageDigest.isEqual(expected, given);
    }
    return verified;
  }

  private static byte[] decode(String value) {
    if (!value.startsWith(PREFIX)) {
      return null;
    }
    try {
      return HexFormat.of().parseHex(value, PREFIX.length(), value.length());
    } catch (IllegalArgumentException notHex) {
      return null;
    }
  }

  private byte[] mac(byte[] body) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM); // not thread-safe: one per call (cheap next to I/O)
      mac.init(key);
      return mac.doFinal(body);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("Every JDK has " + ALGORITHM, e);
    }
  }
}
