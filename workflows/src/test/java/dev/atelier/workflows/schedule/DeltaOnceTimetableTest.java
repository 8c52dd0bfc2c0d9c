package dev.atelier.workflows.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Fixed intervals (Airflow's timedelta schedules) on start_date's grid, {@code @once}, and the
 * timetables that never fire on a clock.
 *
 * <pre>
 *   every 5 s from 10:00:02:  :02 ─[:02]─ :07 ─[:07]─ :12 ─[:12]─ :17 ─┼ now :18
 * </pre>
 */
class DeltaOnceTimetableTest {
  private static final Instant START = t("2026-11-21T10:00:02Z");
  private static final Instant NOW = t("2026-11-21T10:00:18Z");

  private static Instant t(String iso) {
    return Instant.parse(iso);
  }

  private static DeltaDataIntervalTimetable everyFiveSeconds() {
    return ((DeltaDataIntervalTimetable) Timetable.every(Duration.ofSeconds(5))).anchoredAt(START);
  }

  @Test
  void delta_catchup_owesEveryIntervalOnStartDatesGrid() {
    List<DagRunInfo> due =
        everyFiveSeconds().dueRuns(null, new TimeRestriction(START, null, true), NOW);
    assertEquals(
        List.of(t("2026-11-21T10:00:02Z"), t("2026-11-21T10:00:07Z"), t("2026-11-21T10:00:12Z")),
        due.stream().map(DagRunInfo::logicalDate).toList());
    assertEquals(
        new DataInterval(t("2026-11-21T10:00:12Z"), t("2026-11-21T10:00:17Z")),
        due.get(2).interval());
  }

  @Test
  void delta_noCatchup_owesTheLatestOnly_andFiringsMapToTheirInterval() {
    DeltaDataIntervalTimetable every5 = everyFiveSeconds();
    TimeRestriction window = new TimeRestriction(START, null, false);
    assertEquals(
        List.of(t("2026-11-21T10:00:12Z")),
        every5.dueRuns(null, window, NOW).stream().map(DagRunInfo::logicalDate).toList());
    assertEquals(
        new DataInterval(t("2026-11-21T10:00:12Z"), t("2026-11-21T10:00:17Z")),
        every5.runFiredAt(t("2026-11-21T10:00:17Z"), window).orElseThrow().interval());
    assertEquals(Duration.ofSeconds(2), every5.offset(), "10:00:02 is 2 s past a multiple of 5 s");
  }

  @Test
  void delta_manualRun_coversTheDeltaEndingAtTheTrigger() {
    assertEquals(
        new DataInterval(t("2026-11-21T10:00:10Z"), t("2026-11-21T10:00:15Z")),
        everyFiveSeconds().inferManualDataInterval(t("2026-11-21T10:00:15Z")));
  }

  @Test
  void delta_describedAsPythonAndWords() {
    DeltaDataIntervalTimetable every =
        (DeltaDataIntervalTimetable) Timetable.every(Duration.ofMinutes(90).plusDays(1));
    assertEquals("1 day, 1:30:00", every.summary());
    assertEquals("Every 1 day 1 hour 30 minutes", every.description());
    assertEquals("0:00:05", everyFiveSeconds().summary());
  }

  @Test
  void delta_belowOneSecondOrFractional_isRefused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> Timetable.every(Duration.ofMillis(1500)));
    assertEquals(
        "schedule every PT1.5S: an interval must be whole seconds, at least 1 second",
        e.getMessage());
  }

  @Test
  void once_runsOnceAtStartDate_whateverCatchupSays() {
    Timetable once = Timetable.of("@once");
    for (boolean catchup : new boolean[] {true, false}) {
      List<DagRunInfo> due = once.dueRuns(null, new TimeRestriction(START, null, catchup), NOW);
      assertEquals(1, due.size());
      assertEquals(DataInterval.exact(START), due.get(0).interval());
    }
    assertTrue(
        once.dueRuns(DataInterval.exact(START), new TimeRestriction(START, null, true), NOW)
            .isEmpty(),
        "never again once it ran");
    assertTrue(
        once.dueRuns(null, new TimeRestriction(START, START.minusSeconds(1), true), NOW).isEmpty(),
        "not after end_date");
    assertEquals(
        START,
        once.nextDagRunInfo(null, new TimeRestriction(START, null, true), t("2026-01-01T00:00:00Z"))
            .orElseThrow()
            .runAfter(),
        "a future start_date is when it will run");
  }

  @Test
  void manualAndDatasetTimetables_neverFireOnAClock() {
    TimeRestriction window = new TimeRestriction(START, null, true);
    Timetable none = Timetable.of(null);
    Timetable datasets = Timetable.datasets(Dataset.of("s3://bucket/emoji"));
    for (Timetable timetable : List.of(none, datasets)) {
      assertTrue(timetable.dueRuns(null, window, NOW).isEmpty());
      assertTrue(timetable.runFiredAt(NOW, window).isEmpty());
      assertEquals(DataInterval.exact(NOW), timetable.inferManualDataInterval(NOW));
    }
    assertEquals("Never, external triggers only", none.description());
    assertEquals("Triggered by datasets: s3://bucket/emoji", datasets.description());
  }
}
