package dev.atelier.workflows.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A dataset reference resolved for one launcher by {@link DataRoots#resolve}.
 *
 * @param reference the reference as given, in its normal form
 * @param claim the PersistentVolumeClaim the folder is on, or null for a folder only the worker has
 * @param workerPath where the worker reads the folder, or null for a claim it has not mounted
 * @param trialPath what the launcher's trials read: {@code pvc://<claim>/<path>} for Kubernetes
 *     trials, the worker's folder for local ones
 * @param confinedTo the real paths the folder's files must lie in (the claim's mount for Kubernetes
 *     trials, every root for local ones); empty when no roots are configured
 */
public record ResolvedDataset(
    String reference, String claim, Path workerPath, String trialPath, List<Path> confinedTo) {

  public ResolvedDataset {
    confinedTo = List.copyOf(confinedTo);
  }

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

  /**
   * Refuses a file of the folder that a symbolic link takes outside the roots: its bytes would be
   * trained on, and shown as samples, like any image of the dataset.
   *
   * @throws InvalidDatasetRefException naming the file and where it leads
   */
  public void requireInside(String field, Path file) {
    if (confinedTo.isEmpty()) {
      return;
    }
    Path real;
    try {
      real = file.toRealPath();
    } catch (IOException e) {
      return; // Gone or unreadable: the scan that reads it says so.
    }
    if (confinedTo.stream().noneMatch(real::startsWith)) {
      Path shown = workerPath == null ? file : workerPath.relativize(file);
      throw new InvalidDatasetRefException(
          field
              + ": '"
              + reference
              + "' holds '"
              + shown
              + "', which leads to '"
              + real
              + "' through a symbolic link, outside the data roots");
    }
  }
}
