package dev.portablefunctions.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NamesTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "EchoHttp, echo-http",
    "S3Copy, s3-copy",
    "HTTPProxy, http-proxy",
    "A, a",
    "echo, echo",
    "Greet, greet",
    "PlaceOrderFunction, place-order-function",
    "ParseJSON, parse-json",
    "MyURLShortener, my-url-shortener",
    "V2Api, v2-api",
    "Order2Receipt, order2-receipt",
    "Snake_Case, snake-case",
    "Double__Underscore, double-underscore",
    "_Leading, leading",
    "ABC, abc"
  })
  void kebabCaseSplitsWordsAndAcronyms(String simpleName, String expected) {
    assertThat(Names.kebabCase(simpleName)).isEqualTo(expected);
  }

  @Test
  void kebabCaseOfSimpleNamesIsAValidFunctionName() {
    for (String simpleName :
        new String[] {"EchoHttp", "S3Copy", "HTTPProxy", "A", "MyURLShortener"}) {
      assertThat(Names.isValid(Names.kebabCase(simpleName))).as(simpleName).isTrue();
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "a",
        "echo-http",
        "s3-copy",
        "a1",
        "a--b",
        "abcdefghijklmnopqrstuvwxyz-abcdefghijklmnopqrstuvwxyz-012345678" // 63
      })
  void validNames(String name) {
    assertThat(Names.isValid(name)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "-a",
        "a-",
        "1a",
        "Echo",
        "echo_http",
        "echo http",
        "echo.http",
        "échо",
        "abcdefghijklmnopqrstuvwxyz-abcdefghijklmnopqrstuvwxyz-0123456789" // 64
      })
  void invalidNames(String name) {
    assertThat(Names.isValid(name)).isFalse();
  }

  @Test
  void lengthLimitIsSixtyThreeCharacters() {
    assertThat(Names.isValid("a".repeat(63))).isTrue();
    assertThat(Names.isValid("a".repeat(64))).isFalse();
  }

  @Test
  void ruleExplainsTheConstraints() {
    assertThat(Names.rule()).contains("63", "lower-case", "letter", "hyphen");
  }
}
