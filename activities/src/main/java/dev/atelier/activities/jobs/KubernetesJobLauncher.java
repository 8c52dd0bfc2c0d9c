package dev.atelier.activities.jobs;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Runs the trainer as a batch/v1 Job. The spec travels in a ConfigMap that the Job owns, so
 * Kubernetes' garbage collector removes it with the Job.
 */
public final class KubernetesJobLauncher implements JobLauncher {
  /** The label the Job controller puts on its pods. */
  static final String JOB_NAME_LABEL = "job-name";

  private final KubernetesClient client;
  private final String namespace;
  private final KubernetesJobManifest manifest;

  public KubernetesJobLauncher(
      KubernetesClient client, String namespace, KubernetesJobManifest manifest) {
    this.client = client;
    this.namespace = namespace;
    this.manifest = manifest;
  }

  @Override
  public JobId launch(JobSpec spec) {
    JobId id = new JobId(spec.name());
    if (job(id) != null) {
      return id;
    }
    // The ConfigMap goes first so the pod never waits for its volume; it is owned by the Job
    // once the Job exists (an owner needs a uid).
    ConfigMap configMap =
        client
            .configMaps()
            .inNamespace(namespace)
            .resource(manifest.configMap(spec, namespace))
            .createOr(existing -> existing.update());
    Job job;
    try {
      job =
          client
              .batch()
              .v1()
              .jobs()
              .inNamespace(namespace)
              .resource(manifest.job(spec, namespace))
              .create();
    } catch (KubernetesClientException e) {
      if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
        return id;
      }
      client.configMaps().inNamespace(namespace).resource(configMap).delete();
      throw e;
    }
    client
        .configMaps()
        .inNamespace(namespace)
        .withName(configMap.getMetadata().getName())
        .edit(
            cm -> {
              cm.getMetadata()
                  .setOwnerReferences(
                      List.of(
                          new OwnerReferenceBuilder()
                              .withApiVersion("batch/v1")
                              .withKind("Job")
                              .withName(job.getMetadata().getName())
                              .withUid(job.getMetadata().getUid())
                              .withBlockOwnerDeletion(true)
                              .build()));
              return cm;
            });
    return id;
  }

  @Override
  public Optional<JobOutcome> status(JobId id) {
    return KubernetesJobStatus.judge(id.value(), job(id), pods(id));
  }

  @Override
  public void delete(JobId id) {
    // Background: the call returns at once and the garbage collector removes pods and the spec.
    client
        .batch()
        .v1()
        .jobs()
        .inNamespace(namespace)
        .withName(id.value())
        .withPropagationPolicy(DeletionPropagation.BACKGROUND)
        .delete();
  }

  @Override
  public String logs(JobId id, int lines) {
    Optional<Pod> newest =
        pods(id).stream()
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
              .inNamespace(namespace)
              .withName(newest.get().getMetadata().getName())
              .inContainer(KubernetesJobManifest.CONTAINER)
              .tailingLines(lines)
              .getLog();
      return log == null ? "" : LogTail.lastLines(log, lines);
    } catch (KubernetesClientException e) {
      return ""; // The pod may be gone already; logs are a courtesy, not a result.
    }
  }

  private Job job(JobId id) {
    return client.batch().v1().jobs().inNamespace(namespace).withName(id.value()).get();
  }

  private List<Pod> pods(JobId id) {
    return client
        .pods()
        .inNamespace(namespace)
        .withLabel(JOB_NAME_LABEL, id.value())
        .list()
        .getItems();
  }
}
