package dev.portablefunctions.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
    "direct-invoke.json, DIRECT",
    "apigw-websocket-connect.json, API_GATEWAY_WEBSOCKET",
    "apigw-authorizer-token.json, API_GATEWAY_TOKEN_AUTHORIZER",
    "apigw-authorizer-request.json, API_GATEWAY_REQUEST_AUTHORIZER",
    "apigw-http-authorizer-v2.json, HTTP_API_AUTHORIZER",
    "msk.json, MSK",
    "msk-batch.json, MSK",
    "self-managed-kafka.json, SELF_MANAGED_KAFKA",
    "activemq.json, ACTIVEMQ",
    "rabbitmq.json, RABBITMQ",
    "cloudwatch-logs.json, CLOUDWATCH_LOGS",
    "firehose.json, FIREHOSE",
    "cognito-user-pool-pre-sign-up.json, COGNITO_USER_POOL",
    "cloudformation-custom-resource.json, CLOUDFORMATION_CUSTOM_RESOURCE",
    "ses.json, SES",
    "connect.json, CONNECT",
    "lex-v1.json, LEX_V1",
    "lex-v2.json, LEX_V2",
    "appsync-direct-resolver.json, APPSYNC_RESOLVER",
    "appsync-authorizer.json, APPSYNC_AUTHORIZER",
    "config-rule-scheduled.json, CONFIG_RULE",
    "codecommit.json, CODECOMMIT",
    "secrets-manager-rotation.json, SECRETS_MANAGER_ROTATION"
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
        "{\"requestContext\":{\"connectionId\":\"abc\"}}",
        "{\"type\":\"TOKEN\",\"authorizationToken\":\"x\"}",
        "{\"eventSource\":\"aws:kafka\",\"records\":[]}",
        "{\"awslogs\":{}}",
        "{\"serialNumber\":\"G030JF055364XVRB\",\"clickType\":\"SINGLE\",\"batteryVoltage\":\"2000mV\"}",
        "{\"source\":\"only a source\"}"
      })
  void treatsAnythingElseAsADirectInvocation(String json) throws Exception {
    assertThat(Trigger.of(Json.mapper().readTree(json))).isEqualTo(Trigger.DIRECT);
  }

  @Test
  void aWebSocketEventIsNeverARestRequestEvenWithAnHttpMethod() throws Exception {
    assertThat(Events.tree("apigw-websocket-connect.json").has("httpMethod")).isTrue();
    assertThat(
            Trigger.of(
                Json.mapper()
                    .readTree(
                        "{\"requestContext\":{\"connectionId\":\"abc\",\"eventType\":\"MESSAGE\"}}")))
        .isEqualTo(Trigger.API_GATEWAY_WEBSOCKET);
  }

  @Test
  void anAuthorizerIsNeverAProxyRequestThoughItCarriesOnesFields() {
    JsonNode authorizer = Events.tree("apigw-authorizer-request.json");
    assertThat(authorizer.has("httpMethod") && authorizer.has("requestContext")).isTrue();
    assertThat(Trigger.of(authorizer).isHttp()).isFalse();
    JsonNode v2 = Events.tree("apigw-http-authorizer-v2.json");
    assertThat(v2.at("/requestContext/http").isObject()).isTrue();
    assertThat(Trigger.of(v2).isHttp()).isFalse();
  }

  @Test
  void anAppSyncBatchInvokeIsAnArrayOfResolverRequests() {
    com.fasterxml.jackson.databind.node.ArrayNode batch = Json.mapper().createArrayNode();
    batch.add(Events.tree("appsync-direct-resolver.json"));
    assertThat(Trigger.of(batch)).isEqualTo(Trigger.APPSYNC_RESOLVER);
  }

  @Test
  void everySourceBelongsToTheFamilyItsDispatchExpects() {
    assertThat(Trigger.MSK.family()).isEqualTo(Trigger.Family.MESSAGES);
    assertThat(Trigger.CLOUDWATCH_LOGS.family()).isEqualTo(Trigger.Family.MESSAGES);
    assertThat(Trigger.FIREHOSE.family()).isEqualTo(Trigger.Family.OTHER);
    assertThat(Trigger.API_GATEWAY_WEBSOCKET.family()).isEqualTo(Trigger.Family.OTHER);
    assertThat(Trigger.DIRECT.family()).isEqualTo(Trigger.Family.DIRECT);
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
