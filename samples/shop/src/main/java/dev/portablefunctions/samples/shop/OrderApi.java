package dev.portablefunctions.samples.shop;

import dev.portablefunctions.Context;
import dev.portablefunctions.FunctionException;
import dev.portablefunctions.HttpFunction;
import dev.portablefunctions.HttpRequest;
import dev.portablefunctions.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The order API, one HTTP function that routes by method and path:
 *
 * <table>
 *   <caption>Routes</caption>
 *   <tr><th>request</th><th>answer</th></tr>
 *   <tr><td>{@code POST /orders} with an {@code Idempotency-Key} header and a {@link NewOrder}</td>
 *       <td>201, {@code Location: orders/<id>}, the {@link Order}; the same again for a retry
 *       with the same key and body ({@code Idempotent-Replayed: true}); 409 for the same key
 *       with another body; 422 for an invalid order; 400 without a key or with malformed
 *       JSON</td></tr>
 *   <tr><td>{@code GET /orders/<id>}</td><td>200 and the order; 404 if there is none</td></tr>
 *   <tr><td>{@code GET /orders?customerId=<id>&limit=<n>}</td><td>200 and the customer's orders,
 *       newest first (at most {@code limit}, 20 unless set, up to 100)</td></tr>
 * </table>
 *
 * <p>{@code path()} is the same on every cloud (the path the client sent, less the platform's
 * mount), so the routes are too: {@code https://<api>.execute-api.<region>.amazonaws.com/orders},
 * {@code https://<app>.azurewebsites.net/api/orders} (route {@code orders/{*path}}), {@code
 * https://<region>-<project>.cloudfunctions.net/order-api/orders}, {@code
 * http://127.0.0.1:8080/order-api/orders} locally. That is why {@code Location} is relative.
 *
 * <p>Errors are {@code application/problem+json}, from {@link FunctionException}.
 */
public final class OrderApi implements HttpFunction {

  private static final int DEFAULT_LIMIT = 20;
  private static final int MAX_LIMIT = 100;
  private static final int MAX_KEY_LENGTH = 255;

  private final Shop shop;

  /** Creates the function on the {@linkplain Shop#defaults() default shop}; adapters call this. */
  public OrderApi() {
    this(Shop.defaults());
  }

  /**
   * Creates the function on a given shop.
   *
   * @param shop the stores and publishers to use
   */
  public OrderApi(Shop shop) {
    this.shop = shop;
  }

  @Override
  public HttpResponse handle(HttpRequest request, Context context) throws Exception {
    List<String> path = segments(request.path());
    if (path.isEmpty() || !path.get(0).equals("orders") || path.size() > 2) {
      throw FunctionException.notFound("There is nothing at this path; the orders are at /orders.");
    }
    boolean collection = path.size() == 1;
    return switch (request.method()) {
      case "POST" -> {
        if (!collection) {
          throw methodNotAllowed("GET");
        }
        yield create(request, context);
      }
      case "GET" -> collection ? list(request) : get(path.get(1));
      default -> throw methodNotAllowed(collection ? "GET, POST" : "GET");
    };
  }

  private HttpResponse create(HttpRequest request, Context context) throws Exception {
    String key =
        request
            .header("Idempotency-Key")
            .map(String::trim)
            .filter(value -> !value.isEmpty())
            .orElseThrow(
                () ->
                    FunctionException.badInput(
                        "Send an Idempotency-Key header (a UUID, say) with every POST /orders, and"
                            + " the same one when you retry it."));
    if (key.length() > MAX_KEY_LENGTH) {
      throw FunctionException.badInput(
          "The Idempotency-Key header is longer than " + MAX_KEY_LENGTH + " characters.");
    }
    NewOrder input = request.bodyAs(NewOrder.class);
    if (input == null) {
      throw FunctionException.badInput("The body is the JSON null; send an order object.");
    }
    List<String> problems = new ArrayList<>(input.problems());
    Priced priced = problems.isEmpty() ? price(input, problems) : null;
    if (!problems.isEmpty()) {
      throw FunctionException.unprocessable(
          "The order is not valid: " + String.join("; ", problems));
    }
    List<OrderLine> lines = priced.lines();
    String currency = priced.currency();
    long total = lines.stream().mapToLong(OrderLine::totalCents).reduce(0L, Math::addExact);
    Order order =
        new Order(
            UUID.randomUUID().toString(),
            input.customerId(),
            lines,
            total,
            currency,
            Order.Status.AWAITING_PAYMENT,
            shop.clock().instant());

    String fingerprint = input.fingerprint();
    OrderRepository.Created created = shop.orders().create(key, fingerprint, order);
    if (!created.fingerprint().equals(fingerprint)) {
      throw FunctionException.conflict(
          "This Idempotency-Key was already used for a different order; use a new key for a new"
              + " order.");
    }
    Order stored = created.order();
    HttpResponse response = HttpResponse.status(201).header("Location", "orders/" + stored.id());
    if (created.replayed()) {
      context.logger().info("Order " + stored.id() + " requested again with its idempotency key");
      response = response.header("Idempotent-Replayed", "true");
    } else {
      context.logger().info("Order " + stored.id() + " created, total " + total + " " + currency);
    }
    return response.json(stored);
  }

  /** Order lines priced from the catalog, all in one currency. */
  private record Priced(List<OrderLine> lines, String currency) {}

  /** Prices each line from the catalog, adding a problem for each product it cannot price. */
  private Priced price(NewOrder input, List<String> problems) throws Exception {
    List<OrderLine> lines = new ArrayList<>();
    String currency = null;
    for (int i = 0; i < input.lines().size(); i++) {
      NewOrder.Line line = input.lines().get(i);
      Optional<Product> product = shop.catalog().product(line.sku());
      if (product.isEmpty()) {
        problems.add("lines[" + i + "].sku: the shop does not sell " + line.sku());
        continue;
      }
      if (currency == null) {
        currency = product.get().currency();
      } else if (!currency.equals(product.get().currency())) {
        problems.add(
            "lines[" + i + "].sku: priced in " + product.get().currency() + ", not " + currency);
      }
      lines.add(new OrderLine(line.sku(), line.quantity(), product.get().priceCents()));
    }
    return new Priced(lines, currency);
  }

  private HttpResponse get(String id) throws Exception {
    Order order =
        shop.orders()
            .find(id)
            .orElseThrow(() -> FunctionException.notFound("There is no order with this id."));
    return HttpResponse.ok().json(order);
  }

  private HttpResponse list(HttpRequest request) throws Exception {
    String customerId =
        request
            .query("customerId")
            .filter(value -> !value.isBlank())
            .orElseThrow(
                () -> FunctionException.badInput("Say whose orders: GET /orders?customerId=<id>."));
    int limit = limit(request.query("limit"));
    return HttpResponse.ok().json(shop.orders().byCustomer(customerId, limit));
  }

  private static int limit(Optional<String> value) {
    if (value.isEmpty()) {
      return DEFAULT_LIMIT;
    }
    try {
      int limit = Integer.parseInt(value.get());
      if (limit >= 1 && limit <= MAX_LIMIT) {
        return limit;
      }
    } catch (NumberFormatException notANumber) {
      // reported below
    }
    throw FunctionException.badInput("limit must be a whole number from 1 to " + MAX_LIMIT + ".");
  }

  private static FunctionException methodNotAllowed(String allowed) {
    return FunctionException.of(
        FunctionException.Kind.METHOD_NOT_ALLOWED, "This path takes " + allowed + ".");
  }

  private static List<String> segments(String path) {
    return Arrays.stream(path.split("/")).filter(segment -> !segment.isEmpty()).toList();
  }
}
