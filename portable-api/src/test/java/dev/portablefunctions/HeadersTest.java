package dev.portablefunctions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class HeadersTest {

  @Test
  void firstHeaderIsCaseInsensitive() {
    Headers headers = Headers.builder().add("Content-Type", "application/json").build();

    assertThat(headers.first("content-type")).contains("application/json");
    assertThat(headers.first("CONTENT-TYPE")).contains("application/json");
    assertThat(headers.first("Content-Type")).contains("application/json");
  }

  @Test
  void firstOfAnAbsentHeaderIsEmpty() {
    Headers headers = Headers.builder().add("Accept", "text/html").build();

    assertThat(headers.first("Content-Type")).isEmpty();
    assertThat(Headers.empty().first("Accept")).isEmpty();
  }

  @Test
  void allKeepsEveryValueInOrderOfArrivalWhateverTheNameCase() {
    Headers headers =
        Headers.builder()
            .add("Accept", "text/html")
            .add("X-Other", "x")
            .add("accept", "*/*")
            .add("ACCEPT", "application/json")
            .build();

    assertThat(headers.all("aCcEpT")).containsExactly("text/html", "*/*", "application/json");
    assertThat(headers.first("accept")).contains("text/html");
  }

  @Test
  void allOfAnAbsentHeaderIsAnEmptyListNotNull() {
    assertThat(Headers.builder().add("a", "1").build().all("b")).isNotNull().isEmpty();
  }

  @Test
  void containsIsCaseInsensitive() {
    Headers headers = Headers.builder().add("X-Request-Id", "42").build();

    assertThat(headers.contains("x-request-id")).isTrue();
    assertThat(headers.contains("X-REQUEST-ID")).isTrue();
    assertThat(headers.contains("x-request")).isFalse();
  }

  @Test
  void namesAreListedInLowerCaseInOrderOfFirstArrival() {
    Headers headers =
        Headers.builder()
            .add("X-B", "1")
            .add("Content-Type", "text/plain")
            .add("x-b", "2")
            .add("ACCEPT", "*/*")
            .build();

    assertThat(headers.names()).containsExactly("x-b", "content-type", "accept");
    assertThat(headers.asMap().keySet()).containsExactly("x-b", "content-type", "accept");
  }

  @Test
  void commaJoinedValueStaysOneValue() {
    Headers headers = Headers.builder().add("Date", "Tue, 15 Nov 1994 08:12:31 GMT").build();

    assertThat(headers.all("date")).containsExactly("Tue, 15 Nov 1994 08:12:31 GMT");
  }

  @Test
  void ofMergesNamesThatDifferOnlyInCaseInIterationOrder() {
    Map<String, List<String>> map = new LinkedHashMap<>();
    map.put("Accept", List.of("text/html", "text/plain"));
    map.put("Host", List.of("example.com"));
    map.put("ACCEPT", List.of("*/*"));

    Headers headers = Headers.of(map);

    assertThat(headers.names()).containsExactly("accept", "host");
    assertThat(headers.all("accept")).containsExactly("text/html", "text/plain", "*/*");
  }

  @Test
  void ofRejectsANullValueListNamingTheHeader() {
    Map<String, List<String>> map = new LinkedHashMap<>();
    map.put("X-Broken", null);

    assertThatThrownBy(() -> Headers.of(map))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("X-Broken");
  }

  @Test
  void ofAnEmptyMapIsEmpty() {
    assertThat(Headers.of(Map.of()).isEmpty()).isTrue();
    assertThat(Headers.of(Map.of())).isEqualTo(Headers.empty());
  }

  @Test
  void asMapIsUnmodifiableIncludingItsValueLists() {
    Headers headers = Headers.builder().add("Accept", "text/html").build();
    Map<String, List<String>> map = headers.asMap();

    assertThatThrownBy(() -> map.put("x", List.of("y")))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> map.get("accept").add("evil"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> headers.all("accept").clear())
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(headers.all("accept")).containsExactly("text/html");
  }

  @Test
  void emptyHeadersAreUnmodifiableToo() {
    assertThatThrownBy(() -> Headers.empty().asMap().put("x", List.of("y")))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(Headers.empty().isEmpty()).isTrue();
  }

  @Test
  void builderSetReplacesEveryValueWhateverTheCase() {
    Headers headers =
        Headers.builder()
            .add("Accept", "text/html")
            .add("accept", "text/plain")
            .set("ACCEPT", "application/json")
            .build();

    assertThat(headers.all("accept")).containsExactly("application/json");
  }

  @Test
  void builderRemoveDropsTheHeaderWhateverTheCase() {
    Headers headers =
        Headers.builder().add("Accept", "text/html").add("Host", "h").remove("ACCEPT").build();

    assertThat(headers.contains("accept")).isFalse();
    assertThat(headers.names()).containsExactly("host");
  }

  @Test
  void builderRejectsAnEmptyNameAndNulls() {
    assertThatThrownBy(() -> Headers.builder().add("", "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("header name");
    assertThatThrownBy(() -> Headers.builder().add(null, "x"))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("name");
    assertThatThrownBy(() -> Headers.builder().add("X-Thing", null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("X-Thing");
  }

  @Test
  void lookupWithANullNameNamesTheArgument() {
    assertThatThrownBy(() -> Headers.empty().first(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("name");
  }

  @Test
  void eachBuildIsIndependentOfLaterBuilderChanges() {
    Headers.Builder builder = Headers.builder().add("a", "1");
    Headers first = builder.build();

    builder.add("a", "2").add("b", "3");

    assertThat(first.all("a")).containsExactly("1");
    assertThat(first.contains("b")).isFalse();
  }

  @Test
  void toBuilderStartsFromACopy() {
    Headers original = Headers.builder().add("a", "1").build();

    Headers changed = original.toBuilder().add("A", "2").set("b", "3").build();

    assertThat(original.all("a")).containsExactly("1");
    assertThat(original.contains("b")).isFalse();
    assertThat(changed.all("a")).containsExactly("1", "2");
    assertThat(changed.all("b")).containsExactly("3");
  }

  @Test
  void equalHeadersIgnoreTheCaseTheyWereAddedIn() {
    Headers one = Headers.builder().add("Accept", "x").build();
    Headers other = Headers.builder().add("ACCEPT", "x").build();

    assertThat(one).isEqualTo(other).hasSameHashCodeAs(other);
    assertThat(one).isNotEqualTo(Headers.builder().add("accept", "y").build());
  }

  @Test
  void toStringRedactsCredentials() {
    Headers headers =
        Headers.builder()
            .add("Authorization", "Bearer s3cr3t-token")
            .add("Cookie", "session=c00kie-value")
            .add("Set-Cookie", "id=set-c00kie")
            .add("Proxy-Authorization", "Basic cHJveHk=")
            .add("X-Api-Key", "api-k3y")
            .add("Accept", "text/html")
            .build();

    String text = headers.toString();

    assertThat(text)
        .doesNotContain("s3cr3t-token", "c00kie-value", "set-c00kie", "cHJveHk=", "api-k3y")
        .contains("authorization=", "cookie=", "<redacted>")
        .contains("accept=[text/html]");
  }

  @Test
  void lineBreaksAndNulCannotSplitAHeader() {
    assertThatThrownBy(() -> Headers.builder().add("x-a", "1\r\nSet-Cookie: evil=1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("x-a");
    assertThatThrownBy(() -> Headers.builder().add("x-a\n", "1"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Headers.builder().add("x:a", "1"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Headers.builder().add("x-a", "a\u0000b"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void asMapRefusesEveryChangeThroughItsViewsToo() {
    Headers headers = Headers.builder().add("Accept", "text/html").add("Host", "h").build();
    Map<String, List<String>> map = headers.asMap();

    assertThatThrownBy(() -> map.remove("accept"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(map::clear).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> map.putAll(Map.of("x", List.of("y"))))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> map.replaceAll((name, values) -> List.of()))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> map.keySet().remove("host"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> map.entrySet().iterator().next().setValue(List.of()))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(
            () -> {
              var entries = map.entrySet().iterator();
              entries.next();
              entries.remove();
            })
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(map).containsOnlyKeys("accept", "host");
  }

  /**
   * Any sequence of additions, replacements and removals (names in any case, more of them than the
   * builder first has room for) gives what a {@link LinkedHashMap} of lower-case names gives, and
   * headers built along the way keep what they had.
   */
  @Property(tries = 500)
  void headersBehaveAsAnOrderedMapOfLowerCaseNames(
      @ForAll @Size(max = 60) List<@IntRange(min = 0, max = 59) Integer> operations) {
    Headers.Builder builder = Headers.builder();
    Map<String, List<String>> model = new LinkedHashMap<>();
    List<Headers> built = new ArrayList<>();
    List<Map<String, List<String>>> expected = new ArrayList<>();
    int step = 0;
    for (int operation : operations) {
      String name = (operation % 2 == 0 ? "X-Name-" : "x-name-") + (operation % 12);
      String key = name.toLowerCase(java.util.Locale.ROOT);
      String value = "v" + step++;
      switch (operation / 12) {
        case 0, 1, 2 -> {
          builder.add(name, value);
          model.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
        case 3 -> {
          builder.set(name, value);
          model.remove(key);
          model.put(key, new ArrayList<>(List.of(value)));
        }
        default -> {
          builder.remove(name);
          model.remove(key);
        }
      }
      if (step % 5 == 0) {
        built.add(builder.build());
        expected.add(copy(model));
      }
    }
    built.add(builder.build());
    expected.add(copy(model));

    for (int i = 0; i < built.size(); i++) {
      Headers headers = built.get(i);
      Map<String, List<String>> want = expected.get(i);
      assertThat(headers.asMap()).isEqualTo(want).hasSameHashCodeAs(want);
      assertThat(headers.names()).containsExactlyElementsOf(want.keySet());
      assertThat(List.copyOf(headers.asMap().entrySet()))
          .containsExactlyElementsOf(List.copyOf(want.entrySet()));
      List<String> seen = new ArrayList<>();
      headers.asMap().forEach((name, values) -> seen.add(name + "=" + values));
      assertThat(seen)
          .containsExactlyElementsOf(
              want.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
      for (int n = 0; n < 12; n++) {
        String key = "x-name-" + n;
        assertThat(headers.all("X-NAME-" + n)).isEqualTo(want.getOrDefault(key, List.of()));
        assertThat(headers.contains(key)).isEqualTo(want.containsKey(key));
        assertThat(headers.first(key))
            .isEqualTo(java.util.Optional.ofNullable(want.get(key)).map(values -> values.get(0)));
      }
      assertThat(headers.toBuilder().build()).isEqualTo(headers);
      assertThat(headers.isEmpty()).isEqualTo(want.isEmpty());
    }
  }

  private static Map<String, List<String>> copy(Map<String, List<String>> model) {
    Map<String, List<String>> copy = new LinkedHashMap<>();
    model.forEach((name, values) -> copy.put(name, List.copyOf(values)));
    return copy;
  }
}
