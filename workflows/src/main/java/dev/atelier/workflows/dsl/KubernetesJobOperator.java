package dev.atelier.workflows.dsl;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Airflow's {@code KubernetesJobOperator} / {@code KubernetesPodOperator}: one batch/v1 Job per try
 * running {@code image} with {@code cmds} and {@code arguments}. The arguments carry Airflow's
 * names ({@code env_vars}, {@code secrets}, {@code container_resources}, {@code node_selector},
 * {@code tolerations}, {@code affinity}, {@code volumes}, {@code volume_mounts}, {@code labels},
 * {@code priority_class_name}, {@code service_account_name}, {@code startup_timeout_seconds},
 * {@code active_deadline_seconds}, {@code get_logs}) plus Atelier's {@code queue_name} (the Kueue
 * LocalQueue the Job is submitted to), checked by the same rules as a {@link TrainOperator}'s
 * ({@code PodArgsCheck}), and are ordinary task arguments, so any of them may be mapped ({@code
 * partial(...).expand(...)}), e.g. over {@code arguments}. The engine runs it like any activity
 * task (retries, timeouts, pools, trigger rules); Kubernetes itself never retries a pod
 * (backoffLimit 0). Its XCom is {@code job_name} and, with {@code get_logs}, {@code logs}: the log
 * tail.
 */
public final class KubernetesJobOperator extends MappableTask<KubernetesJobOperator> {
  /** The activity that runs it, by type name (the engine never sees an implementation). */
  public static final String ACTIVITY_TYPE = "RunKubernetesJob";

  /**
   * Its arguments, with Airflow's KubernetesPodOperator names; the launcher reads the same list.
   */
  public static final List<String> ARGS =
      List.of(
          "image",
          "cmds",
          "arguments",
          "env_vars",
          "secrets",
          "container_resources",
          "node_selector",
          "tolerations",
          "affinity",
          "volumes",
          "volume_mounts",
          "labels",
          "annotations",
          "priority_class_name",
          "service_account_name",
          "startup_timeout_seconds",
          "active_deadline_seconds",
          "queue_name",
          "get_logs",
          "namespace");

  /** A Job task; {@code image} may be null when it is mapped ({@code expand(image=...)}). */
  public KubernetesJobOperator(String taskId, String image) {
    super(taskId);
    if (image != null) {
      arg("image", image);
    }
  }

  /** The container's entrypoint (Kubernetes' {@code command}); the image's own when unset. */
  public KubernetesJobOperator cmds(String... cmds) {
    return arg("cmds", List.of(cmds));
  }

  /** The entrypoint's arguments (Kubernetes' {@code args}). */
  public KubernetesJobOperator arguments(String... arguments) {
    return arg("arguments", List.of(arguments));
  }

  public KubernetesJobOperator envVars(Map<String, String> envVars) {
    return arg("env_vars", new LinkedHashMap<>(envVars));
  }

  public KubernetesJobOperator secrets(PodSecret... secrets) {
    return arg("secrets", Arrays.stream(secrets).map(PodSecret::toArg).toList());
  }

  /**
   * Requests and limits, e.g. {@code Map.of("cpu", "2", "memory", "8Gi")} and {@code
   * Map.of("nvidia.com/gpu", "1")} (a GPU is asked for as a limit, as Kubernetes requires).
   */
  public KubernetesJobOperator containerResources(
      Map<String, String> requests, Map<String, String> limits) {
    return arg(
        "container_resources",
        PodArgs.ordered(
            "requests", new LinkedHashMap<>(requests), "limits", new LinkedHashMap<>(limits)));
  }

  public KubernetesJobOperator nodeSelector(Map<String, String> nodeSelector) {
    return arg("node_selector", new LinkedHashMap<>(nodeSelector));
  }

  public KubernetesJobOperator tolerations(PodToleration... tolerations) {
    return arg("tolerations", Arrays.stream(tolerations).map(PodToleration::toArg).toList());
  }

  /**
   * Kubernetes' pod affinity as its JSON reads, under {@code nodeAffinity}, {@code podAffinity}
   * and/or {@code podAntiAffinity} (Airflow's {@code affinity} dict), passed on as given.
   */
  public KubernetesJobOperator affinity(Map<String, Object> affinity) {
    return arg("affinity", new LinkedHashMap<>(affinity));
  }

  public KubernetesJobOperator volumes(PodVolume... volumes) {
    return arg("volumes", Arrays.stream(volumes).map(PodVolume::toArg).toList());
  }

  public KubernetesJobOperator volumeMounts(PodVolumeMount... mounts) {
    return arg("volume_mounts", Arrays.stream(mounts).map(PodVolumeMount::toArg).toList());
  }

  /** Labels of the Job and its pod, besides the ones Atelier sets ({@code atelier/...}). */
  public KubernetesJobOperator labels(Map<String, String> labels) {
    return arg("labels", new LinkedHashMap<>(labels));
  }

  public KubernetesJobOperator priorityClassName(String name) {
    return arg("priority_class_name", name);
  }

  /** The identity the pod runs as; the namespace's {@code default} when unset. */
  public KubernetesJobOperator serviceAccountName(String name) {
    return arg("service_account_name", name);
  }

  /** How long the pod may take to start (scheduled, image pulled); Airflow's default is 120 s. */
  public KubernetesJobOperator startupTimeoutSeconds(long seconds) {
    return arg("startup_timeout_seconds", seconds);
  }

  /**
   * The Job's {@code activeDeadlineSeconds}: Kubernetes stops it after this long, running or not.
   */
  public KubernetesJobOperator activeDeadlineSeconds(long seconds) {
    return arg("active_deadline_seconds", seconds);
  }

  /**
   * The Kueue LocalQueue the Job is submitted to (label {@code kueue.x-k8s.io/queue-name}): Kueue
   * admits it when the queue's quota has room.
   */
  public KubernetesJobOperator queueName(String name) {
    return arg("queue_name", name);
  }

  /** Whether the log tail goes to the try's note and XCom (default true, as in Airflow). */
  public KubernetesJobOperator getLogs(boolean on) {
    return arg("get_logs", on);
  }

  /** The Job's namespace; the worker's configured one when unset. */
  public KubernetesJobOperator namespace(String namespace) {
    return arg("namespace", namespace);
  }

  @Override
  public String activityType() {
    return ACTIVITY_TYPE;
  }

  @Override
  public String operator() {
    return "KubernetesJobOperator";
  }

  @Override
  public TaskKind kind() {
    return TaskKind.ACTIVITY;
  }

  @Override
  protected void check(String dagId, Params params, List<String> violations) {
    super.check(dagId, params, violations);
    PodArgsCheck.check(taskId(), args(), expandArgs(), expandKwargsArg() != null, violations);
  }
}
