package dev.portablefunctions.gcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portablefunctions.FunctionException;
import dev.portablefunctions.Headers;
import dev.portablefunctions.ScheduleEvent;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The Cloud Scheduler HTTP target, as documented in {@code events/gcp/scheduler-http-request.md}.
 */
class SchedulerRequestTest {

  private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

  private static Headers headers(String... headerPairs) {
    Headers.Builder headers = Headers.builder();
    for (int i = 0; i < headerPairs.length; i += 2) {
      headers.add(headerPairs[i], headerPairs[i + 1]);
    }
    return headers.build();
  }

  private static ScheduleEvent read(String... headerPairs) {
    Headers headers = headers(headerPairs);
    assertThat(SchedulerRequest.isFromScheduler(headers)).isTrue();
    return SchedulerRequest.read(headers, NOW);
  }

  @Test
  void readsTheScheduleTimeAndTheJobName() {
    ScheduleEvent tick =
        read(
            "User-Agent", "Google-Cloud-Scheduler",
            "X-CloudScheduler", "true",
            "X-CloudScheduler-JobName", "nightly-report",
            "X-CloudScheduler-ScheduleTime", "2021-02-06T02:00:00.000Z");

    assertThat(tick.time()).isEqualTo(Instant.parse("2021-02-06T02:00:00Z"));
    assertThat(tick.name()).contains("nightly-report");
  }

  @Test
  void scheduleTimeMayCarryTheJobsTimeZoneOffset() {
    ScheduleEvent tick = read("X-CloudScheduler-ScheduleTime", "2023-04-13T12:00:00-07:00");

    assertThat(tick.time()).isEqualTo(Instant.parse("2023-04-13T19:00:00Z"));
    assertThat(tick.name()).isEmpty();
  }

  @Test
  void aFullJobResourceNameGivesTheJobId() {
    ScheduleEvent tick =
        read("X-CloudScheduler-JobName", "projects/p/locations/us-central1/jobs/nightly-report");

    assertThat(tick.name()).contains("nightly-report");
  }

  @Test
  void withoutAScheduleTimeTheTickIsTheArrivalTime() {
    ScheduleEvent tick = read("X-CloudScheduler", "true", "X-CloudScheduler-JobName", "forced");

    assertThat(tick.time()).isEqualTo(NOW);
    assertThat(tick.name()).contains("forced");
  }

  @Test
  void anyOfTheSchedulerHeadersMarksARequestFromCloudScheduler() {
    assertThat(SchedulerRequest.isFromScheduler(headers("X-CloudScheduler", "true"))).isTrue();
    assertThat(SchedulerRequest.isFromScheduler(headers("x-cloudscheduler-jobname", "j"))).isTrue();
    assertThat(SchedulerRequest.isFromScheduler(headers("X-CloudScheduler-ScheduleTime", "t")))
        .isTrue();
    assertThat(SchedulerRequest.isFromScheduler(headers("User-Agent", "Google-Cloud-Scheduler")))
        .isFalse();
    assertThat(SchedulerRequest.isFromScheduler(headers())).isFalse();
  }

  @Test
  void aRequestNotFromSchedulerIsDescribedForTheOperator() {
    assertThat(SchedulerRequest.notFromScheduler("nightly"))
        .contains("nightly is a schedule event function", "X-CloudScheduler-ScheduleTime");
  }

  @Test
  void aMalformedScheduleTimeIsBadInputThatDoesNotRepeatIt() {
    assertThatThrownBy(() -> read("X-CloudScheduler-ScheduleTime", "yesterday-sk_live_x"))
        .isInstanceOfSatisfying(
            FunctionException.class,
            e -> assertThat(e.kind()).isEqualTo(FunctionException.Kind.BAD_INPUT))
        .hasMessageContaining("RFC 3339")
        .hasMessageNotContaining("yesterday");
  }
}
