package dev.portablefunctions.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.portablefunctions.Cloud;
import dev.portablefunctions.FunctionException;
import dev.portablefunctions.HttpRequest;
import dev.portablefunctions.HttpResponse;
import dev.portablefunctions.spi.InvocationContext;
import dev.portablefunctions.spi.Json;
import dev.portablefunctions.spi.LogRecord;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class HttpEnvelopeTest {

  /** The 16 bytes of {@code apigw-rest-v1-binary.json}: a PNG signature, then invalid UTF-8. */
  static final byte[] PNG_BYTES = {
    (byte) 0x89,
    0x50,
    0x4E,
    0x47,
    0x0D,
    0x0A,
    0x1A,
    0x0A,
    0x00,
    0x00,
    0x00,
    0x0D,
    (byte) 0xFF,
    (byte) 0xFE,
    (byte) 0x80,
    0x7F
  };

  private static HttpRequest decode(String file) {
    JsonNode event = Events.tree(file);
    return HttpEnvelope.decode(event, Trigger.of(event));
  }

  private static HttpRequest decodeText(String json) {
    try {
      JsonNode event = Json.mapper().readTree(json);
      return HttpEnvelope.decode(event, Trigger.of(event));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Nested
  class Decoding {

    @Test
    void restApiTakesMultiValueHeadersAndQueryParameters() {
      HttpRequest request = decode("apigw-rest-v1.json");

      assertThat(request.method()).isEqualTo("GET");
      assertThat(request.path()).isEqualTo("/my/path");
      assertThat(request.queryParameters())
          .containsExactly(
              Map.entry("parameter1", List.of("value1", "value2")),
              Map.entry("parameter2", List.of("value")));
      assertThat(request.headers().asMap())
          .containsExactly(
              Map.entry("header1", List.of("value1")),
              Map.entry("header2", List.of("value1", "value2")));
      assertThat(request.bodyAsString()).isEqualTo("Hello from Lambda!");
    }

    @Test
    void restApiDecodesABase64BodyByteForByte() {
      assertThat(decode("apigw-rest-v1-binary.json").body()).isEqualTo(PNG_BYTES);
    }

    @Test
    void restApiToleratesAMissingIsBase64EncodedField() {
      HttpRequest request = decode("apigw-rest-v1-proxy-resource.json");

      assertThat(request.method()).isEqualTo("POST");
      assertThat(request.path()).isEqualTo("/hello/world");
      assertThat(request.query("name")).hasValue("me");
      assertThat(request.contentType()).hasValue("application/json");
      assertThat(request.headers().all("X-Forwarded-For"))
          .containsExactly("54.240.196.186, 54.182.214.83");
      assertThat(request.bodyAsString()).isEqualTo("{\r\n\t\"a\": 1\r\n}");
    }

    @Test
    void restApiFallsBackToSingleValueMaps() {
      JsonNode event =
          Json.mapper()
              .valueToTree(
                  Map.of(
                      "httpMethod",
                      "PUT",
                      "path",
                      "/x",
                      "headers",
                      Map.of("X-One", "1"),
                      "queryStringParameters",
                      Map.of("q", "a b"),
                      "requestContext",
                      Map.of("stage", "prod"),
                      "body",
                      ""));
      HttpRequest request = HttpEnvelope.decode(event, Trigger.API_GATEWAY_REST);

      assertThat(request.header("x-one")).hasValue("1");
      assertThat(request.query("q")).hasValue("a b");
      assertThat(request.bodyLength()).isZero();
    }

    @Test
    void httpApiParsesTheRawQueryAndRejoinsCookies() {
      HttpRequest request = decode("apigw-http-v2.json");

      assertThat(request.method()).isEqualTo("POST");
      assertThat(request.path()).isEqualTo("/my/path");
      assertThat(request.queryParameters())
          .containsExactly(
              Map.entry("parameter1", List.of("value1", "value2")),
              Map.entry("parameter2", List.of("value")));
      assertThat(request.headers().all("header2")).containsExactly("value1,value2");
      assertThat(request.header("cookie")).hasValue("cookie1; cookie2");
      assertThat(request.bodyAsString()).isEqualTo("Hello from Lambda");
    }

    @Test
    void functionUrlReadsAsPayload2() {
      HttpRequest request = decode("function-url.json");

      assertThat(request.method()).isEqualTo("POST");
      assertThat(request.path()).isEqualTo("/my/path");
      assertThat(request.queryParameters().get("parameter1")).containsExactly("value1", "value2");
      assertThat(request.header("cookie")).hasValue("cookie1; cookie2");
      assertThat(request.bodyAsString()).isEqualTo("Hello from client!");
    }

    @Test
    void httpApiDecodesEscapesInTheRawQuery() {
      String event =
          Events.variant(
              "apigw-http-v2.json", tree -> tree.put("rawQueryString", "q=a+b%2Bc&k=%28x%29"));
      HttpRequest request = decodeText(event);

      assertThat(request.query("q")).hasValue("a b+c");
      assertThat(request.query("k")).hasValue("(x)");
    }

    @Test
    void albSingleValueModeReadsHeadersAndQuery() {
      HttpRequest request = decode("alb.json");

      assertThat(request.method()).isEqualTo("GET");
      assertThat(request.path()).isEqualTo("/lambda");
      assertThat(request.query("query")).hasValue("1234ABCD");
      assertThat(request.header("x-amzn-trace-id"))
          .hasValue("Root=1-5c536348-3d683b8b04734faae651f476");
      assertThat(request.headers().names()).hasSize(12);
      assertThat(request.bodyLength()).isZero();
    }

    @Test
    void albMultiValueModeReadsListsOfValues() {
      HttpRequest request = decode("alb-multi-value.json");

      assertThat(request.path()).isEqualTo("/");
      assertThat(request.queryParameters()).containsExactly(Map.entry("key", List.of("hello")));
      assertThat(request.header("X-MyHeader")).hasValue("123");
    }

    @Test
    void albQueryParametersAreDecodedBecauseTheLoadBalancerDoesNot() {
      String event =
          Events.variant(
              "alb-multi-value.json",
              tree -> {
                tree.putObject("multiValueQueryStringParameters")
                    .putArray("x%3Dy")
                    .add("a%20b%2Bc")
                    .add("1+2");
              });
      HttpRequest request = decodeText(event);

      assertThat(request.queryParameters())
          .containsExactly(Map.entry("x=y", List.of("a b+c", "1 2")));
    }

    @Test
    void malformedBase64IsABadRequest() {
      String event =
          Events.variant("apigw-rest-v1-binary.json", tree -> tree.put("body", "not*base64"));

      assertThatThrownBy(() -> decodeText(event))
          .isInstanceOfSatisfying(
              FunctionException.class,
              e -> assertThat(e.kind()).isEqualTo(FunctionException.Kind.BAD_INPUT));
    }
  }

  /**
   * {@link HttpRequest#path()} is decoded, and the same, whatever the source. The REST API, the
   * load balancer and function URLs send the path percent-encoded as the client sent it; the HTTP
   * API sends it decoded (so a {@code %25} in its path is a {@code %} the client encoded twice, and
   * must stay as it is), with a named stage in front.
   */
  @Nested
  class Paths {

    /** What a client sends: a space, an encoded slash, an encoded é and an encoded percent sign. */
    static final String ENCODED = "/files/my%20report%2Fv2/caf%C3%A9/100%25";

    static final String DECODED = "/files/my report/v2/café/100%";

    private HttpRequest withPath(String file, String field, String path) {
      return decodeText(Events.variant(file, tree -> tree.put(field, path)));
    }

    private HttpRequest withPathAndStage(String file, String field, String path, String stage) {
      return decodeText(
          Events.variant(
              file,
              tree -> {
                tree.put(field, path);
                ((com.fasterxml.jackson.databind.node.ObjectNode) tree.get("requestContext"))
                    .put("stage", stage);
              }));
    }

    @Test
    void restApiPathsAreDecoded() {
      // A REST API event has no version field.
      HttpRequest request = withPath("apigw-rest-v1-proxy-resource.json", "path", ENCODED);

      assertThat(request.path()).isEqualTo(DECODED);
    }

    @Test
    void loadBalancerPathsAreDecodedInBothModes() {
      assertThat(withPath("alb.json", "path", ENCODED).path()).isEqualTo(DECODED);
      assertThat(withPath("alb-multi-value.json", "path", ENCODED).path()).isEqualTo(DECODED);
    }

    @Test
    void functionUrlRawPathsAreDecoded() {
      assertThat(withPath("function-url.json", "rawPath", ENCODED).path()).isEqualTo(DECODED);
    }

    @Test
    void httpApiPathsArriveDecodedAndAreNotDecodedTwice() {
      // What API Gateway sends for /files/my%20report/100%2525: the path decoded once.
      String once = "/files/my report/café/100%25";

      assertThat(withPath("apigw-http-v2.json", "rawPath", once).path()).isEqualTo(once);
      // Payload 1.0 ("version": "1.0") is decoded by API Gateway too.
      assertThat(withPath("apigw-rest-v1.json", "path", once).path()).isEqualTo(once);
    }

    @Test
    void everySourceGivesTheFunctionTheSamePath() {
      List<String> paths =
          List.of(
              withPath("apigw-rest-v1-proxy-resource.json", "path", ENCODED).path(),
              withPath("alb.json", "path", ENCODED).path(),
              withPath("function-url.json", "rawPath", ENCODED).path(),
              withPath("apigw-http-v2.json", "rawPath", DECODED).path(),
              withPath("apigw-rest-v1.json", "path", DECODED).path());

      assertThat(paths).containsOnly(DECODED);
    }

    @Test
    void anHttpApiNamedStageIsRemovedFromThePath() {
      assertThat(withPathAndStage("apigw-http-v2.json", "rawPath", "/prod/my/path", "prod").path())
          .isEqualTo("/my/path");
      assertThat(withPathAndStage("apigw-http-v2.json", "rawPath", "/prod", "prod").path())
          .isEqualTo("/");
      assertThat(withPathAndStage("apigw-http-v2.json", "rawPath", "/prod/", "prod").path())
          .isEqualTo("/");
      assertThat(withPathAndStage("apigw-rest-v1.json", "path", "/prod/my/path", "prod").path())
          .isEqualTo("/my/path");
    }

    @Test
    void onlyAWholeStageSegmentIsRemoved() {
      assertThat(withPathAndStage("apigw-http-v2.json", "rawPath", "/production/x", "prod").path())
          .isEqualTo("/production/x");
      // A custom domain's API mapping sends the path without the stage.
      assertThat(withPathAndStage("apigw-http-v2.json", "rawPath", "/my/path", "prod").path())
          .isEqualTo("/my/path");
      assertThat(
              withPathAndStage("apigw-http-v2.json", "rawPath", "/$default/x", "$default").path())
          .isEqualTo("/$default/x");
    }

    @Test
    void aRestApiPathHasNoStageToRemove() {
      // The recorded REST event's stage is testStage; its path never carries it.
      assertThat(
              withPathAndStage(
                      "apigw-rest-v1-proxy-resource.json", "path", "/testStage/hello", "testStage")
                  .path())
          .isEqualTo("/testStage/hello");
    }

    @Test
    void aMalformedEscapeIsKeptAsSent() {
      assertThat(withPath("alb.json", "path", "/100%/x%zz").path()).isEqualTo("/100%/x%zz");
    }
  }

  @Nested
  class Encoding {

    private final List<LogRecord> logged = new ArrayList<>();

    private JsonNode encode(HttpResponse response, HttpEnvelope.Format format) throws Exception {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      InvocationContext context =
          InvocationContext.builder(Cloud.AWS, "f", "req-1")
              .logWriter(logged::add, dev.portablefunctions.FunctionLogger.Level.DEBUG)
              .build();
      try (JsonGenerator json = Json.mapper().getFactory().createGenerator(out)) {
        HttpEnvelope.encode(response, format, json, context);
      }
      return Json.mapper().readTree(out.toByteArray());
    }

    private final HttpResponse withCookies =
        HttpResponse.status(201)
            .text("créé")
            .header("X-Multi", "a")
            .header("X-Multi", "b")
            .header("Set-Cookie", "a=1; Path=/")
            .header("Set-Cookie", "b=2; Expires=Wed, 21 Oct 2015 07:28:00 GMT");

    @Test
    void restApiAnswersWithMultiValueHeaders() throws Exception {
      JsonNode json = encode(withCookies, HttpEnvelope.Format.PAYLOAD_1);

      assertThat(json.get("statusCode").asInt()).isEqualTo(201);
      assertThat(json.get("multiValueHeaders").get("set-cookie"))
          .extracting(JsonNode::asText)
          .containsExactly("a=1; Path=/", "b=2; Expires=Wed, 21 Oct 2015 07:28:00 GMT");
      assertThat(json.get("multiValueHeaders").get("x-multi"))
          .extracting(JsonNode::asText)
          .containsExactly("a", "b");
      assertThat(json.has("headers")).isFalse();
      assertThat(json.get("body").asText()).isEqualTo("créé");
      assertThat(json.get("isBase64Encoded").asBoolean()).isFalse();
    }

    @Test
    void httpApiAnswersWithJoinedHeadersAndCookies() throws Exception {
      JsonNode json = encode(withCookies, HttpEnvelope.Format.PAYLOAD_2);

      assertThat(json.get("statusCode").asInt()).isEqualTo(201);
      assertThat(json.get("headers").get("x-multi").asText()).isEqualTo("a, b");
      assertThat(json.get("headers").get("content-type").asText())
          .isEqualTo("text/plain; charset=utf-8");
      assertThat(json.get("headers").has("set-cookie")).isFalse();
      assertThat(json.get("cookies"))
          .extracting(JsonNode::asText)
          .containsExactly("a=1; Path=/", "b=2; Expires=Wed, 21 Oct 2015 07:28:00 GMT");
      assertThat(json.has("multiValueHeaders")).isFalse();
    }

    @Test
    void httpApiLeavesCookiesOutWhenThereAreNone() throws Exception {
      JsonNode json = encode(HttpResponse.noContent(), HttpEnvelope.Format.PAYLOAD_2);

      assertThat(json.has("cookies")).isFalse();
      assertThat(json.get("statusCode").asInt()).isEqualTo(204);
      assertThat(json.get("body").asText()).isEmpty();
      assertThat(json.get("isBase64Encoded").asBoolean()).isFalse();
    }

    @Test
    void albMultiValueModeAnswersInMultiValueMode() throws Exception {
      JsonNode json = encode(withCookies, HttpEnvelope.Format.ALB_MULTI_VALUE);

      assertThat(json.get("statusDescription").asText()).isEqualTo("201 Created");
      assertThat(json.get("multiValueHeaders").get("set-cookie")).hasSize(2);
      assertThat(json.has("headers")).isFalse();
      assertThat(logged).isEmpty();
    }

    @Test
    void albSingleValueModeSendsOneCookieAndWarnsTheOperator() throws Exception {
      JsonNode json = encode(withCookies, HttpEnvelope.Format.ALB_SINGLE_VALUE);

      assertThat(json.get("statusDescription").asText()).isEqualTo("201 Created");
      assertThat(json.get("headers").get("x-multi").asText()).isEqualTo("a, b");
      assertThat(json.get("headers").get("set-cookie").asText()).isEqualTo("a=1; Path=/");
      assertThat(json.has("multiValueHeaders")).isFalse();
      assertThat(logged)
          .singleElement()
          .satisfies(
              line -> {
                assertThat(line.level()).isEqualTo(dev.portablefunctions.FunctionLogger.Level.WARN);
                assertThat(line.message()).contains("lambda.multi_value_headers.enabled");
              });
    }

    @ParameterizedTest
    @EnumSource(HttpEnvelope.Format.class)
    void everyFormatSendsABinaryBodyAsBase64(HttpEnvelope.Format format) throws Exception {
      JsonNode json = encode(HttpResponse.ok().body(PNG_BYTES, "image/png"), format);

      assertThat(json.get("isBase64Encoded").asBoolean()).isTrue();
      assertThat(Base64.getDecoder().decode(json.get("body").asText())).isEqualTo(PNG_BYTES);
    }

    @Test
    void statusDescriptionKnowsTheReasonPhrases() {
      assertThat(HttpEnvelope.statusDescription(200)).isEqualTo("200 OK");
      assertThat(HttpEnvelope.statusDescription(404)).isEqualTo("404 Not Found");
      assertThat(HttpEnvelope.statusDescription(599)).isEqualTo("599");
    }
  }

  @Nested
  class TextOrBinary {

    private final byte[] utf8 = "héllo".getBytes(StandardCharsets.UTF_8);

    @Test
    void textualTypesInUtf8AreText() {
      for (String type :
          List.of(
              "text/plain",
              "text/html; charset=UTF-8",
              "application/json",
              "application/problem+json",
              "application/xml",
              "image/svg+xml",
              "application/javascript",
              "application/x-www-form-urlencoded",
              "application/octet-stream; charset=utf-8")) {
        assertThat(HttpEnvelope.sendAsText(Optional.of(type), utf8)).as(type).isTrue();
      }
    }

    @Test
    void binaryTypesAreBase64EvenWhenTheirBytesAreValidUtf8() {
      for (String type : List.of("image/png", "application/octet-stream", "application/pdf")) {
        assertThat(HttpEnvelope.sendAsText(Optional.of(type), utf8)).as(type).isFalse();
      }
    }

    @Test
    void textInAnotherCharsetIsBase64SoItsBytesSurvive() {
      byte[] latin1 = "héllo".getBytes(StandardCharsets.ISO_8859_1);
      assertThat(HttpEnvelope.sendAsText(Optional.of("text/plain; charset=ISO-8859-1"), latin1))
          .isFalse();
      assertThat(HttpEnvelope.sendAsText(Optional.of("text/plain"), latin1)).isFalse();
    }

    @Test
    void withoutAContentTypeValidUtf8IsText() {
      assertThat(HttpEnvelope.sendAsText(Optional.empty(), utf8)).isTrue();
      assertThat(HttpEnvelope.sendAsText(Optional.empty(), PNG_BYTES)).isFalse();
    }

    @Test
    void anEmptyBodyIsText() {
      assertThat(HttpEnvelope.sendAsText(Optional.of("image/png"), new byte[0])).isTrue();
    }
  }
}
