package dev.portablefunctions.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portablefunctions.spi.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TriggerTest {

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource({
    "apigw-rest-v1.json, API_GATEWAY_REST",
    "apigw-rest-v1-binary.json, API_GATEWAY_REST",
    "apigw-rest-v1-proxy-resource.json, API_GATEWAY_REST",
    "apigw-http-v2.json, API_GATEWAY_HTTP",
    "function-url.json, FUNCTION_URL",
    "alb.json, ALB",
    "alb-multi-value.json, ALB",
    "sqs.json, SQS",
    "sqs-fifo.json, SQS",
    "sqs-fifo-documented.json, SQS",
    "sqs-with-poison.json, SQS",
    "sns.json, SNS",
    "kinesis.json, KINESIS",
    "dynamodb-streams.json, DYNAMODB",
    "s3-put.json, S3",
    "s3-put-special-key.json, S3",
    "s3-delete.json, S3",
    "eventbridge-s3-object-created.json, EVENTBRIDGE",
    "eventbridge-s3-object-deleted.json, EVENTBRIDGE",
    "eventbridge-scheduled-rule.json, EVENTBRIDGE",
    "eventbridge-scheduler.json, EVENTBRIDGE",
    "eventbridge-custom.json, EVENTBRIDGE",
    "direct-invoke.json, DIRECT"
  })
  void recognisesEachRecordedEnvelope(String file, Trigger expected) {
    assertThat(Trigger.of(Events.tree(file))).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "[1,2]",
        "\"text\"",
        "42",
        "{}",
        "{\"Records\":[]}",
        "{\"Records\":[{\"eventSource\":\"aws:unknown\"}]}",
        "{\"requestContext\":{\"connectionId\":\"abc\",\"eventType\":\"MESSAGE\"}}",
        "{\"source\":\"only a source\"}"
      })
  void treatsAnythingElseAsADirectInvocation(String json) throws Exception {
    assertThat(Trigger.of(Json.mapper().readTree(json))).isEqualTo(Trigger.DIRECT);
  }

  @Test
  void treatsAPayloadThatIsNotJsonAsADirectInvocation() {
    assertThat(Trigger.of(null)).isEqualTo(Trigger.DIRECT);
  }

  @Test
  void recognisesAStructuredCloudEvent() throws Exception {
    assertThat(
            Trigger.of(
                Json.mapper()
                    .readTree(
                        "{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"/s\",\"type\":\"t\"}")))
        .isEqualTo(Trigger.CLOUD_EVENT);
  }

  @Test
  void onlyHttpEnvelopesAreHttp() {
    for (Trigger trigger : Trigger.values()) {
      boolean http =
          trigger == Trigger.API_GATEWAY_REST
              || trigger == Trigger.API_GATEWAY_HTTP
              || trigger == Trigger.FUNCTION_URL
              || trigger == Trigger.ALB;
      assertThat(trigger.isHttp()).as(trigger.name()).isEqualTo(http);
    }
  }
}
