package dev.atelier.workflows.schedule;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Started by a Dag's Temporal Schedule at the end of each interval: asks the application to create
 * the Dag run for the instant it was scheduled for, through the same run service as a manual
 * trigger (so pause, max_active_runs and run ids behave the same). Returns what the application
 * did, which the Temporal UI shows as the result.
 */
@WorkflowInterface
public interface ScheduledRunWorkflow {
  @WorkflowMethod
  String fire(ScheduledRunInput input);
}
