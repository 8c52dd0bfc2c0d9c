package dev.atelier.workflows.temporal;

import dev.atelier.workflows.activities.DagRunPreparer;
import dev.atelier.workflows.activities.TriggerActivities;
import dev.atelier.workflows.activities.TriggerRequest;
import dev.atelier.workflows.activities.TriggeredRun;
import dev.atelier.workflows.dsl.Dag;
import dev.atelier.workflows.dsl.DagBag;
import dev.atelier.workflows.dsl.DagDefinition;
import java.util.Arrays;

/** The worker's PrepareDagRun activity over the given Dags. */
class TestTriggers implements TriggerActivities {
  private final DagRunPreparer preparer;

  TestTriggers(Dag... dags) {
    this.preparer =
        new DagRunPreparer(
            DagBag.of(Arrays.stream(dags).map(d -> (DagDefinition) () -> d).toList()));
  }

  @Override
  public TriggeredRun prepareDagRun(TriggerRequest request) {
    return preparer.prepare(request);
  }
}
