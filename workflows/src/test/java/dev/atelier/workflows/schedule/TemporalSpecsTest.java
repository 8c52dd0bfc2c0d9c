package dev.atelier.workflows.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.temporal.api.enums.v1.ScheduleOverlapPolicy;
import io.temporal.client.schedules.ScheduleCalendarSpec;
import io.temporal.client.schedules.ScheduleIntervalSpec;
import io.temporal.client.schedules.ScheduleRange;
import io.temporal.client.schedules.ScheduleSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Temporal Schedule of a Dag fires exactly where its timetable ends intervals. The calendars
 * are checked against the cron expression minute by minute, with Temporal's reading of a calendar
 * (every field must match; several calendars are a union).
 */
class TemporalSpecsTest {
  private static final Instant START = Instant.parse("2026-11-18T06:00:00Z");

  private static DagTimetable dag(Timetable timetable, Instant end, boolean catchup) {
    return new DagTimetable("d", timetable, new TimeRestriction(START, end, catchup), false);
  }

  @Test
  void calendars_agreeWithTheCronOnEveryMinute() {
    for (String cron :
        List.of(
            "0 0 * * *",
            "*/15 9-17 * * MON-FRI",
            "0 0 13 * FRI",
            "5/20 */6 1,15 * *",
            "0 12 * JAN,JUL 0",
            "0 0 1 */3 *")) {
      CronExpression expression = CronExpression.parse(cron);
      List<ScheduleCalendarSpec> calendars = TemporalSpecs.calendars(expression);
      Instant t = Instant.parse("2026-01-01T00:00:00Z");
      Instant end = Instant.parse("2026-03-15T00:00:00Z");
      for (; t.isBefore(end); t = t.plusSeconds(60)) {
        Instant at = t;
        boolean temporal = calendars.stream().anyMatch(c -> fires(c, at));
        assertEquals(expression.matches(at), temporal, cron + " at " + at);
      }
    }
  }

  @Test
  void eitherDayRule_becomesTwoCalendars_andValuesBecomeRanges() {
    List<ScheduleCalendarSpec> calendars =
        TemporalSpecs.calendars(CronExpression.parse("0 9 1-3,7 * MON"));
    assertEquals(2, calendars.size());
    assertEquals(List.of(range(1, 3), new ScheduleRange(7)), calendars.get(0).getDayOfMonth());
    assertEquals(List.of(range(0, 6)), calendars.get(0).getDayOfWeek());
    assertEquals(List.of(range(1, 31)), calendars.get(1).getDayOfMonth());
    assertEquals(List.of(new ScheduleRange(1)), calendars.get(1).getDayOfWeek());
  }

  @Test
  void daily_firstFiringEndsTheFirstIntervalAfterStartDate_lastEndsTheOneAtEndDate() {
    ScheduleSpec spec =
        TemporalSpecs.spec(dag(Timetable.of("@daily"), Instant.parse("2026-11-25T12:00:00Z"), true))
            .orElseThrow();
    // start_date 18th 06:00 → first interval [19th, 20th) → first firing 20th 00:00.
    assertEquals(Instant.parse("2026-11-19T23:59:59Z"), spec.getStartAt());
    // end_date 25th 12:00 → last interval [25th, 26th) → last firing 26th 00:00.
    assertEquals(Instant.parse("2026-11-26T00:00:00Z"), spec.getEndAt());
    assertEquals("UTC", spec.getTimeZoneName());
  }

  @Test
  void interval_firesOnStartDatesGrid() {
    DagTimetable every =
        dag(
            ((DeltaDataIntervalTimetable) Timetable.every(Duration.ofSeconds(7))).anchoredAt(START),
            null,
            false);
    ScheduleSpec spec = TemporalSpecs.spec(every).orElseThrow();
    ScheduleIntervalSpec interval = spec.getIntervals().get(0);
    assertEquals(Duration.ofSeconds(7), interval.getEvery());
    assertEquals(START.getEpochSecond() % 7, interval.getOffset().getSeconds());
    assertEquals(START.plusSeconds(7 - 1), spec.getStartAt());
  }

  @Test
  void once_firesAtStartDateOnly_andManualOrDatasetDagsHaveNoSchedule() {
    ScheduleCalendarSpec at =
        TemporalSpecs.spec(dag(Timetable.of("@once"), null, false))
            .orElseThrow()
            .getCalendars()
            .get(0);
    assertEquals(List.of(new ScheduleRange(2026)), at.getYear());
    assertEquals(List.of(new ScheduleRange(11)), at.getMonth());
    assertEquals(List.of(new ScheduleRange(18)), at.getDayOfMonth());
    assertEquals(List.of(new ScheduleRange(6)), at.getHour());
    assertTrue(TemporalSpecs.spec(dag(Timetable.of(null), null, true)).isEmpty());
    assertTrue(
        TemporalSpecs.spec(dag(Timetable.datasets(Dataset.of("s3://x")), null, true)).isEmpty());
  }

  @Test
  void policy_startsEveryFiring_andCatchesUpAsCatchupSays() {
    assertEquals(
        ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_ALLOW_ALL,
        TemporalSpecs.policy(dag(Timetable.of("@daily"), null, true)).getOverlap());
    assertEquals(
        Duration.ofDays(365),
        TemporalSpecs.policy(dag(Timetable.of("@daily"), null, true)).getCatchupWindow());
    assertEquals(
        Duration.ofSeconds(10),
        TemporalSpecs.policy(dag(Timetable.of("@daily"), null, false)).getCatchupWindow());
  }

  private static ScheduleRange range(int start, int end) {
    return new ScheduleRange(start, end);
  }

  /** Temporal's calendar matching: every field must contain the instant's value. */
  private static boolean fires(ScheduleCalendarSpec c, Instant t) {
    ZonedDateTime z = t.atZone(ZoneOffset.UTC);
    return in(c.getSeconds(), z.getSecond())
        && in(c.getMinutes(), z.getMinute())
        && in(c.getHour(), z.getHour())
        && in(c.getDayOfMonth(), z.getDayOfMonth())
        && in(c.getMonth(), z.getMonthValue())
        && in(c.getDayOfWeek(), z.getDayOfWeek().getValue() % 7)
        && (c.getYear().isEmpty() || in(c.getYear(), z.getYear()));
  }

  private static boolean in(List<ScheduleRange> ranges, int v) {
    return ranges.stream()
        .anyMatch(
            r -> {
              int end = Math.max(r.getEnd(), r.getStart());
              int step = Math.max(r.getStep(), 1);
              return v >= r.getStart() && v <= end && (v - r.getStart()) % step == 0;
            });
  }
}
