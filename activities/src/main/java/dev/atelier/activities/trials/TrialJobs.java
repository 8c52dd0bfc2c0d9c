package dev.atelier.activities.trials;

import dev.atelier.activities.jobs.JobArguments;
import dev.atelier.activities.jobs.JobKey;
import dev.atelier.activities.jobs.JobRequest;
import dev.atelier.activities.jobs.TrainerAllocator;
import dev.atelier.workflows.activities.TrialRequest;
import dev.atelier.workflows.data.DatasetRef;
import dev.atelier.workflows.dsl.TrainOperator;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A trial try as a {@link JobRequest}: the trainer command with its spec file, this worker's {@link
 * TrialJobSettings}, then the train task's own {@code kubernetes} arguments on top (Airflow's
 * names; a GPU count from {@code gpus} becomes the {@value JobRequest#GPU_RESOURCE} limit), and the
 * trial's volumes: its work folder (a claim's per-trial {@code subPath}, or an emptyDir) and a
 * dataset on a claim, read-only.
 */
final class TrialJobs {
  static final String KIND = "trial";
  static final String SPEC_DIR = "/etc/atelier/trial";
  static final String WORK_VOLUME = "atelier-work";
  static final String DATASET_VOLUME = "atelier-dataset";

  /** Where a dataset claim's root appears in a trial's pod (read-only). */
  static final String DATASET_MOUNT_DIR = "/var/atelier/dataset";

  /**
   * Longer than Airflow's 120 s: a trial's pod may wait for a GPU node to be added and a large
   * trainer image to be pulled. A train task sets its own with {@code startup_timeout_seconds}.
   */
  static final long STARTUP_TIMEOUT_SECONDS = 600;

  /** The {@code kubernetes} arguments a train task may give (see {@link TrialRequest}). */
  static final List<String> ARGUMENTS = List.copyOf(TrainOperator.KUBERNETES_ARGS);

  private final TrialJobSettings settings;

  TrialJobs(TrialJobSettings settings) {
    this.settings = settings;
  }

  /**
   * The trial's dataset, checked against where trials run.
   *
   * @throws IllegalArgumentException for a scheme trials cannot read, or a claim without Kubernetes
   */
  DatasetRef dataset(TrialRequest r) {
    Object path = r.dataset() == null ? null : r.dataset().get("path");
    DatasetRef ref = DatasetRef.parse("dataset.path", path == null ? null : String.valueOf(path));
    if (ref.onClaim() && !settings.kubernetes()) {
      throw new IllegalArgumentException(
          "dataset.path: '"
              + path
              + "' is on a PersistentVolumeClaim, which only the Kubernetes launcher mounts"
              + " (ATELIER_LAUNCHER=kubernetes); give a folder on this machine");
    }
    return ref;
  }

  /**
   * @param workDir the root of the trial folders (a work claim's root)
   * @param dir this trial's folder below it: its output_dir, the same for every try
   * @param specFile the trainer spec written into {@code dir}
   * @throws IllegalArgumentException for a bad {@code kubernetes} argument (field, value, rule)
   */
  JobRequest request(
      TrialRequest r, int tryNumber, Path workDir, Path dir, Path specFile, DatasetRef dataset) {
    JobKey key = new JobKey(r.dagId(), r.runId(), r.taskId(), r.mapIndex(), tryNumber);
    JobRequest.Builder b =
        JobRequest.builder(KIND, key)
            .image(settings.image())
            .cmds(settings.trainerCommand())
            .envVars(TrainerAllocator.forModel(settings.environment(), TrainerSpec.model(r)))
            .labels(Map.of("app.kubernetes.io/name", "atelier-trainer"))
            // Trials never talk to the API server: no token in their pods.
            .automountServiceAccountToken(settings.kubernetes() ? false : null)
            .serviceAccountName(settings.serviceAccount())
            .startupTimeoutSeconds(STARTUP_TIMEOUT_SECONDS)
            .specFile(new JobRequest.SpecFile(specFile, SPEC_DIR))
            .workDir(dir);
    if (settings.resources() != null) {
      b.request("cpu", settings.resources().cpuRequest())
          .request("memory", settings.resources().memoryRequest())
          .limit("memory", settings.resources().memoryLimit());
    }
    JobArguments.apply(r.kubernetes(), "kubernetes.", ARGUMENTS, b);
    gpus(r, b);
    if (settings.kubernetes()) {
      // A trial that gets GPUs (from gpus or its own limits) demands one, so an image with
      // CPU-only natives fails it, saying so, instead of training on the CPU of a GPU node.
      String gpuLimit = b.limitSoFar(JobRequest.GPU_RESOURCE);
      boolean gpu = gpuLimit != null && !gpuLimit.equals("0");
      b.envVars(Map.of("ATELIER_DEVICE", gpu ? "gpu" : "cpu"));
      volumes(b, workDir, dir, dataset);
    }
    return b.build();
  }

  private static void gpus(TrialRequest r, JobRequest.Builder b) {
    if (r.gpus() < 0) {
      throw new IllegalArgumentException("gpus: " + r.gpus() + " must be at least 0");
    }
    if (r.gpus() == 0) {
      return;
    }
    String given = b.limitSoFar(JobRequest.GPU_RESOURCE);
    String wanted = Integer.toString(r.gpus());
    if (given != null && !given.equals(wanted)) {
      throw new IllegalArgumentException(
          "kubernetes.container_resources.limits."
              + JobRequest.GPU_RESOURCE
              + ": '"
              + given
              + "' disagrees with gpus="
              + wanted
              + "; give the GPU count once");
    }
    b.limit(JobRequest.GPU_RESOURCE, wanted);
  }

  /** The work folder at the same path as on this worker, so the spec's output_dir holds there. */
  private void volumes(JobRequest.Builder b, Path workDir, Path dir, DatasetRef dataset) {
    if (settings.workClaim() != null) {
      b.volume(new JobRequest.Volume(WORK_VOLUME, "persistentVolumeClaim", settings.workClaim()))
          .volumeMount(
              new JobRequest.Mount(
                  WORK_VOLUME,
                  dir.toString(),
                  false,
                  workDir.toAbsolutePath().normalize().relativize(dir).toString()));
    } else {
      b.volume(new JobRequest.Volume(WORK_VOLUME, "emptyDir", null))
          .volumeMount(new JobRequest.Mount(WORK_VOLUME, dir.toString(), false, null));
    }
    if (dataset.onClaim()) {
      b.volume(new JobRequest.Volume(DATASET_VOLUME, "persistentVolumeClaim", dataset.claim()))
          .volumeMount(new JobRequest.Mount(DATASET_VOLUME, DATASET_MOUNT_DIR, true, null));
    }
  }

  /** The folder the trainer reads: inside {@link #DATASET_MOUNT_DIR} for a claim, else as given. */
  static String trainerPath(DatasetRef dataset) {
    if (!dataset.onClaim()) {
      return dataset.path();
    }
    return dataset.path().isEmpty() ? DATASET_MOUNT_DIR : DATASET_MOUNT_DIR + "/" + dataset.path();
  }
}
