package dev.atelier.workflows.schedule;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Airflow's cron presets and the cron expressions they stand for (Airflow's own table). */
final class Presets {
  private static final Map<String, String> CRON = new LinkedHashMap<>();
  private static final Map<String, String> DESCRIPTION = new LinkedHashMap<>();

  static {
    add("@hourly", "0 * * * *", "At 0 minutes past the hour");
    add("@daily", "0 0 * * *", "At 00:00");
    add("@midnight", "0 0 * * *", "At 00:00");
    add("@weekly", "0 0 * * 0", "At 00:00, only on Sunday");
    add("@monthly", "0 0 1 * *", "At 00:00, on day 1 of the month");
    add("@quarterly", "0 0 1 */3 *", "At 00:00, on day 1 of the month, every 3 months");
    add("@yearly", "0 0 1 1 *", "At 00:00, on day 1 of the month, only in January");
    add("@annually", "0 0 1 1 *", "At 00:00, on day 1 of the month, only in January");
  }

  /** Every preset Atelier schedules, {@code @once} included. */
  static final List<String> NAMES = names();

  private Presets() {}

  private static void add(String preset, String cron, String description) {
    CRON.put(preset, cron);
    DESCRIPTION.put(preset, description);
  }

  private static List<String> names() {
    List<String> all = new ArrayList<>();
    all.add("@once");
    all.addAll(CRON.keySet());
    return List.copyOf(all);
  }

  /** The cron expression of a preset, or null if {@code preset} is not one. */
  static String cron(String preset) {
    return CRON.get(preset);
  }

  /** How Airflow describes the preset (UTC), or null if {@code preset} is not one. */
  static String description(String preset) {
    return DESCRIPTION.get(preset);
  }
}
