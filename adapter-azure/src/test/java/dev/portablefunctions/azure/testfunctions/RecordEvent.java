package dev.portablefunctions.azure.testfunctions;

import dev.portablefunctions.Context;
import dev.portablefunctions.EventFunction;
import dev.portablefunctions.PortableFunction;
import io.cloudevents.CloudEvent;

/** Records each CloudEvent. */
@PortableFunction("record-event")
public final class RecordEvent implements EventFunction<CloudEvent> {
  @Override
  public void handle(CloudEvent event, Context context) {
    Recorded.add(event);
  }
}
