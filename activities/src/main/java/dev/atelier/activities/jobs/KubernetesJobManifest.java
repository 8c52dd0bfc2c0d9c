package dev.atelier.activities.jobs;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
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
 * The Job and ConfigMap for one trial: the trainer command in the trainer image, the spec as a file
 * from the ConfigMap, one attempt only (a failed trial is a result the workflow judges, not
 * something Kubernetes should retry), and an {@code nvidia.com/gpu} limit only when asked for.
 */
public final class KubernetesJobManifest {
  public static final String CONTAINER = "trainer";
  public static final String SPEC_DIR = "/etc/atelier/trial";
  public static final String SPEC_KEY = "spec.json";
  public static final String GPU_RESOURCE = "nvidia.com/gpu";
  private static final int TTL_AFTER_FINISHED_SECONDS = 24 * 3600;

  private final List<String> trainerCommand;
  private final String image;
  private final TrainerResources resources;

  public KubernetesJobManifest(
      List<String> trainerCommand, String image, TrainerResources resources) {
    this.trainerCommand = List.copyOf(trainerCommand);
    this.image = image;
    this.resources = resources;
  }

  /** Labels: the app name plus each owner label, values cut to Kubernetes' label rules. */
  public static Map<String, String> labels(JobSpec spec) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("app.kubernetes.io/name", "atelier-trainer");
    spec.labels().forEach((key, value) -> labels.put(key, JobNames.labelValue(value)));
    return labels;
  }

  public ConfigMap configMap(JobSpec spec, String namespace) {
    try {
      return new ConfigMapBuilder()
          .withNewMetadata()
          .withName(spec.name() + "-spec")
          .withNamespace(namespace)
          .withLabels(labels(spec))
          .endMetadata()
          .addToData(SPEC_KEY, Files.readString(spec.specFile()))
          .build();
    } catch (IOException e) {
      throw new UncheckedIOException("could not read trainer spec " + spec.specFile(), e);
    }
  }

  /**
   * DJL offline and without telemetry; a trial that asked for GPUs demands one ({@code
   * ATELIER_DEVICE=gpu}), so an image with CPU-only natives fails it, saying so, instead of
   * training on the CPU of a GPU node.
   */
  static List<EnvVar> env(JobSpec spec) {
    List<EnvVar> env = new ArrayList<>();
    env.add(new EnvVar("DJL_OFFLINE", "true", null));
    env.add(new EnvVar("OPT_OUT_TRACKING", "true", null));
    env.add(new EnvVar("ATELIER_DEVICE", spec.gpus() > 0 ? "gpu" : "cpu", null));
    return env;
  }

  public Job job(JobSpec spec, String namespace) {
    List<String> command = new ArrayList<>(trainerCommand);
    command.add(SPEC_DIR + "/" + SPEC_KEY);
    Map<String, Quantity> limits = new LinkedHashMap<>();
    limits.put("memory", new Quantity(resources.memoryLimit()));
    if (spec.gpus() > 0) {
      limits.put(GPU_RESOURCE, new Quantity(Integer.toString(spec.gpus())));
    }
    Map<String, String> labels = labels(spec);
    return new JobBuilder()
        .withNewMetadata()
        .withName(spec.name())
        .withNamespace(namespace)
        .withLabels(labels)
        // Label values are cut to 63 safe characters; the exact owners stay readable here.
        .withAnnotations(spec.labels())
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
        .addNewContainer()
        .withName(CONTAINER)
        .withImage(image)
        .withCommand(command)
        .withEnv(env(spec))
        .withResources(
            new ResourceRequirementsBuilder()
                .addToRequests("cpu", new Quantity(resources.cpuRequest()))
                .addToRequests("memory", new Quantity(resources.memoryRequest()))
                .withLimits(limits)
                .build())
        .addNewVolumeMount()
        .withName("spec")
        .withMountPath(SPEC_DIR)
        .withReadOnly(true)
        .endVolumeMount()
        // The spec's output_dir points here; the trainer writes progress and results into it.
        .addNewVolumeMount()
        .withName("work")
        .withMountPath(spec.workDir().toString())
        .endVolumeMount()
        .endContainer()
        .addNewVolume()
        .withName("spec")
        .withNewConfigMap()
        .withName(spec.name() + "-spec")
        .endConfigMap()
        .endVolume()
        .addNewVolume()
        .withName("work")
        .withNewEmptyDir()
        .endEmptyDir()
        .endVolume()
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }
}
