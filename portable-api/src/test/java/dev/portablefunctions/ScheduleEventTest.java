package dev.portablefunctions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ScheduleEventTest {

  private static final Instant TICK = Instant.parse("2024-05-01T00:00:00Z");

  @Test
  void namedTickHasTimeAndName() {
    ScheduleEvent event = ScheduleEvent.of(TICK, "nightly-report");

    assertThat(event.time()).isEqualTo(TICK);
    assertThat(event.name()).contains("nightly-report");
  }

  @Test
  void unnamedTickHasNoName() {
    assertThat(ScheduleEvent.of(TICK).name()).isEmpty();
  }

  @Test
  void nullArgumentsAreRejectedNamingTheArgument() {
    assertThatThrownBy(() -> ScheduleEvent.of(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("time");
    assertThatThrownBy(() -> ScheduleEvent.of(null, "n"))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("time");
    assertThatThrownBy(() -> ScheduleEvent.of(TICK, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("name");
  }

  @Test
  void ticksWithTheSameTimeAndNameAreEqual() {
    assertThat(ScheduleEvent.of(TICK, "a"))
        .isEqualTo(ScheduleEvent.of(Instant.parse("2024-05-01T00:00:00Z"), "a"))
        .hasSameHashCodeAs(ScheduleEvent.of(TICK, "a"));
    assertThat(ScheduleEvent.of(TICK)).isEqualTo(ScheduleEvent.of(TICK));
  }

  @Test
  void ticksDifferingInTimeOrNameAreNotEqual() {
    assertThat(ScheduleEvent.of(TICK, "a"))
        .isNotEqualTo(ScheduleEvent.of(TICK, "b"))
        .isNotEqualTo(ScheduleEvent.of(TICK))
        .isNotEqualTo(ScheduleEvent.of(TICK.plusSeconds(1), "a"));
  }

  @Test
  void toStringShowsTimeAndName() {
    assertThat(ScheduleEvent.of(TICK, "nightly"))
        .hasToString("ScheduleEvent[2024-05-01T00:00:00Z, nightly]");
    assertThat(ScheduleEvent.of(TICK)).hasToString("ScheduleEvent[2024-05-01T00:00:00Z]");
  }
}
