package dev.portablefunctions.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TimestampsTest {

  private static final DateTimeFormatter MILLIS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  @Test
  void isoIsWhatInstantToStringWrites() {
    SplittableRandom random = new SplittableRandom(11);
    for (int i = 0; i < 200_000; i++) {
      Instant time = randomInstant(random);
      assertThat(Timestamps.iso(time)).isEqualTo(time.toString());
    }
  }

  @Test
  void isoMillisIsWhatTheMillisecondPatternWrites() {
    SplittableRandom random = new SplittableRandom(12);
    for (int i = 0; i < 200_000; i++) {
      Instant time = randomInstant(random);
      assertThat(Timestamps.isoMillis(time)).isEqualTo(MILLIS.format(time));
    }
  }

  @Test
  void edgesOfTheFastRangeAndBeyondMatchJavaTime() {
    for (Instant time :
        new Instant[] {
          Instant.EPOCH,
          Instant.ofEpochSecond(0, 1),
          Instant.ofEpochSecond(-1, 999_999_999),
          Instant.parse("2000-02-29T23:59:59.999Z"),
          Instant.parse("2100-03-01T00:00:00Z"),
          Instant.parse("9999-12-31T23:59:59.999999999Z"),
          Instant.parse("+10000-01-01T00:00:00Z"),
          Instant.parse("1969-12-31T23:59:59.100Z"),
          Instant.parse("-0001-01-01T00:00:00Z")
        }) {
      assertThat(Timestamps.iso(time)).isEqualTo(time.toString());
      assertThat(Timestamps.isoMillis(time)).isEqualTo(MILLIS.format(time));
    }
  }

  @Test
  void intoABufferTheTextIsTheSameAndOutsideTheFastRangeNothingIsWritten() {
    char[] text = new char[Timestamps.ISO_LENGTH];
    Instant time = Instant.parse("2024-05-01T10:15:30.123456Z");

    assertThat(new String(text, 0, Timestamps.iso(time, text))).isEqualTo(time.toString());
    assertThat(new String(text, 0, Timestamps.isoMillis(time, text)))
        .isEqualTo("2024-05-01T10:15:30.123Z");
    assertThat(Timestamps.iso(Instant.parse("+10000-01-01T00:00:00Z"), text)).isEqualTo(-1);
    assertThat(Timestamps.isoMillis(Instant.ofEpochSecond(-1), text)).isEqualTo(-1);
  }

  /** Seconds over a range wider than the fast path's, and each kind of fraction. */
  private static Instant randomInstant(SplittableRandom random) {
    long second = random.nextLong(-100_000_000_000L, 300_000_000_000L);
    int nano;
    switch (random.nextInt(4)) {
      case 0:
        nano = 0;
        break;
      case 1:
        nano = random.nextInt(1_000) * 1_000_000;
        break;
      case 2:
        nano = random.nextInt(1_000_000) * 1_000;
        break;
      default:
        nano = random.nextInt(1_000_000_000);
        break;
    }
    return Instant.ofEpochSecond(second, nano);
  }
}
