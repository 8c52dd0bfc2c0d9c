package dev.atelier.activities.jobs;

import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one way Atelier writes a batch/v1 Job, for trials and KubernetesJobOperator tries alike, plus
 * the ConfigMap that carries a request's spec file.
 *
 * <ul>
 *   <li>One pod, never restarted, {@code backoffLimit: 0}: retries are the engine's, so Kubernetes
 *       must not retry behind its back. Finished Jobs stay a day for {@code kubectl logs}.
 *   <li>Hardened pods: non-root with the numeric uid/gid {@value #RUN_AS} (a name could not be
 *       checked against {@code runAsNonRoot}), RuntimeDefault seccomp, no privilege escalation, no
 *       capabilities, a read-only root filesystem, and an emptyDir at {@code /tmp} so a JVM (or
 *       anything else) has somewhere to write scratch files.
 *   <li>Kueue: with a queue name the Job carries {@value #QUEUE_LABEL} and is created suspended;
 *       Kueue unsuspends it when the queue admits it, and reads the pod's priorityClassName.
 *   <li>Labels: Atelier's owners (label-safe values; the exact ones as annotations), and {@value
 *       #LAUNCH_KEY_LABEL}, the only proof that an existing Job of the same name is ours.
 * </ul>
 */
public final class JobManifest {
  /** The main container, named as Airflow's KubernetesPodOperator names it. */
  public static final String CONTAINER = "base";

  public static final String LAUNCH_KEY_LABEL = "atelier/launch-key";
  public static final String QUEUE_LABEL = "kueue.x-k8s.io/queue-name";
  public static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";

  /** Where the Job keeps its own startup limit, so any worker that follows it applies the same. */
  public static final String STARTUP_TIMEOUT_ANNOTATION = "atelier/startup-timeout-seconds";

  static final int TTL_AFTER_FINISHED_SECONDS = 24 * 3600;
  static final long RUN_AS = 1000;
  static final String SPEC_VOLUME = "atelier-spec";
  static final String TMP_VOLUME = "atelier-tmp";

  private final String defaultNamespace;
  private final String defaultQueue;

  /**
   * @param defaultNamespace where a request that names none goes
   * @param defaultQueue the Kueue LocalQueue for a request that names none; null to start Jobs at
   *     once
   */
  public JobManifest(String defaultNamespace, String defaultQueue) {
    this.defaultNamespace = defaultNamespace == null ? "default" : defaultNamespace;
    this.defaultQueue = defaultQueue == null || defaultQueue.isBlank() ? null : defaultQueue;
  }

  public String namespace(JobRequest r) {
    return r.namespace() != null ? r.namespace() : defaultNamespace;
  }

  String defaultNamespace() {
    return defaultNamespace;
  }

  /** The request's queue, else the configured one, else none. */
  public String queue(JobRequest r) {
    return r.queueName() != null ? r.queueName() : defaultQueue;
  }

  /** Labels of the Job and its pod: the task's own, then Atelier's, which they cannot override. */
  static Map<String, String> podLabels(JobRequest r) {
    Map<String, String> labels = new LinkedHashMap<>(r.labels());
    labels.put(MANAGED_BY_LABEL, "atelier");
    r.key().owners().forEach((k, v) -> labels.put(k, JobNames.labelValue(v)));
    labels.put(LAUNCH_KEY_LABEL, r.launchKey());
    return labels;
  }

  public Job job(JobRequest r) {
    Map<String, String> podLabels = podLabels(r);
    // The queue label goes on the Job only: on a pod, Kueue's pod integration could take it for a
    // pod of its own to queue.
    Map<String, String> jobLabels = new LinkedHashMap<>(podLabels);
    String queue = queue(r);
    if (queue != null) {
      jobLabels.put(QUEUE_LABEL, queue);
    }
    Map<String, String> annotations = new LinkedHashMap<>(r.annotations());
    annotations.putAll(r.key().owners());
    annotations.put(STARTUP_TIMEOUT_ANNOTATION, Long.toString(r.startupTimeoutSeconds()));
    return new JobBuilder()
        .withNewMetadata()
        .withName(r.name())
        .withNamespace(namespace(r))
        .withLabels(jobLabels)
        .withAnnotations(annotations)
        .endMetadata()
        .withNewSpec()
        .withBackoffLimit(0)
        .withTtlSecondsAfterFinished(TTL_AFTER_FINISHED_SECONDS)
        .withActiveDeadlineSeconds(r.activeDeadlineSeconds())
        .withSuspend(queue != null ? Boolean.TRUE : null)
        .withNewTemplate()
        .withNewMetadata()
        .withLabels(podLabels)
        // Airflow's KubernetesPodOperator puts `annotations` on the pod, where sidecar injectors,
        // log shippers (and the test cluster's kwok stages) read them.
        .withAnnotations(r.annotations().isEmpty() ? null : r.annotations())
        .endMetadata()
        .withNewSpec()
        .withRestartPolicy("Never")
        .withServiceAccountName(r.serviceAccountName())
        .withAutomountServiceAccountToken(r.automountServiceAccountToken())
        .withPriorityClassName(r.priorityClassName())
        .withNodeSelector(r.nodeSelector().isEmpty() ? null : r.nodeSelector())
        .withTolerations(r.tolerations())
        .withAffinity(r.affinity())
        .withSecurityContext(
            new PodSecurityContextBuilder()
                .withRunAsNonRoot(true)
                .withRunAsUser(RUN_AS)
                .withRunAsGroup(RUN_AS)
                .withFsGroup(RUN_AS)
                .withNewSeccompProfile()
                .withType("RuntimeDefault")
                .endSeccompProfile()
                .build())
        .withVolumes(volumes(r))
        .addNewContainer()
        .withName(CONTAINER)
        .withImage(r.image())
        .withCommand(r.cmds().isEmpty() ? null : r.cmds())
        .withArgs(arguments(r))
        .withEnv(env(r))
        .withResources(resources(r))
        .withVolumeMounts(mounts(r))
        .withSecurityContext(
            new SecurityContextBuilder()
                .withAllowPrivilegeEscalation(false)
                .withCapabilities(new Capabilities(null, List.of("ALL")))
                .withReadOnlyRootFilesystem(true)
                .build())
        .endContainer()
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }

  /**
   * The ConfigMap holding the request's spec file, owned by {@code owner} (the created Job: an
   * owner needs its uid) so the garbage collector removes it with the Job. Set in the create call,
   * since changing it afterwards would need a patch right on ConfigMaps. No blockOwnerDeletion: it
   * only matters for foreground deletion, and setting it needs update on {@code jobs/finalizers}.
   */
  public ConfigMap specConfigMap(JobRequest r, Job owner) {
    try {
      return new ConfigMapBuilder()
          .withNewMetadata()
          .withName(specConfigMapName(r))
          .withNamespace(namespace(r))
          .withLabels(podLabels(r))
          .withOwnerReferences(
              new OwnerReferenceBuilder()
                  .withApiVersion("batch/v1")
                  .withKind("Job")
                  .withName(owner.getMetadata().getName())
                  .withUid(owner.getMetadata().getUid())
                  .build())
          .endMetadata()
          .addToData(r.specFile().fileName(), Files.readString(r.specFile().file()))
          .build();
    } catch (IOException e) {
      throw new UncheckedIOException("could not read spec file " + r.specFile().file(), e);
    }
  }

  public static String specConfigMapName(JobRequest r) {
    return r.name() + "-spec";
  }

  private static List<String> arguments(JobRequest r) {
    List<String> args = new ArrayList<>(r.arguments());
    if (r.specFile() != null) {
      args.add(r.specFile().mountedPath());
    }
    return args.isEmpty() ? null : args;
  }

  private static List<EnvVar> env(JobRequest r) {
    List<EnvVar> env = new ArrayList<>();
    r.envVars().forEach((k, v) -> env.add(new EnvVar(k, v, null)));
    for (JobRequest.SecretEnv s : r.secrets()) {
      env.add(
          new EnvVarBuilder()
              .withName(s.envName())
              .withNewValueFrom()
              .withNewSecretKeyRef()
              .withName(s.secret())
              .withKey(s.key())
              .endSecretKeyRef()
              .endValueFrom()
              .build());
    }
    return env;
  }

  private static ResourceRequirements resources(JobRequest r) {
    ResourceRequirements req = new ResourceRequirements();
    req.setRequests(quantities(r.requests()));
    req.setLimits(quantities(r.limits()));
    return req;
  }

  private static Map<String, Quantity> quantities(Map<String, String> amounts) {
    Map<String, Quantity> out = new LinkedHashMap<>();
    amounts.forEach((k, v) -> out.put(k, new Quantity(v)));
    return out.isEmpty() ? null : out;
  }

  private static boolean mountsTmp(JobRequest r) {
    return r.volumeMounts().stream().anyMatch(m -> m.mountPath().equals("/tmp"));
  }

  private static List<Volume> volumes(JobRequest r) {
    List<Volume> out = new ArrayList<>();
    for (JobRequest.Volume v : r.volumes()) {
      VolumeBuilder b = new VolumeBuilder().withName(v.name());
      switch (v.type()) {
        case "configMap" -> b.withNewConfigMap().withName(v.source()).endConfigMap();
        case "secret" -> b.withNewSecret().withSecretName(v.source()).endSecret();
        case "emptyDir" -> b.withNewEmptyDir().endEmptyDir();
        case "persistentVolumeClaim" ->
            b.withNewPersistentVolumeClaim().withClaimName(v.source()).endPersistentVolumeClaim();
        default ->
            throw new IllegalArgumentException(
                "volumes.type: '" + v.type() + "' is not one of " + JobRequest.VOLUME_TYPES);
      }
      out.add(b.build());
    }
    if (r.specFile() != null) {
      out.add(
          new VolumeBuilder()
              .withName(SPEC_VOLUME)
              .withNewConfigMap()
              .withName(specConfigMapName(r))
              .endConfigMap()
              .build());
    }
    if (!mountsTmp(r)) {
      out.add(new VolumeBuilder().withName(TMP_VOLUME).withNewEmptyDir().endEmptyDir().build());
    }
    return out;
  }

  private static List<VolumeMount> mounts(JobRequest r) {
    List<VolumeMount> out = new ArrayList<>();
    for (JobRequest.Mount m : r.volumeMounts()) {
      out.add(
          new VolumeMountBuilder()
              .withName(m.name())
              .withMountPath(m.mountPath())
              .withReadOnly(m.readOnly())
              .withSubPath(m.subPath())
              .build());
    }
    if (r.specFile() != null) {
      out.add(
          new VolumeMountBuilder()
              .withName(SPEC_VOLUME)
              .withMountPath(r.specFile().mountDir())
              .withReadOnly(true)
              .build());
    }
    if (!mountsTmp(r)) {
      out.add(new VolumeMountBuilder().withName(TMP_VOLUME).withMountPath("/tmp").build());
    }
    return out;
  }
}
