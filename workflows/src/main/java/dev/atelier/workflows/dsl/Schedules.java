package dev.atelier.workflows.dsl;

import com.cronutils.model.definition.CronDefinition;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.parser.CronParser;
import java.time.Duration;
import java.util.List;

/**
 * Airflow's schedule values: null (manual runs only), a preset, a fixed interval, or a 5-field cron
 * expression as croniter reads it (names such as {@code MON-FRI} and {@code JAN}, steps, ranges and
 * {@code ?}; Quartz's {@code L}, {@code W} and {@code #} are refused). cron-utils parses and
 * range-checks the expression, so a bad field is reported with its value and its allowed range; the
 * scheduler that turns a schedule into runs interprets it.
 */
public final class Schedules {
  public static final List<String> PRESETS =
      List.of(
          "@once",
          "@continuous",
          "@hourly",
          "@daily",
          "@weekly",
          "@monthly",
          "@quarterly",
          "@yearly",
          "@annually",
          "@midnight");

  private static final CronDefinition CRON =
      CronDefinitionBuilder.defineCron()
          .withMinutes()
          .withValidRange(0, 59)
          .withStrictRange()
          .and()
          .withHours()
          .withValidRange(0, 23)
          .withStrictRange()
          .and()
          .withDayOfMonth()
          .withValidRange(1, 31)
          .supportsL()
          .supportsW()
          .supportsLW()
          .supportsQuestionMark()
          .withStrictRange()
          .and()
          .withMonth()
          .withValidRange(1, 12)
          .withStrictRange()
          .and()
          .withDayOfWeek()
          .withValidRange(0, 7)
          .withMondayDoWValue(1)
          .withIntMapping(7, 0)
          .supportsHash()
          .supportsL()
          .supportsQuestionMark()
          .withStrictRange()
          .and()
          .matchDayOfWeekAndDayOfMonth()
          .instance();

  private Schedules() {}

  /**
   * Quartz's {@code L}, {@code W} and {@code #} (last day, nearest weekday, n-th weekday): croniter
   * reads some of them, but a Temporal Schedule's calendar cannot express them, so a Dag using them
   * would never fire when its cron says. Month and weekday names ({@code JUL}, {@code WED}) are not
   * tokens of these.
   */
  private static String quartzOnly(String[] fields) {
    String dom = fields[2].toUpperCase(java.util.Locale.ROOT);
    String dow = fields[4].toUpperCase(java.util.Locale.ROOT);
    String field = null;
    String value = null;
    if (dom.contains("L") || dom.contains("W")) {
      field = "day-of-month";
      value = fields[2];
    } else if (dow.contains("#") || dow.replace("SAT", "").replace("SUN", "").contains("L")) {
      field = "day-of-week";
      value = fields[4];
    }
    return field == null
        ? null
        : field
            + " '"
            + value
            + "' uses L, W or #, which Atelier does not support: a Temporal Schedule cannot"
            + " express them (list the days instead, e.g. 28-31 with a check in the first task)";
  }

  /** The problem with {@code schedule}, or null if it is well-formed. */
  static String problem(String schedule) {
    if (schedule == null || PRESETS.contains(schedule)) {
      return null;
    }
    String why;
    if (schedule.startsWith("@")) {
      why = "it is not one of the presets (" + String.join(", ", PRESETS) + ")";
    } else {
      why = cronProblem(schedule.trim());
      if (why == null) {
        return null;
      }
    }
    return "schedule '" + schedule + "' is not a valid cron expression or preset: " + why;
  }

  /** The problem with a fixed-interval schedule (or with giving two schedules), or null. */
  static String intervalProblem(String schedule, Duration interval) {
    if (interval == null) {
      return null;
    }
    if (schedule != null) {
      return "schedule is given twice ('"
          + schedule
          + "' and every "
          + interval
          + "); give a cron expression, a preset or an interval";
    }
    if (interval.isNegative() || interval.toSeconds() < 1) {
      return "schedule interval must be at least 1 s, got " + interval;
    }
    return null;
  }

  private static String cronProblem(String expression) {
    String[] fields = expression.split("\\s+");
    if (fields.length != 5) {
      return "a cron expression has 5 fields (minute hour day-of-month month day-of-week), got "
          + fields.length;
    }
    String quartz = quartzOnly(fields);
    if (quartz != null) {
      return quartz;
    }
    try {
      new CronParser(CRON).parse(expression).validate();
      return null;
    } catch (IllegalArgumentException e) {
      String message = String.valueOf(e.getMessage());
      return message.replace("Failed to parse cron expression. ", "");
    }
  }
}
