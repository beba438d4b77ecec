package dev.portablefunctions.samples.telemetry;

import dev.portablefunctions.Context;
import dev.portablefunctions.EventFunction;
import dev.portablefunctions.ScheduleEvent;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Rolls up the hour before each tick: an EventBridge schedule, an Azure timer, a Cloud Scheduler
 * job, all from the portable cron {@code 5 * * * *} in the build (five minutes past each hour, so
 * readings of the last minutes have arrived).
 *
 * <p>For each device with readings in that hour it saves an {@link HourlySummary}. Saving replaces,
 * so a tick that is delivered twice, or retried after a failure, gives the same summaries. Readings
 * that arrive after the rollup are counted in their minute but not in the hour's summary; run the
 * function again for that hour (a tick with its time) to include them.
 */
public final class HourlyRollup implements EventFunction<ScheduleEvent> {

  private final Telemetry telemetry;

  /**
   * Creates the function on the {@linkplain Telemetry#defaults() default wiring}; adapters call
   * this.
   */
  public HourlyRollup() {
    this(Telemetry.defaults());
  }

  /**
   * Creates the function on given stores.
   *
   * @param telemetry the wiring to use
   */
  public HourlyRollup(Telemetry telemetry) {
    this.telemetry = telemetry;
  }

  @Override
  public void handle(ScheduleEvent tick, Context context) throws Exception {
    Instant hour = tick.time().truncatedTo(ChronoUnit.HOURS).minus(1, ChronoUnit.HOURS);
    Map<String, List<MinuteAggregate>> byDevice =
        telemetry.minutes().inHour(hour).stream()
            .collect(
                Collectors.groupingBy(
                    MinuteAggregate::deviceId, TreeMap::new, Collectors.toList()));
    for (Map.Entry<String, List<MinuteAggregate>> device : byDevice.entrySet()) {
      telemetry.summaries().save(summary(device.getKey(), hour, device.getValue()));
    }
    context.logger().info("Rolled up the hour from " + hour + ": " + byDevice.size() + " devices");
  }

  private static HourlySummary summary(
      String deviceId, Instant hour, List<MinuteAggregate> minutes) {
    long count = minutes.stream().mapToLong(MinuteAggregate::count).sum();
    double sum = minutes.stream().mapToDouble(MinuteAggregate::sum).sum();
    return new HourlySummary(
        deviceId,
        hour,
        count,
        minutes.stream().mapToDouble(MinuteAggregate::min).min().orElseThrow(),
        minutes.stream().mapToDouble(MinuteAggregate::max).max().orElseThrow(),
        sum / count,
        minutes.size(),
        (int) minutes.stream().filter(MinuteAggregate::alerted).count());
  }
}
