package dev.portablefunctions.samples.shop;

import dev.portablefunctions.Context;
import dev.portablefunctions.FunctionException;
import dev.portablefunctions.HttpFunction;
import dev.portablefunctions.HttpRequest;
import dev.portablefunctions.HttpResponse;
import java.util.List;

/**
 * The payment provider's webhook: {@code POST} of a {@link PaymentEvent}, signed in the {@value
 * #SIGNATURE_HEADER} header as {@code sha256=<hex HMAC-SHA256 of the raw body>} with the secret in
 * the {@value #SECRET_VARIABLE} environment variable.
 *
 * <ul>
 *   <li>a missing or wrong signature is a 401, before the body is even parsed;
 *   <li>{@code payment.succeeded} marks the order paid and publishes {@link OrderPaid} (keyed by
 *       order id), then answers 204; a call for an unknown order is a 404, an amount or currency
 *       that is not the order's a 422 (the order stays unpaid);
 *   <li>any other event type is acknowledged with a 204 and ignored.
 * </ul>
 *
 * <p>Providers retry until they get a 2xx, so the function is idempotent: a retried call finds the
 * order paid and publishes again, which {@link ReserveStock} tolerates. If publishing fails the
 * answer is a 500 and the provider's retry publishes later: nothing is lost.
 *
 * <p>The secret is read once, when the function is created: without it the function does not start
 * (Lambda's init phase and the Cloud Functions instance fail with a message naming the variable).
 * Neither the secret nor a signature is ever logged.
 */
public final class PaymentWebhook implements HttpFunction {

  /** The header that carries the signature. */
  public static final String SIGNATURE_HEADER = "X-Payment-Signature";

  /** The environment variable that holds the signing secret. */
  public static final String SECRET_VARIABLE = "SHOP_WEBHOOK_SECRET";

  private final Shop shop;
  private final WebhookSignature signature;

  /**
   * Creates the function on the {@linkplain Shop#defaults() default shop}, with the secret from
   * {@value #SECRET_VARIABLE}; adapters call this.
   *
   * @throws IllegalStateException if the variable is unset or shorter than 16 bytes
   */
  public PaymentWebhook() {
    this(Shop.defaults(), WebhookSignature.fromEnvironment(SECRET_VARIABLE));
  }

  /**
   * Creates the function on a given shop and secret.
   *
   * @param shop the stores and publishers to use
   * @param secret the signing secret, at least 16 bytes
   */
  public PaymentWebhook(Shop shop, byte[] secret) {
    this(shop, new WebhookSignature(secret));
  }

  private PaymentWebhook(Shop shop, WebhookSignature signature) {
    this.shop = shop;
    this.signature = signature;
  }

  @Override
  public HttpResponse handle(HttpRequest request, Context context) throws Exception {
    if (!request.method().equals("POST")) {
      throw FunctionException.of(
          FunctionException.Kind.METHOD_NOT_ALLOWED, "The payment webhook takes POST only.");
    }
    byte[] body = request.body();
    List<String> signatures = request.headers().all(SIGNATURE_HEADER);
    if (!signature.verifies(body, signatures)) {
      context
          .logger()
          .warn(
              "Payment webhook call refused: "
                  + (signatures.isEmpty() ? "no" : "a wrong")
                  + " signature");
      throw FunctionException.unauthenticated(
          "The " + SIGNATURE_HEADER + " header is missing or does not match the body.");
    }
    PaymentEvent event = request.bodyAs(PaymentEvent.class);
    if (event == null || event.type() == null) {
      throw FunctionException.badInput("The body is not a payment event: it has no type.");
    }
    if (!event.type().equals(PaymentEvent.SUCCEEDED)) {
      context
          .logger()
          .info("Payment event " + event.id() + " of type " + event.type() + " ignored");
      return HttpResponse.noContent();
    }
    if (event.orderId() == null || event.paymentId() == null) {
      throw FunctionException.badInput(
          "A payment.succeeded event names an orderId and a paymentId.");
    }
    Order order =
        shop.orders()
            .find(event.orderId())
            .orElseThrow(() -> FunctionException.notFound("There is no order with this id."));
    if (order.totalCents() != event.amountCents() || !order.currency().equals(event.currency())) {
      context
          .logger()
          .warn(
              "Payment " + event.paymentId() + " does not match the total of order " + order.id());
      throw FunctionException.unprocessable(
          "The amount paid is not the order's total; the order stays unpaid.");
    }
    Order paid =
        shop.orders()
            .markPaid(order.id())
            .orElseThrow(() -> FunctionException.notFound("There is no order with this id."));
    shop.orderPaid()
        .publish(
            paid.id(),
            new OrderPaid(paid.id(), event.paymentId(), paid.lines(), shop.clock().instant()));
    context.logger().info("Order " + paid.id() + " paid with " + event.paymentId());
    return HttpResponse.noContent();
  }
}
