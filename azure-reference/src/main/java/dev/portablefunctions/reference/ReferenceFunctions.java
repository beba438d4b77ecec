package dev.portablefunctions.reference;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatus;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.BlobTrigger;
import com.microsoft.azure.functions.annotation.Cardinality;
import com.microsoft.azure.functions.annotation.EventGridTrigger;
import com.microsoft.azure.functions.annotation.EventHubTrigger;
import com.microsoft.azure.functions.annotation.ExponentialBackoffRetry;
import com.microsoft.azure.functions.annotation.FixedDelayRetry;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import com.microsoft.azure.functions.annotation.QueueTrigger;
import com.microsoft.azure.functions.annotation.ServiceBusQueueTrigger;
import com.microsoft.azure.functions.annotation.ServiceBusTopicTrigger;
import com.microsoft.azure.functions.annotation.TimerTrigger;
import java.util.Optional;

/**
 * The echo functions' triggers written the way Azure's Java programming model has users write them:
 * annotated methods, from which azure-functions-maven-plugin generates {@code function.json}. The
 * bodies do nothing; the annotations are the point. {@code FunctionJsonReferenceIT} generates the
 * same app with {@code AzureApp} (see {@code ReferenceApp}) and compares the two.
 *
 * <p>Each method mirrors the binding the plugin's generator writes for the matching trigger
 * settings: the binding names of the adapter's entry points ({@code request}, {@code message},
 * {@code events}, {@code content}, {@code timer}, {@code event}) and its data types ({@code binary}
 * for every body but the text HTTP one and Event Grid's).
 */
public class ReferenceFunctions {

  /** echo-http, with a binary body, every method, anonymous. */
  @FunctionName("echo-http")
  public HttpResponseMessage echoHttp(
      @HttpTrigger(
              name = "request",
              dataType = "binary",
              route = "echo-http/{*path}",
              methods = {
                HttpMethod.GET,
                HttpMethod.HEAD,
                HttpMethod.POST,
                HttpMethod.PUT,
                HttpMethod.DELETE,
                HttpMethod.CONNECT,
                HttpMethod.OPTIONS,
                HttpMethod.TRACE,
                HttpMethod.PATCH
              },
              authLevel = AuthorizationLevel.ANONYMOUS)
          HttpRequestMessage<Optional<byte[]>> request,
      ExecutionContext context) {
    return request.createResponseBuilder(HttpStatus.OK).build();
  }

  /** echo-typed, a text body over POST, with a function key. */
  @FunctionName("echo-typed")
  public HttpResponseMessage echoTyped(
      @HttpTrigger(
              name = "request",
              route = "echo-typed",
              methods = {HttpMethod.POST},
              authLevel = AuthorizationLevel.FUNCTION)
          HttpRequestMessage<Optional<String>> request,
      ExecutionContext context) {
    return request.createResponseBuilder(HttpStatus.OK).build();
  }

  /** echo-message on a storage queue. */
  @FunctionName("echo-message")
  public void echoMessageQueue(
      @QueueTrigger(
              name = "message",
              queueName = "pf-orders",
              connection = "AzureWebJobsStorage",
              dataType = "binary")
          byte[] message,
      @BindingName("Id") String id,
      ExecutionContext context) {}

  /** echo-message on a Service Bus queue. */
  @FunctionName("echo-message_commands")
  public void echoMessageServiceBusQueue(
      @ServiceBusQueueTrigger(
              name = "message",
              queueName = "pf-commands",
              connection = "ServiceBusConnection",
              dataType = "binary")
          byte[] message,
      @BindingName("MessageId") String messageId,
      ExecutionContext context) {}

  /** echo-message on a Service Bus topic subscription. */
  @FunctionName("echo-message_events")
  public void echoMessageServiceBusTopic(
      @ServiceBusTopicTrigger(
              name = "message",
              topicName = "pf-events",
              subscriptionName = "portable",
              connection = "ServiceBusConnection",
              dataType = "binary")
          byte[] message,
      ExecutionContext context) {}

  /** echo-message on an event hub, in batches, with a fixed-delay retry. */
  @FunctionName("echo-message_telemetry")
  @FixedDelayRetry(maxRetryCount = 3, delayInterval = "00:00:05")
  public void echoMessageEventHub(
      @EventHubTrigger(
              name = "events",
              eventHubName = "pf-telemetry",
              connection = "EventHubConnection",
              consumerGroup = "portable",
              cardinality = Cardinality.MANY,
              dataType = "binary")
          byte[][] events,
      @BindingName("SystemPropertiesArray") String systemProperties,
      ExecutionContext context) {}

  /** echo-storage on a blob container. */
  @FunctionName("echo-storage")
  public void echoStorageBlob(
      @BlobTrigger(
              name = "content",
              path = "samples/{name}",
              connection = "AzureWebJobsStorage",
              dataType = "binary")
          byte[] content,
      @BindingName("BlobTrigger") String blobTrigger,
      ExecutionContext context) {}

  /** echo-storage on Event Grid blob events. */
  @FunctionName("echo-storage_grid")
  public void echoStorageEventGrid(
      @EventGridTrigger(name = "event") String event, ExecutionContext context) {}

  /** echo-schedule every five minutes, with an exponential-backoff retry. */
  @FunctionName("echo-schedule")
  @ExponentialBackoffRetry(
      maxRetryCount = 5,
      minimumInterval = "00:00:10",
      maximumInterval = "00:15:00")
  public void echoSchedule(
      @TimerTrigger(name = "timer", schedule = "0 */5 * * * *") String timer,
      ExecutionContext context) {}

  /** echo-event on any Event Grid event. */
  @FunctionName("echo-event")
  public void echoEvent(@EventGridTrigger(name = "event") String event, ExecutionContext context) {}
}
