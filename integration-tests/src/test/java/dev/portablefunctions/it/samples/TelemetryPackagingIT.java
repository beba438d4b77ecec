package dev.portablefunctions.it.samples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * What {@code mvn package} wrote for samples/telemetry, for each cloud carries the trigger each
 * function is configured with in the pom. Runs after {@code package} (Failsafe).
 */
class TelemetryPackagingIT {

  private final Packaged packaged = new Packaged("telemetry");

  @Test
  void samTemplateReadsTheKinesisStreamAndSchedulesTheRollup() {
    assertThat(packaged.samResource("IngestReadings"))
        .contains(
            "PORTABLE_FUNCTION: \"ingest-readings\"",
            "Type: \"Kinesis\"",
            "Stream: \"arn:aws:kinesis:",
            "StartingPosition: \"LATEST\"",
            "BatchSize: 100",
            "- \"ReportBatchItemFailures\"");
    assertThat(packaged.samResource("HourlyRollup"))
        .contains("Type: \"Schedule\"", "Schedule: \"cron(5 * * * ? *)\"");
  }

  @Test
  void azureReadsTheEventHubInBatchesWithARetryPolicyAndTimesTheRollup() {
    JsonNode ingest = packaged.azureFunction("ingest-readings");
    JsonNode hub = ingest.path("bindings").get(0);
    assertThat(hub.path("type").asText()).isEqualTo("eventHubTrigger");
    assertThat(hub.path("eventHubName").asText()).isEqualTo("telemetry");
    assertThat(hub.path("connection").asText()).isEqualTo("EventHubConnection");
    assertThat(hub.path("consumerGroup").asText()).isEqualTo("ingest");
    assertThat(hub.path("cardinality").asText()).isEqualTo("many");
    assertThat(ingest.path("retry").path("strategy").asText()).isEqualTo("exponentialBackoff");
    assertThat(ingest.path("retry").path("maxRetryCount").asInt()).isEqualTo(5);

    JsonNode timer = packaged.azureTrigger("hourly-rollup");
    assertThat(timer.path("type").asText()).isEqualTo("timerTrigger");
    assertThat(timer.path("schedule").asText()).isEqualTo("0 5 * * * *");
  }

  @Test
  void deployScriptSubscribesToTheTopicAndSchedulesTheRollup() {
    assertThat(packaged.gcloudDeploy("ingest-readings"))
        .contains(
            "--entry-point=dev.portablefunctions.gcp.GcpEventFunction",
            "--trigger-topic=telemetry");
    assertThat(packaged.gcloudDeploy("hourly-rollup")).contains("--trigger-topic=hourly-rollup");
    assertThat(packaged.deployScript())
        .contains(
            "gcloud scheduler jobs create pubsub hourly-rollup",
            "--schedule=\"5 * * * *\" --time-zone=UTC");
  }

  @Test
  void containerImageAndManifestsAreWritten() throws java.io.IOException {
    packaged.assertContainerImageAndManifests();
  }
}
