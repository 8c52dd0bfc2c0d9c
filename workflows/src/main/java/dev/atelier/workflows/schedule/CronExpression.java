package dev.atelier.workflows.schedule;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.Optional;

/**
 * A 5-field cron expression evaluated in UTC the way croniter does for Airflow: {@link #next} and
 * {@link #previous} are strictly after / before the given instant, minute resolution. When both
 * day-of-month and day-of-week are restricted a day matches if <em>either</em> does (Vixie cron's
 * rule, which croniter keeps); a field that selects its whole range counts as unrestricted.
 */
public final class CronExpression {
  /** How far a search looks before deciding an expression never fires (e.g. 30 February). */
  private static final int SEARCH_DAYS = 366 * 30;

  private final String text;
  private final BitSet minutes;
  private final BitSet hours;
  private final BitSet daysOfMonth;
  private final BitSet months;
  private final BitSet daysOfWeek;
  private final boolean domRestricted;
  private final boolean dowRestricted;

  private CronExpression(String text, BitSet[] fields) {
    this.text = text;
    this.minutes = fields[0];
    this.hours = fields[1];
    this.daysOfMonth = fields[2];
    this.months = fields[3];
    this.daysOfWeek = fields[4];
    this.domRestricted = daysOfMonth.cardinality() < 31;
    this.dowRestricted = daysOfWeek.cardinality() < 7;
  }

  /**
   * @throws IllegalArgumentException naming the expression, the field, the bad part and the rule
   */
  public static CronExpression parse(String text) {
    String[] parts = text == null ? new String[0] : text.trim().split("\\s+");
    if (parts.length != 5) {
      throw new IllegalArgumentException(
          "cron '"
              + text
              + "': a cron expression has 5 fields (minute hour day-of-month month day-of-week),"
              + " got "
              + (text == null || text.isBlank() ? 0 : parts.length));
    }
    CronField[] kinds = CronField.values();
    BitSet[] fields = new BitSet[5];
    for (int i = 0; i < 5; i++) {
      try {
        fields[i] = kinds[i].parse(parts[i]);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("cron '" + text + "': " + e.getMessage(), e);
      }
    }
    CronExpression cron = new CronExpression(String.join(" ", parts), fields);
    if (cron.next(Instant.EPOCH).isEmpty()) {
      throw new IllegalArgumentException(
          "cron '" + text + "': matches no date (day-of-month and month never meet)");
    }
    return cron;
  }

  /** The first matching instant strictly after {@code after}, if any within 30 years. */
  public Optional<Instant> next(Instant after) {
    LocalDateTime from =
        LocalDateTime.ofInstant(after, ZoneOffset.UTC)
            .truncatedTo(ChronoUnit.MINUTES)
            .plusMinutes(1);
    LocalDate day = from.toLocalDate();
    for (int i = 0; i < SEARCH_DAYS; i++, day = day.plusDays(1)) {
      if (!dayMatches(day)) {
        continue;
      }
      int fromMinute = i == 0 ? from.getHour() * 60 + from.getMinute() : 0;
      for (int m = fromMinute; m < 24 * 60; m++) {
        if (hours.get(m / 60) && minutes.get(m % 60)) {
          return Optional.of(instant(day, m));
        }
      }
    }
    return Optional.empty();
  }

  /** The last matching instant strictly before {@code before}, if any within 30 years. */
  public Optional<Instant> previous(Instant before) {
    LocalDateTime from =
        LocalDateTime.ofInstant(before.minusNanos(1), ZoneOffset.UTC)
            .truncatedTo(ChronoUnit.MINUTES);
    LocalDate day = from.toLocalDate();
    for (int i = 0; i < SEARCH_DAYS; i++, day = day.minusDays(1)) {
      if (!dayMatches(day)) {
        continue;
      }
      int fromMinute = i == 0 ? from.getHour() * 60 + from.getMinute() : 24 * 60 - 1;
      for (int m = fromMinute; m >= 0; m--) {
        if (hours.get(m / 60) && minutes.get(m % 60)) {
          return Optional.of(instant(day, m));
        }
      }
    }
    return Optional.empty();
  }

  /** Whether {@code t} is one of the instants this expression fires at. */
  public boolean matches(Instant t) {
    LocalDateTime at = LocalDateTime.ofInstant(t, ZoneOffset.UTC);
    return at.getSecond() == 0
        && at.getNano() == 0
        && dayMatches(at.toLocalDate())
        && hours.get(at.getHour())
        && minutes.get(at.getMinute());
  }

  private boolean dayMatches(LocalDate day) {
    if (!months.get(day.getMonthValue())) {
      return false;
    }
    boolean dom = daysOfMonth.get(day.getDayOfMonth());
    boolean dow = daysOfWeek.get(day.getDayOfWeek().getValue() % 7);
    if (domRestricted && dowRestricted) {
      return dom || dow;
    }
    return dom && dow;
  }

  private static Instant instant(LocalDate day, int minuteOfDay) {
    return day.atStartOfDay().plusMinutes(minuteOfDay).toInstant(ZoneOffset.UTC);
  }

  BitSet minutes() {
    return (BitSet) minutes.clone();
  }

  BitSet hours() {
    return (BitSet) hours.clone();
  }

  BitSet daysOfMonth() {
    return (BitSet) daysOfMonth.clone();
  }

  BitSet months() {
    return (BitSet) months.clone();
  }

  /** 0 = Sunday … 6 = Saturday. */
  BitSet daysOfWeek() {
    return (BitSet) daysOfWeek.clone();
  }

  /** Whether a day is chosen by day-of-month OR day-of-week (both restricted). */
  boolean daysEitherWay() {
    return domRestricted && dowRestricted;
  }

  @Override
  public String toString() {
    return text;
  }
}
