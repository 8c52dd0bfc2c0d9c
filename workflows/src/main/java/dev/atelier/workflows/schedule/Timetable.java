package dev.atelier.workflows.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * When a Dag runs on its own: Airflow's timetables, one per kind of {@code schedule} argument. All
 * methods are pure; "now" is always passed in.
 */
public sealed interface Timetable
    permits NullTimetable, OnceTimetable, DataIntervalTimetable, AssetTriggeredTimetable {

  /** More runs than this in one catch-up are refused, so a mistaken start_date cannot flood. */
  int MAX_CATCHUP_RUNS = 10_000;

  /**
   * Airflow's {@code schedule} string: {@code null} (manual only), a preset ({@code @once}, {@code
   * @hourly}, {@code @daily}, {@code @weekly}, {@code @monthly}, {@code @quarterly}, {@code
   * @yearly}, {@code @annually}, {@code @midnight}) or a 5-field cron expression.
   *
   * @throws IllegalArgumentException naming the schedule and the rule it breaks
   */
  static Timetable of(String schedule) {
    if (schedule == null) {
      return new NullTimetable();
    }
    if (schedule.equals("@once")) {
      return new OnceTimetable();
    }
    if (schedule.equals("@continuous")) {
      throw new IllegalArgumentException(
          "schedule '@continuous' is not supported by Atelier's scheduler yet; use a short"
              + " interval (Timetable.every) instead");
    }
    if (schedule.startsWith("@")) {
      String cron = Presets.cron(schedule);
      if (cron == null) {
        throw new IllegalArgumentException(
            "schedule '" + schedule + "' is not one of the presets " + Presets.NAMES);
      }
      return new CronDataIntervalTimetable(CronExpression.parse(cron), schedule);
    }
    CronExpression cron;
    try {
      cron = CronExpression.parse(schedule);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("schedule '" + schedule + "': " + e.getMessage(), e);
    }
    return new CronDataIntervalTimetable(cron, schedule);
  }

  /** Airflow's {@code schedule=timedelta(...)}: one interval every {@code delta}. */
  static Timetable every(Duration delta) {
    return new DeltaDataIntervalTimetable(delta, Duration.ZERO);
  }

  /** Airflow 3's {@code schedule=<assets>}: runs when the condition's assets have changed. */
  static Timetable assets(AssetCondition condition) {
    return new AssetTriggeredTimetable(condition);
  }

  /**
   * Airflow 2's {@code schedule=<datasets>}.
   *
   * @deprecated use {@link #assets}, as Airflow 3 renamed datasets to assets.
   */
  @Deprecated
  static Timetable datasets(AssetCondition condition) {
    return assets(condition);
  }

  /**
   * Airflow's {@code next_dagrun_info}: the next run owed after {@code lastAutomated} (the data
   * interval of the latest scheduled run, or null), if any.
   */
  Optional<DagRunInfo> nextDagRunInfo(
      DataInterval lastAutomated, TimeRestriction restriction, Instant now);

  /** Airflow's {@code infer_manual_data_interval}: the data interval of a manual run. */
  DataInterval inferManualDataInterval(Instant runAfter);

  /**
   * The run a Temporal Schedule's firing at {@code fire} stands for, if it stands for one within
   * the restriction.
   */
  Optional<DagRunInfo> runFiredAt(Instant fire, TimeRestriction restriction);

  /** What Airflow's API shows as {@code schedule_interval}'s value; null when it shows none. */
  String summary();

  /** What Airflow's API shows as {@code timetable_description}. */
  String description();

  /**
   * Airflow's backfill ({@code iter_dagrun_infos_between}): the runs whose logical date (interval
   * start) lies in {@code [from, to]} and within the Dag's {@code start_date}/{@code end_date},
   * oldest first. The same walk as catch-up ({@link #dueRuns}) with catchup on and no "now": a
   * backfill may cover intervals that have not ended yet only if the caller asks for them.
   *
   * @throws IllegalStateException when more than {@link #MAX_CATCHUP_RUNS} runs fall in the range
   */
  default List<DagRunInfo> runsBetween(Instant from, Instant to, TimeRestriction dag) {
    Instant earliest =
        dag.earliest() == null || from.isAfter(dag.earliest()) ? from : dag.earliest();
    Instant latest = dag.latest() == null || to.isBefore(dag.latest()) ? to : dag.latest();
    if (earliest.isAfter(latest)) {
      return List.of();
    }
    return dueRuns(null, new TimeRestriction(earliest, latest, true), Instant.MAX);
  }

  /**
   * Every run owed by {@code now}, oldest first: after the last scheduled run, all the missed
   * intervals with {@code catchup}, only the latest without.
   *
   * @throws IllegalStateException when more than {@link #MAX_CATCHUP_RUNS} runs are owed
   */
  default List<DagRunInfo> dueRuns(
      DataInterval lastAutomated, TimeRestriction restriction, Instant now) {
    List<DagRunInfo> due = new ArrayList<>();
    DataInterval last = lastAutomated;
    Optional<DagRunInfo> next = nextDagRunInfo(last, restriction, now);
    while (next.isPresent() && !next.get().runAfter().isAfter(now)) {
      if (due.size() == MAX_CATCHUP_RUNS) {
        throw new IllegalStateException(
            "more than "
                + MAX_CATCHUP_RUNS
                + " runs are owed since "
                + due.get(0).logicalDate()
                + "; set a later start_date or catchup=False");
      }
      due.add(next.get());
      last = next.get().interval();
      DagRunInfo previous = next.get();
      next = nextDagRunInfo(last, restriction, now);
      // @once owes one run; a schedule that cannot move on stops here.
      if (next.isPresent() && next.get().equals(previous)) {
        break;
      }
    }
    return due;
  }
}
