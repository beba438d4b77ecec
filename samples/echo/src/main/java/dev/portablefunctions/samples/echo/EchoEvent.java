package dev.portablefunctions.samples.echo;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portablefunctions.Context;
import dev.portablefunctions.EventFunction;
import io.cloudevents.CloudEvent;
import java.util.Base64;

/**
 * Logs {@code ECHO {"id":…,"source":…,"type":…,"subject":…,"data":"<base64>"}} for each CloudEvent
 * ({@code subject} and {@code data} are null when absent).
 */
public final class EchoEvent implements EventFunction<CloudEvent> {

  @Override
  public void handle(CloudEvent event, Context context) {
    ObjectNode echo = JsonNodeFactory.instance.objectNode();
    echo.put("id", event.getId());
    echo.put("source", event.getSource().toString());
    echo.put("type", event.getType());
    echo.put("subject", event.getSubject());
    if (event.getData() != null) {
      echo.put("data", Base64.getEncoder().encodeToString(event.getData().toBytes()));
    } else {
      echo.putNull("data");
    }
    context.logger().info("ECHO " + echo);
  }
}
