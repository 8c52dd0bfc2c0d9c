package dev.atelier.workflows.temporal;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** One Airflow Dag run, interpreted on Temporal: ready tasks run in parallel, per trigger rule. */
@WorkflowInterface
public interface DagRunWorkflow {
  @WorkflowMethod
  DagRunResult run(DagRunInput input);
}
