package dev.portablefunctions.maven;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A schedule written once, as a five-field Unix cron expression in UTC ({@code minute hour
 * day-of-month month day-of-week}), and translated to each cloud's syntax: AWS {@code cron(...)}
 * with its six fields and {@code ?}, Azure's six-field NCRONTAB (seconds first), Cloud Scheduler's
 * Unix cron as it is.
 */
final class Cron {

  private static final Pattern FIELD = Pattern.compile("[0-9A-Za-z*/,\\-]+");
  private static final Pattern DIGITS = Pattern.compile("\\d+");

  private final String minute;
  private final String hour;
  private final String dayOfMonth;
  private final String month;
  private final String dayOfWeek;

  private Cron(String[] fields) {
    this.minute = fields[0];
    this.hour = fields[1];
    this.dayOfMonth = fields[2];
    this.month = fields[3];
    this.dayOfWeek = fields[4].toUpperCase(Locale.ROOT);
  }

  /**
   * Parses an expression.
   *
   * @param expression five fields separated by spaces
   * @return the schedule
   * @throws IllegalArgumentException with a message that says what is expected
   */
  static Cron parse(String expression) {
    String[] fields = expression.trim().split("\\s+");
    if (fields.length == 6 && fields[0].matches("\\d+")) {
      throw new IllegalArgumentException(
          "has six fields; write five (minute hour day-of-month month day-of-week), without seconds,"
              + " such as '30 2 * * *': each cloud gets it in its own syntax");
    }
    if (fields.length != 5) {
      throw new IllegalArgumentException(
          "is not a five-field cron expression (minute hour day-of-month month day-of-week), such as"
              + " '30 2 * * *' for 02:30 UTC every day");
    }
    for (String field : fields) {
      if (!FIELD.matcher(field).matches()) {
        throw new IllegalArgumentException(
            "has a field with characters cron does not allow; use digits, names, * / , and -");
      }
    }
    return new Cron(fields);
  }

  /**
   * The expression for Cloud Scheduler.
   *
   * @return the five fields
   */
  String unix() {
    return String.join(" ", minute, hour, dayOfMonth, month, dayOfWeek);
  }

  /**
   * The expression for an Azure timer trigger.
   *
   * @return six fields, seconds first
   */
  String ncrontab() {
    return "0 " + unix();
  }

  /**
   * The expression for an EventBridge schedule.
   *
   * @return {@code cron(minute hour day-of-month month day-of-week year)}
   * @throws IllegalArgumentException if both day fields are restricted, which AWS does not allow
   */
  String aws() {
    boolean domAny = dayOfMonth.equals("*");
    boolean dowAny = dayOfWeek.equals("*");
    if (!domAny && !dowAny) {
      throw new IllegalArgumentException(
          "restricts both the day of the month and the day of the week, which AWS schedules cannot"
              + " express; keep one of the two '*'");
    }
    String dom = dowAny ? dayOfMonth : "?";
    String dow = dowAny ? "?" : awsDaysOfWeek(dayOfWeek);
    return "cron(" + String.join(" ", minute, hour, dom, month, dow, "*") + ")";
  }

  /** Unix numbers days 0-7 from Sunday; AWS 1-7 from Sunday. Names stay. */
  private static String awsDaysOfWeek(String field) {
    StringBuilder out = new StringBuilder();
    var matcher = DIGITS.matcher(field);
    int last = 0;
    while (matcher.find()) {
      int day = Integer.parseInt(matcher.group());
      if (day > 7) {
        throw new IllegalArgumentException("has a day of the week above 7");
      }
      boolean isStep = matcher.start() > 0 && field.charAt(matcher.start() - 1) == '/';
      out.append(field, last, matcher.start()).append(isStep ? day : (day % 7) + 1);
      last = matcher.end();
    }
    return out.append(field.substring(last)).toString();
  }
}
