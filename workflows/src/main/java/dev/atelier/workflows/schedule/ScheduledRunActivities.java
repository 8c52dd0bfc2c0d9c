package dev.atelier.workflows.schedule;

import io.temporal.activity.ActivityInterface;

/** Implemented by the application that owns the Dag runs (the ui module). */
@ActivityInterface
public interface ScheduledRunActivities {

  /**
   * Creates the run that firing at {@code fireTime} (ISO-8601) stands for, if it stands for one and
   * it does not exist yet. Idempotent: a retried or repeated firing creates nothing new.
   *
   * @return what happened, e.g. {@code created scheduled__2026-11-21T10:00:00+00:00}
   */
  String createScheduledRun(String dagId, String fireTime);
}
