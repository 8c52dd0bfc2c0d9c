package dev.atelier.activities.jobs;

import java.nio.file.Path;
import java.util.Map;

/**
 * One trainer run to launch.
 *
 * @param name a DNS-1123 name, unique per launch (see {@link JobNames}); launching the same name
 *     twice returns the job already running
 * @param specFile the trainer spec JSON; the launcher appends its path (or where it mounts it) to
 *     the trainer command
 * @param workDir the trial's output folder: logs and results land here
 * @param labels who the job belongs to ({@code atelier/dag-id}, ...), raw values; launchers that
 *     have label rules sanitize them
 * @param gpus how many GPUs the trial asks for (0 for none)
 */
public record JobSpec(
    String name, Path specFile, Path workDir, Map<String, String> labels, int gpus) {
  public JobSpec {
    labels = Map.copyOf(labels);
    if (gpus < 0) {
      throw new IllegalArgumentException("gpus: " + gpus + " must be >= 0");
    }
  }
}
