package dev.portablefunctions.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BodiesTest {

  @Test
  void theCharsetParameterIsReadUnquotedWhateverItsCaseAndPlace() {
    assertThat(Bodies.charsetParameter("text/plain; charset=ISO-8859-1")).isEqualTo("ISO-8859-1");
    assertThat(Bodies.charsetParameter("text/plain;CharSet=\"utf-16\"")).isEqualTo("utf-16");
    assertThat(Bodies.charsetParameter("text/plain; format=flowed; charset=us-ascii ; x=1"))
        .isEqualTo("us-ascii");
    assertThat(Bodies.charsetParameter("text/plain; charset=a; charset=b")).isEqualTo("a");
  }

  @Test
  void aContentTypeWithoutOneHasNoCharsetParameter() {
    assertThat(Bodies.charsetParameter("application/json")).isNull();
    assertThat(Bodies.charsetParameter("application/json;")).isNull();
    assertThat(Bodies.charsetParameter("text/plain; format=flowed")).isNull();
    assertThat(Bodies.charsetParameter("text/plain; xcharset=latin1")).isNull();
  }

  @Test
  void theCharsetIsUtf8UnlessAKnownOneIsNamed() {
    assertThat(Bodies.charset(Optional.empty())).isEqualTo(StandardCharsets.UTF_8);
    assertThat(Bodies.charset(Optional.of("text/plain; charset=ISO-8859-1")))
        .isEqualTo(StandardCharsets.ISO_8859_1);
    assertThat(Bodies.charset(Optional.of("text/plain; charset=no-such-charset")))
        .isEqualTo(StandardCharsets.UTF_8);
    assertThat(Bodies.charset(Optional.of("text/plain"))).isEqualTo(StandardCharsets.UTF_8);
  }
}
