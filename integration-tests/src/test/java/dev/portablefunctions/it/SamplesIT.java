package dev.portablefunctions.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import dev.portablefunctions.gcp.testing.InvokerProcess;
import dev.portablefunctions.it.Runtimes.Lambda;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs what {@code mvn package} wrote for the samples ({@code samples/shop}, {@code
 * samples/telemetry}, {@code samples/api}) in the components that run them in the cloud, fed the
 * providers' recorded event shapes ({@code events/aws/*.json} of adapter-aws's test jar) with only
 * the fields that matter changed: the Lambda zips under the real AWS Lambda runtime interface
 * client, the Cloud Functions folder under the real Functions Framework invoker. Each function runs
 * on its default wiring, exactly as deployed.
 */
class SamplesIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WAIT = Duration.ofSeconds(30);

  private static Path samples;

  @BeforeAll
  static void packaged() throws IOException {
    samples = Path.of(System.getProperty("samples.dir"));
    for (String sample : List.of("shop", "telemetry", "api")) {
      assertThat(samples.resolve(sample + "/target/portable/aws/template.yaml"))
          .as("the %s sample was packaged (mvn install -pl samples/%s)", sample, sample)
          .exists();
    }
  }

  // ---------------------------------------------------------------- shop, on AWS Lambda

  @Test
  void shopOrderApiTakesAnApiGatewayPostUnderTheRuntimeInterfaceClient(@TempDir Path taskRoot)
      throws IOException {
    ObjectNode post = Runtimes.awsEvent("apigw-http-v2.json");
    post.put("rawPath", "/orders");
    ((ObjectNode) post.path("requestContext").path("http")).put("path", "/orders");
    ((ObjectNode) post.path("headers"))
        .put("content-type", "application/json")
        .put("idempotency-key", "it-order-1");
    post.put("body", "{\"customerId\":\"c-1\",\"lines\":[{\"sku\":\"CUP-ESP\",\"quantity\":2}]}");

    try (Lambda orders = lambda("shop", "order-api", taskRoot)) {
      JsonNode created = orders.respond(post.toString());
      JsonNode retried = orders.respond(post.toString());

      assertThat(created.path("statusCode").asInt()).isEqualTo(201);
      JsonNode order = JSON.readTree(created.path("body").asText());
      assertThat(order.path("totalCents").asLong()).isEqualTo(900);
      assertThat(order.path("status").asText()).isEqualTo("AWAITING_PAYMENT");
      assertThat(created.path("headers").path("location").asText())
          .isEqualTo("orders/" + order.path("id").asText());
      assertThat(retried.path("statusCode").asInt()).isEqualTo(201);
      assertThat(retried.path("headers").path("idempotent-replayed").asText()).isEqualTo("true");
      assertThat(JSON.readTree(retried.path("body").asText()).path("id"))
          .isEqualTo(order.path("id"));
    }
  }

  @Test
  void shopReserveStockReportsOnlyThePoisonOrderOfAnSqsBatch(@TempDir Path taskRoot)
      throws IOException {
    ObjectNode batch = Runtimes.awsEvent("sqs-with-poison.json");
    ArrayNode records = (ArrayNode) batch.path("Records");
    ((ObjectNode) records.get(0))
        .put(
            "body",
            "{\"orderId\":\"o-1\",\"paymentId\":\"pay_1\",\"lines\":[{\"sku\":\"CUP-ESP\","
                + "\"quantity\":2,\"unitPriceCents\":450}],\"paidAt\":\"2024-05-01T12:00:00Z\"}");
    ((ObjectNode) records.get(1))
        .put(
            "body",
            "{\"orderId\":\"o-2\",\"paymentId\":\"pay_2\",\"lines\":[{\"sku\":\"BEANS-1KG\","
                + "\"quantity\":50,\"unitPriceCents\":2400}],\"paidAt\":\"2024-05-01T12:00:01Z\"}");
    String poison = records.get(1).path("messageId").asText();

    try (Lambda reserve = lambda("shop", "reserve-stock", taskRoot)) {
      JsonNode response = reserve.respond(batch.toString());

      assertThat(response)
          .isEqualTo(
              JSON.readTree("{\"batchItemFailures\":[{\"itemIdentifier\":\"" + poison + "\"}]}"));
      assertThat(reserve.runtime().output())
          .contains("Stock reserved for order o-1")
          .contains("Not enough stock for order o-2: BEANS-1KG (50 ordered, 20 left)");
    }
  }

  // ---------------------------------------------------------------- telemetry, on AWS Lambda

  @Test
  void telemetryDropsAMalformedKinesisRecordWithoutHoldingBackItsShard(@TempDir Path taskRoot)
      throws IOException {
    ObjectNode batch = Runtimes.awsEvent("kinesis.json");
    ArrayNode records = (ArrayNode) batch.path("Records");
    ObjectNode malformed = (ObjectNode) records.get(0).path("kinesis");
    malformed.put("partitionKey", "boiler-7");
    malformed.put("data", base64("{\"deviceId\":\"boiler-7\",\"celsius\":"));
    ObjectNode hot = (ObjectNode) records.get(1).path("kinesis");
    hot.put("partitionKey", "boiler-7");
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    hot.put(
        "data", base64("{\"deviceId\":\"boiler-7\",\"time\":\"" + now + "\",\"celsius\":75.5}"));

    try (Lambda ingest = lambda("telemetry", "ingest-readings", taskRoot)) {
      JsonNode response = ingest.respond(batch.toString());

      assertThat(response).isEqualTo(JSON.readTree("{\"batchItemFailures\":[]}"));
      assertThat(ingest.runtime().output())
          .contains("Reading " + malformed.path("sequenceNumber").asText() + " rejected")
          .contains("Alert: device boiler-7 reached 75.5")
          .doesNotContain("\\\"celsius\\\":");
    }
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  /** One function of a sample's Lambda zip, unpacked into the task root, under the real client. */
  private static Lambda lambda(String sample, String function, Path taskRoot) throws IOException {
    Runtimes.unzip(
        Runtimes.only(samples.resolve(sample + "/target/portable/aws"), ".zip"), taskRoot);
    return Lambda.start(taskRoot, function);
  }

  // ---------------------------------------------------------------- api, on Google Cloud Functions

  @Test
  void apiServesETagsAndForwardsTheTraceUnderTheFunctionsFrameworkInvoker() throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    try (PricingService pricing = new PricingService();
        InvokerProcess books =
            InvokerProcess.builder(InvokerProcess.invokerJarFromSystemProperty())
                .classpath(
                    Runtimes.only(samples.resolve("api/target/portable/gcp/function"), ".jar"))
                .target("dev.portablefunctions.gcp.GcpHttpFunction")
                .env("PORTABLE_FUNCTION", "books")
                .env("PRICING_URL", pricing.url())
                .start()) {
      HttpResponse<String> created =
          client.send(
              HttpRequest.newBuilder(books.uri("/books"))
                  .header("Content-Type", "application/json")
                  .POST(
                      BodyPublishers.ofString(
                          "{\"isbn\":\"9780134685991\",\"title\":\"Effective Java\","
                              + "\"author\":\"Joshua Bloch\",\"year\":2018}"))
                  .build(),
              BodyHandlers.ofString());
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

      HttpResponse<String> read =
          client.send(
              HttpRequest.newBuilder(books.uri("/books/9780134685991"))
                  .header("traceparent", traceparent)
                  .build(),
              BodyHandlers.ofString());
      String etag = read.headers().firstValue("ETag").orElseThrow();
      HttpResponse<String> unchanged =
          client.send(
              HttpRequest.newBuilder(books.uri("/books/9780134685991"))
                  .header("traceparent", traceparent)
                  .header("If-None-Match", etag)
                  .build(),
              BodyHandlers.ofString());
      HttpResponse<String> price =
          client.send(
              HttpRequest.newBuilder(books.uri("/books/9780134685991/price"))
                  .header("traceparent", traceparent)
                  .header("Accept", "text/csv")
                  .build(),
              BodyHandlers.ofString());

      assertThat(read.statusCode()).isEqualTo(200);
      assertThat(JSON.readTree(read.body()).path("title").asText()).isEqualTo("Effective Java");
      assertThat(unchanged.statusCode()).isEqualTo(304);
      assertThat(unchanged.body()).isEmpty();
      assertThat(unchanged.headers().firstValue("ETag")).contains(etag);
      assertThat(price.statusCode()).as(price.body()).isEqualTo(200);
      assertThat(price.body()).isEqualTo("isbn,amount,currency\r\n9780134685991,12.99,EUR\r\n");
      Headers forwarded = pricing.received.get(0);
      assertThat(forwarded.getFirst("traceparent")).isEqualTo(traceparent);
      assertThat(forwarded.getFirst("b3"))
          .isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-1");
    }
  }

  /** The pricing service the api sample calls, on a loopback port, recording what it is sent. */
  private static final class PricingService implements AutoCloseable {
    final HttpServer server;
    final List<Headers> received = new CopyOnWriteArrayList<>();

    PricingService() throws IOException {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.createContext(
          "/prices/",
          exchange -> {
            received.add(exchange.getRequestHeaders());
            byte[] body =
                "{\"amount\":\"12.99\",\"currency\":\"EUR\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
          });
      server.start();
    }

    String url() {
      return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }
}
