package dev.portablefunctions.samples.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portablefunctions.Message;
import dev.portablefunctions.local.LocalInvoker;
import dev.portablefunctions.local.MessageReport;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class IngestReadingsTest {

  static final Instant NOW = Instant.parse("2024-05-01T12:10:00Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  private final Telemetry telemetry = Telemetry.inMemory(60, CLOCK);
  private final LocalInvoker invoker = LocalInvoker.of(new IngestReadings(telemetry));

  @AfterEach
  void close() {
    invoker.close();
  }

  /** A stream record: the device id is its partition (ordering) key, as devices publish it. */
  static Message reading(String id, String device, String time, double celsius) {
    return Message.builder(id)
        .orderingKey(device)
        .body(
            "{\"deviceId\":\""
                + device
                + "\",\"time\":\""
                + time
                + "\",\"celsius\":"
                + celsius
                + "}")
        .build();
  }

  private MinuteAggregate minute(String device, String minute) throws Exception {
    return telemetry
        .minutes()
        .inHour(Instant.parse(minute).truncatedTo(java.time.temporal.ChronoUnit.HOURS))
        .stream()
        .filter(m -> m.deviceId().equals(device) && m.minute().equals(Instant.parse(minute)))
        .findFirst()
        .orElseThrow();
  }

  @SuppressWarnings("unchecked")
  private <T> List<InMemoryPublisher.Published<T>> published(Publisher<T> publisher) {
    return ((InMemoryPublisher<T>) publisher).published();
  }

  @Test
  void aggregatesEachDevicesReadingsPerMinute() throws Exception {
    MessageReport report =
        invoker.messages(
            "ingest-readings",
            List.of(
                reading("1", "boiler-1", "2024-05-01T12:00:05Z", 20),
                reading("2", "boiler-2", "2024-05-01T12:00:10Z", 30),
                reading("3", "boiler-1", "2024-05-01T12:00:55Z", 24),
                reading("4", "boiler-1", "2024-05-01T12:01:00Z", 21)));

    assertThat(report.allSucceeded()).isTrue();
    MinuteAggregate first = minute("boiler-1", "2024-05-01T12:00:00Z");
    assertThat(first.count()).isEqualTo(2);
    assertThat(first.min()).isEqualTo(20);
    assertThat(first.max()).isEqualTo(24);
    assertThat(first.mean()).isEqualTo(22);
    assertThat(minute("boiler-1", "2024-05-01T12:01:00Z").count()).isEqualTo(1);
    assertThat(minute("boiler-2", "2024-05-01T12:00:00Z").count()).isEqualTo(1);
    assertThat(published(telemetry.alerts())).isEmpty();
  }

  @Test
  void malformedReadingsAreReportedAndDroppedWithoutFailingAnything() throws Exception {
    MessageReport report =
        invoker.messages(
            "ingest-readings",
            List.of(
                Message.builder("1").orderingKey("boiler-1").body("celsius=20").build(),
                Message.builder("2")
                    .orderingKey("boiler-1")
                    .body("{\"deviceId\":\"boiler-1\",\"time\":\"2024-05-01T12:00:00Z\"}")
                    .build(),
                reading("3", "boiler-1", "2024-05-01T13:00:00Z", 20),
                reading("4", "boiler-1", "2024-05-01T12:00:00Z", 900),
                Message.builder("5")
                    .orderingKey("boiler-9")
                    .body(
                        "{\"deviceId\":\"boiler-1\",\"time\":\"2024-05-01T12:00:00Z\",\"celsius\":20}")
                    .build(),
                reading("6", "boiler-1", "2024-05-01T12:00:30Z", 21)));

    assertThat(report.allSucceeded()).as("a malformed reading holds nothing back").isTrue();
    List<InMemoryPublisher.Published<RejectedReading>> rejects = published(telemetry.rejects());
    assertThat(rejects)
        .extracting(p -> p.message().messageId())
        .containsExactly("1", "2", "3", "4", "5");
    assertThat(rejects.get(0).message().reason()).contains("not valid JSON");
    assertThat(rejects.get(1).message().reason()).contains("celsius:");
    assertThat(rejects.get(2).message().reason())
        .contains("time: more than 5 minutes in the future");
    assertThat(rejects.get(3).message().reason()).contains("celsius: a number from -80.0 to 200.0");
    assertThat(rejects.get(4).message().reason()).contains("partition key other than its deviceId");
    assertThat(java.util.Base64.getDecoder().decode(rejects.get(0).message().bodyBase64()))
        .asString()
        .isEqualTo("celsius=20");
    assertThat(minute("boiler-1", "2024-05-01T12:00:00Z").count()).isEqualTo(1);
    assertThat(invoker.logs())
        .anyMatch(line -> line.contains("Reading 1 rejected"))
        .noneMatch(line -> line.contains("celsius=20"));
  }

  @Test
  void aMinuteTooHotRaisesOneAlert() throws Exception {
    invoker.messages(
        "ingest-readings",
        List.of(
            reading("1", "boiler-1", "2024-05-01T12:00:05Z", 59),
            reading("2", "boiler-1", "2024-05-01T12:00:10Z", 61.5),
            reading("3", "boiler-1", "2024-05-01T12:00:20Z", 75),
            reading("4", "boiler-1", "2024-05-01T12:01:00Z", 62)));

    assertThat(published(telemetry.alerts()))
        .extracting(InMemoryPublisher.Published::message)
        .containsExactly(
            new Alert("boiler-1", Instant.parse("2024-05-01T12:00:00Z"), 61.5, 60),
            new Alert("boiler-1", Instant.parse("2024-05-01T12:01:00Z"), 62, 60));
    assertThat(minute("boiler-1", "2024-05-01T12:00:00Z").alerted()).isTrue();
  }

  @Test
  void aFailedReadingFailsTheLaterReadingsOfItsDeviceOnlyAndTheRedeliveryKeepsTheirOrder()
      throws Exception {
    AtomicBoolean brokerDown = new AtomicBoolean(true);
    InMemoryPublisher<Alert> broker = new InMemoryPublisher<>();
    Publisher<Alert> alerts =
        (key, alert) -> {
          if (brokerDown.get()) {
            throw new IOException("alert broker unreachable");
          }
          broker.publish(key, alert);
        };
    Telemetry flaky =
        new Telemetry(
            telemetry.minutes(), telemetry.summaries(), alerts, telemetry.rejects(), 60, CLOCK);
    List<Message> batch =
        List.of(
            reading("1", "boiler-1", "2024-05-01T12:00:05Z", 20),
            reading("2", "boiler-1", "2024-05-01T12:00:10Z", 70),
            reading("3", "boiler-2", "2024-05-01T12:00:15Z", 30),
            reading("4", "boiler-1", "2024-05-01T12:00:20Z", 21),
            Message.builder("5").orderingKey("boiler-1").body("garbage").build(),
            reading("6", "boiler-2", "2024-05-01T12:00:25Z", 31));

    try (LocalInvoker ingest = LocalInvoker.of(new IngestReadings(flaky))) {
      MessageReport first = ingest.messages("ingest-readings", batch);

      assertThat(first.failedIds()).containsExactly("2", "4", "5");
      assertThat(first.failed()).extracting(MessageReport.Failure::status).containsOnly(500, 503);
      assertThat(minute("boiler-2", "2024-05-01T12:00:00Z").count())
          .as("the other device went on")
          .isEqualTo(2);

      brokerDown.set(false);
      MessageReport redelivered = ingest.messages("ingest-readings", batch);

      assertThat(redelivered.allSucceeded()).isTrue();
    }
    MinuteAggregate boiler1 = minute("boiler-1", "2024-05-01T12:00:00Z");
    assertThat(boiler1.count()).as("each reading counted once").isEqualTo(3);
    assertThat(boiler1.alerted()).isTrue();
    assertThat(broker.published()).hasSize(1);
    assertThat(minute("boiler-2", "2024-05-01T12:00:00Z").count()).isEqualTo(2);
  }
}
