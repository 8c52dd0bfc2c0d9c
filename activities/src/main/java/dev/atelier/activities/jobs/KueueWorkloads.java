package dev.atelier.activities.jobs;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Why a suspended Job waits, in Kueue's words: from the status conditions of the Workload Kueue
 * made for it (owned by the Job, and labelled with its uid). Read as generic resources, so Atelier
 * needs no Kueue client library; a cluster without Kueue (or without the right to read Workloads)
 * still gets a reason, saying so.
 */
public final class KueueWorkloads {
  /** Kueue's Workload kind, as the launcher reads it (API v1beta2). */
  public static final ResourceDefinitionContext WORKLOADS =
      new ResourceDefinitionContext.Builder()
          .withGroup("kueue.x-k8s.io")
          .withVersion("v1beta2")
          .withKind("Workload")
          .withPlural("workloads")
          .withNamespaced(true)
          .build();

  /** The label Kueue puts on a Job's Workload. */
  static final String JOB_UID_LABEL = "kueue.x-k8s.io/job-uid";

  private final KubernetesClient client;

  KueueWorkloads(KubernetesClient client) {
    this.client = client;
  }

  /** Why {@code job} is still suspended, e.g. Kueue's "insufficient unused quota ..." message. */
  String whyQueued(Job job) {
    Optional<GenericKubernetesResource> workload;
    try {
      workload = workloadOf(job);
    } catch (KubernetesClientException e) {
      return "suspended; its Kueue Workload cannot be read (HTTP " + e.getCode() + ")";
    }
    if (workload.isEmpty()) {
      return "suspended, waiting for Kueue to admit it (no Workload yet)";
    }
    String why = reason(conditions(workload.get()));
    return why.isEmpty() ? "waiting for Kueue to admit it" : why;
  }

  private Optional<GenericKubernetesResource> workloadOf(Job job) {
    String uid = job.getMetadata().getUid();
    return client
        .genericKubernetesResources(WORKLOADS)
        .inNamespace(job.getMetadata().getNamespace())
        .withLabel(JOB_UID_LABEL, uid)
        .list()
        .getItems()
        .stream()
        .filter(
            w ->
                w.getMetadata().getOwnerReferences() != null
                    && w.getMetadata().getOwnerReferences().stream()
                        .anyMatch(o -> uid.equals(o.getUid())))
        .findFirst();
  }

  /**
   * Eviction and preemption first (they say why a Job that ran waits again), then what keeps it
   * from quota or admission now.
   */
  static String reason(List<Map<String, Object>> conditions) {
    List<String> parts = new ArrayList<>();
    for (Map<String, Object> c : conditions) {
      if ("True".equals(c.get("status")) && "Evicted".equals(c.get("type"))) {
        parts.add("evicted: " + text(c));
      }
    }
    for (Map<String, Object> c : conditions) {
      if ("True".equals(c.get("status")) && "Preempted".equals(c.get("type"))) {
        parts.add("preempted: " + text(c));
      }
    }
    Optional<Map<String, Object>> waiting =
        find(conditions, "QuotaReserved", "False").or(() -> find(conditions, "Admitted", "False"));
    waiting.map(KueueWorkloads::text).filter(t -> !t.isBlank()).ifPresent(parts::add);
    return String.join("; ", parts);
  }

  private static Optional<Map<String, Object>> find(
      List<Map<String, Object>> conditions, String type, String status) {
    return conditions.stream()
        .filter(c -> type.equals(c.get("type")) && status.equals(c.get("status")))
        .findFirst();
  }

  private static String text(Map<String, Object> c) {
    Object message = c.get("message");
    Object reason = c.get("reason");
    if (message != null && !String.valueOf(message).isBlank()) {
      return String.valueOf(message);
    }
    return reason == null ? "" : String.valueOf(reason);
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> conditions(GenericKubernetesResource workload) {
    Object status = workload.getAdditionalProperties().get("status");
    if (status instanceof Map<?, ?> s && s.get("conditions") instanceof List<?> l) {
      return l.stream().filter(Map.class::isInstance).map(o -> (Map<String, Object>) o).toList();
    }
    return List.of();
  }
}
