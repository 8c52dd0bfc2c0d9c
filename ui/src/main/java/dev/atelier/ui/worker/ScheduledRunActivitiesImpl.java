package dev.atelier.ui.worker;

import dev.atelier.ui.service.ScheduledRuns;
import dev.atelier.workflows.schedule.ScheduledRunActivities;
import jakarta.inject.Singleton;
import java.time.Instant;

/**
 * The app side of a Schedule's firing: the run is created by the app's own run service. A plain
 * singleton, not a client proxy, so Temporal sees the activity interface on the object it gets.
 */
@Singleton
public class ScheduledRunActivitiesImpl implements ScheduledRunActivities {
  private final ScheduledRuns runs;

  ScheduledRunActivitiesImpl(ScheduledRuns runs) {
    this.runs = runs;
  }

  @Override
  public String createScheduledRun(String dagId, String fireTime) {
    return runs.fired(dagId, Instant.parse(fireTime));
  }
}
