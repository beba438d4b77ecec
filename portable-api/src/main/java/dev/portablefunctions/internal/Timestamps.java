package dev.portablefunctions.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * UTC timestamps for log lines, written without the {@code java.time} formatting machinery, which
 * allocates several objects per call on every log line. Each method gives exactly what its {@code
 * java.time} counterpart gives (and falls back to it outside the years 1970 to 9999).
 */
public final class Timestamps {

  /** The last instant written here: 9999-12-31T23:59:59.999999999Z. */
  private static final long MAX_SECOND = 253_402_300_799L;

  /**
   * The most characters {@link #iso(Instant, char[])} or {@link #isoMillis(Instant, char[])} write.
   */
  public static final int ISO_LENGTH = 30;

  private Timestamps() {}

  /**
   * Returns what {@link Instant#toString()} returns ({@code 2024-01-01T12:00:00.123Z}, with 0, 3, 6
   * or 9 fraction digits).
   *
   * @param time the instant
   * @return the ISO-8601 text
   */
  public static String iso(Instant time) {
    char[] text = new char[ISO_LENGTH];
    int length = iso(time, text);
    return length < 0 ? time.toString() : new String(text, 0, length);
  }

  /**
   * Writes what {@link #iso(Instant)} returns into {@code text}, for a caller that reuses its
   * buffer, for the years 1970 to 9999.
   *
   * @param time the instant
   * @param text at least {@link #ISO_LENGTH} characters
   * @return how many characters were written, or -1 for an instant outside those years (nothing
   *     written)
   */
  public static int iso(Instant time, char[] text) {
    long second = time.getEpochSecond();
    if (second < 0 || second > MAX_SECOND) {
      return -1;
    }
    int at = dateTime(second, text);
    int nano = time.getNano();
    if (nano > 0) {
      text[at++] = '.';
      if (nano % 1_000_000 == 0) {
        at = digits(nano / 1_000_000, 3, text, at);
      } else if (nano % 1_000 == 0) {
        at = digits(nano / 1_000, 6, text, at);
      } else {
        at = digits(nano, 9, text, at);
      }
    }
    text[at++] = 'Z';
    return at;
  }

  /**
   * Returns the instant as {@code yyyy-MM-dd'T'HH:mm:ss.SSS'Z'} in UTC: always three fraction
   * digits, truncated to the millisecond.
   *
   * @param time the instant
   * @return the text
   */
  public static String isoMillis(Instant time) {
    char[] text = new char[ISO_LENGTH];
    int length = isoMillis(time, text);
    return length < 0 ? Millis.FORMAT.format(time) : new String(text, 0, length);
  }

  /**
   * Writes what {@link #isoMillis(Instant)} returns into {@code text}, for a caller that reuses its
   * buffer, for the years 1970 to 9999.
   *
   * @param time the instant
   * @param text at least {@link #ISO_LENGTH} characters
   * @return how many characters were written, or -1 for an instant outside those years (nothing
   *     written)
   */
  public static int isoMillis(Instant time, char[] text) {
    long second = time.getEpochSecond();
    if (second < 0 || second > MAX_SECOND) {
      return -1;
    }
    int at = dateTime(second, text);
    text[at++] = '.';
    at = digits(time.getNano() / 1_000_000, 3, text, at);
    text[at++] = 'Z';
    return at;
  }

  /** Writes {@code yyyy-MM-ddTHH:mm:ss} of an epoch second from 0 to {@link #MAX_SECOND}. */
  private static int dateTime(long epochSecond, char[] text) {
    long days = epochSecond / 86_400;
    int secondOfDay = (int) (epochSecond % 86_400);
    // Days to civil date (H. Hinnant's algorithm), for days from 1970-01-01 on.
    long z = days + 719_468;
    long era = z / 146_097;
    long dayOfEra = z - era * 146_097;
    long yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
    long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    long shiftedMonth = (5 * dayOfYear + 2) / 153;
    int day = (int) (dayOfYear - (153 * shiftedMonth + 2) / 5 + 1);
    int month = (int) (shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9);
    int year = (int) (yearOfEra + era * 400 + (month <= 2 ? 1 : 0));
    int at = digits(year, 4, text, 0);
    text[at++] = '-';
    at = digits(month, 2, text, at);
    text[at++] = '-';
    at = digits(day, 2, text, at);
    text[at++] = 'T';
    at = digits(secondOfDay / 3_600, 2, text, at);
    text[at++] = ':';
    at = digits(secondOfDay / 60 % 60, 2, text, at);
    text[at++] = ':';
    return digits(secondOfDay % 60, 2, text, at);
  }

  /** Built on first use only: java.time's formatting is not loaded for the usual instants. */
  private static final class Millis {
    static final DateTimeFormatter FORMAT =
        DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
  }

  /** Writes {@code value} as exactly {@code width} decimal digits, zero-padded. */
  private static int digits(int value, int width, char[] text, int at) {
    int rest = value;
    for (int i = at + width - 1; i >= at; i--) {
      text[i] = (char) ('0' + rest % 10);
      rest /= 10;
    }
    return at + width;
  }
}
