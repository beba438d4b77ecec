package dev.portablefunctions.azure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portablefunctions.azure.testing.Fixtures;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Metadata as the worker binds it to {@code String}: as is, or as JSON text. */
class MetadataTest {

  @Test
  void jsonStringsAreUnquotedAndPlainStringsKept() {
    assertThat(Metadata.text("\"2019-10-09T17:58:31+00:00\""))
        .isEqualTo("2019-10-09T17:58:31+00:00");
    assertThat(Metadata.text("\"a \\\"quoted\\\" id\"")).isEqualTo("a \"quoted\" id");
    assertThat(Metadata.text("800ae4b3-bdd2-4c08-badd-f08e5a34b865"))
        .isEqualTo("800ae4b3-bdd2-4c08-badd-f08e5a34b865");
    assertThat(Metadata.text(null)).isNull();
  }

  @Test
  void numbersArriveAsTextOrJson() {
    assertThat(Metadata.number("1", 0)).isEqualTo(1);
    assertThat(Metadata.number("\"12\"", 0)).isEqualTo(12);
    assertThat(Metadata.number("3.0", 0)).isEqualTo(3);
    assertThat(Metadata.number("many", -1)).isEqualTo(-1);
    assertThat(Metadata.number(null, -1)).isEqualTo(-1);
    // Never a rounded or saturated value.
    assertThat(Metadata.number("99999999999999999999", -1)).isEqualTo(-1);
    assertThat(Metadata.number("1e20", -1)).isEqualTo(-1);
    assertThat(Metadata.number("3.5", -1)).isEqualTo(-1);
  }

  @Test
  void timesWithAnOffsetWithZAndWithoutAZoneAreRead() {
    assertThat(Metadata.instant("\"2019-10-09T17:58:31+00:00\""))
        .isEqualTo(Instant.parse("2019-10-09T17:58:31Z"));
    assertThat(Metadata.instant("2017-06-26T18:41:00.9584103Z"))
        .isEqualTo(Instant.parse("2017-06-26T18:41:00.9584103Z"));
    // .NET DateTime of unspecified kind, as Service Bus and Event Hubs send EnqueuedTimeUtc: UTC.
    assertThat(Metadata.instant("\"2020-08-31T16:48:37.708\""))
        .isEqualTo(Instant.parse("2020-08-31T16:48:37.708Z"));
    assertThat(Metadata.instant("\"9999-12-31T23:59:59.9999999\""))
        .isEqualTo(Instant.parse("9999-12-31T23:59:59.9999999Z"));
    assertThat(Metadata.instant("10/9/2019 5:58:31 PM")).isNull();
  }

  @Test
  void dictionariesBecomeStringAttributes() {
    assertThat(
            Metadata.attributes(
                Metadata.tree(Fixtures.read("servicebus-application-properties.json"))))
        .containsExactly(Map.entry("prop1", "value1"), Map.entry("prop2", "value2"));
    assertThat(Metadata.attributes(Metadata.tree("{\"n\":1.5,\"o\":{\"a\":[1]},\"z\":null}")))
        .containsExactly(Map.entry("n", "1.5"), Map.entry("o", "{\"a\":[1]}"));
    assertThat(Metadata.attributes(Metadata.tree("not json"))).isEmpty();
    assertThat(Metadata.attributes(Metadata.tree("[1]"))).isEmpty();
  }
}
