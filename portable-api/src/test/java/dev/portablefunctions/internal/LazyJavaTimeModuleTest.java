package dev.portablefunctions.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Month;
import java.time.MonthDay;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.Period;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The lazy module must behave exactly as Jackson's own {@link JavaTimeModule}. */
class LazyJavaTimeModuleTest {

  /** Every java.time type JavaTimeModule handles, as a record a function might bind. */
  record Everything(
      Instant instant,
      LocalDate date,
      LocalDateTime dateTime,
      LocalTime time,
      OffsetDateTime offsetDateTime,
      OffsetTime offsetTime,
      ZonedDateTime zoned,
      Duration duration,
      Period period,
      Year year,
      YearMonth yearMonth,
      MonthDay monthDay,
      ZoneId zone,
      ZoneOffset offset,
      Month month,
      DayOfWeek day,
      List<Instant> instants,
      Map<LocalDate, String> byDate,
      Map<String, Duration> durations,
      String plain,
      int number) {}

  private static final Everything SAMPLE =
      new Everything(
          Instant.parse("2024-05-01T12:34:56.789Z"),
          LocalDate.of(2024, 5, 1),
          LocalDateTime.of(2024, 5, 1, 12, 34, 56),
          LocalTime.of(12, 34, 56, 789_000_000),
          OffsetDateTime.parse("2024-05-01T12:34:56+02:00"),
          OffsetTime.parse("12:34:56+02:00"),
          ZonedDateTime.parse("2024-05-01T12:34:56+02:00[Europe/Paris]"),
          Duration.ofMinutes(90),
          Period.of(1, 2, 3),
          Year.of(2024),
          YearMonth.of(2024, 5),
          MonthDay.of(5, 1),
          ZoneId.of("Europe/Paris"),
          ZoneOffset.ofHours(2),
          Month.MAY,
          DayOfWeek.WEDNESDAY,
          List.of(Instant.EPOCH, Instant.parse("2024-01-01T00:00:00Z")),
          new TreeMap<>(
              Map.of(LocalDate.of(2024, 1, 1), "new year", LocalDate.of(2024, 12, 25), "xmas")),
          new TreeMap<>(Map.of("short", Duration.ofSeconds(1), "long", Duration.ofHours(5))),
          "text",
          42);

  private static ObjectMapper mapper(
      com.fasterxml.jackson.databind.Module module, boolean timestamps) {
    return JsonMapper.builder()
        .addModule(module)
        .configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, timestamps)
        .configure(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS, timestamps)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .build();
  }

  @Test
  void writesEveryJavaTimeTypeExactlyAsJavaTimeModuleDoes() throws Exception {
    for (boolean timestamps : new boolean[] {false, true}) {
      String real = mapper(new JavaTimeModule(), timestamps).writeValueAsString(SAMPLE);
      String lazy = mapper(new LazyJavaTimeModule(), timestamps).writeValueAsString(SAMPLE);

      assertThat(lazy).isEqualTo(real);
    }
  }

  @Test
  void readsEveryJavaTimeTypeBack() throws Exception {
    ObjectMapper lazy = mapper(new LazyJavaTimeModule(), false);
    String json = mapper(new JavaTimeModule(), false).writeValueAsString(SAMPLE);

    Everything read = lazy.readValue(json, Everything.class);

    // ZonedDateTime is read back normalised to UTC by default, by JavaTimeModule too
    Everything expected = mapper(new JavaTimeModule(), false).readValue(json, Everything.class);
    assertThat(read).isEqualTo(expected);
    assertThat(read.instant()).isEqualTo(SAMPLE.instant());
    assertThat(read.byDate()).isEqualTo(SAMPLE.byDate());
  }

  @Test
  void readsTopLevelValuesAndContainers() throws Exception {
    ObjectMapper lazy = mapper(new LazyJavaTimeModule(), false);

    assertThat(lazy.readValue("\"2024-05-01T00:00:00Z\"", Instant.class))
        .isEqualTo(Instant.parse("2024-05-01T00:00:00Z"));
    assertThat(lazy.readValue("[\"PT1M\",\"PT2S\"]", new TypeReference<List<Duration>>() {}))
        .containsExactly(Duration.ofMinutes(1), Duration.ofSeconds(2));
    assertThat(
            lazy.readValue(
                "{\"d\":\"2024-05-01\"}", new TypeReference<Map<String, LocalDate>>() {}))
        .containsEntry("d", LocalDate.of(2024, 5, 1));
  }

  @Test
  void malformedValuesFailAsWithJavaTimeModule() {
    ObjectMapper lazy = mapper(new LazyJavaTimeModule(), false);

    assertThatThrownBy(() -> lazy.readValue("\"yesterday\"", Instant.class))
        .isInstanceOf(InvalidFormatException.class);
  }

  @Test
  void registeringTheRealModuleAfterwardsChangesNothing() throws Exception {
    ObjectMapper both =
        JsonMapper.builder()
            .addModule(new LazyJavaTimeModule())
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    assertThat(both.writeValueAsString(Instant.EPOCH)).isEqualTo("\"1970-01-01T00:00:00Z\"");
  }
}
