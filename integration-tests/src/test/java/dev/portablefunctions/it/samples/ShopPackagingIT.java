package dev.portablefunctions.it.samples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * What {@code mvn package} wrote for samples/shop, for each cloud carries the trigger each function
 * is configured with in the pom. Runs after {@code package} (Failsafe).
 */
class ShopPackagingIT {

  private final Packaged packaged = new Packaged("shop");

  @Test
  void theLambdaZipHoldsTheShopAndTheAwsAdapterOnly() {
    assertThat(packaged.lambdaZipEntries())
        .contains("lib/" + packaged.artifact + ".jar")
        .anyMatch(entry -> entry.startsWith("lib/adapter-aws-"))
        .noneMatch(entry -> entry.contains("adapter-local") || entry.contains("adapter-azure"))
        .noneMatch(entry -> entry.contains("junit") || entry.contains("assertj"));
  }

  @Test
  void samTemplateGivesEveryFunctionItsEventSource() {
    assertThat(packaged.samResource("OrderApi"))
        .contains("PORTABLE_FUNCTION: \"order-api\"", "Type: \"HttpApi\"")
        .doesNotContain("Path:");
    assertThat(packaged.samResource("PaymentWebhook"))
        .contains(
            "PORTABLE_FUNCTION: \"payment-webhook\"",
            "Path: \"/webhooks/payments\"",
            "Method: \"POST\"");
    assertThat(packaged.samResource("ReserveStock"))
        .contains(
            "PORTABLE_FUNCTION: \"reserve-stock\"",
            "Type: \"SQS\"",
            "- \"ReserveStockQueue\"",
            "BatchSize: 10",
            "- \"ReportBatchItemFailures\"",
            "Timeout: 30");
    assertThat(packaged.samResource("ReserveStockQueue")).contains("VisibilityTimeout: 180");
    assertThat(packaged.samResource("ReceiptStored"))
        .contains(
            "Type: \"S3\"",
            "Ref: \"ReceiptStoredBucket\"",
            "- \"s3:ObjectCreated:*\"",
            "- \"s3:ObjectRemoved:*\"");
  }

  @Test
  void azureFunctionsHaveTheirBindings() {
    JsonNode orders = packaged.azureTrigger("order-api");
    assertThat(orders.path("type").asText()).isEqualTo("httpTrigger");
    assertThat(orders.path("route").asText()).isEqualTo("orders/{*path}");
    assertThat(orders.path("authLevel").asText()).isEqualTo("anonymous");
    assertThat(packaged.azureFunction("order-api").path("entryPoint").asText())
        .isEqualTo("dev.portablefunctions.azure.AzureFunctions.httpCustomRoute");

    JsonNode webhook = packaged.azureTrigger("payment-webhook");
    assertThat(webhook.path("route").asText()).isEqualTo("webhooks/payments");
    assertThat(webhook.path("methods").toString()).isEqualTo("[\"post\"]");

    JsonNode queue = packaged.azureTrigger("reserve-stock");
    assertThat(queue.path("type").asText()).isEqualTo("serviceBusTrigger");
    assertThat(queue.path("queueName").asText()).isEqualTo("order-paid");
    assertThat(queue.path("connection").asText()).isEqualTo("ServiceBusConnection");

    JsonNode blob = packaged.azureTrigger("receipt-stored");
    assertThat(blob.path("type").asText()).isEqualTo("blobTrigger");
    assertThat(blob.path("path").asText()).isEqualTo("receipts/{name}");
  }

  @Test
  void deployScriptGivesEveryFunctionItsGoogleCloudTrigger() {
    assertThat(packaged.gcloudDeploy("order-api"))
        .contains(
            "--entry-point=dev.portablefunctions.gcp.GcpHttpFunction",
            "--trigger-http",
            "--no-allow-unauthenticated");
    assertThat(packaged.gcloudDeploy("payment-webhook"))
        .contains("--trigger-http", "--allow-unauthenticated");
    assertThat(packaged.gcloudDeploy("reserve-stock"))
        .contains(
            "--entry-point=dev.portablefunctions.gcp.GcpEventFunction",
            "--trigger-topic=order-paid",
            "--timeout=30s");
    assertThat(packaged.gcloudDeploy("receipt-stored"))
        .contains(
            "--trigger-event-filters=type=google.cloud.storage.object.v1.finalized",
            "--trigger-event-filters=bucket=shop-receipts");
  }

  @Test
  void containerImageAndManifestsAreWritten() throws java.io.IOException {
    packaged.assertContainerImageAndManifests();
  }
}
