package com.example.orders;

import dev.portablefunctions.Context;
import dev.portablefunctions.FunctionException;
import dev.portablefunctions.Message;
import dev.portablefunctions.MessageFunction;

/** Takes one sign-up per message; a body without an e-mail address is a poison message. */
public final class Signup implements MessageFunction {

  @Override
  public void handle(Message message, Context context) {
    String body = message.bodyAsString();
    if (!body.contains("@")) {
      throw FunctionException.badInput("message " + message.id() + " holds no e-mail address");
    }
    context.logger().info("SIGNED UP " + message.id());
  }
}
