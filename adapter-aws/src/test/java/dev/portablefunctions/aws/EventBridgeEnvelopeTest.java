package dev.portablefunctions.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portablefunctions.FunctionException;
import dev.portablefunctions.ScheduleEvent;
import io.cloudevents.CloudEvent;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

class EventBridgeEnvelopeTest {

  @Test
  void scheduledRuleIsATickAtItsScheduledTime() {
    assertThat(EventBridgeEnvelope.isSchedule(Events.tree("eventbridge-scheduled-rule.json")))
        .isTrue();

    ScheduleEvent tick =
        EventBridgeEnvelope.schedule(Events.tree("eventbridge-scheduled-rule.json"));

    assertThat(tick.time()).isEqualTo(Instant.parse("2019-03-01T01:23:45Z"));
    assertThat(tick.name()).hasValue("my-schedule");
  }

  @Test
  void schedulerDefaultNotificationIsATickToo() {
    assertThat(EventBridgeEnvelope.isSchedule(Events.tree("eventbridge-scheduler.json"))).isTrue();

    ScheduleEvent tick = EventBridgeEnvelope.schedule(Events.tree("eventbridge-scheduler.json"));

    assertThat(tick.time()).isEqualTo(Instant.parse("2024-05-07T15:58:34Z"));
    assertThat(tick.name()).hasValue("demoschedule");
  }

  @Test
  void otherEventsAreNotTicks() {
    assertThat(EventBridgeEnvelope.isSchedule(Events.tree("eventbridge-custom.json"))).isFalse();
    assertThat(EventBridgeEnvelope.isSchedule(Events.tree("eventbridge-s3-object-created.json")))
        .isFalse();
  }

  @Test
  void customEventBecomesACloudEvent() {
    CloudEvent event = EventBridgeEnvelope.cloudEvent(Events.tree("eventbridge-custom.json"));

    assertThat(event.getId()).isEqualTo("6a7e8feb-b491-4cf7-a9f1-bf3703467718");
    assertThat(event.getSource()).isEqualTo(URI.create("com.mycompany.myapp"));
    assertThat(event.getType()).isEqualTo("myDetailType");
    assertThat(event.getTime()).isEqualTo(OffsetDateTime.parse("2016-01-14T01:02:03Z"));
    assertThat(event.getSubject()).isNull();
    assertThat(event.getDataContentType()).isEqualTo("application/json");
    assertThat(new String(event.getData().toBytes(), StandardCharsets.UTF_8))
        .isEqualTo("{\"key1\":\"value1\",\"key2\":\"value2\"}");
    assertThat(event.getExtension("account")).isEqualTo("111122223333");
    assertThat(event.getExtension("region")).isEqualTo("us-west-1");
    assertThat(event.getExtension("resources")).isEqualTo("resource1,resource2");
  }

  @Test
  void awsServiceEventsBecomeCloudEventsToo() {
    CloudEvent event =
        EventBridgeEnvelope.cloudEvent(Events.tree("eventbridge-s3-object-created.json"));

    assertThat(event.getSource()).isEqualTo(URI.create("aws.s3"));
    assertThat(event.getType()).isEqualTo("Object Created");
    assertThat(event.getExtension("resources")).isEqualTo("arn:aws:s3:::DOC-EXAMPLE-BUCKET1");
  }

  @Test
  void schedulerStringDetailIsKeptAsJsonText() {
    CloudEvent event = EventBridgeEnvelope.cloudEvent(Events.tree("eventbridge-scheduler.json"));

    assertThat(event.getDataContentType()).isEqualTo("application/json");
    assertThat(new String(event.getData().toBytes(), StandardCharsets.UTF_8)).isEqualTo("{}");
  }

  @Test
  void readsAStructuredCloudEvent() {
    CloudEvent event =
        EventBridgeEnvelope.structured(
            ("{\"specversion\":\"1.0\",\"id\":\"42\",\"source\":\"/orders\",\"type\":\"order.created\","
                    + "\"subject\":\"order-42\",\"datacontenttype\":\"application/json\",\"data\":{\"total\":3}}")
                .getBytes(StandardCharsets.UTF_8));

    assertThat(event.getId()).isEqualTo("42");
    assertThat(event.getSubject()).isEqualTo("order-42");
    assertThat(new String(event.getData().toBytes(), StandardCharsets.UTF_8))
        .isEqualTo("{\"total\":3}");
  }

  @Test
  void aMalformedCloudEventIsBadInput() {
    assertThatThrownBy(
            () ->
                EventBridgeEnvelope.structured(
                    "{\"specversion\":\"1.0\",\"id\":\"42\"}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOfSatisfying(
            FunctionException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(FunctionException.Kind.BAD_INPUT);
              assertThat(e.detail())
                  .startsWith("The CloudEvent ")
                  .contains("expected")
                  .doesNotContain("42");
              assertThat(e).hasNoCause();
            });
  }

  @Test
  void aCloudEventThatIsNotJsonIsBadInputThatSaysWhereAndQuotesNothing() {
    assertThatThrownBy(
            () ->
                EventBridgeEnvelope.structured(
                    "{\"specversion\":\"1.0\",\"id\":sk_live_51Hsecret}"
                        .getBytes(StandardCharsets.UTF_8)))
        .isInstanceOfSatisfying(
            FunctionException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(FunctionException.Kind.BAD_INPUT);
              assertThat(e.detail()).contains("line 1, column").doesNotContain("sk_live");
              assertThat(e).hasNoCause();
            });
  }
}
