package dev.atelier.workflows.data;

import java.nio.file.Path;

/**
 * A dataset reference resolved for one launcher by {@link DataRoots#resolve}.
 *
 * @param reference the reference as given, in its normal form
 * @param claim the PersistentVolumeClaim the folder is on, or null for a folder only the worker has
 * @param workerPath where the worker reads the folder, or null for a claim it has not mounted
 * @param trialPath what the launcher's trials read: {@code pvc://<claim>/<path>} for Kubernetes
 *     trials, the worker's folder for local ones
 */
public record ResolvedDataset(String reference, String claim, Path workerPath, String trialPath) {

  /**
   * The folder the worker scans before the trials run.
   *
   * @throws InvalidDatasetRefException when the folder is on a claim the worker has not mounted
   */
  public Path scanPath(String field) {
    if (workerPath == null) {
      throw new InvalidDatasetRefException(DataRoots.notMounted(field, reference, claim));
    }
    return workerPath;
  }
}
