package dev.portablefunctions.samples.shop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portablefunctions.HttpRequest;
import dev.portablefunctions.HttpResponse;
import dev.portablefunctions.local.LocalInvoker;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PaymentWebhookTest {

  private static final byte[] SECRET =
      "whsec_test_0123456789abcdef".getBytes(StandardCharsets.UTF_8);

  private final Shop shop = TestShops.fresh();
  private final LocalInvoker invoker = LocalInvoker.of(new PaymentWebhook(shop, SECRET));
  private final Order order = placeOrder(shop);

  @AfterEach
  void close() {
    invoker.close();
  }

  private static Order placeOrder(Shop shop) {
    Order order =
        new Order(
            UUID.randomUUID().toString(),
            "c-1",
            List.of(new OrderLine("CUP-ESP", 2, 450)),
            900,
            "EUR",
            Order.Status.AWAITING_PAYMENT,
            TestShops.NOW);
    try {
      return shop.orders().create("k-1", "fingerprint", order).order();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private String event(String type, long amount) {
    return "{\"id\":\"evt_1\",\"type\":\""
        + type
        + "\",\"orderId\":\""
        + order.id()
        + "\",\"paymentId\":\"pay_1\",\"amountCents\":"
        + amount
        + ",\"currency\":\"EUR\"}";
  }

  private HttpResponse deliver(String body, String signature) {
    HttpRequest.Builder request =
        HttpRequest.builder("POST", "/").header("Content-Type", "application/json").body(body);
    if (signature != null) {
      request.header(PaymentWebhook.SIGNATURE_HEADER, signature);
    }
    return invoker.http("payment-webhook", request.build());
  }

  private static String sign(String body, byte[] secret) {
    return new WebhookSignature(secret).sign(body.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aSignedPaymentMarksTheOrderPaidAndPublishesOrderPaid() throws Exception {
    String body = event(PaymentEvent.SUCCEEDED, 900);

    HttpResponse response = deliver(body, sign(body, SECRET));

    assertThat(response.statusCode()).isEqualTo(204);
    assertThat(shop.orders().find(order.id()).orElseThrow().status()).isEqualTo(Order.Status.PAID);
    List<InMemoryPublisher.Published<OrderPaid>> published =
        TestShops.published(shop.orderPaid()).published();
    assertThat(published).hasSize(1);
    assertThat(published.get(0).key()).isEqualTo(order.id());
    assertThat(published.get(0).message().paymentId()).isEqualTo("pay_1");
    assertThat(published.get(0).message().lines()).isEqualTo(order.lines());
  }

  @Test
  void aMissingOrWrongSignatureIsUnauthorisedAndChangesNothing() throws Exception {
    String body = event(PaymentEvent.SUCCEEDED, 900);
    String otherSecret = sign(body, "another-secret-0123456789".getBytes(StandardCharsets.UTF_8));
    String otherBody = sign(event(PaymentEvent.SUCCEEDED, 1), SECRET);

    for (String signature :
        new String[] {
          null, "", "sha256=", "sha256=zz", otherSecret, otherBody, sign(body, SECRET).substring(7)
        }) {
      HttpResponse response = deliver(body, signature);
      assertThat(response.statusCode()).as("signature %s", signature).isEqualTo(401);
      assertThat(response.headers().first("Content-Type")).contains("application/problem+json");
    }
    assertThat(shop.orders().find(order.id()).orElseThrow().status())
        .isEqualTo(Order.Status.AWAITING_PAYMENT);
    assertThat(TestShops.published(shop.orderPaid()).published()).isEmpty();
  }

  @Test
  void neitherTheSecretNorASignatureIsLogged() {
    String body = event(PaymentEvent.SUCCEEDED, 900);
    String good = sign(body, SECRET);
    String wrong = sign(body + " ", SECRET);

    deliver(body, wrong);
    deliver(body, good);

    String secret = new String(SECRET, StandardCharsets.UTF_8);
    assertThat(invoker.logs())
        .isNotEmpty()
        .noneMatch(line -> line.contains(secret))
        .noneMatch(line -> line.contains(good.substring(7)) || line.contains(wrong.substring(7)));
  }

  @Test
  void anAmountThatIsNotTheOrdersTotalIsUnprocessableAndTheOrderStaysUnpaid() throws Exception {
    String body = event(PaymentEvent.SUCCEEDED, 1);

    assertThat(deliver(body, sign(body, SECRET)).statusCode()).isEqualTo(422);
    assertThat(shop.orders().find(order.id()).orElseThrow().status())
        .isEqualTo(Order.Status.AWAITING_PAYMENT);
  }

  @Test
  void aPaymentForAnUnknownOrderIsNotFound() {
    String body = event(PaymentEvent.SUCCEEDED, 900).replace(order.id(), "no-such-order");

    assertThat(deliver(body, sign(body, SECRET)).statusCode()).isEqualTo(404);
  }

  @Test
  void otherEventTypesAreAcknowledgedAndIgnored() throws Exception {
    String body = event("payment.refunded", 900);

    assertThat(deliver(body, sign(body, SECRET)).statusCode()).isEqualTo(204);
    assertThat(TestShops.published(shop.orderPaid()).published()).isEmpty();
  }

  @Test
  void aRetriedCallKeepsTheOrderPaidAndPublishesAgain() throws Exception {
    String body = event(PaymentEvent.SUCCEEDED, 900);

    deliver(body, sign(body, SECRET));
    assertThat(deliver(body, sign(body, SECRET)).statusCode()).isEqualTo(204);

    assertThat(shop.orders().find(order.id()).orElseThrow().status()).isEqualTo(Order.Status.PAID);
    assertThat(TestShops.published(shop.orderPaid()).published()).hasSize(2);
  }

  @Test
  void whenPublishingFailsTheProviderGetsA500AndItsRetryPublishes() {
    AtomicInteger attempts = new AtomicInteger();
    InMemoryPublisher<OrderPaid> broker = new InMemoryPublisher<>();
    Publisher<OrderPaid> flaky =
        (key, message) -> {
          if (attempts.incrementAndGet() == 1) {
            throw new java.io.IOException("broker unreachable");
          }
          broker.publish(key, message);
        };
    Shop withFlakyBroker =
        new Shop(
            shop.catalog(),
            shop.orders(),
            shop.inventory(),
            shop.receipts(),
            flaky,
            shop.receiptReady(),
            shop.clock());
    String body = event(PaymentEvent.SUCCEEDED, 900);
    try (LocalInvoker webhook = LocalInvoker.of(new PaymentWebhook(withFlakyBroker, SECRET))) {
      HttpRequest request =
          HttpRequest.builder("POST", "/")
              .header(PaymentWebhook.SIGNATURE_HEADER, sign(body, SECRET))
              .body(body)
              .build();

      HttpResponse failed = webhook.http("payment-webhook", request);
      HttpResponse retried = webhook.http("payment-webhook", request);

      assertThat(failed.statusCode()).isEqualTo(500);
      assertThat(failed.bodyAsString()).doesNotContain("broker unreachable");
      assertThat(retried.statusCode()).isEqualTo(204);
      assertThat(broker.published()).hasSize(1);
    }
  }

  @Test
  void aShortSecretIsRefused() {
    assertThatThrownBy(() -> new PaymentWebhook(shop, "short".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("short");
  }
}
