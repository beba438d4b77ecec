package dev.portablefunctions;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A schedule fired: an EventBridge rule or Scheduler schedule, an Azure timer, a Cloud Scheduler
 * job.
 *
 * <pre>{@code
 * ScheduleEvent tick = ScheduleEvent.of(Instant.parse("2024-05-01T00:00:00Z"), "nightly-report");
 * }</pre>
 */
public final class ScheduleEvent {

  private final Instant time;
  private final String name;

  private ScheduleEvent(Instant time, String name) {
    this.time = Objects.requireNonNull(time, "time");
    this.name = name;
  }

  /**
   * Returns a tick with no schedule name.
   *
   * @param time the time it was scheduled for
   * @return the event
   */
  public static ScheduleEvent of(Instant time) {
    return new ScheduleEvent(time, null);
  }

  /**
   * Returns a tick of a named schedule.
   *
   * @param time the time it was scheduled for
   * @param name the schedule, rule or job name
   * @return the event
   */
  public static ScheduleEvent of(Instant time, String name) {
    return new ScheduleEvent(time, Objects.requireNonNull(name, "name"));
  }

  /**
   * Returns the time the tick was scheduled for (not when it arrived), or, where a provider does
   * not say, when the adapter received it.
   *
   * @return the time
   */
  public Instant time() {
    return time;
  }

  /**
   * Returns the schedule's name (rule, schedule, timer or job), where the provider says.
   *
   * @return the name, or empty if unknown
   */
  public Optional<String> name() {
    return Optional.ofNullable(name);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ScheduleEvent that
        && that.time.equals(time)
        && Objects.equals(that.name, name);
  }

  @Override
  public int hashCode() {
    return Objects.hash(time, name);
  }

  @Override
  public String toString() {
    return "ScheduleEvent[" + time + (name == null ? "" : ", " + name) + "]";
  }
}
