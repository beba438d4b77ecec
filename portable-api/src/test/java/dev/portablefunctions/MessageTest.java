package dev.portablefunctions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MessageTest {

  public record AuditEntry(String action, int count) {}

  @Test
  void builderSetsEveryPart() {
    Instant published = Instant.parse("2024-05-01T10:15:30Z");

    Message message =
        Message.builder("m-1")
            .body("{\"action\":\"login\"}")
            .attribute("source", "web")
            .publishTime(published)
            .deliveryAttempt(3)
            .orderingKey("user-7")
            .build();

    assertThat(message.id()).isEqualTo("m-1");
    assertThat(message.bodyAsString()).isEqualTo("{\"action\":\"login\"}");
    assertThat(message.attributes()).containsExactly(Map.entry("source", "web"));
    assertThat(message.attribute("source")).contains("web");
    assertThat(message.publishTime()).contains(published);
    assertThat(message.deliveryAttempt()).hasValue(3);
    assertThat(message.orderingKey()).contains("user-7");
  }

  @Test
  void optionalPartsAreAbsentWhenNotSet() {
    Message message = Message.builder("m-1").build();

    assertThat(message.body()).isEmpty();
    assertThat(message.bodyAsString()).isEmpty();
    assertThat(message.attributes()).isEmpty();
    assertThat(message.attribute("source")).isEmpty();
    assertThat(message.publishTime()).isEmpty();
    assertThat(message.deliveryAttempt()).isEmpty();
    assertThat(message.orderingKey()).isEmpty();
  }

  @Test
  void ofGivesATextMessage() {
    Message message = Message.of("m-2", "héllo");

    assertThat(message.id()).isEqualTo("m-2");
    assertThat(message.body()).isEqualTo("héllo".getBytes(StandardCharsets.UTF_8));
    assertThat(message.attributes()).isEmpty();
  }

  @Test
  void attributesKeepInsertionOrderAndAreCaseSensitive() {
    Map<String, String> more = new LinkedHashMap<>();
    more.put("b", "2");
    more.put("A", "3");

    Message message = Message.builder("m").attribute("z", "1").attributes(more).build();

    assertThat(message.attributes().keySet()).containsExactly("z", "b", "A");
    assertThat(message.attribute("a")).isEmpty();
    assertThat(message.attribute("A")).contains("3");
  }

  @Test
  void attributesAreUnmodifiableAndIndependentOfTheBuilder() {
    Message.Builder builder = Message.builder("m").attribute("a", "1");
    Message message = builder.build();

    builder.attribute("b", "2");

    assertThatThrownBy(() -> message.attributes().put("x", "y"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(message.attributes()).containsOnlyKeys("a");
  }

  @Test
  void bodyReturnsACopy() {
    Message message = Message.of("m", "abc");

    message.body()[0] = 'X';

    assertThat(message.bodyAsString()).isEqualTo("abc");
  }

  @Test
  void bodyAsBindsJson() {
    Message message = Message.of("m", "{\"action\":\"login\",\"count\":2,\"extra\":[]}");

    assertThat(message.bodyAs(AuditEntry.class)).isEqualTo(new AuditEntry("login", 2));
  }

  @Test
  void bodyAsOfMalformedJsonIsBadInputNamingTheMessage() {
    Message message = Message.of("m-42", "{not json");

    FunctionException error =
        catchThrowableOfType(FunctionException.class, () -> message.bodyAs(AuditEntry.class));

    assertThat(error.kind()).isEqualTo(FunctionException.Kind.BAD_INPUT);
    assertThat(error.detail()).contains("message m-42", "not valid JSON");
  }

  @Test
  void emptyIdIsRejected() {
    assertThatThrownBy(() -> Message.builder(""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("message id");
    assertThatThrownBy(() -> Message.builder(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("id");
  }

  @Test
  void deliveryAttemptCountsFromOne() {
    assertThatThrownBy(() -> Message.builder("m").deliveryAttempt(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("deliveryAttempt")
        .hasMessageContaining("0");
    assertThat(Message.builder("m").deliveryAttempt(1).build().deliveryAttempt()).hasValue(1);
  }

  @Test
  void nullArgumentsAreRejectedNamingTheArgument() {
    Message.Builder builder = Message.builder("m");

    assertThatThrownBy(() -> builder.attribute("trace", null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("trace");
    assertThatThrownBy(() -> builder.attribute(null, "v"))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("name");
    assertThatThrownBy(() -> builder.publishTime(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("publishTime");
    assertThatThrownBy(() -> builder.orderingKey(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("orderingKey");
    assertThatThrownBy(() -> builder.body((byte[]) null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("body");
    assertThatThrownBy(() -> Message.of("m", "x").attribute(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("name");
  }

  @Test
  void toStringNeverShowsTheBody() {
    assertThat(Message.of("m-1", "password=hunter2").toString())
        .contains("m-1", "16 bytes")
        .doesNotContain("hunter2");
  }
}
