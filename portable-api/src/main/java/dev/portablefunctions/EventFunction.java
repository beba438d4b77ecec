package dev.portablefunctions;

/**
 * A function that reacts to one event and returns nothing.
 *
 * <p>The type argument says which events it takes, and so which triggers can reach it:
 *
 * <ul>
 *   <li>{@link StorageEvent}: an object was created or deleted in a bucket or container (S3
 *       notifications and EventBridge on AWS, Blob trigger and Event Grid on Azure, Cloud Storage
 *       on Google Cloud);
 *   <li>{@link ScheduleEvent}: a schedule fired (EventBridge rules and Scheduler, Azure Timer,
 *       Cloud Scheduler);
 *   <li>{@link io.cloudevents.CloudEvent}: any event, as a CloudEvent (any other EventBridge or
 *       Event Grid event, any Eventarc event, or a CloudEvent posted to the local server).
 * </ul>
 *
 * <p>Any other type argument is rejected when the function is compiled.
 *
 * <pre>{@code
 * public final class Thumbnail implements EventFunction<StorageEvent> {
 *   public void handle(StorageEvent event, Context context) {
 *     if (event.change() == StorageEvent.Change.CREATED) {
 *       context.logger().info("new object " + event.bucket() + "/" + event.key());
 *     }
 *   }
 * }
 * }</pre>
 *
 * <p><b>Errors.</b> An exception fails the invocation the provider's way, so that the provider's
 * retry and dead-letter settings apply; it is logged once with the invocation id.
 *
 * @param <E> {@link StorageEvent}, {@link ScheduleEvent} or {@link io.cloudevents.CloudEvent}
 */
@FunctionalInterface
public interface EventFunction<E> {

  /**
   * Handles one event.
   *
   * @param event the event, never null
   * @param context this invocation's context, never null
   * @throws Exception any failure; the provider retries or dead-letters the event
   */
  void handle(E event, Context context) throws Exception;
}
