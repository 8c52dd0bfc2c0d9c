package dev.atelier.workflows.temporal;

import dev.atelier.workflows.activities.TrialOutcome;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One training trial (one map index of a TrainOperator task): launch the job, wait for it, record
 * the task instance. A trial that fails returns its outcome; it never fails the workflow, so one
 * bad trial cannot discard the others' results.
 */
@WorkflowInterface
public interface TrialWorkflow {
  @WorkflowMethod
  TrialOutcome run(TrialInput input);
}
