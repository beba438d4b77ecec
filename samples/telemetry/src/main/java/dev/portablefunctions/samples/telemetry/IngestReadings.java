package dev.portablefunctions.samples.telemetry;

import dev.portablefunctions.Context;
import dev.portablefunctions.FunctionException;
import dev.portablefunctions.Message;
import dev.portablefunctions.MessageFunction;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Takes each reading of a stream batch: Kinesis on AWS, Event Hubs on Azure, Pub/Sub on Google
 * Cloud. Devices publish with their device id as the partition (ordering) key, so each device's
 * readings stay in order.
 *
 * <ol>
 *   <li>A <b>malformed reading</b> (not JSON, a missing or impossible value, a partition key that
 *       is not its device) is reported as a {@link RejectedReading} and dropped: it is not failed,
 *       because no retry can fix it and, on an ordered stream, a failed record holds back the ones
 *       after it. It affects nothing else.
 *   <li>A valid reading is added to its device's minute ({@link MinuteAggregates#add}, idempotent
 *       per record id, so a redelivered batch counts nothing twice).
 *   <li>The first time a minute's hottest reading passes the threshold, an {@link Alert} goes out.
 * </ol>
 *
 * <p>A failure that a retry can fix (a store or the alert broker unreachable) fails the reading,
 * and the source delivers it again. Where the source orders records, the later readings of the same
 * device fail with it, without running, so that they are redelivered after it, in order; other
 * devices go on. How far that reaches is the source's: Pub/Sub and the local test kit hold back the
 * device's later readings only; Kinesis stops the shard at the first failure (Lambda resumes the
 * shard from it); Event Hubs runs every event and then the retry policy runs the batch again.
 */
public final class IngestReadings implements MessageFunction {

  private final Telemetry telemetry;

  /**
   * Creates the function on the {@linkplain Telemetry#defaults() default wiring}; adapters call
   * this.
   */
  public IngestReadings() {
    this(Telemetry.defaults());
  }

  /**
   * Creates the function on given stores and publishers.
   *
   * @param telemetry the wiring to use
   */
  public IngestReadings(Telemetry telemetry) {
    this.telemetry = telemetry;
  }

  @Override
  public void handle(Message message, Context context) throws Exception {
    Reading reading;
    try {
      reading = message.bodyAs(Reading.class);
    } catch (FunctionException notAReading) {
      reject(message, notAReading.detail(), context);
      return;
    }
    Optional<String> problem = problem(reading, message);
    if (problem.isPresent()) {
      reject(message, problem.get(), context);
      return;
    }
    MinuteAggregate minute =
        telemetry
            .minutes()
            .add(message.id(), reading.deviceId(), reading.time(), reading.celsius());
    if (minute.max() > telemetry.alertCelsius() && !minute.alerted()) {
      telemetry
          .alerts()
          .publish(
              minute.deviceId(),
              new Alert(
                  minute.deviceId(), minute.minute(), minute.max(), telemetry.alertCelsius()));
      telemetry.minutes().markAlerted(minute.deviceId(), minute.minute());
      context
          .logger()
          .warn(
              "Alert: device "
                  + minute.deviceId()
                  + " reached "
                  + minute.max()
                  + " °C in the minute of "
                  + minute.minute());
    }
  }

  /** Says what makes a reading unusable, if anything. */
  private Optional<String> problem(Reading reading, Message message) {
    if (reading == null) {
      return Optional.of("the body is the JSON null");
    }
    List<String> problems = reading.problems(telemetry.clock().instant());
    if (!problems.isEmpty()) {
      return Optional.of(String.join("; ", problems));
    }
    if (message.orderingKey().isPresent()
        && !message.orderingKey().get().equals(reading.deviceId())) {
      return Optional.of(
          "published with a partition key other than its deviceId, so it is not ordered with the"
              + " device's other readings");
    }
    return Optional.empty();
  }

  private void reject(Message message, String reason, Context context) throws Exception {
    telemetry
        .rejects()
        .publish(
            message.orderingKey().orElse(message.id()),
            new RejectedReading(
                message.id(),
                message.orderingKey().orElse(null),
                reason,
                Base64.getEncoder().encodeToString(message.body()),
                telemetry.clock().instant()));
    context.logger().warn("Reading " + message.id() + " rejected: " + reason);
  }
}
