package dev.atelier.workflows.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Cron as croniter reads it for Airflow, in UTC: next/previous are strict, minute resolution. */
class CronExpressionTest {

  private static Instant t(String iso) {
    return Instant.parse(iso);
  }

  private static List<Instant> nextN(String cron, String from, int n) {
    CronExpression c = CronExpression.parse(cron);
    List<Instant> out = new ArrayList<>();
    Instant at = t(from);
    for (int i = 0; i < n; i++) {
      at = c.next(at).orElseThrow();
      out.add(at);
    }
    return out;
  }

  @Test
  void daily_nextAndPrevious_areStrictlyAfterAndBefore() {
    CronExpression daily = CronExpression.parse("0 0 * * *");
    assertEquals(t("2026-11-22T00:00:00Z"), daily.next(t("2026-11-21T10:00:00Z")).orElseThrow());
    assertEquals(
        t("2026-11-21T00:00:00Z"), daily.previous(t("2026-11-21T10:00:00Z")).orElseThrow());
    // On a boundary: the next and previous boundaries, never the instant itself.
    assertEquals(t("2026-11-22T00:00:00Z"), daily.next(t("2026-11-21T00:00:00Z")).orElseThrow());
    assertEquals(
        t("2026-11-20T00:00:00Z"), daily.previous(t("2026-11-21T00:00:00Z")).orElseThrow());
    // Just after a boundary, by less than a minute.
    assertEquals(
        t("2026-11-21T00:00:00Z"), daily.previous(t("2026-11-21T00:00:00.001Z")).orElseThrow());
  }

  @Test
  void steps_startFromTheFieldsMinimumOrTheGivenValue() {
    assertEquals(
        List.of(t("2026-11-21T10:15:00Z"), t("2026-11-21T10:30:00Z"), t("2026-11-21T10:45:00Z")),
        nextN("*/15 * * * *", "2026-11-21T10:07:00Z", 3));
    assertEquals(
        List.of(t("2026-11-21T10:45:00Z"), t("2026-11-21T11:05:00Z"), t("2026-11-21T11:25:00Z")),
        nextN("5/20 * * * *", "2026-11-21T10:30:00Z", 3));
    assertEquals(
        List.of(t("2026-11-21T10:10:00Z"), t("2026-11-21T10:15:00Z"), t("2026-11-21T10:20:00Z")),
        nextN("10-20/5 * * * *", "2026-11-21T10:07:00Z", 3));
  }

  @Test
  void namesAndRanges_weekdaysInTheFirstQuarter() {
    // 2026-01-03 is a Saturday: the next weekday 09:00 is Monday the 5th.
    assertEquals(
        List.of(t("2026-01-05T09:00:00Z"), t("2026-01-06T09:00:00Z")),
        nextN("0 9 * jan-MAR MON-FRI", "2026-01-03T12:00:00Z", 2));
    // After March, the next one is next January.
    assertEquals(
        List.of(t("2027-01-01T09:00:00Z")),
        nextN("0 9 * JAN-MAR MON-FRI", "2026-03-31T10:00:00Z", 1));
  }

  @Test
  void dayOfMonthAndDayOfWeek_bothRestricted_matchEitherOne() {
    // "the 13th, or any Friday" (Vixie cron, croniter): January 2026's 13th is a Tuesday.
    assertEquals(
        List.of(
            t("2026-01-09T00:00:00Z"),
            t("2026-01-13T00:00:00Z"),
            t("2026-01-16T00:00:00Z"),
            t("2026-01-23T00:00:00Z")),
        nextN("0 0 13 * FRI", "2026-01-08T00:00:00Z", 4));
    // Only one restricted: both must match, i.e. that one decides.
    assertEquals(
        List.of(t("2026-11-06T00:00:00Z"), t("2026-11-13T00:00:00Z")),
        nextN("0 0 * * 5", "2026-11-01T00:00:00Z", 2));
  }

