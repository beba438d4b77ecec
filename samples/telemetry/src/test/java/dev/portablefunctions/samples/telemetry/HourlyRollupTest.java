package dev.portablefunctions.samples.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portablefunctions.ScheduleEvent;
import dev.portablefunctions.local.LocalInvoker;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HourlyRollupTest {

  private static final Instant ELEVEN = Instant.parse("2024-05-01T11:00:00Z");

  private final Telemetry telemetry = Telemetry.inMemory(60, IngestReadingsTest.CLOCK);
  private final LocalInvoker invoker = LocalInvoker.of(new HourlyRollup(telemetry));

  @AfterEach
  void close() {
    invoker.close();
  }

  private void add(String id, String device, String time, double celsius) throws Exception {
    telemetry.minutes().add(id, device, Instant.parse(time), celsius);
  }

  @Test
  void rollsUpEachDevicesPreviousHour() throws Exception {
    add("1", "boiler-1", "2024-05-01T11:00:00Z", 20);
    add("2", "boiler-1", "2024-05-01T11:00:30Z", 30);
    add("3", "boiler-1", "2024-05-01T11:59:59Z", 40);
    add("4", "boiler-2", "2024-05-01T11:30:00Z", 10);
    add("5", "boiler-1", "2024-05-01T12:00:00Z", 99); // the next hour
    add("6", "boiler-1", "2024-05-01T10:59:59Z", 99); // the hour before
    telemetry.minutes().markAlerted("boiler-1", Instant.parse("2024-05-01T11:59:00Z"));

    invoker.event(
        "hourly-rollup", ScheduleEvent.of(Instant.parse("2024-05-01T12:05:00Z"), "hourly"));

    assertThat(telemetry.summaries().find("boiler-1", ELEVEN))
        .contains(new HourlySummary("boiler-1", ELEVEN, 3, 20, 40, 30, 2, 1));
    assertThat(telemetry.summaries().find("boiler-2", ELEVEN))
        .contains(new HourlySummary("boiler-2", ELEVEN, 1, 10, 10, 10, 1, 0));
  }

  @Test
  void aTickDeliveredTwiceGivesTheSameSummaries() throws Exception {
    add("1", "boiler-1", "2024-05-01T11:10:00Z", 20);
    ScheduleEvent tick = ScheduleEvent.of(Instant.parse("2024-05-01T12:05:00Z"));

    invoker.event("hourly-rollup", tick);
    HourlySummary first = telemetry.summaries().find("boiler-1", ELEVEN).orElseThrow();
    invoker.event("hourly-rollup", tick);

    assertThat(telemetry.summaries().find("boiler-1", ELEVEN)).contains(first);
  }

  @Test
  void anHourWithoutReadingsSavesNothing() throws Exception {
    invoker.event("hourly-rollup", ScheduleEvent.of(Instant.parse("2024-05-01T12:05:00Z")));

    assertThat(telemetry.summaries().find("boiler-1", ELEVEN)).isEmpty();
    assertThat(invoker.logs()).anyMatch(line -> line.contains("0 devices"));
  }
}
