package dev.portablefunctions.samples.shop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portablefunctions.HttpRequest;
import dev.portablefunctions.HttpResponse;
import dev.portablefunctions.local.LocalInvoker;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OrderApiTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TWO_CUPS =
      "{\"customerId\":\"c-1\",\"lines\":[{\"sku\":\"CUP-ESP\",\"quantity\":2}]}";

  private final Shop shop = TestShops.fresh();
  private final LocalInvoker invoker = LocalInvoker.of(new OrderApi(shop));

  @AfterEach
  void close() {
    invoker.close();
  }

  private HttpResponse post(String key, String body) {
    HttpRequest.Builder request =
        HttpRequest.builder("POST", "/orders")
            .header("Content-Type", "application/json")
            .body(body);
    if (key != null) {
      request.header("Idempotency-Key", key);
    }
    return invoker.http("order-api", request.build());
  }

  private HttpResponse get(String path) {
    HttpRequest.Builder request = HttpRequest.builder("GET", path.replaceAll("\\?.*", ""));
    if (path.contains("?")) {
      request.rawQuery(path.substring(path.indexOf('?') + 1));
    }
    return invoker.http("order-api", request.build());
  }

  private static JsonNode json(HttpResponse response) throws Exception {
    return JSON.readTree(response.bodyAsString());
  }

  @Test
  void createsAnOrderPricedFromTheCatalog() throws Exception {
    HttpResponse response = post("k-1", TWO_CUPS);

    assertThat(response.statusCode()).isEqualTo(201);
    JsonNode order = json(response);
    assertThat(response.headers().first("Location"))
        .contains("orders/" + order.path("id").asText());
    assertThat(order.path("totalCents").asLong()).isEqualTo(900);
    assertThat(order.path("currency").asText()).isEqualTo("EUR");
    assertThat(order.path("status").asText()).isEqualTo("AWAITING_PAYMENT");
    assertThat(order.path("createdAt").asText()).isEqualTo("2024-05-01T12:00:00Z");
    assertThat(order.path("lines").get(0).path("unitPriceCents").asLong()).isEqualTo(450);
  }

  @Test
  void aRetryWithTheSameKeyAndBodyAnswersTheSameOrderAndStoresNothingNew() throws Exception {
    String first = json(post("k-1", TWO_CUPS)).path("id").asText();

    HttpResponse retry =
        post(
            "k-1",
            "{ \"customerId\": \"c-1\",\n \"lines\": [{\"quantity\": 2, \"sku\": \"CUP-ESP\"}] }");

    assertThat(retry.statusCode()).isEqualTo(201);
    assertThat(retry.headers().first("Idempotent-Replayed")).contains("true");
    assertThat(json(retry).path("id").asText()).isEqualTo(first);
    assertThat(shop.orders().byCustomer("c-1", 10)).hasSize(1);
  }

  @Test
  void theSameKeyWithAnotherBodyIsAConflict() throws Exception {
    post("k-1", TWO_CUPS);

    HttpResponse response =
        post("k-1", "{\"customerId\":\"c-1\",\"lines\":[{\"sku\":\"CUP-ESP\",\"quantity\":3}]}");

    assertThat(response.statusCode()).isEqualTo(409);
    assertThat(response.headers().first("Content-Type")).contains("application/problem+json");
    assertThat(json(response).path("detail").asText())
        .contains("already used for a different order");
  }

  @Test
  void keysAreScopedToTheCustomer() throws Exception {
    String first = json(post("k-1", TWO_CUPS)).path("id").asText();

    HttpResponse other =
        post("k-1", "{\"customerId\":\"c-2\",\"lines\":[{\"sku\":\"CUP-ESP\",\"quantity\":2}]}");

    assertThat(other.statusCode()).isEqualTo(201);
    assertThat(json(other).path("id").asText()).isNotEqualTo(first);
  }

  @Test
  void concurrentRetriesWithOneKeyCreateOneOrder() throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(8);
    try {
      List<Callable<String>> calls = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        calls.add(() -> json(post("same", TWO_CUPS)).path("id").asText());
      }
      List<String> ids = new ArrayList<>();
      for (Future<String> id : threads.invokeAll(calls)) {
        ids.add(id.get());
      }
      assertThat(ids).containsOnly(ids.get(0));
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void withoutAnIdempotencyKeyTheRequestIsBad() throws Exception {
    HttpResponse response = post(null, TWO_CUPS);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).path("detail").asText()).contains("Idempotency-Key");
  }

  @Test
  void anInvalidOrderIsUnprocessableAndSaysEveryProblem() throws Exception {
    HttpResponse response =
        post(
            "k-1",
            "{\"customerId\":\"c 1\",\"lines\":[{\"sku\":\"CUP-ESP\",\"quantity\":0},"
                + "{\"sku\":\"CUP-ESP\",\"quantity\":1}]}");

    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(json(response).path("detail").asText())
        .contains(
            "customerId:",
            "lines[0].quantity: 1 to 100",
            "lines[1].sku: CUP-ESP is on an earlier line");
  }

  @Test
  void anUnknownProductOrAMixOfCurrenciesIsUnprocessable() throws Exception {
    HttpResponse response =
        post(
            "k-1",
            "{\"customerId\":\"c-1\",\"lines\":[{\"sku\":\"CUP-ESP\",\"quantity\":1},"
                + "{\"sku\":\"NOPE\",\"quantity\":1},{\"sku\":\"MUG-USD\",\"quantity\":1}]}");

    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(json(response).path("detail").asText())
        .contains(
            "lines[1].sku: the shop does not sell NOPE", "lines[2].sku: priced in USD, not EUR");
    assertThat(shop.orders().byCustomer("c-1", 10)).isEmpty();
  }

  @Test
  void malformedJsonIsABadRequest() throws Exception {
    HttpResponse response = post("k-1", "{\"customerId\":");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().first("Content-Type")).contains("application/problem+json");
  }

  @Test
  void getsAnOrderByIdAndAnUnknownIdIsNotFound() throws Exception {
    String id = json(post("k-1", TWO_CUPS)).path("id").asText();

    assertThat(json(get("/orders/" + id)).path("id").asText()).isEqualTo(id);
    HttpResponse missing = get("/orders/no-such-order");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(json(missing).path("detail").asText()).doesNotContain("no-such-order");
  }

  @Test
  void listsACustomersOrdersUpToTheLimit() throws Exception {
    post("k-1", TWO_CUPS);
    post("k-2", "{\"customerId\":\"c-1\",\"lines\":[{\"sku\":\"MUG-TALL\",\"quantity\":1}]}");
    post("k-3", "{\"customerId\":\"c-2\",\"lines\":[{\"sku\":\"MUG-TALL\",\"quantity\":1}]}");

    assertThat(json(get("/orders?customerId=c-1"))).hasSize(2);
    assertThat(json(get("/orders?customerId=c-1&limit=1"))).hasSize(1);
    assertThat(get("/orders").statusCode()).isEqualTo(400);
    assertThat(get("/orders?customerId=c-1&limit=1000").statusCode()).isEqualTo(400);
  }

  @Test
  void otherPathsAreNotFoundAndOtherMethodsNotAllowed() {
    assertThat(get("/customers").statusCode()).isEqualTo(404);
    assertThat(get("/orders/1/lines").statusCode()).isEqualTo(404);
    assertThat(
            invoker
                .http("order-api", HttpRequest.builder("DELETE", "/orders/1").build())
                .statusCode())
        .isEqualTo(405);
    assertThat(
            invoker
                .http("order-api", HttpRequest.builder("POST", "/orders/1").build())
                .statusCode())
        .isEqualTo(405);
  }
}
