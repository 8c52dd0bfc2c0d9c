package dev.atelier.workflows.temporal;

import dev.atelier.workflows.activities.TrialOutcome;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One training trial (one map index of a TrainOperator task): launch the job, wait for it, record
 * the task instance. A trial that fails returns its outcome; it never fails the workflow, so one
 * bad trial cannot discard the others' results. Each try takes a slot of the trial pool first, when
 * the run names one ({@link TrialSlots}), so it is a {@link SlotHolder}.
 */
@WorkflowInterface
public interface TrialWorkflow extends SlotHolder {
  @WorkflowMethod
  TrialOutcome run(TrialInput input);

  /**
   * The sweep stops this trial early: the running job is asked to checkpoint and exit PRUNED
   * ({@code TrialActivities.stopTrial}); a trial still launching is asked once its launch returns.
   * The task instance then ends {@code success} with the note {@code pruned: <detail>}.
   */
  @SignalMethod
  void stop(String reason, String detail);
}
