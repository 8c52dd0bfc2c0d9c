package dev.atelier.activities;

import dev.atelier.workflows.data.DataRoots;
import java.nio.file.Path;
import java.util.List;

/**
 * How the activities reach the world. {@link AtelierActivities} lists the environment variables
 * that fill what is left null here.
 *
 * @param mlflowTrackingUri e.g. {@code http://127.0.0.1:5000}
 * @param launcher {@code local} (a process on this machine) or {@code kubernetes}
 * @param trainerCommand the trainer CLI without the spec argument, e.g. {@code [java, -cp, ...,
 *     dev.atelier.trainers.TrainerMain]}; the launcher appends the spec path
 * @param workDir where trials keep their spec, logs and checkpoints (on Kubernetes, the same path
 *     inside trial pods; the root of the work claim)
 * @param kubernetesNamespace namespace for Jobs that name none
 * @param trainerImage container image for trainer Jobs
 * @param kueueQueue the Kueue LocalQueue for Jobs that name none; null to start Jobs at once
 * @param workClaim the PersistentVolumeClaim holding trial folders; null for an emptyDir per pod (a
 *     relaunched trial pod then starts without its checkpoints)
 * @param trialServiceAccount the ServiceAccount trial pods run as; null for the namespace's default
 * @param dataRoots where datasets may come from; null for {@code $ATELIER_DATA_ROOTS}
 * @param maxConcurrentTrials trials at once across every sweep and run (the trial pool's size,
 *     {@code TrialCap}); null for {@code $ATELIER_MAX_CONCURRENT_TRIALS}, else 8
 */
public record ActivitiesConfig(
    String mlflowTrackingUri,
    String launcher,
    List<String> trainerCommand,
    Path workDir,
    String kubernetesNamespace,
    String trainerImage,
    String kueueQueue,
    String workClaim,
    String trialServiceAccount,
    DataRoots dataRoots,
    Integer maxConcurrentTrials) {

  /** The settings from before the cap on trials at once: it comes from the environment. */
  public ActivitiesConfig(
      String mlflowTrackingUri,
      String launcher,
      List<String> trainerCommand,
      Path workDir,
      String kubernetesNamespace,
      String trainerImage,
      String kueueQueue,
      String workClaim,
      String trialServiceAccount,
      DataRoots dataRoots) {
    this(
        mlflowTrackingUri,
        launcher,
        trainerCommand,
        workDir,
        kubernetesNamespace,
        trainerImage,
        kueueQueue,
        workClaim,
        trialServiceAccount,
        dataRoots,
        null);
  }

  /**
   * The settings from before Kueue, work claims and data roots: those come from the environment.
   */
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
        null,
        null,
        null,
        null,
        null);
  }
}
