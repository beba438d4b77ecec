package dev.portablefunctions.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
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

  /** The processor keeps a copy of these rules (it runs without portable-api): they must agree. */
  @Test
  void theIndexProcessorsCopyAgrees() throws Exception {
    Class<?> copy = Class.forName("dev.portablefunctions.processor.Names");
    Method kebabCase = copy.getDeclaredMethod("kebabCase", String.class);
    Method isValid = copy.getDeclaredMethod("isValid", String.class);
    Method rule = copy.getDeclaredMethod("rule");
    kebabCase.setAccessible(true);
    isValid.setAccessible(true);
    rule.setAccessible(true);
    for (String simpleName :
        new String[] {
          "EchoHttp",
          "S3Copy",
          "HTTPProxy",
          "A",
          "MyURLShortener",
          "V2Api",
          "Order2Receipt",
          "Snake_Case",
          "Double__Underscore",
          "_Leading",
          "Outer$Inner",
          "ABC",
          "x"
        }) {
      assertThat(kebabCase.invoke(null, simpleName))
          .as(simpleName)
          .isEqualTo(Names.kebabCase(simpleName));
    }
    for (String name :
        new String[] {
          "",
          "a",
          "-a",
          "a-",
          "1a",
          "a--b",
          "Echo",
          "echo_http",
          "échо",
          "a".repeat(63),
          "a".repeat(64)
        }) {
      assertThat(isValid.invoke(null, name)).as(name).isEqualTo(Names.isValid(name));
    }
    assertThat(rule.invoke(null)).isEqualTo(Names.rule());
  }
}
