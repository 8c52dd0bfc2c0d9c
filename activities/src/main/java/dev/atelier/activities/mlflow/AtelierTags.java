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

  /** SUCCEEDED, BAD_SPEC, DIVERGED, INTERRUPTED, PRUNED, FAILED (written by the trainer), GONE. */
  public static final String STATUS = "atelier.status";

  public static final String REASON = "atelier.reason";

  /**
   * Set on a trial's run by the sweep when it stops the trial: the trainer watches for it, then
   * checkpoints and exits 4 (PRUNED) with this text as its reason.
   */
  public static final String STOP_REQUEST = "atelier.stop_request";

  /** Why the sweep stopped the trial: {@code search.StopReason.tag()} (rung, diverged, ...). */
  public static final String STOP_REASON = "atelier.stop_reason";

  /** The sentence a person reads about that stop. */
  public static final String STOP_DETAIL = "atelier.stop_detail";

  /** PBT lineage: the map index of the trial whose checkpoint this trial started from. */
  public static final String PBT_PARENT = "atelier.pbt_parent";

  /** PBT lineage: the step of that checkpoint. */
  public static final String PBT_PARENT_STEP = "atelier.pbt_parent_step";

  /** On a sweep's parent run: the workflow id of its SweepWorkflow (the UI queries it). */
  public static final String SWEEP_WORKFLOW_ID = "atelier.sweep_workflow_id";

  /** On a searching sweep's parent run, at its end: the best trial's map index and value. */
  public static final String BEST_TRIAL = "atelier.best_trial";

  public static final String BEST_VALUE = "atelier.best_value";

  /**
   * On a searching sweep's parent run, at its end: its trial budget and trials at once as they
   * ended, which a lead may have changed from the declared {@code search.budget} while it ran.
   */
  public static final String MAX_TRIALS = "atelier.max_trials";

  public static final String MAX_PARALLEL_TRIALS = "atelier.max_parallel_trials";

  /**
   * Lineage: the dataset a trial trained on (a registered source's name, else its folder's name),
   * its version number (registered sources only) and its full content digest ({@code
   * mlflow.DatasetInputs}).
   */
  public static final String DATASET_NAME = "atelier.dataset_name";

  public static final String DATASET_VERSION = "atelier.dataset_version";

  public static final String DATASET_DIGEST = "atelier.dataset_digest";

  private AtelierTags() {}
}
