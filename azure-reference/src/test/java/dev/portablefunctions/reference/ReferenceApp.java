package dev.portablefunctions.reference;

import dev.portablefunctions.maven.azure.AzureApp;
import dev.portablefunctions.maven.azure.AzureFunction;
import dev.portablefunctions.maven.azure.AzureTrigger;
import dev.portablefunctions.maven.azure.AzureTrigger.Http.AuthLevel;
import dev.portablefunctions.maven.azure.RetryPolicy;
import dev.portablefunctions.spi.FunctionKind;
import java.time.Duration;

/** The app of {@link ReferenceFunctions}, described with the plugin's generator instead. */
final class ReferenceApp {

  private ReferenceApp() {}

  static AzureApp of(String jar) {
    return AzureApp.builder(jar)
        .function(
            AzureFunction.of(
                "echo-http",
                FunctionKind.HTTP,
                AzureTrigger.http().withAuthLevel(AuthLevel.ANONYMOUS).withBinaryBody()))
        .function(
            AzureFunction.of(
                "echo-typed",
                FunctionKind.TYPED,
                AzureTrigger.http().withRoute("echo-typed").withMethods("POST")))
        .function(
            AzureFunction.of(
                "echo-message",
                FunctionKind.MESSAGE,
                AzureTrigger.queue("pf-orders", "AzureWebJobsStorage")))
        .function(
            AzureFunction.of(
                "echo-message_commands",
                FunctionKind.MESSAGE,
                AzureTrigger.serviceBusQueue("pf-commands", "ServiceBusConnection")))
        .function(
            AzureFunction.of(
                "echo-message_events",
                FunctionKind.MESSAGE,
                AzureTrigger.serviceBusTopic("pf-events", "portable", "ServiceBusConnection")))
        .function(
            AzureFunction.of(
                    "echo-message_telemetry",
                    FunctionKind.MESSAGE,
                    AzureTrigger.eventHub("pf-telemetry", "EventHubConnection")
                        .withConsumerGroup("portable"))
                .withRetry(RetryPolicy.fixedDelay(3, Duration.ofSeconds(5))))
        .function(
            AzureFunction.of(
                "echo-storage",
                FunctionKind.STORAGE,
                AzureTrigger.blob("samples/{name}", "AzureWebJobsStorage")))
        .function(
            AzureFunction.of("echo-storage_grid", FunctionKind.STORAGE, AzureTrigger.eventGrid()))
        .function(
            AzureFunction.of(
                    "echo-schedule", FunctionKind.SCHEDULE, AzureTrigger.timer("0 */5 * * * *"))
                .withRetry(
                    RetryPolicy.exponentialBackoff(
                        5, Duration.ofSeconds(10), Duration.ofMinutes(15))))
        .function(
            AzureFunction.of("echo-event", FunctionKind.CLOUD_EVENT, AzureTrigger.eventGrid()))
        .build();
  }
}
