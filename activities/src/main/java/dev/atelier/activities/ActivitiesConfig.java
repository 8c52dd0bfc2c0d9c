package dev.atelier.activities;

import dev.atelier.workflows.data.DataRoots;
import java.nio.file.Path;
import java.util.List;

/**
 * How the activities reach the world.
 *
 * @param mlflowTrackingUri e.g. {@code http://127.0.0.1:5000}
 * @param launcher {@code local} (a process on this machine) or {@code kubernetes}
 * @param trainerCommand the trainer CLI without the spec argument, e.g. {@code [java, -cp, ...,
 *     dev.atelier.trainers.TrainerMain]}; the launcher appends the spec path
 * @param workDir where trials keep their spec, logs and checkpoints (local launcher)
 * @param kubernetesNamespace namespace for trainer Jobs
 * @param trainerImage container image for trainer Jobs
 * @param dataRoots where datasets may come from; null for {@code $ATELIER_DATA_ROOTS}
 */
public record ActivitiesConfig(
    String mlflowTrackingUri,
    String launcher,
    List<String> trainerCommand,
    Path workDir,
    String kubernetesNamespace,
    String trainerImage,
    DataRoots dataRoots) {

  /** The data roots from the environment ({@code ATELIER_DATA_ROOTS}). */
  public ActivitiesConfig(
      String mlflowTrackingUri,
      String launcher,
      List<String> trainerCommand,
      Path workDir,
      String kubernetesNamespace,
      String trainerImage) {
    this(
        mlflowTrackingUri,
        launcher,
        trainerCommand,
        workDir,
        kubernetesNamespace,
        trainerImage,
        null);
  }
}
