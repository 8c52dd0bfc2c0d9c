package dev.atelier.activities.trials;

import java.util.List;
import java.util.Map;

/**
 * How this worker's trials run, the same for every trial: what a trial's {@link
 * dev.atelier.activities.jobs.JobRequest} starts from before the train task's own {@code
 * kubernetes} arguments go on top.
 *
 * @param trainerCommand the trainer CLI without the spec argument (the launcher appends it)
 * @param image the trainer image; null on the local launcher
 * @param resources default requests and limits; null on the local launcher
 * @param environment the trainer's environment there (DJL offline, its native cache, allocator)
 * @param workClaim the PersistentVolumeClaim holding trial folders (each trial mounts its own
 *     {@code subPath}, so a relaunched pod finds its checkpoints); null for an emptyDir
 * @param serviceAccount trial pods' ServiceAccount; null for the namespace's default
 * @param kubernetes whether trials run as Kubernetes Jobs (volumes and datasets on claims mean
 *     something there) or as local processes
 */
public record TrialJobSettings(
    List<String> trainerCommand,
    String image,
    TrainerResources resources,
    Map<String, String> environment,
    String workClaim,
    String serviceAccount,
    boolean kubernetes) {
  public TrialJobSettings {
    if (trainerCommand == null || trainerCommand.isEmpty()) {
      throw new IllegalArgumentException(
          "trainerCommand: " + trainerCommand + " must name a program");
    }
    trainerCommand = List.copyOf(trainerCommand);
    environment = Map.copyOf(environment);
  }

  /** Trials as child processes of this worker. */
  public static TrialJobSettings local(List<String> trainerCommand, Map<String, String> env) {
    return new TrialJobSettings(trainerCommand, null, null, env, null, null, false);
  }

  /** Trials as Kubernetes Jobs. */
  public static TrialJobSettings kubernetes(
      List<String> trainerCommand,
      String image,
      TrainerResources resources,
      Map<String, String> env,
      String workClaim,
      String serviceAccount) {
    return new TrialJobSettings(
        trainerCommand,
        image,
        resources,
        env,
        blankToNull(workClaim),
        blankToNull(serviceAccount),
        true);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
