package dev.atelier.workflows.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Airflow's data intervals for cron schedules and presets. A daily Dag, now = Saturday 21 Nov
 * 10:00:
 *
 * <pre>
 *   start_date                                          now
 *   18 00:00 ──[18]── 19 00:00 ──[19]── 20 00:00 ──[20]── 21 00:00 ─┼─[21, not over]── 22 00:00
 *   catchup=True owes 18, 19, 20; catchup=False owes only 20; the next one is 21, after 22 00:00
 * </pre>
 */
class CronTimetableTest {
  private static final Instant NOW = t("2026-11-21T10:00:00Z");
  private static final Timetable DAILY = Timetable.of("@daily");

  private static Instant t(String iso) {
    return Instant.parse(iso);
  }

  private static DataInterval interval(String start, String end) {
    return new DataInterval(t(start), t(end));
  }

  private static List<Instant> logicalDates(List<DagRunInfo> runs) {
    return runs.stream().map(DagRunInfo::logicalDate).toList();
  }

  private static TimeRestriction from(String start, boolean catchup) {
    return new TimeRestriction(t(start), null, catchup);
  }

  @Test
  void catchup_owesEveryMissedInterval_runningAfterItsEnd() {
    List<DagRunInfo> due = DAILY.dueRuns(null, from("2026-11-18T00:00:00Z", true), NOW);
    assertEquals(
        List.of(t("2026-11-18T00:00:00Z"), t("2026-11-19T00:00:00Z"), t("2026-11-20T00:00:00Z")),
        logicalDates(due));
    assertEquals(interval("2026-11-20T00:00:00Z", "2026-11-21T00:00:00Z"), due.get(2).interval());
    assertEquals(t("2026-11-21T00:00:00Z"), due.get(2).runAfter());
  }

  @Test
  void noCatchup_owesOnlyTheLatestInterval() {
    List<DagRunInfo> due = DAILY.dueRuns(null, from("2026-11-18T00:00:00Z", false), NOW);
    assertEquals(List.of(t("2026-11-20T00:00:00Z")), logicalDates(due));
  }

  @Test
  void afterTheLastScheduledRun_theNextIntervalFollowsIt() {
    DataInterval last = interval("2026-11-19T00:00:00Z", "2026-11-20T00:00:00Z");
    assertEquals(
        List.of(t("2026-11-20T00:00:00Z")),
        logicalDates(DAILY.dueRuns(last, from("2026-11-18T00:00:00Z", true), NOW)));
    DagRunInfo next =
        DAILY
            .nextDagRunInfo(
                interval("2026-11-20T00:00:00Z", "2026-11-21T00:00:00Z"),
                from("2026-11-18T00:00:00Z", true),
                NOW)
            .orElseThrow();
    assertEquals(interval("2026-11-21T00:00:00Z", "2026-11-22T00:00:00Z"), next.interval());
    assertEquals(t("2026-11-22T00:00:00Z"), next.runAfter());
  }

  @Test
  void noCatchup_afterAnOldRun_skipsToTheLatest() {
    DataInterval old = interval("2026-10-01T00:00:00Z", "2026-10-02T00:00:00Z");
    assertEquals(
        List.of(t("2026-11-20T00:00:00Z")),
        logicalDates(DAILY.dueRuns(old, from("2026-09-01T00:00:00Z", false), NOW)));
  }

  @Test
  void noCatchup_onABoundary_theIntervalEndingNowIsDue() {
    Instant midnight = t("2026-11-21T00:00:00Z");
    assertEquals(
        List.of(t("2026-11-20T00:00:00Z")),
        logicalDates(DAILY.dueRuns(null, from("2026-11-01T00:00:00Z", false), midnight)));
  }

  @Test
  void startDateOffTheGrid_firstIntervalStartsAtTheNextBoundary() {
    List<DagRunInfo> due = DAILY.dueRuns(null, from("2026-11-18T06:00:00Z", true), NOW);
    assertEquals(List.of(t("2026-11-19T00:00:00Z"), t("2026-11-20T00:00:00Z")), logicalDates(due));
  }

  @Test
  void startDateInTheFuture_nothingIsDue_andNextIsTheFirstInterval() {
    TimeRestriction future = from("2026-12-01T00:00:00Z", true);
    assertEquals(List.of(), DAILY.dueRuns(null, future, NOW));
    assertEquals(
        interval("2026-12-01T00:00:00Z", "2026-12-02T00:00:00Z"),
        DAILY.nextDagRunInfo(null, future, NOW).orElseThrow().interval());
    // Without catchup too: start_date wins over "the latest interval".
    assertEquals(
        t("2026-12-01T00:00:00Z"),
        DAILY
            .nextDagRunInfo(null, from("2026-12-01T00:00:00Z", false), NOW)
            .orElseThrow()
            .logicalDate());
  }

  @Test
  void endDate_noIntervalStartsAfterIt() {
    TimeRestriction window =
        new TimeRestriction(t("2026-11-18T00:00:00Z"), t("2026-11-19T12:00:00Z"), true);
    assertEquals(
        List.of(t("2026-11-18T00:00:00Z"), t("2026-11-19T00:00:00Z")),
        logicalDates(DAILY.dueRuns(null, window, NOW)));
    assertEquals(
        Optional.empty(),
        DAILY.nextDagRunInfo(
            interval("2026-11-19T00:00:00Z", "2026-11-20T00:00:00Z"), window, NOW));
  }

