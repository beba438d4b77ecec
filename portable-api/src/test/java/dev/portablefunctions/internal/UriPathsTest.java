package dev.portablefunctions.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UriPathsTest {

  @Test
  void decodesPercentEscapesAsUtf8AndKeepsPlus() {
    assertThat(UriPaths.decode("/files/my%20report%2Fx.pdf")).isEqualTo("/files/my report/x.pdf");
    assertThat(UriPaths.decode("/caf%C3%A9/a+b")).isEqualTo("/café/a+b");
    assertThat(UriPaths.decode("/100%25")).isEqualTo("/100%");
    assertThat(UriPaths.decode("/plain")).isEqualTo("/plain");
  }

  @Test
  void findsDotSegmentsAnywhereButNotDotsInsideNames() {
    assertThat(UriPaths.hasDotSegment("/a/../b")).isTrue();
    assertThat(UriPaths.hasDotSegment("/a/..")).isTrue();
    assertThat(UriPaths.hasDotSegment("/./a")).isTrue();
    assertThat(UriPaths.hasDotSegment("/..")).isTrue();
    assertThat(UriPaths.hasDotSegment("/a/.")).isTrue();
    assertThat(UriPaths.hasDotSegment("/a/.../b")).isFalse();
    assertThat(UriPaths.hasDotSegment("/a/..b/.c/d.")).isFalse();
    assertThat(UriPaths.hasDotSegment("/a//b/")).isFalse();
    assertThat(UriPaths.hasDotSegment("/")).isFalse();
    assertThat(UriPaths.hasDotSegment("")).isFalse();
  }

  @Test
  void keepsMalformedEscapesAndNonAsciiAsSent() {
    assertThat(UriPaths.decode("/a%zz/b%2")).isEqualTo("/a%zz/b%2");
    assertThat(UriPaths.decode("/%E2%82%AC/😀%20x")).isEqualTo("/€/😀 x");
  }
}
