package dev.atelier.workflows.schedule;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A fixed interval written the ways people read it: Python's timedelta, and words. */
final class Durations {
  private Durations() {}

  /** As Python's {@code str(timedelta)}: {@code 0:00:05}, {@code 1 day, 2:00:00}. */
  static String python(Duration d) {
    long seconds = d.getSeconds();
    long days = seconds / 86_400;
    long rest = seconds % 86_400;
    String clock = String.format("%d:%02d:%02d", rest / 3600, rest % 3600 / 60, rest % 60);
    return days == 0 ? clock : days + (days == 1 ? " day, " : " days, ") + clock;
  }

  /** {@code 5 seconds}, {@code 1 hour 30 minutes}, {@code 2 days}. */
  static String words(Duration d) {
    List<String> parts = new ArrayList<>();
    part(parts, d.toDaysPart(), "day");
    part(parts, d.toHoursPart(), "hour");
    part(parts, d.toMinutesPart(), "minute");
    part(parts, d.toSecondsPart(), "second");
    return String.join(" ", parts);
  }

  private static void part(List<String> parts, long n, String unit) {
    if (n > 0) {
      parts.add(n + " " + unit + (n == 1 ? "" : "s"));
    }
  }
}
