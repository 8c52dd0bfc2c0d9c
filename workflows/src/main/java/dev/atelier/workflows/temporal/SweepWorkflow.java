package dev.atelier.workflows.temporal;

import dev.atelier.workflows.activities.TrialOutcome;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.List;

/**
 * A sweep of trials under one MLflow parent run, at most {@code maxParallelTrials} at once. Returns
 * every trial's outcome in map-index order (failed and pruned trials included). A fixed sweep (an
 * {@code expand}) runs its given trials; a searching sweep asks its sampler for the next
 * configuration whenever a slot frees, hears each trial's evaluations ({@link #report}) and stops
 * the ones its pruner or stop rules condemn.
 */
@WorkflowInterface
public interface SweepWorkflow extends SlotHolder {
  @WorkflowMethod
  List<TrialOutcome> run(SweepInput input);

  /** A running trial's new evaluations (sent by its {@code awaitTrial} activity). */
  @SignalMethod
  void report(TrialReport report);

  /**
   * A trial of a searching sweep ended (its {@code TrialWorkflow} sends this before it completes).
   * A run that continued as new did not start the trials that were running then, so it cannot await
   * their child workflows; this is how it learns their outcome. The default ignores it, for
   * stand-ins that implement this interface in other modules' tests.
   */
  @SignalMethod
  default void trialEnded(TrialOutcome outcome) {}

  /** Changes how many trials run at once; returns the new value. */
  @UpdateMethod
  int setMaxParallelTrials(int maxParallelTrials);

  @UpdateValidatorMethod(updateName = "setMaxParallelTrials")
  void validateMaxParallelTrials(int maxParallelTrials);

  /** Raises the sweep's trial budget by {@code count}; returns the new {@code maxTrials}. */
  @UpdateMethod
  int addTrials(int count);

  @UpdateValidatorMethod(updateName = "addTrials")
  void validateAddTrials(int count);

  /**
   * Stops the sweep early: no new trial starts, running ones are stopped (SWEEP_STOPPED) and keep
   * their checkpoints; the best trial so far stands. {@code who} is recorded.
   */
  @SignalMethod
  void stopSweep(String who);

  /** The sweep now: budget, spending, best trial, every trial. */
  @QueryMethod
  SweepState state();
}
