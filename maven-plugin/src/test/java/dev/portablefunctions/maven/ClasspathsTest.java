package dev.portablefunctions.maven;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClasspathsTest {

  @Test
  void theIndexProcessorIsBuildTimeOnly() {
    assertThat(Classpaths.isBuildOnly("dev.portablefunctions", "portable-api-processor")).isTrue();
  }

  @Test
  void everythingAFunctionRunsOnIsShipped() {
    assertThat(Classpaths.isBuildOnly("dev.portablefunctions", "portable-api")).isFalse();
    assertThat(Classpaths.isBuildOnly("dev.portablefunctions", "adapter-aws")).isFalse();
    assertThat(Classpaths.isBuildOnly("com.example", "portable-api-processor")).isFalse();
  }
}
