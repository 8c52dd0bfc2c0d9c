package dev.atelier.workflows.temporal;

import dev.atelier.workflows.activities.TrialOutcome;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.List;

/**
 * A sweep of trials under one MLflow parent run, at most {@code maxParallelTrials} at once. Returns
 * every trial's outcome in map-index order (failed trials included).
 */
@WorkflowInterface
public interface SweepWorkflow extends SlotHolder {
  @WorkflowMethod
  List<TrialOutcome> run(SweepInput input);
}
