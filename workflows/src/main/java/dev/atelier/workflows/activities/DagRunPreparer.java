package dev.atelier.workflows.activities;

import dev.atelier.workflows.dsl.Dag;
import dev.atelier.workflows.dsl.DagBag;
import dev.atelier.workflows.dsl.InvalidParamsException;
import io.temporal.failure.ApplicationFailure;

/**
 * The work of {@link TriggerActivities} over a DagBag, shared by the worker's implementation and
 * the tests: the Dag's spec and its params resolved from the conf, or a failure worded as the REST
 * API words it.
 */
public final class DagRunPreparer {
  private final DagBag dags;

  public DagRunPreparer(DagBag dags) {
    this.dags = dags;
  }

  public TriggeredRun prepare(TriggerRequest request) {
    Dag dag =
        dags.get(request.dagId())
            .orElseThrow(
                () ->
                    ApplicationFailure.newNonRetryableFailure(
                        "DAG with dag_id: '" + request.dagId() + "' not found", "DagNotFound"));
    try {
      return new TriggeredRun(dag.dagId(), dag.params().resolve(request.conf()), dag.toSpec());
    } catch (InvalidParamsException e) {
      throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), "InvalidParams");
    }
  }
}
