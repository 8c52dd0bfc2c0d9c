package dev.atelier.activities.jobs;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Judges where a Job stands. Its ending comes from status conditions (Complete / Failed with status
 * True) and succeeded / failed counts, never from completionTime, which a failed Job never sets;
 * the exit code from the main container's terminated state, so "bad spec" and "diverged" stay
 * apart. A failure without any exit code is GONE: the pod vanished (deleted, node lost, evicted by
 * the kubelet), which a trial treats as resumable, unless the Job's own deadline stopped it. A
 * suspended Job is QUEUED, whatever happened before: Kueue suspends an evicted Job again.
 */
final class KubernetesJobState {
  private KubernetesJobState() {}

  /**
   * @param listPods the Job's pods, listed only when they can tell something: not for a Job that
   *     completed or waits suspended (a queued sweep's polls then cost one request less each;
   *     bench/RESULTS.md, "Kubernetes benchmark")
   * @param whyQueued asked only for a suspended Job: Kueue's word on why it waits
   */
  static JobState judge(
      String name, Job job, Supplier<List<Pod>> listPods, Supplier<String> whyQueued) {
    if (job == null) {
      return JobState.gone("Job " + name + " no longer exists");
    }
    JobStatus status = job.getStatus() == null ? new JobStatus() : job.getStatus();
    if (condition(status, "Complete").isPresent()) {
      return JobState.succeeded();
    }
    Optional<JobCondition> failed = condition(status, "Failed");
    if (failed.isPresent()) {
      return failure(name, listPods.get(), failed.get().getReason(), describe(failed.get()));
    }
    if (count(status.getSucceeded()) > 0) {
      return JobState.succeeded();
    }
    if (count(status.getFailed()) > 0) {
      return failure(name, listPods.get(), null, "Job " + name + " has a failed pod");
    }
    if (Boolean.TRUE.equals(job.getSpec() == null ? null : job.getSpec().getSuspend())) {
      return JobState.queued(whyQueued.get());
    }
    return started(listPods.get());
  }

  private static JobState failure(String name, List<Pod> pods, String jobReason, String what) {
    Optional<ContainerStateTerminated> t = termination(pods);
    if (t.isPresent()) {
      return JobState.failed(
          t.get().getExitCode(),
          "container exited with code " + t.get().getExitCode() + suffix(t.get().getReason()));
    }
    if ("DeadlineExceeded".equals(jobReason)) {
      return JobState.failed(JobState.UNKNOWN_EXIT_CODE, what);
    }
    return JobState.gone(
        "the pod of Job " + name + " vanished without an exit code (" + what + ")");
  }

  /** Running once a pod left Pending; else pending with the most telling reason found. */
  private static JobState started(List<Pod> pods) {
    if (pods.isEmpty()) {
      return JobState.pending("no pod created yet");
    }
    for (Pod pod : pods) {
      String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
      if (phase != null && !phase.equals("Pending")) {
        return JobState.running();
      }
    }
    for (Pod pod : pods) {
      if (pod.getStatus() == null) {
        continue;
      }
      for (ContainerStatus c : nullToEmpty(pod.getStatus().getContainerStatuses())) {
        if (c.getState() != null && c.getState().getWaiting() != null) {
          var w = c.getState().getWaiting();
          if (w.getReason() != null && !w.getReason().equals("ContainerCreating")) {
            return JobState.pending(join(w.getReason(), w.getMessage()));
          }
        }
      }
      for (PodCondition c : nullToEmpty(pod.getStatus().getConditions())) {
        if ("PodScheduled".equals(c.getType()) && "False".equals(c.getStatus())) {
          return JobState.pending(join(c.getReason(), c.getMessage()));
        }
      }
    }
    return JobState.pending("pod is Pending");
  }

  private static Optional<ContainerStateTerminated> termination(List<Pod> pods) {
    return pods.stream()
        .filter(p -> p.getStatus() != null)
        .flatMap(p -> nullToEmpty(p.getStatus().getContainerStatuses()).stream())
        .filter(c -> JobManifest.CONTAINER.equals(c.getName()))
        .map(KubernetesJobState::terminated)
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

  private static Optional<JobCondition> condition(JobStatus status, String type) {
    return nullToEmpty(status.getConditions()).stream()
        .filter(c -> type.equals(c.getType()) && "True".equals(c.getStatus()))
        .findFirst();
  }

  private static String describe(JobCondition c) {
    return join(c.getReason() == null ? "Failed" : c.getReason(), c.getMessage());
  }

  static String join(String reason, String message) {
    return message == null || message.isBlank() ? reason : reason + ": " + message;
  }

  private static String suffix(String reason) {
    return reason == null || reason.isBlank() ? "" : " (" + reason + ")";
  }

  private static int count(Integer n) {
    return n == null ? 0 : n;
  }

  private static <T> List<T> nullToEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }
}
