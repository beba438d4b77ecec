package dev.portablefunctions.azure.testfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portablefunctions.Context;
import dev.portablefunctions.Message;
import dev.portablefunctions.MessageFunction;
import dev.portablefunctions.PortableFunction;

/** Records the JSON record of each message ({@code context.unwrap(JsonNode.class)}), or "none". */
@PortableFunction("record-message-record")
public final class RecordMessageRecord implements MessageFunction {
  @Override
  public void handle(Message message, Context context) {
    Recorded.add(context.unwrap(JsonNode.class).map(Object.class::cast).orElse("none"));
  }
}
