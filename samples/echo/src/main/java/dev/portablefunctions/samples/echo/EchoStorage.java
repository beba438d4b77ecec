package dev.portablefunctions.samples.echo;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portablefunctions.Context;
import dev.portablefunctions.EventFunction;
import dev.portablefunctions.StorageEvent;
import java.util.Locale;

/** Logs {@code ECHO {"bucket":…,"key":…,"size":N,"change":"created"}} for each storage event. */
public final class EchoStorage implements EventFunction<StorageEvent> {

  @Override
  public void handle(StorageEvent event, Context context) {
    ObjectNode echo = JsonNodeFactory.instance.objectNode();
    echo.put("bucket", event.bucket());
    echo.put("key", event.key());
    if (event.size().isPresent()) {
      echo.put("size", event.size().getAsLong());
    } else {
      echo.putNull("size");
    }
    echo.put("change", event.change().name().toLowerCase(Locale.ROOT));
    context.logger().info("ECHO " + echo);
  }
}
