package dev.portablefunctions.azure.testfunctions;

import dev.portablefunctions.Context;
import dev.portablefunctions.EventFunction;
import dev.portablefunctions.PortableFunction;
import dev.portablefunctions.StorageEvent;

/** Records each storage event. */
@PortableFunction("record-storage")
public final class RecordStorage implements EventFunction<StorageEvent> {
  @Override
  public void handle(StorageEvent event, Context context) {
    Recorded.add(event);
  }
}
