package dev.portablefunctions.test;

/**
 * A kind of event that every cloud delivers in its own shape, for {@link ProviderEvents}: the
 * argument source supplies one {@link ProviderTrigger} per cloud trigger that delivers it.
 *
 * <pre>{@code
 * @ParameterizedTest(name = "{0}")
 * @ProviderEvents(EventKind.MESSAGE_BATCH)
 * void aPoisonMessageFailsAlone(ProviderTrigger trigger) {
 *   trigger.messages(Replay.function("signup"), "{\"email\":\"ada@example.com\"}", "not json")
 *       .assertFailed(1);
 * }
 * }</pre>
 */
public enum EventKind {

  /**
   * An HTTP request ({@link ProviderTrigger#http}): API Gateway REST and HTTP APIs, the Application
   * Load Balancer and function URLs on AWS; an HTTP function on Google Cloud; an HTTP trigger on
   * Azure.
   */
  HTTP_REQUEST,

  /**
   * A typed function's JSON input ({@link ProviderTrigger#invoke}): a direct invocation on AWS, and
   * a JSON {@code POST} through every HTTP source above.
   */
  TYPED_INVOCATION,

  /**
   * A batch of messages ({@link ProviderTrigger#messages}): SQS (standard and FIFO), SNS and
   * Kinesis on AWS; Pub/Sub on Google Cloud; Queue Storage, Service Bus and Event Hubs on Azure.
   * Sources that deliver one message per invocation (SNS, Pub/Sub, Queue Storage, Service Bus) get
   * one invocation per message.
   */
  MESSAGE_BATCH,

  /**
   * An object created in a bucket ({@link ProviderTrigger#storage}): an S3 notification and an
   * EventBridge S3 event; a Cloud Storage event; a blob trigger and an Event Grid {@code
   * BlobCreated} event in both schemas.
   */
  STORAGE_CHANGE,

  /**
   * A schedule's tick ({@link ProviderTrigger#tick}): an EventBridge scheduled rule and EventBridge
   * Scheduler; Cloud Scheduler through Pub/Sub and over HTTP; an Azure timer.
   */
  SCHEDULE_TICK,

  /**
   * Any other event, for CloudEvent functions ({@link ProviderTrigger#cloudEvent}): a custom
   * EventBridge event; an Eventarc event; a custom Event Grid event in both schemas.
   */
  CLOUD_EVENT
}
