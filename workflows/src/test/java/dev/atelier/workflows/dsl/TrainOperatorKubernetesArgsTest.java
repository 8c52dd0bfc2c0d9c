package dev.atelier.workflows.dsl;

import static dev.atelier.workflows.dsl.ParamRef.param;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A sweep's Kubernetes arguments: the KubernetesJobOperator's names and rules, given once for the
 * whole sweep, every bad one named when the Dag is built.
 */
class TrainOperatorKubernetesArgsTest {
  private static TaskSpec build(Map<String, Object> partial) {
    DagBuilder b = Dag.builder("gpu_sweep");
    b.add(TrainOperator.partial("train", partial).expand(Kwargs.of("lr", List.of(0.0001))));
    return b.build().toSpec().tasks().get(0);
  }

  private static List<String> violations(DagBuilder b) {
    return assertThrows(DagValidationException.class, b::build).violations();
  }

  @Test
  void aSweepPlacedOnGpuNodesKeepsAirflowsNamesAndTheTypedHelpersBecomeMaps() {
    Map<String, Object> affinity =
        Map.of(
            "nodeAffinity",
            Map.of(
                "requiredDuringSchedulingIgnoredDuringExecution",
                Map.of(
                    "nodeSelectorTerms",
                    List.of(
                        Map.of(
                            "matchExpressions",
                            List.of(
                                Map.of(
                                    "key", "gpu",
                                    "operator", "In",
                                    "values", List.of("l4", "a100"))))))));
    TaskSpec spec =
        build(
            Kwargs.of(
                "model",
                "dcgan64",
                "gpus",
                1,
                "node_selector",
                Map.of("cloud.google.com/gke-accelerator", "nvidia-l4"),
                "tolerations",
                List.of(PodToleration.exists("nvidia.com/gpu", "NoSchedule")),
                "affinity",
                affinity,
                "priority_class_name",
                "training",
                "labels",
                Map.of("team", "faces"),
                "annotations",
                Map.of("studio.example/owner", "lead@studio.example"),
                "container_resources",
                Map.of(
                    "requests", Map.of("cpu", "4", "memory", "16Gi"),
                    "limits", Map.of("nvidia.com/gpu", "1")),
                "service_account_name",
                "trainer",
                "volumes",
                List.of(PodVolume.persistentVolumeClaim("features", "inception")),
                "volume_mounts",
                List.of(PodVolumeMount.readOnly("features", "/features").withSubPath("v3")),
                "startup_timeout_seconds",
                600,
                "active_deadline_seconds",
                86_400,
                "queue_name",
                "gpu-training"));

    assertEquals(
        List.of(Map.of("key", "nvidia.com/gpu", "operator", "Exists", "effect", "NoSchedule")),
        spec.args().get("tolerations"));
    assertEquals(
        List.of(Map.of("name", "features", "type", "persistentVolumeClaim", "source", "inception")),
        spec.args().get("volumes"));
    assertEquals(
        List.of(
            Map.of(
                "name",
                "features",
                "mount_path",
                "/features",
                "read_only",
                true,
                "sub_path",
                "v3")),
        spec.args().get("volume_mounts"));
    assertEquals(affinity, spec.args().get("affinity"));
    assertEquals("gpu-training", spec.args().get("queue_name"));
    assertEquals(86_400, spec.args().get("active_deadline_seconds"));
  }

  @Test
  void aKubernetesArgumentCannotBeMappedBecauseItAppliesToTheWholeSweep() {
    DagBuilder b = Dag.builder("gpu_sweep");
    b.add(
        TrainOperator.partial("train", Kwargs.of("steps", 10))
            .expand(
                Kwargs.of(
                    "lr", List.of(0.0001),
                    "queue_name", List.of("gpu-a", "gpu-b"))));

    assertEquals(
        List.of(
            "train.expand() cannot map 'queue_name': it applies to the whole sweep; pass it to"
                + " partial()"),
        violations(b));
  }

