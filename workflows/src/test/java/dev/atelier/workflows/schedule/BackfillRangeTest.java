package dev.atelier.workflows.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Airflow's backfill range: intervals starting in [from, to], within start_date and end_date. */
class BackfillRangeTest {
  private static final TimeRestriction FROM_JAN_1 =
      new TimeRestriction(t("2026-01-01T00:00:00Z"), null, false);

  private static Instant t(String iso) {
    return Instant.parse(iso);
  }

  private static List<Instant> logicalDates(List<DagRunInfo> runs) {
    return runs.stream().map(DagRunInfo::logicalDate).toList();
  }

  @Test
  void dailyRange_isClampedToStartDate_andIncludesAnIntervalStartingOnTo() {
    List<DagRunInfo> runs =
        Timetable.of("@daily")
            .runsBetween(t("2025-12-30T00:00:00Z"), t("2026-01-03T00:00:00Z"), FROM_JAN_1);

    assertEquals(
        List.of(t("2026-01-01T00:00:00Z"), t("2026-01-02T00:00:00Z"), t("2026-01-03T00:00:00Z")),
        logicalDates(runs));
    assertEquals(t("2026-01-04T00:00:00Z"), runs.get(2).interval().end());
  }

  @Test
  void aFromBetweenGridPoints_startsAtTheNextInterval_andEndDateStopsIt() {
    TimeRestriction ending =
        new TimeRestriction(t("2026-01-01T00:00:00Z"), t("2026-01-01T03:00:00Z"), true);
    List<DagRunInfo> runs =
        Timetable.of("0 * * * *")
            .runsBetween(t("2026-01-01T00:30:00Z"), t("2026-01-02T00:00:00Z"), ending);

    assertEquals(
        List.of(t("2026-01-01T01:00:00Z"), t("2026-01-01T02:00:00Z"), t("2026-01-01T03:00:00Z")),
        logicalDates(runs));
  }

  @Test
  void fixedInterval_andRangesOutsideTheDagsDates_andTooManyRuns() {
    Timetable every6h =
        ((DeltaDataIntervalTimetable) Timetable.every(Duration.ofHours(6)))
            .anchoredAt(t("2026-01-01T00:00:00Z"));
    assertEquals(
        List.of(t("2026-01-01T06:00:00Z"), t("2026-01-01T12:00:00Z")),
        logicalDates(
            every6h.runsBetween(t("2026-01-01T05:00:00Z"), t("2026-01-01T12:00:00Z"), FROM_JAN_1)));
    assertEquals(
        List.of(),
        Timetable.of("@daily")
            .runsBetween(t("2025-01-01T00:00:00Z"), t("2025-12-31T00:00:00Z"), FROM_JAN_1));
    assertEquals(
        List.of(),
        new NullTimetable()
            .runsBetween(t("2026-01-01T00:00:00Z"), t("2026-02-01T00:00:00Z"), FROM_JAN_1));
    assertThrows(
        IllegalStateException.class,
        () ->
            Timetable.of("* * * * *")
                .runsBetween(t("2026-01-01T00:00:00Z"), t("2026-02-01T00:00:00Z"), FROM_JAN_1));
  }
}
