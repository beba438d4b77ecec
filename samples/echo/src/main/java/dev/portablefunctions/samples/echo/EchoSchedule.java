package dev.portablefunctions.samples.echo;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portablefunctions.Context;
import dev.portablefunctions.EventFunction;
import dev.portablefunctions.ScheduleEvent;

/** Logs {@code ECHO {"time":"<ISO-8601 instant>"}} for each schedule tick. */
public final class EchoSchedule implements EventFunction<ScheduleEvent> {

  @Override
  public void handle(ScheduleEvent event, Context context) {
    ObjectNode echo = JsonNodeFactory.instance.objectNode();
    echo.put("time", event.time().toString());
    context.logger().info("ECHO " + echo);
  }
}
