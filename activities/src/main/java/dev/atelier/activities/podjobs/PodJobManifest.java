package dev.atelier.activities.podjobs;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The batch/v1 Job of one KubernetesJobOperator try. One pod, never restarted, backoffLimit 0:
 * Airflow's retries are the engine's, so Kubernetes must not retry behind its back. Finished Jobs
 * stay a day for {@code kubectl logs}, then Kubernetes removes them.
 */
final class PodJobManifest {
  static final String CONTAINER = "base"; // Airflow's KubernetesPodOperator names it so
  private static final int TTL_AFTER_FINISHED_SECONDS = 24 * 3600;

  private PodJobManifest() {}

  static Job job(String name, PodJobRequest r) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("app.kubernetes.io/managed-by", "atelier");
    labels.putAll(r.labels());
    return new JobBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(r.namespace())
        .withLabels(labels)
        .withAnnotations(r.annotations())
        .endMetadata()
        .withNewSpec()
        .withBackoffLimit(0)
        .withTtlSecondsAfterFinished(TTL_AFTER_FINISHED_SECONDS)
        .withNewTemplate()
        .withNewMetadata()
        .withLabels(labels)
        .endMetadata()
        .withNewSpec()
        .withRestartPolicy("Never")
        .withNodeSelector(r.nodeSelector().isEmpty() ? null : r.nodeSelector())
        .withTolerations(tolerations(r))
        .withPriorityClassName(r.priorityClassName())
        .withVolumes(volumes(r))
        .addNewContainer()
        .withName(CONTAINER)
        .withImage(r.image())
        .withCommand(r.cmds().isEmpty() ? null : r.cmds())
        .withArgs(r.arguments().isEmpty() ? null : r.arguments())
        .withEnv(env(r))
        .withResources(resources(r))
        .withVolumeMounts(mounts(r))
        .endContainer()
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }

  private static List<EnvVar> env(PodJobRequest r) {
    List<EnvVar> env = new ArrayList<>();
    r.envVars().forEach((k, v) -> env.add(new EnvVar(k, v, null)));
    for (Map<String, Object> s : r.secrets()) {
      env.add(
          new EnvVarBuilder()
              .withName(str(s.get("deploy_target")))
              .withNewValueFrom()
              .withNewSecretKeyRef()
              .withName(str(s.get("secret")))
              .withKey(str(s.get("key")))
              .endSecretKeyRef()
              .endValueFrom()
              .build());
    }
    return env;
  }

  private static ResourceRequirements resources(PodJobRequest r) {
    ResourceRequirements req = new ResourceRequirements();
    req.setRequests(quantities(r.containerResources().get("requests")));
    req.setLimits(quantities(r.containerResources().get("limits")));
    return req;
  }

  private static Map<String, Quantity> quantities(Object value) {
    Map<String, Quantity> out = new LinkedHashMap<>();
    if (value instanceof Map<?, ?> m) {
      m.forEach((k, v) -> out.put(String.valueOf(k), new Quantity(String.valueOf(v))));
    }
    return out.isEmpty() ? null : out;
  }

  private static List<Toleration> tolerations(PodJobRequest r) {
    return r.tolerations().stream()
        .map(
            t ->
                new TolerationBuilder()
                    .withKey(str(t.get("key")))
                    .withOperator(str(t.get("operator")))
                    .withValue(str(t.get("value")))
                    .withEffect(str(t.get("effect")))
                    .build())
        .toList();
  }

  private static List<Volume> volumes(PodJobRequest r) {
    List<Volume> out = new ArrayList<>();
    for (Map<String, Object> v : r.volumes()) {
      VolumeBuilder b = new VolumeBuilder().withName(str(v.get("name")));
      String source = str(v.get("source"));
      switch (String.valueOf(v.get("type"))) {
        case "configMap" -> b.withNewConfigMap().withName(source).endConfigMap();
        case "secret" -> b.withNewSecret().withSecretName(source).endSecret();
        case "emptyDir" -> b.withNewEmptyDir().endEmptyDir();
        case "persistentVolumeClaim" ->
            b.withNewPersistentVolumeClaim().withClaimName(source).endPersistentVolumeClaim();
        default ->
            throw new IllegalArgumentException(
                "volumes type: '"
                    + v.get("type")
                    + "' is not one of [configMap, secret, emptyDir, persistentVolumeClaim]");
      }
      out.add(b.build());
    }
    return out;
  }

  private static List<VolumeMount> mounts(PodJobRequest r) {
    return r.volumeMounts().stream()
        .map(
            m ->
                new VolumeMountBuilder()
                    .withName(str(m.get("name")))
                    .withMountPath(str(m.get("mount_path")))
                    .withReadOnly(Boolean.TRUE.equals(m.get("read_only")))
                    .build())
        .toList();
  }

  private static String str(Object o) {
    return o == null ? null : String.valueOf(o);
  }
}
