package dev.portablefunctions.samples.shop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.portablefunctions.HttpRequest;
import dev.portablefunctions.HttpResponse;
import dev.portablefunctions.local.LocalFunctionsExtension;
import dev.portablefunctions.local.LocalInvoker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The functions as the adapters create them: from the build-time index, with their no-argument
 * constructors, on the default shop.
 */
@ExtendWith(LocalFunctionsExtension.class)
class DefaultShopTest {

  @Test
  void theOrderApiServesTheDemoCatalog(LocalInvoker invoker) {
    HttpResponse created =
        invoker.http(
            "order-api",
            HttpRequest.builder("POST", "/orders")
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", "default-shop-test")
                .body(
                    "{\"customerId\":\"default-shop-test\",\"lines\":[{\"sku\":\"BEANS-1KG\",\"quantity\":1}]}")
                .build());

    assertThat(created.statusCode()).isEqualTo(201);
    String location = created.headers().first("Location").orElseThrow();
    HttpResponse read =
        invoker.http("order-api", HttpRequest.builder("GET", "/" + location).build());
    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(read.bodyAsString()).contains("\"totalCents\":2400");
  }

  @Test
  void theWebhookDoesNotStartWithoutItsSecret(LocalInvoker invoker) {
    assumeTrue(System.getenv(PaymentWebhook.SECRET_VARIABLE) == null, "the secret is set here");
    HttpResponse response =
        invoker.http("payment-webhook", HttpRequest.builder("POST", "/").body("{}").build());

    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(invoker.logs()).anyMatch(line -> line.contains(PaymentWebhook.SECRET_VARIABLE));
  }
}
