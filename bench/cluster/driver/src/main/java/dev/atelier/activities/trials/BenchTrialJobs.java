package dev.atelier.activities.trials;

import dev.atelier.activities.jobs.JobRequest;
import dev.atelier.workflows.activities.TrialRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The Kubernetes benchmark's way in to {@link TrialJobs}, which is package-private: it lives in
 * TrialJobs' package (on the class path, not in the activities jar) and only calls it, so a
 * benchmark trial's {@link JobRequest} is built by exactly the code that builds a real trial's. The
 * settings are what the shipped {@code k8s/base/config.yaml} gives a worker (work claim, trial
 * ServiceAccount, the trainer image's own command, {@link TrainerResources#defaults()}).
 */
public final class BenchTrialJobs {
  /** The trainer image's entry point, as {@code ui}'s TrainerCommand gives it on Kubernetes. */
  static final List<String> IMAGE_COMMAND =
      List.of(
          "java",
          "-XX:+UseSerialGC",
          "-cp",
          "@/app/jib-classpath-file",
          "dev.atelier.trainers.TrainerMain");

  private final TrialJobs jobs;
  private final Path workDir;

  /**
   * @param workDir the root of trial folders as the worker sees it (the work claim's root)
   */
  public BenchTrialJobs(String image, String workClaim, String trialServiceAccount, Path workDir) {
    this.jobs =
        new TrialJobs(
            TrialJobSettings.kubernetes(
                IMAGE_COMMAND,
                image,
                TrainerResources.defaults(),
                Map.of(
                    "DJL_OFFLINE", "true",
                    "OPT_OUT_TRACKING", "true",
                    "DJL_CACHE_DIR", "/tmp/djl"),
                workClaim,
                trialServiceAccount));
    this.workDir = workDir;
  }

  /** Try 1 of {@code r}, its folder below the work root, with {@code specFile} as its spec. */
  public JobRequest request(TrialRequest r, Path specFile) {
    Path dir =
        workDir.resolve(
            r.dagId()
                + "/"
                + r.runId().replaceAll("[^A-Za-z0-9._-]", "_")
                + "/"
                + r.taskId()
                + "/"
                + r.mapIndex());
    return jobs.request(r, 1, workDir, dir, specFile, jobs.dataset(r));
  }
}
