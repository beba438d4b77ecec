package com.example.bad;

import dev.portablefunctions.Context;
import dev.portablefunctions.EventFunction;
import dev.portablefunctions.ScheduleEvent;

public final class Nightly implements EventFunction<ScheduleEvent> {
  @Override
  public void handle(ScheduleEvent event, Context context) {}
}
