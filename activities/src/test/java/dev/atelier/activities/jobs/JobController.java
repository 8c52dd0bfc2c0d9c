package dev.atelier.activities.jobs;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Plays the Job controller, the kubelet and Kueue against fabric8's CRUD mock, where nothing runs a
 * Job: it writes the status, pods and Workloads they would, with the messages they use.
 */
public final class JobController {
  private static final Map<String, String> MESSAGES =
      Map.of(
          "BackoffLimitExceeded", "Job has reached the specified backoff limit",
          "DeadlineExceeded", "Job was active longer than specified deadline");

  private final KubernetesClient client;
  private final String namespace;

  public JobController(KubernetesClient client, String namespace) {
    this.client = client;
    this.namespace = namespace;
  }

  public Job job(String name) {
    return client.batch().v1().jobs().inNamespace(namespace).withName(name).get();
  }

  /** Ends the Job: {@code Complete}, or {@code Failed} for {@code reason}. */
  public void finish(String name, String condition, String reason) {
    boolean complete = condition.equals("Complete");
    client
        .batch()
        .v1()
        .jobs()
        .inNamespace(namespace)
        .withName(name)
        .editStatus(
            j -> {
              j.setStatus(
                  new JobStatusBuilder()
                      .withSucceeded(complete ? 1 : 0)
                      .withFailed(complete ? 0 : 1)
                      .withConditions(
                          new JobConditionBuilder()
                              .withType(condition)
                              .withStatus("True")
                              .withReason(reason)
                              .withMessage(reason == null ? null : MESSAGES.get(reason))
                              .build())
                      .build());
              return j;
            });
  }

  /** What Kueue does on admission ({@code false}) and on eviction ({@code true}). */
  public void setSuspended(String name, boolean suspended) {
    Job job = job(name);
    job.getSpec().setSuspend(suspended);
    client.batch().v1().jobs().inNamespace(namespace).resource(job).update();
  }

  /**
   * The Job's pod in {@code phase}, its main container waiting for {@code waitingReason} or
   * terminated with {@code exitCode} (either may be null).
   */
  public void addPod(String job, String phase, String waitingReason, Integer exitCode) {
    var state =
        new PodBuilder()
            .withNewStatus()
            .withPhase(phase)
            .addNewContainerStatus()
            .withName(JobManifest.CONTAINER)
            .withNewState();
    if (waitingReason != null) {
      state =
          state
              .withNewWaiting()
              .withReason(waitingReason)
              .withMessage("Back-off pulling image")
              .endWaiting();
    }
    if (exitCode != null) {
      state = state.withNewTerminated().withExitCode(exitCode).withReason("Error").endTerminated();
    }
    client
        .pods()
        .inNamespace(namespace)
        .resource(
            state
                .endState()
                .endContainerStatus()
                .endStatus()
                .withNewMetadata()
                .withName(job + "-" + phase.toLowerCase(Locale.ROOT))
                .addToLabels(KubernetesJobLauncher.JOB_NAME_LABEL, job)
                .endMetadata()
                .build())
        .create();
  }

  /** A pending pod the scheduler could not place, with its message. */
  public void addUnschedulablePod(String job, String message) {
    client
        .pods()
        .inNamespace(namespace)
        .resource(
            new PodBuilder()
                .withNewMetadata()
                .withName(job + "-unschedulable")
                .addToLabels(KubernetesJobLauncher.JOB_NAME_LABEL, job)
                .endMetadata()
                .withNewStatus()
                .withPhase("Pending")
                .addNewCondition()
                .withType("PodScheduled")
                .withStatus("False")
                .withReason("Unschedulable")
                .withMessage(message)
                .endCondition()
                .endStatus()
                .build())
        .create();
  }

  /** Kueue's Workload for the Job: owned by it, labelled with its uid, with these conditions. */
  public void addWorkload(String job, List<Map<String, Object>> conditions) {
    String uid = job(job).getMetadata().getUid();
    GenericKubernetesResource w =
        new GenericKubernetesResourceBuilder()
            .withApiVersion("kueue.x-k8s.io/v1beta2")
            .withKind("Workload")
            .withNewMetadata()
            .withName("job-" + job + "-1a2b3")
            .withNamespace(namespace)
            .addToLabels(KueueWorkloads.JOB_UID_LABEL, uid)
            .addNewOwnerReference()
            .withApiVersion("batch/v1")
            .withKind("Job")
            .withName(job)
            .withUid(uid)
            .endOwnerReference()
            .endMetadata()
            .build();
    w.setAdditionalProperty("status", Map.of("conditions", conditions));
    client
        .genericKubernetesResources(KueueWorkloads.WORKLOADS)
        .inNamespace(namespace)
        .resource(w)
        .create();
  }

  public static Map<String, Object> condition(String type, String status, String message) {
    return Map.of("type", type, "status", status, "reason", type, "message", message);
  }
}
