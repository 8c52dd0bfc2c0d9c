package dev.atelier.workflows.activities;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.Map;

/**
 * Built-in operators that run as one activity each. The interpreter calls them by the type names
 * below through an untyped stub; each returns the task's XCom return value.
 */
@ActivityInterface
public interface OperatorActivities {
  String PREPARE_DATASET = "PrepareDataset";
  String PICK_BEST = "PickBest";

  /**
   * Scans an image folder and returns its version: {@code path} (the reference trials read: {@code
   * pvc://<claim>/<path>} for Kubernetes trials, the worker's folder for local ones), {@code
   * local_path} (the folder the worker scanned), {@code image_count}, {@code fingerprint} (the
   * content digest a dataset version has: SHA-256 per file, one over the sorted manifest), {@code
   * image_size}. Args: {@code path} (an absolute folder or {@code pvc://<claim>/<path>}, within the
   * data roots: {@code dev.atelier.workflows.data.DataRoots}), {@code image_size}. A folder outside
   * the roots, missing or empty is a non-retryable {@code BadDataset} failure.
   */
  @ActivityMethod(name = PREPARE_DATASET)
  Map<String, Object> prepareDataset(TaskCall call);

  /**
   * Picks the best trial from the mapped upstream's {@link TrialOutcome}s. Args: {@code from}
   * (upstream task id), {@code metric}, {@code mode} ("min" or "max"). Returns {@code
   * mlflow_run_id}, {@code map_index}, {@code metric}, {@code mode}, {@code value}.
   */
  @ActivityMethod(name = PICK_BEST)
  Map<String, Object> pickBest(TaskCall call);
}
