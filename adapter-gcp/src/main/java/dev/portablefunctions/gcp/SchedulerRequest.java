package dev.portablefunctions.gcp;

import dev.portablefunctions.FunctionException;
import dev.portablefunctions.Headers;
import dev.portablefunctions.ScheduleEvent;
import dev.portablefunctions.spi.MalformedInput;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * A Cloud Scheduler job with an HTTP target, as a schedule function behind {@link GcpHttpFunction}
 * receives it: a request (by default a {@code POST}) carrying {@code X-CloudScheduler: true},
 * {@code X-CloudScheduler-JobName} and, for unix-cron schedules, {@code
 * X-CloudScheduler-ScheduleTime}, an RFC 3339 time with {@code Z} or an offset. The body is the
 * job's body and is not read.
 *
 * <p>The tick's time is the schedule time, identical across retries of one run, or the arrival time
 * when the header is absent (a forced run). Its name is the job id: the last segment of the job
 * name, which may arrive as {@code projects/p/locations/l/jobs/nightly} or as {@code nightly}.
 */
final class SchedulerRequest {

  static final String MARKER = "x-cloudscheduler";
  static final String JOB_NAME = "x-cloudscheduler-jobname";
  static final String SCHEDULE_TIME = "x-cloudscheduler-scheduletime";

  private SchedulerRequest() {}

  /**
   * Tells whether a request comes from Cloud Scheduler: whether it carries any of {@code
   * X-CloudScheduler}, {@code X-CloudScheduler-JobName} or {@code X-CloudScheduler-ScheduleTime}.
   *
   * @param headers the request's headers
   * @return whether it does
   */
  static boolean isFromScheduler(Headers headers) {
    return headers.first(MARKER).isPresent()
        || headers.first(JOB_NAME).isPresent()
        || headers.first(SCHEDULE_TIME).isPresent();
  }

  /**
   * Describes, for the operator's log, a request that did not come from Cloud Scheduler reaching a
   * schedule function. Not the request's method or path: they are the sender's input.
   *
   * @param functionName the function
   * @return the detail
   */
  static String notFromScheduler(String functionName) {
    return "Function "
        + functionName
        + " is a schedule event function; over HTTP it takes Cloud Scheduler's requests, which"
        + " carry the X-CloudScheduler-JobName and X-CloudScheduler-ScheduleTime headers, and a"
        + " request without them reached it. Point a Cloud Scheduler job with an HTTP target at"
        + " this function, or deploy the function that should take these requests.";
  }

  /**
   * Reads the tick a Cloud Scheduler request carries.
   *
   * @param headers the headers of a request {@link #isFromScheduler from Cloud Scheduler}
   * @param now the arrival time
   * @return the tick
   * @throws FunctionException of kind {@link FunctionException.Kind#BAD_INPUT} if the schedule time
   *     is malformed
   */
  static ScheduleEvent read(Headers headers, Instant now) {
    Optional<String> time = headers.first(SCHEDULE_TIME);
    Instant instant = time.map(value -> parseTime(value.trim())).orElse(now);
    Optional<String> name =
        headers
            .first(JOB_NAME)
            .map(String::trim)
            .map(value -> value.substring(value.lastIndexOf('/') + 1))
            .filter(value -> !value.isEmpty());
    return name.isPresent() ? ScheduleEvent.of(instant, name.get()) : ScheduleEvent.of(instant);
  }

  private static Instant parseTime(String value) {
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      // Not the value sent: it is the caller's input.
      throw MalformedInput.at(
          "X-CloudScheduler-ScheduleTime header",
          "",
          "an RFC 3339 time such as 2024-05-01T00:00:00Z");
    }
  }
}
