package dev.atelier.workflows.activities;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.List;

/**
 * Records the dataset events of a task instance's outlets when it succeeds, as Airflow's task
 * runner does, and starts the Dags scheduled on those datasets through the same path as {@code POST
 * /api/v1/datasets/events}. Implemented by the app (it owns the dataset tables and the triggers).
 */
@ActivityInterface
public interface DatasetActivities {
  String RECORD_OUTLET_EVENTS = "RecordOutletEvents";

  /** Stores one event per entry (creating unknown datasets) and evaluates the dataset triggers. */
  @ActivityMethod(name = RECORD_OUTLET_EVENTS)
  void recordOutletEvents(List<OutletEvent> events);
}
