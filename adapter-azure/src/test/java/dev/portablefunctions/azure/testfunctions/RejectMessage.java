package dev.portablefunctions.azure.testfunctions;

import dev.portablefunctions.Context;
import dev.portablefunctions.FunctionException;
import dev.portablefunctions.Message;
import dev.portablefunctions.MessageFunction;
import dev.portablefunctions.PortableFunction;

/** Refuses every message as a caller's error, with a detail meant to be shown. */
@PortableFunction("reject-message")
public final class RejectMessage implements MessageFunction {
  @Override
  public void handle(Message message, Context context) {
    throw FunctionException.badInput("order 7 is not valid");
  }
}