  @Test
  void everyBadKubernetesArgumentIsReportedWithTaskFieldValueAndRule() {
    DagBuilder b = Dag.builder("gpu_sweep");
    b.add(
        TrainOperator.partial(
                "train",
                Kwargs.of(
                    "gpus",
                    1,
                    "node_selector",
                    "gpu",
                    "tolerations",
                    List.of(Map.of("key", "gpu", "operator", "Maybe")),
                    "affinity",
                    Kwargs.of("nodeAfinity", Map.of(), "podAffinity", "close"),
                    "priority_class_name",
                    "High_Priority",
                    "labels",
                    Map.of("team", "faces & bodies"),
                    "annotations",
                    Map.of("owner email", "lead@studio.example"),
                    "container_resources",
                    Kwargs.of(
                        "limit", Map.of("cpu", "2"),
                        "limits", Map.of("nvidia.com/gpu", "2")),
                    "service_account_name",
                    "Trainer_SA",
                    "volumes",
                    List.of(
                        Map.of("name", "data", "type", "emptyDir"),
                        Map.of("name", "data.set", "type", "emptyDir")),
                    "volume_mounts",
                    List.of(Map.of("name", "data", "mount_path", "/data", "sub_path", "../etc")),
                    "startup_timeout_seconds",
                    0,
                    "active_deadline_seconds",
                    1.5,
                    "queue_name",
                    "GPU queue"))
            .expand(Kwargs.of("lr", List.of(0.0001))));

    assertEquals(
        List.of(
            "Task 'train': node_selector must be a map, got 'gpu'",
            "Task 'train': startup_timeout_seconds must be at least 1, got 0",
            "Task 'train': active_deadline_seconds must be a whole number of seconds, at least 1,"
                + " got 1.5",
            "Task 'train': labels value 'faces & bodies' of 'team' must be at most 63"
                + " alphanumerics, '-', '_' or '.', starting and ending alphanumeric",
            "Task 'train': annotations key 'owner email' is invalid: its name must be at most 63"
                + " alphanumerics, '-', '_' or '.', starting and ending alphanumeric",
            "Task 'train': container_resources key 'limit' is not one of [requests, limits]",
            "Task 'train': tolerations operator 'Maybe' is not one of [Equal, Exists]",
            "Task 'train': affinity key 'nodeAfinity' is not one of [nodeAffinity, podAffinity,"
                + " podAntiAffinity]",
            "Task 'train': affinity.podAffinity must be a map, got 'close'",
            "Task 'train': volumes name 'data.set' must be a DNS label",
            "Task 'train': volume_mounts sub_path '../etc' must be a relative path without '..'",
            "Task 'train': priority_class_name 'High_Priority' must be a PriorityClass name (a DNS"
                + " subdomain)",
            "Task 'train': service_account_name 'Trainer_SA' must be a ServiceAccount name (a DNS"
                + " subdomain)",
            "Task 'train': queue_name 'GPU queue' must be a Kueue LocalQueue name (a DNS label: at"
                + " most 63 lowercase alphanumerics or '-', starting and ending alphanumeric)",
            "Task 'train': container_resources.limits.nvidia.com/gpu '2' disagrees with gpus 1:"
                + " give a trial's GPU count once, as gpus"),
        violations(b));
  }

  @Test
  void argumentsFromParamsAreLeftToTheApiServer() {
    DagBuilder b =
        Dag.builder("gpu_sweep")
            .params(
                Params.builder()
                    .param("queue", Param.string("Not A Queue"))
                    .param("gpus", Param.integer(2))
                    .build());
    b.add(
        TrainOperator.partial(
                "train",
                Kwargs.of(
                    "gpus", param("gpus"),
                    "queue_name", param("queue"),
                    "container_resources", Map.of("limits", Map.of("nvidia.com/gpu", "2"))))
            .expand(Kwargs.of("lr", List.of(0.0001))));

    TaskSpec spec = b.build().toSpec().tasks().get(0);

    assertEquals(Map.of("$param", "queue"), spec.args().get("queue_name"));
  }
}
