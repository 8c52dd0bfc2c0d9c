package dev.atelier.ui.rest.airflow;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.atelier.workflows.schedule.DeltaDataIntervalTimetable;
import dev.atelier.workflows.schedule.Timetable;

/**
 * Airflow's ScheduleInterval: a cron expression or preset ({@code CronExpression}, also what
 * Airflow shows for {@code @once} and dataset schedules) or a fixed interval ({@code TimeDelta}),
 * tagged with its type. A manual-only Dag has none.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ScheduleInterval(
    @JsonProperty("__type") String type,
    String value,
    Integer days,
    Integer seconds,
    Integer microseconds) {

  static ScheduleInterval of(Timetable timetable) {
    if (timetable instanceof DeltaDataIntervalTimetable delta) {
      long total = delta.delta().getSeconds();
      return new ScheduleInterval(
          "TimeDelta", null, (int) (total / 86_400), (int) (total % 86_400), 0);
    }
    String summary = timetable.summary();
    return summary == null
        ? null
        : new ScheduleInterval("CronExpression", summary, null, null, null);
  }
}
