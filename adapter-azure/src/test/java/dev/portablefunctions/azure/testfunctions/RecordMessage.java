package dev.portablefunctions.azure.testfunctions;

import dev.portablefunctions.Context;
import dev.portablefunctions.Message;
import dev.portablefunctions.MessageFunction;
import dev.portablefunctions.PortableFunction;

/** Records each message. */
@PortableFunction("record-message")
public final class RecordMessage implements MessageFunction {
  @Override
  public void handle(Message message, Context context) {
    Recorded.add(message);
  }
}
