package dev.portablefunctions.samples.echo;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portablefunctions.Context;
import dev.portablefunctions.Message;
import dev.portablefunctions.MessageFunction;
import java.util.Base64;

/**
 * Logs {@code ECHO {"id":…,"body":"<base64>","attributes":{…}}} for each message, and throws on a
 * message whose body contains {@code poison}.
 */
public final class EchoMessage implements MessageFunction {

  @Override
  public void handle(Message message, Context context) {
    ObjectNode echo = JsonNodeFactory.instance.objectNode();
    echo.put("id", message.id());
    echo.put("body", Base64.getEncoder().encodeToString(message.body()));
    ObjectNode attributes = echo.putObject("attributes");
    message.attributes().forEach(attributes::put);
    context.logger().info("ECHO " + echo);
    if (message.bodyAsString().contains("poison")) {
      throw new IllegalStateException("poison message " + message.id());
    }
  }
}
