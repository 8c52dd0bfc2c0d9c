package dev.atelier.workflows.schedule;

import io.temporal.api.enums.v1.ScheduleOverlapPolicy;
import io.temporal.client.schedules.ScheduleCalendarSpec;
import io.temporal.client.schedules.ScheduleIntervalSpec;
import io.temporal.client.schedules.SchedulePolicy;
import io.temporal.client.schedules.ScheduleRange;
import io.temporal.client.schedules.ScheduleSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;

/**
 * A Dag's timetable as a Temporal Schedule that fires at the end of each of its intervals (when
 * Airflow would create the run), and only within start_date / end_date. A cron expression becomes
 * structured calendars rather than a cron string, so both sides agree on every instant: Temporal
 * ANDs day-of-month with day-of-week, so cron's "either day field" rule becomes two calendars.
 */
public final class TemporalSpecs {
  private static final List<ScheduleRange> EVERY_DAY_OF_MONTH = List.of(new ScheduleRange(1, 31));
  private static final List<ScheduleRange> EVERY_DAY_OF_WEEK = List.of(new ScheduleRange(0, 6));

  private TemporalSpecs() {}

  /** The Schedule spec of a clock-driven Dag; empty for a manual or dataset-scheduled one. */
  public static Optional<ScheduleSpec> spec(DagTimetable dag) {
    TimeRestriction window = dag.restriction();
    if (dag.timetable() instanceof OnceTimetable) {
      return Optional.of(once(window.earliest()));
    }
    if (!(dag.timetable() instanceof DataIntervalTimetable grid)) {
      return Optional.empty();
    }
    ScheduleSpec.Builder spec = ScheduleSpec.newBuilder().setTimeZoneName("UTC");
    if (grid instanceof CronDataIntervalTimetable cron) {
      spec.setCalendars(calendars(cron.cron()));
    } else {
      DeltaDataIntervalTimetable delta = (DeltaDataIntervalTimetable) grid;
      spec.setIntervals(List.of(new ScheduleIntervalSpec(delta.delta(), delta.offset())));
    }
    // The first firing ends the first interval that starts at or after start_date.
    Instant firstFire = grid.next(grid.alignToNext(window.earliest()));
    spec.setStartAt(firstFire.minusSeconds(1));
    if (window.latest() != null) {
      spec.setEndAt(grid.next(grid.alignToPrevious(window.latest())));
    }
    return Optional.of(spec.build());
  }

  /**
   * Every firing starts its workflow (they only create runs; max_active_runs queues the runs), and
   * a Temporal outage is caught up on as Airflow's catchup says: all of it, or barely any (the app
   * adds the latest missed run itself).
   */
  public static SchedulePolicy policy(DagTimetable dag) {
    return SchedulePolicy.newBuilder()
        .setOverlap(ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_ALLOW_ALL)
        .setCatchupWindow(
            dag.restriction().catchup() ? Duration.ofDays(365) : Duration.ofSeconds(10))
        .build();
  }

  private static ScheduleSpec once(Instant at) {
    ZonedDateTime t = at.atZone(ZoneOffset.UTC);
    ScheduleCalendarSpec calendar =
        ScheduleCalendarSpec.newBuilder()
            .setSeconds(List.of(new ScheduleRange(t.getSecond())))
            .setMinutes(List.of(new ScheduleRange(t.getMinute())))
            .setHour(List.of(new ScheduleRange(t.getHour())))
            .setDayOfMonth(List.of(new ScheduleRange(t.getDayOfMonth())))
            .setMonth(List.of(new ScheduleRange(t.getMonthValue())))
            .setYear(List.of(new ScheduleRange(t.getYear())))
            .setDayOfWeek(EVERY_DAY_OF_WEEK)
            .setComment("@once")
            .build();
    return ScheduleSpec.newBuilder().setTimeZoneName("UTC").setCalendars(List.of(calendar)).build();
  }

  static List<ScheduleCalendarSpec> calendars(CronExpression cron) {
    ScheduleCalendarSpec.Builder base =
        ScheduleCalendarSpec.newBuilder()
            .setSeconds(List.of(new ScheduleRange(0)))
            .setMinutes(ranges(cron.minutes()))
            .setHour(ranges(cron.hours()))
            .setMonth(ranges(cron.months()))
            .setComment(cron.toString());
    if (cron.daysEitherWay()) {
      return List.of(
          ScheduleCalendarSpec.newBuilder(base.build())
              .setDayOfMonth(ranges(cron.daysOfMonth()))
              .setDayOfWeek(EVERY_DAY_OF_WEEK)
              .build(),
          ScheduleCalendarSpec.newBuilder(base.build())
              .setDayOfMonth(EVERY_DAY_OF_MONTH)
              .setDayOfWeek(ranges(cron.daysOfWeek()))
              .build());
    }
    return List.of(
        base.setDayOfMonth(ranges(cron.daysOfMonth()))
            .setDayOfWeek(ranges(cron.daysOfWeek()))
            .build());
  }

  /** A set of values as runs of consecutive values: {1,2,3,7} → [1-3, 7]. */
  static List<ScheduleRange> ranges(BitSet values) {
    List<ScheduleRange> ranges = new ArrayList<>();
    for (int start = values.nextSetBit(0); start >= 0; ) {
      int end = values.nextClearBit(start) - 1;
      ranges.add(start == end ? new ScheduleRange(start) : new ScheduleRange(start, end));
      start = values.nextSetBit(end + 1);
    }
    return ranges;
  }
}
