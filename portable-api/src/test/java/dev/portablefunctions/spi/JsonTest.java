package dev.portablefunctions.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JavaType;
import dev.portablefunctions.FunctionException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonTest {

  public record Event(Instant at, LocalDate day, Duration took) {}

  public record Point(int x, int y) {}

  public record Shape(String name, List<Point> points) {}

  /** A plain bean with no properties. */
  public static final class Empty {}

  private static String write(Object value) {
    return new String(Json.write(value), StandardCharsets.UTF_8);
  }

  private static <T> T read(String json, Class<T> type) {
    return Json.read(
        json.getBytes(StandardCharsets.UTF_8), Json.mapper().constructType(type), "test input");
  }

  @Test
  void javaTimeIsWrittenAsIsoStrings() {
    Event event =
        new Event(
            Instant.parse("2024-05-01T10:15:30Z"),
            LocalDate.of(2024, 5, 1),
            Duration.ofSeconds(90));

    assertThat(write(event))
        .isEqualTo("{\"at\":\"2024-05-01T10:15:30Z\",\"day\":\"2024-05-01\",\"took\":\"PT1M30S\"}");
  }

  @Test
  void offsetAndLocalDateTimesAreWrittenAsIsoStrings() {
    assertThat(write(OffsetDateTime.parse("2024-05-01T02:00:00+02:00")))
        .isEqualTo("\"2024-05-01T02:00:00+02:00\"");
    assertThat(write(LocalDateTime.parse("2024-05-01T02:00:00")))
        .isEqualTo("\"2024-05-01T02:00:00\"");
  }

  @Test
  void javaTimeIsReadFromIsoStrings() {
    Event event =
        read(
            "{\"at\":\"2024-05-01T10:15:30Z\",\"day\":\"2024-05-01\",\"took\":\"PT1M30S\"}",
            Event.class);

    assertThat(event)
        .isEqualTo(
            new Event(
                Instant.parse("2024-05-01T10:15:30Z"),
                LocalDate.of(2024, 5, 1),
                Duration.ofSeconds(90)));
  }

  @Test
  void unknownPropertiesAreIgnored() {
    assertThat(read("{\"x\":1,\"z\":{\"deep\":[1,2]},\"y\":2}", Point.class))
        .isEqualTo(new Point(1, 2));
  }

  @Test
  void recordsBindIncludingNestedGenericLists() {
    JavaType type = Json.mapper().getTypeFactory().constructCollectionType(List.class, Shape.class);

    List<Shape> shapes =
        Json.read(
            "[{\"name\":\"line\",\"points\":[{\"x\":0,\"y\":0},{\"x\":3,\"y\":4}]}]"
                .getBytes(StandardCharsets.UTF_8),
            type,
            "shapes");

    assertThat(shapes)
        .containsExactly(new Shape("line", List.of(new Point(0, 0), new Point(3, 4))));
  }

  @Test
  void recordsRoundTrip() {
    Shape shape = new Shape("tri", List.of(new Point(1, 2)));

    assertThat(read(write(shape), Shape.class)).isEqualTo(shape);
  }

  @Test
  void emptyBeansAreWrittenAsEmptyObjects() {
    assertThat(write(new Empty())).isEqualTo("{}");
  }

  @Test
  void nullIsWrittenAsJsonNull() {
    assertThat(write(null)).isEqualTo("null");
  }

  @Test
  void readOfEmptyBytesIsBadInputSayingWhatAndTheType() {
    FunctionException error =
        catchThrowableOfType(
            FunctionException.class,
            () -> Json.read(new byte[0], Json.mapper().constructType(Point.class), "request body"));

    assertThat(error.kind()).isEqualTo(FunctionException.Kind.BAD_INPUT);
    assertThat(error.detail()).isEqualTo("The request body is empty; expected JSON for Point.");
  }

  @Test
  void readOfMalformedJsonIsBadInputWithoutJacksonsMessage() {
    FunctionException error =
        catchThrowableOfType(FunctionException.class, () -> read("{\"x\":", Point.class));

    assertThat(error.kind()).isEqualTo(FunctionException.Kind.BAD_INPUT);
    assertThat(error.detail())
        .isEqualTo(
            "The test input is not valid JSON (line 1, column 6): expected more input; it ends"
                + " before the JSON value is complete.");
    // Jackson's exception quotes the input; it is not kept, so a log line cannot repeat it.
    assertThat(error.getCause()).isNull();
  }

  @Test
  void readOfMismatchedJsonNamesThePath() {
    FunctionException error =
        catchThrowableOfType(
            FunctionException.class,
            () ->
                read("{\"name\":\"n\",\"points\":[{\"x\":1,\"y\":2},{\"x\":true}]}", Shape.class));

    assertThat(error.kind()).isEqualTo(FunctionException.Kind.BAD_INPUT);
    assertThat(error.detail())
        .isEqualTo(
            "The test input does not fit Shape at /points/1/x (line 1, column 42): expected a whole"
                + " number that fits in int.");
  }

  @Test
  void readOfJsonNullIsNull() {
    assertThat(read("null", Point.class)).isNull();
  }

  @Test
  void writeOfAnUnwritableValueIsIllegalArgumentNamingTheClass() {
    Object unwritable = new Unwritable();

    assertThatThrownBy(() -> Json.write(unwritable))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(Unwritable.class.getName());
  }

  /** A bean whose getter fails. */
  public static final class Unwritable {
    public String getValue() {
      throw new IllegalStateException("no value");
    }
  }

  @Test
  void mapperIsShared() {
    assertThat(Json.mapper()).isSameAs(Json.mapper());
  }
}
