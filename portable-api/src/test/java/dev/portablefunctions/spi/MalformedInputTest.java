package dev.portablefunctions.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.portablefunctions.FunctionException;
import dev.portablefunctions.Headers;
import dev.portablefunctions.HttpRequest;
import io.cloudevents.rw.CloudEventRWException;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MalformedInputTest {

  public record Line(String sku, int quantity, Map<String, Integer> options) {}

  public record Cart(List<Line> lines) {}

  private static final String SECRET = "sk_live_51Hx9secret";

  private static String describe(String json, Class<?> type) {
    IOException failure =
        catchThrowableOfType(
            IOException.class,
            () -> Json.mapper().readValue(json.getBytes(StandardCharsets.UTF_8), type));
    return MalformedInput.describe("request body", failure);
  }

  @Test
  void anUnrecognizedTokenSaysWhereAndWhatWithoutQuotingIt() {
    String detail = describe("{\"lines\":[" + SECRET + "]}", Cart.class);

    assertThat(detail)
        .isEqualTo(
            "The request body is not valid JSON at /lines (line 1, column 11): expected a JSON value"
                + " (a string, number, object, array, true, false or null).")
        .doesNotContain("sk_live");
  }

  @Test
  void aMismatchNamesTheJsonPointerAndTheExpectedKind() {
    assertThat(
            describe("{\"lines\":[{\"sku\":\"a\"},{\"quantity\":\"" + SECRET + "\"}]}", Cart.class))
        .isEqualTo(
            "The request body does not fit Cart at /lines/1/quantity (line 1, column 35): expected a"
                + " whole number that fits in int.");
  }

  @Test
  void aNumberTooLargeForItsTypeIsOutOfRangeNotWrapped() {
    assertThat(describe("{\"lines\":[{\"quantity\":99999999999999999999}]}", Cart.class))
        .contains("at /lines/0/quantity", "expected a number that fits in int")
        .doesNotContain("99999");
  }

  @Test
  void aMapKeyIsInputAndIsShownAsAStar() {
    assertThat(describe("{\"lines\":[{\"options\":{\"" + SECRET + "\":true}}]}", Cart.class))
        .contains("at /lines/0/options/*")
        .doesNotContain("sk_live");
  }

  @Test
  void trailingContentAndEmptyInputAreSyntaxErrors() {
    assertThat(describe("{\"lines\":[]} {\"" + SECRET + "\":1}", Cart.class))
        .contains("not valid JSON", "expected nothing after the first JSON value")
        .doesNotContain("sk_live");
    assertThat(describe("  ", Cart.class)).contains("not valid JSON", "the input is empty");
  }

  @Test
  void aTreeThatEndsEarlySaysSo() {
    IOException failure =
        catchThrowableOfType(IOException.class, () -> Json.mapper().readTree("{\"a\":\"" + SECRET));

    assertThat(MalformedInput.describe("event", failure))
        .isEqualTo(
            "The event is not valid JSON (line 1, column 26): expected more input; it ends before"
                + " the JSON value is complete.");
  }

  @Test
  void ofIsBadInputWithoutTheQuotingCause() {
    IOException failure =
        catchThrowableOfType(
            IOException.class,
            () -> Json.mapper().readValue(SECRET, new TypeReference<Map<String, String>>() {}));

    FunctionException bad = MalformedInput.of("request body", failure);

    assertThat(bad.kind()).isEqualTo(FunctionException.Kind.BAD_INPUT);
    assertThat(bad.detail()).doesNotContain("sk_live");
    assertThat(bad.getCause()).isNull();
  }

  @Test
  void cloudEventFailuresAreDescribedByTheirKind() {
    assertThat(
            MalformedInput.describe(
                "CloudEvent", CloudEventRWException.newInvalidSpecVersion("9.9-" + SECRET)))
        .isEqualTo("The CloudEvent is not a valid CloudEvent: expected specversion 1.0 or 0.3.");
  }

  @Test
  void anyOtherFailureIsMalformedWithoutItsMessage() {
    assertThat(MalformedInput.describe("blob", new IllegalArgumentException(SECRET)))
        .isEqualTo("The blob is malformed.");
    assertThat(MalformedInput.describe("blob", new IOException(SECRET)))
        .isEqualTo("The blob cannot be read.");
  }

  @Test
  void atSaysWhereAndWhat() {
    FunctionException bad = MalformedInput.at("Pub/Sub event", "/message/data", "base64");

    assertThat(bad.kind()).isEqualTo(FunctionException.Kind.BAD_INPUT);
    assertThat(bad.detail())
        .isEqualTo("The Pub/Sub event is invalid at /message/data: expected base64.");
    assertThat(MalformedInput.at("event", "", "a JSON object").detail())
        .isEqualTo("The event is invalid: expected a JSON object.");
  }

  @Test
  void nonNegativeLongTakesNumbersAndDigitStrings() {
    assertThat(
            MalformedInput.nonNegativeLong(
                Json.mapper().getNodeFactory().numberNode(352), "e", "/size"))
        .hasValue(352);
    assertThat(
            MalformedInput.nonNegativeLong(
                Json.mapper().getNodeFactory().textNode(" 12345678901 "), "e", "/size"))
        .hasValue(12_345_678_901L);
    assertThat(
            MalformedInput.nonNegativeLong(
                Json.mapper().getNodeFactory().textNode("9223372036854775807"), "e", "/size"))
        .hasValue(Long.MAX_VALUE);
    assertThat(MalformedInput.nonNegativeLong((JsonNode) null, "e", "/size")).isEmpty();
    assertThat(
            MalformedInput.nonNegativeLong(Json.mapper().getNodeFactory().nullNode(), "e", "/size"))
        .isEmpty();
  }

  @Test
  void aNumberThatDoesNotFitALongIsBadInputNotAWrappedValue() {
    for (JsonNode value :
        List.of(
            Json.mapper().getNodeFactory().numberNode(new BigInteger("99999999999999999999")),
            Json.mapper().getNodeFactory().textNode("99999999999999999999"),
            Json.mapper().getNodeFactory().textNode("9223372036854775808"),
            Json.mapper().getNodeFactory().numberNode(-1),
            Json.mapper().getNodeFactory().numberNode(1.5),
            Json.mapper().getNodeFactory().textNode("+5"),
            Json.mapper().getNodeFactory().textNode("big"),
            Json.mapper().getNodeFactory().booleanNode(true))) {
      FunctionException bad =
          catchThrowableOfType(
              FunctionException.class,
              () -> MalformedInput.nonNegativeLong(value, "storage event", "/size"));
      assertThat(bad.detail())
          .as("%s", value)
          .isEqualTo(
              "The storage event is invalid at /size: expected a whole number from 0 to"
                  + " 9223372036854775807.");
    }
  }

  @Test
  void aHeaderHttpRefusesIsBadInputNamingNeitherNameNorValue() {
    for (String[] header :
        new String[][] {
          {"x-a", "a\r\nb: " + SECRET},
          {"x-a", SECRET + "\u0000"},
          {SECRET + "\n", "v"},
          {"", "v"},
          {":" + SECRET, "v"}
        }) {
      FunctionException bad =
          catchThrowableOfType(
              FunctionException.class,
              () -> MalformedInput.addHeader(Headers.builder(), header[0], header[1]));
      assertThat(bad.kind()).isEqualTo(FunctionException.Kind.BAD_INPUT);
      assertThat(bad.detail()).doesNotContain("sk_live").contains("CR, LF or NUL");
      FunctionException badOnARequest =
          catchThrowableOfType(
              FunctionException.class,
              () ->
                  MalformedInput.addHeader(HttpRequest.builder("GET", "/"), header[0], header[1]));
      assertThat(badOnARequest.kind()).isEqualTo(FunctionException.Kind.BAD_INPUT);
      assertThat(badOnARequest.detail()).isEqualTo(bad.detail());
    }
  }

  @Test
  void aValidHeaderIsAddedAndANullOneSkipped() {
    Headers.Builder headers = Headers.builder();

    MalformedInput.addHeader(headers, "X-Test", "1");
    MalformedInput.addHeader(headers, "X-Null", null);
    MalformedInput.addHeader(headers, null, "v");

    assertThat(headers.build().asMap()).isEqualTo(Map.of("x-test", List.of("1")));

    HttpRequest.Builder request = HttpRequest.builder("GET", "/");
    MalformedInput.addHeader(request, "X-Test", "1");
    MalformedInput.addHeader(request, "X-Null", null);
    MalformedInput.addHeader(request, null, "v");

    assertThat(request.build().headers().asMap()).isEqualTo(Map.of("x-test", List.of("1")));
  }
}
