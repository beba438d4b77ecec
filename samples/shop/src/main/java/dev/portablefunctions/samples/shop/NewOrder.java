package dev.portablefunctions.samples.shop;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The body of {@code POST /orders}: who orders what. Prices are not part of it: the shop prices
 * each line from its {@link Catalog}.
 *
 * <pre>{@code
 * {"customerId": "c-42", "lines": [{"sku": "CUP-ESP", "quantity": 2}]}
 * }</pre>
 *
 * @param customerId the customer, 1 to 64 letters, digits, {@code -} or {@code _}
 * @param lines what to order: 1 to {@value #MAX_LINES} lines, one per product
 */
public record NewOrder(String customerId, List<Line> lines) {

  /** The most lines an order may have. */
  public static final int MAX_LINES = 50;

  /** The most of one product an order may ask for. */
  public static final int MAX_QUANTITY = 100;

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  /**
   * One requested line.
   *
   * @param sku the product
   * @param quantity how many, 1 to {@value NewOrder#MAX_QUANTITY}
   */
  public record Line(String sku, int quantity) {}

  /**
   * Lists what is wrong with this order, field by field, without looking anything up.
   *
   * @return the problems; empty if the order is well-formed
   */
  public List<String> problems() {
    List<String> problems = new ArrayList<>();
    if (customerId == null || !ID.matcher(customerId).matches()) {
      problems.add("customerId: 1 to 64 letters, digits, '-' or '_'");
    }
    if (lines == null || lines.isEmpty()) {
      problems.add("lines: at least one line");
      return problems;
    }
    if (lines.size() > MAX_LINES) {
      problems.add("lines: at most " + MAX_LINES);
    }
    Set<String> skus = new HashSet<>();
    for (int i = 0; i < lines.size(); i++) {
      Line line = lines.get(i);
      String where = "lines[" + i + "]";
      if (line == null || line.sku() == null || !ID.matcher(line.sku()).matches()) {
        problems.add(where + ".sku: 1 to 64 letters, digits, '-' or '_'");
        continue;
      }
      if (!skus.add(line.sku())) {
        problems.add(
            where + ".sku: " + line.sku() + " is on an earlier line; one line per product");
      }
      if (line.quantity() < 1 || line.quantity() > MAX_QUANTITY) {
        problems.add(where + ".quantity: 1 to " + MAX_QUANTITY);
      }
    }
    return problems;
  }

  /**
   * Returns a digest of what this order asks for, to tell a retry of the same request (same digest)
   * from a different request that reuses its idempotency key. Formatting of the JSON it came from
   * does not change it.
   *
   * @return a hex SHA-256
   */
  public String fingerprint() {
    StringBuilder canonical = new StringBuilder(customerId).append('\n');
    for (Line line : lines) {
      canonical.append(line.sku()).append(' ').append(line.quantity()).append('\n');
    }
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      return HexFormat.of()
          .formatHex(sha256.digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every JDK has SHA-256", e);
    }
  }
}
