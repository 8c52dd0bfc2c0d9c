package dev.atelier.activities.jobs;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import java.util.List;
import java.util.Optional;

/**
 * Judges a Job's ending from its status conditions (Complete / Failed with status True) and its
 * succeeded / failed counts, never from completionTime, which a failed Job never sets. The exit
 * code comes from the trainer container's terminated state, so "bad spec" and "diverged" stay
 * distinguishable.
 */
final class KubernetesJobStatus {
  private KubernetesJobStatus() {}

  static Optional<JobOutcome> judge(String name, Job job, List<Pod> pods) {
    if (job == null) {
      return Optional.of(JobOutcome.gone("Job " + name + " no longer exists"));
    }
    JobStatus status = job.getStatus();
    if (status == null) {
      return Optional.empty();
    }
    if (hasCondition(status, "Complete")) {
      return Optional.of(JobOutcome.succeeded());
    }
    Optional<JobCondition> failed = condition(status, "Failed");
    if (failed.isPresent()) {
      return Optional.of(failure(pods, describe(failed.get())));
    }
    if (count(status.getSucceeded()) > 0) {
      return Optional.of(JobOutcome.succeeded());
    }
    if (count(status.getFailed()) > 0) {
      return Optional.of(failure(pods, "Job " + name + " has a failed pod"));
    }
    return Optional.empty();
  }

  private static JobOutcome failure(List<Pod> pods, String jobReason) {
    Optional<ContainerStateTerminated> terminated = trainerTermination(pods);
    int code = terminated.map(t -> t.getExitCode()).orElse(JobOutcome.UNKNOWN_EXIT_CODE);
    String reason =
        terminated
            .map(t -> "trainer exited with code " + t.getExitCode() + reasonSuffix(t.getReason()))
            .orElse(jobReason);
    return JobOutcome.failed(code, reason);
  }

  private static Optional<ContainerStateTerminated> trainerTermination(List<Pod> pods) {
    return pods.stream()
        .filter(p -> p.getStatus() != null && p.getStatus().getContainerStatuses() != null)
        .flatMap(p -> p.getStatus().getContainerStatuses().stream())
        .filter(c -> KubernetesJobManifest.CONTAINER.equals(c.getName()))
        .map(KubernetesJobStatus::terminated)
        .flatMap(Optional::stream)
        .filter(t -> t.getExitCode() != null)
        .findFirst();
  }

  private static Optional<ContainerStateTerminated> terminated(ContainerStatus c) {
    if (c.getState() != null && c.getState().getTerminated() != null) {
      return Optional.of(c.getState().getTerminated());
    }
    if (c.getLastState() != null && c.getLastState().getTerminated() != null) {
      return Optional.of(c.getLastState().getTerminated());
    }
    return Optional.empty();
  }

  private static boolean hasCondition(JobStatus status, String type) {
    return condition(status, type).isPresent();
  }

  private static Optional<JobCondition> condition(JobStatus status, String type) {
    if (status.getConditions() == null) {
      return Optional.empty();
    }
    return status.getConditions().stream()
        .filter(c -> type.equals(c.getType()) && "True".equals(c.getStatus()))
        .findFirst();
  }

  private static String describe(JobCondition c) {
    String reason = c.getReason() == null ? "Failed" : c.getReason();
    return c.getMessage() == null ? reason : reason + ": " + c.getMessage();
  }

  private static String reasonSuffix(String reason) {
    return reason == null || reason.isBlank() ? "" : " (" + reason + ")";
  }

  private static int count(Integer n) {
    return n == null ? 0 : n;
  }
}