  @Test
  void sundayIsZeroOrSeven_andAFullRangeIsUnrestricted() {
    assertEquals(
        nextN("0 0 * * 0", "2026-11-01T10:00:00Z", 3),
        nextN("0 0 * * 7", "2026-11-01T10:00:00Z", 3));
    // 0-6 names every day: "the 13th" alone decides, not "the 13th or any day".
    assertEquals(
        List.of(t("2026-11-13T00:00:00Z"), t("2026-12-13T00:00:00Z")),
        nextN("0 0 13 * 0-6", "2026-11-01T00:00:00Z", 2));
  }

  @Test
  void shortMonthsAndLeapDays_areSkippedOverNotRolledOver() {
    assertEquals(
        List.of(t("2026-12-31T00:00:00Z")), nextN("0 0 31 * *", "2026-11-01T00:00:00Z", 1));
    CronExpression leap = CronExpression.parse("0 0 29 2 *");
    assertEquals(t("2028-02-29T00:00:00Z"), leap.next(t("2026-01-01T00:00:00Z")).orElseThrow());
    assertEquals(t("2024-02-29T00:00:00Z"), leap.previous(t("2028-02-29T00:00:00Z")).orElseThrow());
  }

  @Test
  void previous_crossesYearBoundaries() {
    CronExpression yearly = CronExpression.parse("0 0 1 1 *");
    assertEquals(
        t("2026-01-01T00:00:00Z"), yearly.previous(t("2026-11-21T10:00:00Z")).orElseThrow());
    assertEquals(
        t("2025-01-01T00:00:00Z"), yearly.previous(t("2026-01-01T00:00:00Z")).orElseThrow());
    CronExpression lastMinute = CronExpression.parse("59 23 31 12 *");
    assertEquals(
        t("2025-12-31T23:59:00Z"), lastMinute.previous(t("2026-06-01T00:00:00Z")).orElseThrow());
  }

  @Test
  void matches_onlyWholeMinutesOnTheGrid() {
    CronExpression hourly = CronExpression.parse("0 * * * *");
    assertTrue(hourly.matches(t("2026-11-21T10:00:00Z")));
    assertFalse(hourly.matches(t("2026-11-21T10:00:01Z")));
    assertFalse(hourly.matches(t("2026-11-21T10:30:00Z")));
  }

  @Test
  void badExpressions_nameTheFieldTheValueAndTheRule() {
    assertProblem(
        "0 0 * *",
        "cron '0 0 * *': a cron expression has 5 fields (minute hour day-of-month month"
            + " day-of-week), got 4");
    assertProblem(
        "60 * * * *", "cron '60 * * * *': minute field '60': values must be between 0 and 59");
    assertProblem(
        "0 0 * FOO *",
        "cron '0 0 * FOO *': month field 'FOO': 'FOO' is not a number or a name (JAN, FEB, MAR,"
            + " APR, MAY, JUN, JUL, AUG, SEP, OCT, NOV, DEC)");
    assertProblem(
        "*/0 * * * *", "cron '*/0 * * * *': minute field '*/0': a step must be at least 1");
    assertProblem(
        "0 0 5-1 * *",
        "cron '0 0 5-1 * *': day-of-month field '5-1': a range must not run backwards");
    assertProblem(
        "0 0 L * *",
        "cron '0 0 L * *': day-of-month field 'L': L, W and # are not supported (a Temporal"
            + " Schedule cannot express them)");
    assertProblem(
        "0 0 * * MON#2",
        "cron '0 0 * * MON#2': day-of-week field 'MON#2': L, W and # are not supported (a Temporal"
            + " Schedule cannot express them)");
    assertProblem(
        "0 0 30 2 *", "cron '0 0 30 2 *': matches no date (day-of-month and month never meet)");
  }

  private static void assertProblem(String cron, String message) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> CronExpression.parse(cron));
    assertEquals(message, e.getMessage());
  }
}
