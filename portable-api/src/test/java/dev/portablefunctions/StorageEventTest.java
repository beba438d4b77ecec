package dev.portablefunctions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class StorageEventTest {

  private static final Instant TIME = Instant.parse("2024-05-01T12:00:00Z");

  @Test
  void builderSetsEveryPart() {
    StorageEvent event =
        StorageEvent.builder("photos", "2024/cat pic.jpg", StorageEvent.Change.CREATED)
            .size(52_311)
            .etag("\"abc123\"")
            .contentType("image/jpeg")
            .time(TIME)
            .build();

    assertThat(event.bucket()).isEqualTo("photos");
    assertThat(event.key()).isEqualTo("2024/cat pic.jpg");
    assertThat(event.change()).isEqualTo(StorageEvent.Change.CREATED);
    assertThat(event.size()).hasValue(52_311);
    assertThat(event.etag()).contains("\"abc123\"");
    assertThat(event.contentType()).contains("image/jpeg");
    assertThat(event.time()).contains(TIME);
  }

  @Test
  void optionalPartsAreAbsentWhenNotSet() {
    StorageEvent event = StorageEvent.builder("b", "k", StorageEvent.Change.DELETED).build();

    assertThat(event.size()).isEmpty();
    assertThat(event.etag()).isEmpty();
    assertThat(event.contentType()).isEmpty();
    assertThat(event.time()).isEmpty();
  }

  @Test
  void zeroSizeIsKnownNotAbsent() {
    assertThat(StorageEvent.builder("b", "k", StorageEvent.Change.CREATED).size(0).build().size())
        .hasValue(0);
  }

  @Test
  void negativeSizeIsRejectedNamingIt() {
    assertThatThrownBy(() -> StorageEvent.builder("b", "k", StorageEvent.Change.CREATED).size(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("size")
        .hasMessageContaining("-1");
  }

  @Test
  void emptyBucketOrKeyIsRejected() {
    assertThatThrownBy(() -> StorageEvent.builder("", "k", StorageEvent.Change.CREATED))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bucket");
    assertThatThrownBy(() -> StorageEvent.builder("b", "", StorageEvent.Change.CREATED))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("key");
  }

  @Test
  void nullArgumentsAreRejectedNamingTheArgument() {
    assertThatThrownBy(() -> StorageEvent.builder(null, "k", StorageEvent.Change.CREATED))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("bucket");
    assertThatThrownBy(() -> StorageEvent.builder("b", null, StorageEvent.Change.CREATED))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("key");
    assertThatThrownBy(() -> StorageEvent.builder("b", "k", null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("change");
    StorageEvent.Builder builder = StorageEvent.builder("b", "k", StorageEvent.Change.CREATED);
    assertThatThrownBy(() -> builder.etag(null)).hasMessageContaining("etag");
    assertThatThrownBy(() -> builder.contentType(null)).hasMessageContaining("contentType");
    assertThatThrownBy(() -> builder.time(null)).hasMessageContaining("time");
  }

  @Test
  void eventsWithTheSamePartsAreEqual() {
    StorageEvent one =
        StorageEvent.builder("b", "k", StorageEvent.Change.CREATED)
            .size(5)
            .etag("e")
            .time(TIME)
            .build();
    StorageEvent same =
        StorageEvent.builder("b", "k", StorageEvent.Change.CREATED)
            .size(5)
            .etag("e")
            .time(TIME)
            .build();

    assertThat(one).isEqualTo(same).hasSameHashCodeAs(same);
  }

  @Test
  void eventsDifferingInAnyPartAreNotEqual() {
    StorageEvent base = StorageEvent.builder("b", "k", StorageEvent.Change.CREATED).size(5).build();

    assertThat(base)
        .isNotEqualTo(StorageEvent.builder("c", "k", StorageEvent.Change.CREATED).size(5).build())
        .isNotEqualTo(StorageEvent.builder("b", "j", StorageEvent.Change.CREATED).size(5).build())
        .isNotEqualTo(StorageEvent.builder("b", "k", StorageEvent.Change.DELETED).size(5).build())
        .isNotEqualTo(StorageEvent.builder("b", "k", StorageEvent.Change.CREATED).build())
        .isNotEqualTo(
            StorageEvent.builder("b", "k", StorageEvent.Change.CREATED).size(5).etag("e").build())
        .isNotEqualTo(
            StorageEvent.builder("b", "k", StorageEvent.Change.CREATED)
                .size(5)
                .contentType("text/plain")
                .build())
        .isNotEqualTo(
            StorageEvent.builder("b", "k", StorageEvent.Change.CREATED).size(5).time(TIME).build())
        .isNotEqualTo("b/k");
  }

  @Test
  void toStringNamesTheChangeAndObject() {
    assertThat(StorageEvent.builder("photos", "cat.jpg", StorageEvent.Change.DELETED).build())
        .hasToString("StorageEvent[DELETED photos/cat.jpg]");
  }
}
