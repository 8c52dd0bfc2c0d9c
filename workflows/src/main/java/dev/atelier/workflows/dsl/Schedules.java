package dev.atelier.workflows.dsl;

import com.cronutils.model.definition.CronDefinition;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.parser.CronParser;
import java.util.List;

/**
 * Airflow's schedule values: null (manual runs only), a preset, or a 5-field cron expression as
 * croniter reads it (names such as {@code MON-FRI} and {@code JAN}, steps, ranges, {@code L},
 * {@code W}, {@code #} and {@code ?}). cron-utils parses and range-checks the expression, so a bad
 * field is reported with its value and its allowed range; the scheduler that turns a schedule into
 * runs interprets it.
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

  private static String cronProblem(String expression) {
    String[] fields = expression.split("\\s+");
    if (fields.length != 5) {
      return "a cron expression has 5 fields (minute hour day-of-month month day-of-week), got "
          + fields.length;
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
