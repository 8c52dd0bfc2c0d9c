package dev.atelier.activities.trials;

import dev.atelier.workflows.temporal.SweepWorkflow;
import dev.atelier.workflows.temporal.TrialReport;
import io.temporal.activity.Activity;
import io.temporal.client.WorkflowClient;

/**
 * Where a waiting trial sends its new evaluations: the {@link SweepWorkflow#report} signal of its
 * searching sweep. The worker's own Temporal client sends it (as pool requests do), so nothing but
 * the running activity is needed; {@link #NONE} sends nothing.
 */
@FunctionalInterface
public interface SweepReports {
  SweepReports NONE = (sweepWorkflowId, report) -> {};

  void send(String sweepWorkflowId, TrialReport report);

  /** Through the client of the worker that runs the calling activity. */
  static SweepReports viaWorker() {
    return (id, report) ->
        through(Activity.getExecutionContext().getWorkflowClient()).send(id, report);
  }

  /** Through {@code client}; a null client reports nothing. */
  static SweepReports through(WorkflowClient client) {
    if (client == null) {
      return NONE;
    }
    return (id, report) -> client.newWorkflowStub(SweepWorkflow.class, id).report(report);
  }
}
