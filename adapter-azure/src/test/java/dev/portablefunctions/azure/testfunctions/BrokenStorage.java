package dev.portablefunctions.azure.testfunctions;

import dev.portablefunctions.Context;
import dev.portablefunctions.EventFunction;
import dev.portablefunctions.StorageEvent;

/** A storage function that always fails. */
public final class BrokenStorage implements EventFunction<StorageEvent> {
  @Override
  public void handle(StorageEvent event, Context context) {
    throw new IllegalStateException("disk full at /var/secret");
  }
}
