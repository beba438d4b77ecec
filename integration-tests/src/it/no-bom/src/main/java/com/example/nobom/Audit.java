package com.example.nobom;

import dev.portablefunctions.Context;
import dev.portablefunctions.EventFunction;
import io.cloudevents.CloudEvent;
import java.nio.charset.StandardCharsets;

/** A CloudEvent function: logs each event's id, type and data. */
public final class Audit implements EventFunction<CloudEvent> {

  @Override
  public void handle(CloudEvent event, Context context) {
    String data =
        event.getData() == null
            ? ""
            : new String(event.getData().toBytes(), StandardCharsets.UTF_8);
    context.logger().info("audit " + event.getId() + " " + event.getType() + " " + data);
  }
}