  @Test
  void presets_coverTheirAirflowIntervals() {
    TimeRestriction nov1 = from("2026-11-01T00:00:00Z", true);
    assertEquals(interval("2026-11-01T00:00:00Z", "2026-11-01T01:00:00Z"), first("@hourly", nov1));
    // 1 November 2026 is a Sunday.
    assertEquals(interval("2026-11-01T00:00:00Z", "2026-11-08T00:00:00Z"), first("@weekly", nov1));
    assertEquals(interval("2026-11-01T00:00:00Z", "2026-12-01T00:00:00Z"), first("@monthly", nov1));
    assertEquals(
        interval("2027-01-01T00:00:00Z", "2027-04-01T00:00:00Z"), first("@quarterly", nov1));
    assertEquals(interval("2027-01-01T00:00:00Z", "2028-01-01T00:00:00Z"), first("@yearly", nov1));
    assertEquals(first("@yearly", nov1), first("@annually", nov1));
    assertEquals(first("@daily", nov1), first("@midnight", nov1));
  }

  private static DataInterval first(String preset, TimeRestriction window) {
    return Timetable.of(preset).nextDagRunInfo(null, window, NOW).orElseThrow().interval();
  }

  @Test
  void cronString_weekdayMornings() {
    Timetable weekdays = Timetable.of("30 6 * * MON-FRI");
    // Friday 20th 06:30 → Monday 23rd 06:30 (a weekend in between).
    assertEquals(
        List.of(t("2026-11-19T06:30:00Z"), t("2026-11-20T06:30:00Z")),
        logicalDates(
            weekdays.dueRuns(null, from("2026-11-19T00:00:00Z", true), t("2026-11-23T07:00:00Z"))));
    assertEquals(
        interval("2026-11-20T06:30:00Z", "2026-11-23T06:30:00Z"),
        weekdays
            .dueRuns(null, from("2026-11-19T00:00:00Z", true), t("2026-11-23T07:00:00Z"))
            .get(1)
            .interval());
  }

  @Test
  void manualRun_coversTheLastCompletePeriod() {
    assertEquals(
        interval("2026-11-24T00:00:00Z", "2026-11-25T00:00:00Z"),
        DAILY.inferManualDataInterval(t("2026-11-25T01:00:00Z")));
    assertEquals(
        interval("2026-11-24T00:00:00Z", "2026-11-25T00:00:00Z"),
        DAILY.inferManualDataInterval(t("2026-11-25T00:00:00Z")));
  }

  @Test
  void firing_atAnIntervalsEnd_standsForThatInterval_withinTheWindow() {
    TimeRestriction window =
        new TimeRestriction(t("2026-11-18T00:00:00Z"), t("2026-11-25T00:00:00Z"), true);
    assertEquals(
        interval("2026-11-20T00:00:00Z", "2026-11-21T00:00:00Z"),
        DAILY.runFiredAt(t("2026-11-21T00:00:00Z"), window).orElseThrow().interval());
    // A firing a little late still means the interval that just ended.
    assertEquals(
        t("2026-11-20T00:00:00Z"),
        DAILY.runFiredAt(t("2026-11-21T00:00:03Z"), window).orElseThrow().logicalDate());
    assertTrue(DAILY.runFiredAt(t("2026-11-18T00:00:00Z"), window).isEmpty(), "before start_date");
    assertTrue(DAILY.runFiredAt(t("2026-11-27T00:00:00Z"), window).isEmpty(), "after end_date");
  }

  @Test
  void catchupSinceYearsAgo_isRefusedRatherThanFlooding() {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> Timetable.of("@hourly").dueRuns(null, from("2020-01-01T00:00:00Z", true), NOW));
    assertTrue(
        e.getMessage().startsWith("more than 10000 runs are owed since 2020-01-01T00:00:00Z"));
  }

  @Test
  void whatTheApiShows() {
    assertEquals("@daily", DAILY.summary());
    assertEquals("At 00:00", DAILY.description());
    assertEquals("0 0 1 */3 *", Timetable.of("0 0 1 */3 *").summary());
    assertEquals("cron 15 * * * * (UTC)", Timetable.of("15 * * * *").description());
  }

  @Test
  void badScheduleStrings_areRefusedNamingTheSchedule() {
    IllegalArgumentException preset =
        assertThrows(IllegalArgumentException.class, () -> Timetable.of("@fortnightly"));
    assertEquals(
        "schedule '@fortnightly' is not one of the presets [@once, @hourly, @daily, @midnight,"
            + " @weekly, @monthly, @quarterly, @yearly, @annually]",
        preset.getMessage());
    IllegalArgumentException cron =
        assertThrows(IllegalArgumentException.class, () -> Timetable.of("0 25 * * *"));
    assertEquals(
        "schedule '0 25 * * *': cron '0 25 * * *': hour field '25': values must be between 0 and 23",
        cron.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Timetable.of("@continuous"));
  }
}
