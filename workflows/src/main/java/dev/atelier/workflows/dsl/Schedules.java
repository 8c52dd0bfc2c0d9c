package dev.atelier.workflows.dsl;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Airflow's schedule values: null (manual runs only), a preset, or a 5-field cron expression. Only
 * the form is checked here; the scheduler that turns a schedule into runs interprets it.
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

  private static final Pattern CRON_FIELD = Pattern.compile("[0-9A-Za-z*/,?#-]+");

  private Schedules() {}

  /** The problem with {@code schedule}, or null if it is well-formed. */
  static String problem(String schedule) {
    if (schedule == null || PRESETS.contains(schedule)) {
      return null;
    }
    String[] fields = schedule.trim().split("\\s+");
    boolean cron = fields.length == 5;
    for (String f : fields) {
      cron &= CRON_FIELD.matcher(f).matches();
    }
    return cron
        ? null
        : "schedule '"
            + schedule
            + "' is neither a preset ("
            + String.join(", ", PRESETS)
            + ") nor a cron expression of 5 fields";
  }
}
