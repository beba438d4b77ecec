package dev.portablefunctions.azure.testfunctions;

import dev.portablefunctions.Context;
import dev.portablefunctions.EventFunction;
import dev.portablefunctions.ScheduleEvent;

/** A schedule function that always fails. */
public final class BrokenSchedule implements EventFunction<ScheduleEvent> {
  @Override
  public void handle(ScheduleEvent event, Context context) throws Exception {
    throw new java.io.IOException("report store unreachable");
  }
}
