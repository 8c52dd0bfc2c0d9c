package dev.atelier.ui.rest.airflow;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Airflow's ScheduleInterval: a cron expression or preset, tagged with its type. */
public record ScheduleInterval(@JsonProperty("__type") String type, String value) {

  /** Null (manual-only) stays null, as in Airflow. */
  static ScheduleInterval of(String schedule) {
    return schedule == null ? null : new ScheduleInterval("CronExpression", schedule);
  }
}
