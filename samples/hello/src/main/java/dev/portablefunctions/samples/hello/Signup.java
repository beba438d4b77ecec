package dev.portablefunctions.samples.hello;

import dev.portablefunctions.Context;
import dev.portablefunctions.Message;
import dev.portablefunctions.MessageFunction;

/**
 * A message function: each message is a JSON sign-up, {@code {"email":"ada@example.com"}}. A
 * message that is not valid JSON fails alone; the rest of its batch is still processed.
 */
public final class Signup implements MessageFunction {

  /**
   * A sign-up.
   *
   * @param email the address to welcome
   */
  public record SignupRequest(String email) {}

  @Override
  public void handle(Message message, Context context) {
    SignupRequest signup = message.bodyAs(SignupRequest.class);
    context.logger().info("welcome mail queued for " + signup.email());
  }
}
