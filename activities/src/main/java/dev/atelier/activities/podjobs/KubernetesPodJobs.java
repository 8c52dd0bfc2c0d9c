package dev.atelier.activities.podjobs;

import dev.atelier.activities.jobs.LogTail;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * KubernetesJobOperator tries as batch/v1 Jobs through fabric8. A Job's ending is judged from its
 * conditions and counts (never completionTime, which a failed Job lacks); before that, its pod's
 * phase, waiting reasons and PodScheduled condition say whether it started and, if not, why.
 */
public final class KubernetesPodJobs implements PodJobs {
  /** The label the Job controller puts on its pods. */
  static final String JOB_NAME_LABEL = "job-name";

  private final KubernetesClient client;

  public KubernetesPodJobs(KubernetesClient client) {
    this.client = client;
  }

  @Override
  public void launch(String name, PodJobRequest request) {
    if (job(name, request) != null) {
      return;
    }
    try {
      client
          .batch()
          .v1()
          .jobs()
          .inNamespace(request.namespace())
          .resource(PodJobManifest.job(name, request))
          .create();
    } catch (KubernetesClientException e) {
      if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
        throw e;
      }
    }
  }

  @Override
  public PodJobState state(String name, PodJobRequest request) {
    Job job = job(name, request);
    if (job == null) {
      return PodJobState.gone("Job " + name + " no longer exists");
    }
    List<Pod> pods = pods(name, request);
    JobStatus status = job.getStatus();
    if (status != null) {
      if (condition(status, "Complete").isPresent()) {
        return PodJobState.succeeded();
      }
      Optional<JobCondition> failed = condition(status, "Failed");
      if (failed.isPresent()) {
        return PodJobState.failed(container(pods).orElse(describe(failed.get())));
      }
      if (count(status.getSucceeded()) > 0) {
        return PodJobState.succeeded();
      }
      if (count(status.getFailed()) > 0) {
        return PodJobState.failed(container(pods).orElse("Job " + name + " has a failed pod"));
      }
    }
    return started(pods);
  }

  /** Running once a pod left Pending; else pending with the most telling reason found. */
  private static PodJobState started(List<Pod> pods) {
    if (pods.isEmpty()) {
      return PodJobState.pending("no pod created yet");
    }
    for (Pod pod : pods) {
      String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
      if (phase != null && !phase.equals("Pending")) {
        return PodJobState.running();
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
            return PodJobState.pending(join(w.getReason(), w.getMessage()));
          }
        }
      }
      for (PodCondition c : nullToEmpty(pod.getStatus().getConditions())) {
        if ("PodScheduled".equals(c.getType()) && "False".equals(c.getStatus())) {
          return PodJobState.pending(join(c.getReason(), c.getMessage()));
        }
      }
    }
    return PodJobState.pending("pod is Pending");
  }

  /** The container's termination, e.g. "container exited with code 3 (Error)". */
  private static Optional<String> container(List<Pod> pods) {
    return pods.stream()
        .filter(p -> p.getStatus() != null)
        .flatMap(p -> nullToEmpty(p.getStatus().getContainerStatuses()).stream())
        .filter(c -> c.getState() != null && c.getState().getTerminated() != null)
        .map(c -> c.getState().getTerminated())
        .filter(t -> t.getExitCode() != null)
        .map(
            t ->
                "container exited with code "
                    + t.getExitCode()
                    + (t.getReason() == null ? "" : " (" + t.getReason() + ")"))
        .findFirst();
  }

  @Override
  public String logs(String name, PodJobRequest request, int lines) {
    Optional<Pod> newest =
        pods(name, request).stream()
            .max(
                Comparator.comparing(
                    p -> p.getMetadata().getCreationTimestamp(),
                    Comparator.nullsFirst(Comparator.naturalOrder())));
    if (newest.isEmpty()) {
      return "";
    }
    try {
      String log =
          client
              .pods()
              .inNamespace(request.namespace())
              .withName(newest.get().getMetadata().getName())
              .inContainer(PodJobManifest.CONTAINER)
              .tailingLines(lines)
              .getLog();
      return log == null ? "" : LogTail.lastLines(log, lines);
    } catch (KubernetesClientException e) {
      return ""; // The pod may be gone already; logs are a courtesy, not a result.
    }
  }

  @Override
  public void delete(String name, PodJobRequest request) {
    // Background: the call returns at once and the garbage collector removes the pods.
    client
        .batch()
        .v1()
        .jobs()
        .inNamespace(request.namespace())
        .withName(name)
        .withPropagationPolicy(DeletionPropagation.BACKGROUND)
        .delete();
  }

  private Job job(String name, PodJobRequest request) {
    return client.batch().v1().jobs().inNamespace(request.namespace()).withName(name).get();
  }

  private List<Pod> pods(String name, PodJobRequest request) {
    return client
        .pods()
        .inNamespace(request.namespace())
        .withLabel(JOB_NAME_LABEL, name)
        .list()
        .getItems();
  }

  private static Optional<JobCondition> condition(JobStatus status, String type) {
    return nullToEmpty(status.getConditions()).stream()
        .filter(c -> type.equals(c.getType()) && "True".equals(c.getStatus()))
        .findFirst();
  }

  private static String describe(JobCondition c) {
    return join(c.getReason() == null ? "Failed" : c.getReason(), c.getMessage());
  }

  private static String join(String reason, String message) {
    return message == null || message.isBlank() ? reason : reason + ": " + message;
  }

  private static int count(Integer n) {
    return n == null ? 0 : n;
  }

  private static <T> List<T> nullToEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }
}
