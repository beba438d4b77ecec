package dev.portablefunctions.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portablefunctions.test.internal.Catalogue;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code with...} methods change what they say, and nothing else of the recorded shape. */
class EventBuildersTest {

  private static JsonNode tree(AwsEvent event) {
    return Catalogue.parse(event.json(), "event");
  }

  /** The field names of an object, in order. */
  private static List<String> names(JsonNode node) {
    List<String> names = new java.util.ArrayList<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names;
  }

  @Test
  void catalogueEventsAreTheRecordedBytes() {
    assertThat(AwsEvent.sqs().json()).isEqualTo(Catalogue.text("aws/sqs.json"));
    assertThat(AwsEvent.apiGatewayRest().toString()).isEqualTo("AWS API Gateway REST API request");
  }

  @Test
  void withMessagesKeepsEachRecordsShapeAndMakesItsDigestAndIdsConsistent() {
    AwsEvent recorded = AwsEvent.sqs();
    JsonNode batch = tree(recorded.withMessages("a", "b", "c"));

    JsonNode records = batch.path("Records");
    assertThat(records).hasSize(3);
    JsonNode original = tree(recorded).path("Records").get(0);
    assertThat(names(records.get(0))).isEqualTo(names(original));
    assertThat(records.get(0).path("receiptHandle")).isEqualTo(original.path("receiptHandle"));
    assertThat(records.get(0).path("md5OfBody").asText())
        .isEqualTo("0cc175b9c0f1b6a831c399e269772661");
    assertThat(records.get(2).path("messageId").asText())
        .hasSize(36)
        .isNotIn(
            records.get(0).path("messageId").asText(), records.get(1).path("messageId").asText());
    // The recorded body's digest is the documented one: the kit computes SQS's digest the same way.
    assertThat(
            tree(recorded.withMessages("Test message."))
                .path("Records")
                .get(0)
                .path("md5OfBody")
                .asText())
        .isEqualTo(original.path("md5OfBody").asText());
  }

  @Test
  void kinesisCopiesFollowTheRecordedSequenceNumbers() {
    AwsEvent batch = AwsEvent.kinesis().withMessages("a", "b", "c");

    List<String> ids = batch.messageIds();
    assertThat(ids.get(2))
        .isEqualTo(new java.math.BigInteger(ids.get(1)).add(java.math.BigInteger.ONE).toString());
    assertThat(tree(batch).path("Records").get(2).path("eventID").asText())
        .isEqualTo("shardId-000000000006:" + ids.get(2));
    assertThat(tree(batch).path("Records").get(0).path("kinesis").path("data").asText())
        .isEqualTo("YQ==");
  }

  @Test
  void attributesTakeEachSourcesShape() {
    JsonNode sqs = tree(AwsEvent.sqs().withAttribute("tenant", "acme")).path("Records").get(1);
    JsonNode sns = tree(AwsEvent.sns().withAttribute("tenant", "acme")).path("Records").get(0);

    assertThat(sqs.path("messageAttributes").path("tenant").toString())
        .isEqualTo(
            "{\"stringValue\":\"acme\",\"stringListValues\":[],\"binaryListValues\":[],\"dataType\":\"String\"}");
    assertThat(sns.path("Sns").path("MessageAttributes").path("tenant").toString())
        .isEqualTo("{\"Type\":\"String\",\"Value\":\"acme\"}");
  }

  @Test
  void httpEditsGoIntoEachSourcesOwnFields() {
    JsonNode rest =
        tree(
            AwsEvent.apiGatewayRest()
                .withPath("/a?x=1&x=2%203")
                .withHeader("header1", "v")
                .withBody(new byte[] {1, 2}));
    JsonNode http =
        tree(AwsEvent.apiGatewayHttp().withPath("/a?x=1&x=2").withHeader("Cookie", "a=1; b=2"));
    JsonNode alb = tree(AwsEvent.loadBalancer().withPath("/a?q=a%20b").withHeader("X-Trace", "t"));

    assertThat(rest.path("path").asText()).isEqualTo("/a");
    assertThat(rest.path("multiValueQueryStringParameters").path("x").toString())
        .isEqualTo("[\"1\",\"2 3\"]");
    assertThat(rest.path("queryStringParameters").path("x").asText()).isEqualTo("2 3");
    assertThat(names(rest.path("headers"))).containsExactly("Header2", "header1");
    assertThat(rest.path("body").asText()).isEqualTo("AQI=");
    assertThat(rest.path("isBase64Encoded").asBoolean()).isTrue();
    assertThat(http.path("rawQueryString").asText()).isEqualTo("x=1&x=2");
    assertThat(http.path("queryStringParameters").path("x").asText()).isEqualTo("1,2");
    assertThat(http.path("requestContext").path("http").path("path").asText()).isEqualTo("/a");
    assertThat(http.path("cookies").toString()).isEqualTo("[\"a=1\",\"b=2\"]");
    assertThat(alb.path("queryStringParameters").path("q").asText()).isEqualTo("a%20b");
    assertThat(alb.path("headers").path("x-trace").asText()).isEqualTo("t");
  }

