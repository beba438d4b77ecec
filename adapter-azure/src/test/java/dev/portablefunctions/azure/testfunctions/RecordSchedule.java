package dev.portablefunctions.azure.testfunctions;

import dev.portablefunctions.Context;
import dev.portablefunctions.EventFunction;
import dev.portablefunctions.PortableFunction;
import dev.portablefunctions.ScheduleEvent;

/** Records each schedule tick. */
@PortableFunction("record-schedule")
public final class RecordSchedule implements EventFunction<ScheduleEvent> {
  @Override
  public void handle(ScheduleEvent event, Context context) {
    Recorded.add(event);
  }
}
