package dev.atelier.activities.sensors;

import dev.atelier.workflows.activities.DagRunPreparer;
import dev.atelier.workflows.activities.TriggerActivities;
import dev.atelier.workflows.activities.TriggerRequest;
import dev.atelier.workflows.activities.TriggeredRun;
import dev.atelier.workflows.dsl.DagBag;

/** Prepares runs that TriggerDagRunOperators start, from the Dags this worker loaded. */
public final class TriggerActivitiesImpl implements TriggerActivities {
  private final DagRunPreparer preparer;

  public TriggerActivitiesImpl(DagBag dags) {
    this.preparer = new DagRunPreparer(dags);
  }

  @Override
  public TriggeredRun prepareDagRun(TriggerRequest request) {
    return preparer.prepare(request);
  }
}
