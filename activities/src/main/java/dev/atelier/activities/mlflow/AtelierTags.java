package dev.atelier.activities.mlflow;

/** The run tags Atelier writes and searches by; the UI and the trainer read the same names. */
public final class AtelierTags {
  public static final String PARENT_RUN_ID = "mlflow.parentRunId";
  public static final String DAG_ID = "atelier.dag_id";
  public static final String RUN_ID = "atelier.run_id";
  public static final String TASK_ID = "atelier.task_id";
  public static final String MAP_INDEX = "atelier.map_index";
  public static final String JOB_ID = "atelier.job_id";

  /**
   * Which launch of the trial's run this is: 1, then one more for each relaunch that resumes it.
   */
  public static final String TRY_NUMBER = "atelier.try_number";

  public static final String TRIAL_COUNT = "atelier.trial_count";
  public static final String BEST_RUN_ID = "atelier.best_run_id";

  /** SUCCEEDED, BAD_SPEC, DIVERGED, INTERRUPTED, FAILED (written by the trainer), GONE. */
  public static final String STATUS = "atelier.status";

  public static final String REASON = "atelier.reason";

  private AtelierTags() {}
}