  @Test
  void s3KeysAreFormEncodedAsS3SendsThem() {
    JsonNode record =
        tree(AwsEvent.s3ObjectCreated().withObject("b", "photos/my summer (2024) a+b.jpg"))
            .path("Records")
            .get(0);

    assertThat(record.path("s3").path("object").path("key").asText())
        .isEqualTo("photos/my+summer+%282024%29+a%2Bb.jpg");
    assertThat(record.path("s3").path("bucket").path("arn").asText()).isEqualTo("arn:aws:s3:::b");
  }

  @Test
  void anyEventIsRecognisedByTheFieldsAwsDocuments() {
    assertThat(AwsEvent.of(AwsEvent.kinesis().json()).source()).isEqualTo(AwsEvent.Source.KINESIS);
    assertThat(AwsEvent.of(AwsEvent.functionUrl().json()).source())
        .isEqualTo(AwsEvent.Source.FUNCTION_URL);
    assertThat(AwsEvent.of(AwsEvent.apiGatewayHttp().json()).source())
        .isEqualTo(AwsEvent.Source.API_GATEWAY_HTTP);
    assertThat(AwsEvent.of(AwsEvent.loadBalancer().json()).source()).isEqualTo(AwsEvent.Source.ALB);
    assertThat(AwsEvent.of(AwsEvent.eventBridgeCustom().json()).source())
        .isEqualTo(AwsEvent.Source.EVENTBRIDGE);
    assertThat(AwsEvent.of("{\"name\":\"Ada\"}").source()).isEqualTo(AwsEvent.Source.OTHER);
  }

  @Test
  void anEditThatDoesNotApplyToTheSourceSaysWhereItApplies() {
    assertThatThrownBy(() -> AwsEvent.sqs().withPath("/"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "withPath applies to API Gateway, load balancer and function URL requests, not to this SQS");
    assertThatThrownBy(() -> AwsEvent.sns().withMessages("a", "b"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AwsEvent.dynamoDbStreams().withMessages("a"))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> GcpEvent.pubSub().withObject("b", "k"))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> GcpEvent.pubSub().withBody("x"))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> AzureEvent.queue().withMessages("a", "b"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AzureEvent.timer().withData("{}"))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> AwsEvent.apiGatewayHttp().withPath("no-slash"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void eventsAreImmutable() {
    AwsEvent recorded = AwsEvent.sqs();
    recorded.withMessages("changed");

    assertThat(recorded.json()).isEqualTo(Catalogue.text("aws/sqs.json"));
  }

  @Test
  void cloudStorageEditsKeepTheEventConsistent() {
    GcpEvent event = GcpEvent.storageObjectFinalized().withObject("photos", "a b.jpg");
    JsonNode data =
        Catalogue.parse(new String(event.body(), java.nio.charset.StandardCharsets.UTF_8), "data");

    assertThat(event.headers().get("ce-source"))
        .containsExactly("//storage.googleapis.com/projects/_/buckets/photos");
    assertThat(event.headers().get("ce-subject")).containsExactly("objects/a b.jpg");
    assertThat(data.path("id").asText()).isEqualTo("photos/a b.jpg/1587627537231057");
    assertThat(data.path("mediaLink").asText())
        .isEqualTo(
            "https://www.googleapis.com/download/storage/v1/b/photos/o/a%20b.jpg?generation=1587627537231057&alt=media");
    assertThat(data.path("size").asText()).isEqualTo("352");
  }

  @Test
  void eventHubBatchesGetOneSystemPropertiesEntryPerEvent() {
    AzureEvent batch = AzureEvent.eventHub().withMessages("a", "b", "c").withAttribute("k", "v");

    assertThat(batch.messageIds()).containsExactly("12", "13", "14");
  }
}
