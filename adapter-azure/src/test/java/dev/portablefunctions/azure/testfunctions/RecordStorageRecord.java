package dev.portablefunctions.azure.testfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portablefunctions.Context;
import dev.portablefunctions.EventFunction;
import dev.portablefunctions.PortableFunction;
import dev.portablefunctions.StorageEvent;

/** Records the JSON record of each storage event ({@code context.unwrap(JsonNode.class)}). */
@PortableFunction("record-storage-record")
public final class RecordStorageRecord implements EventFunction<StorageEvent> {
  @Override
  public void handle(StorageEvent event, Context context) {
    Recorded.add(context.unwrap(JsonNode.class).map(Object.class::cast).orElse("none"));
  }
}
