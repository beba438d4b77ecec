package dev.portablefunctions.aws.testfunctions;

import dev.portablefunctions.Context;
import dev.portablefunctions.EventFunction;
import io.cloudevents.CloudEvent;

/**
 * A CloudEvent function that always throws, so Lambda's error path and retries apply, with a
 * message that must never reach Lambda's caller or a dead-letter queue.
 */
public final class FailingEvent implements EventFunction<CloudEvent> {

  @Override
  public void handle(CloudEvent event, Context context) {
    throw new IllegalStateException(
        "cannot handle event " + event.getId() + ": database password hunter2 was refused");
  }
}
