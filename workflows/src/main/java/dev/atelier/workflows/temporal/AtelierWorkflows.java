package dev.atelier.workflows.temporal;

/** What a worker registers and how runs are named on Temporal. */
public final class AtelierWorkflows {
  public static final String TASK_QUEUE = "atelier";

  private AtelierWorkflows() {}

  /** Workflow implementation classes a worker registers. */
  public static Class<?>[] implementations() {
    return new Class<?>[] {
      DagRunWorkflowImpl.class,
      SweepWorkflowImpl.class,
      TrialWorkflowImpl.class,
      MappedTaskWorkflowImpl.class,
      PoolWorkflowImpl.class
    };
  }

  /** The Temporal workflow id of a Dag run: stable, so a repeated trigger is rejected. */
  public static String workflowId(String dagId, String runId) {
    return "dagrun:" + dagId + ":" + runId;
  }
}
