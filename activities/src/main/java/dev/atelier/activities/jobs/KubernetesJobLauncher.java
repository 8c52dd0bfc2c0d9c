package dev.atelier.activities.jobs;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.ScalableResource;
import java.net.HttpURLConnection;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Jobs on a cluster through fabric8, written by {@link JobManifest}. A request with a spec file
 * gets a ConfigMap, created after the Job with the Job as its owner (in the create call), so
 * Kubernetes' garbage collector removes it with the Job; a launch that fails after creating its Job
 * deletes what it made.
 *
 * <p>The API calls it makes, and so the whole Role its ServiceAccount needs ({@link #API_CALLS},
 * which the cluster tests check with {@code kubectl auth can-i} as that ServiceAccount):
 *
 * <ul>
 *   <li>{@code jobs.batch}: create (launch), get (launch, state, awaitCompletion), delete (delete,
 *       a failed launch), and list / watch, granted for following Jobs with informers or {@code
 *       kubectl --watch} under the same identity;
 *   <li>{@code configmaps}: create (launch), get (a retried launch checks the owner), delete (a
 *       failed launch);
 *   <li>{@code pods}: list (state, logs: the Job's pods by their {@code job-name} label), and get /
 *       watch alike;
 *   <li>{@code pods/log}: get (logs);
 *   <li>{@code workloads.kueue.x-k8s.io}: list (state of a suspended Job: its Workload by the
 *       {@code kueue.x-k8s.io/job-uid} label), and get / watch alike.
 * </ul>
 *
 * No patch or update on anything: a Role without them is enough.
 */
public final class KubernetesJobLauncher implements JobLauncher {
  /** One API permission: a verb on a resource of an API group ("" for the core group). */
  public record ApiCall(String verb, String group, String resource) {}

  /** Every (verb, group, resource) this launcher may use; it uses nothing else. */
  public static final List<ApiCall> API_CALLS =
      List.of(
          new ApiCall("create", "batch", "jobs"),
          new ApiCall("get", "batch", "jobs"),
          new ApiCall("list", "batch", "jobs"),
          new ApiCall("watch", "batch", "jobs"),
          new ApiCall("delete", "batch", "jobs"),
          new ApiCall("create", "", "configmaps"),
          new ApiCall("get", "", "configmaps"),
          new ApiCall("delete", "", "configmaps"),
          new ApiCall("get", "", "pods"),
          new ApiCall("list", "", "pods"),
          new ApiCall("watch", "", "pods"),
          new ApiCall("get", "", "pods/log"),
          new ApiCall("get", "kueue.x-k8s.io", "workloads"),
          new ApiCall("list", "kueue.x-k8s.io", "workloads"),
          new ApiCall("watch", "kueue.x-k8s.io", "workloads"));

  /** The label the Job controller puts on its pods. */
  static final String JOB_NAME_LABEL = "job-name";

  private final KubernetesClient client;
  private final JobManifest manifest;
  private final KueueWorkloads workloads;

  public KubernetesJobLauncher(KubernetesClient client, JobManifest manifest) {
    this.client = client;
    this.manifest = manifest;
    this.workloads = new KueueWorkloads(client);
  }

  @Override
  public JobId launch(JobRequest request) {
    if (request.image() == null) {
      throw new IllegalArgumentException(
          "image: null must be a container image name: a Kubernetes Job runs one");
    }
    String namespace = manifest.namespace(request);
    JobId id = JobId.kubernetes(namespace, request.name());
    Job job = job(id);
    if (job == null) {
      try {
        job = jobs(namespace).resource(manifest.job(request)).create();
      } catch (KubernetesClientException e) {
        if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
          throw e;
        }
        job = job(id); // created by a concurrent attempt of the same launch
      }
    }
    requireOurs(request, id, job);
    if (request.specFile() != null) {
      createSpec(request, id, job);
    }
    return id;
  }

  private void requireOurs(JobRequest request, JobId id, Job job) {
    String key =
        job == null || job.getMetadata().getLabels() == null
            ? null
            : job.getMetadata().getLabels().get(JobManifest.LAUNCH_KEY_LABEL);
    if (!request.launchKey().equals(key)) {
      throw new JobConflictException(
          "Job "
              + id
              + " exists but is not this launch's: its label "
              + JobManifest.LAUNCH_KEY_LABEL
              + " is "
              + (key == null ? "missing" : "'" + key + "'")
              + ", expected '"
              + request.launchKey()
              + "'; delete that Job or rename the task");
    }
  }

  /**
   * The spec's ConfigMap, owned by {@code job}. On a retried launch it may exist: fine when this
   * Job owns it. Anything else that goes wrong deletes the Job (it cannot run without its spec) and
   * the ConfigMap, unless that belongs to someone else.
   */
  private void createSpec(JobRequest request, JobId id, Job job) {
    var configMaps = client.configMaps().inNamespace(namespace(id));
    String name = JobManifest.specConfigMapName(request);
    try {
      try {
        configMaps.resource(manifest.specConfigMap(request, job)).create();
      } catch (KubernetesClientException e) {
        if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
          throw e;
        }
        ConfigMap existing = configMaps.withName(name).get();
        String uid = job.getMetadata().getUid();
        boolean owned =
            existing != null
                && existing.getMetadata().getOwnerReferences() != null
                && existing.getMetadata().getOwnerReferences().stream()
                    .anyMatch(o -> uid.equals(o.getUid()));
        if (!owned) {
          throw new JobConflictException(
              "ConfigMap "
                  + namespace(id)
                  + "/"
                  + name
                  + " exists but is not the spec of Job "
                  + id
                  + "; delete that ConfigMap so the job can start");
        }
      }
    } catch (RuntimeException e) {
      try {
        delete(id);
        if (!(e instanceof JobConflictException)) {
          // A create that failed on the way back may still have written it; not someone else's.
          configMaps.withName(name).delete();
        }
      } catch (RuntimeException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e;
    }
  }

  @Override
  public JobState state(JobId id) {
    Job job = job(id);
    return KubernetesJobState.judge(id.name(), job, () -> pods(id), () -> workloads.whyQueued(job));
  }

  @Override
  public void delete(JobId id) {
    // Background: the call returns at once and the garbage collector removes pods and the spec.
    client
        .batch()
        .v1()
        .jobs()
        .inNamespace(namespace(id))
        .withName(id.name())
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
              .inNamespace(namespace(id))
              .withName(newest.get().getMetadata().getName())
              .inContainer(JobManifest.CONTAINER)
              .tailingLines(lines)
              .getLog();
      return log == null ? "" : LogTail.lastLines(log, lines);
    } catch (KubernetesClientException e) {
      return ""; // The pod may be gone already; logs are a courtesy, not a result.
    }
  }

  /** The startup timeout is the one the Job was created with (its annotation), read once. */
  @Override
  public JobState awaitCompletion(JobId id, Duration pollEvery, Consumer<JobState> betweenPolls) {
    Job job = job(id);
    Optional<Duration> startup =
        Optional.ofNullable(job)
            .map(j -> j.getMetadata().getAnnotations())
            .map(a -> a.get(JobManifest.STARTUP_TIMEOUT_ANNOTATION))
            .filter(s -> s.matches("[0-9]+"))
            .map(s -> Duration.ofSeconds(Long.parseLong(s)));
    return JobWait.until(this, id, startup, pollEvery, betweenPolls);
  }

  private String namespace(JobId id) {
    return id.namespace().orElse(manifest.defaultNamespace());
  }

  private NonNamespaceOperation<Job, JobList, ScalableResource<Job>> jobs(String namespace) {
    return client.batch().v1().jobs().inNamespace(namespace);
  }

  private Job job(JobId id) {
    return jobs(namespace(id)).withName(id.name()).get();
  }

  private List<Pod> pods(JobId id) {
    return client
        .pods()
        .inNamespace(namespace(id))
        .withLabel(JOB_NAME_LABEL, id.name())
        .list()
        .getItems();
  }
}
