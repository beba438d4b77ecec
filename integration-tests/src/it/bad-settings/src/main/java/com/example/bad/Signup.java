package com.example.bad;

import dev.portablefunctions.Context;
import dev.portablefunctions.Message;
import dev.portablefunctions.MessageFunction;

public final class Signup implements MessageFunction {
  @Override
  public void handle(Message message, Context context) {}
}
