package dev.atelier.workflows.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Kubernetes Job operator's arguments: their JSON form, and every bad one named at build. */
class KubernetesJobOperatorTest {
  @Test
  void aFullJobKeepsAirflowsArgumentNamesInItsSpec() {
    DagBuilder b = Dag.builder("render");
    b.add(
            new KubernetesJobOperator("render", "studio/render:1.4")
                .cmds("python", "-m", "render")
                .arguments("--frames", "120")
                .envVars(Map.of("MODE", "fast"))
                .secrets(PodSecret.env("API_TOKEN", "render-secrets", "token"))
                .containerResources(Map.of("cpu", "2"), Map.of("nvidia.com/gpu", "1"))
                .nodeSelector(Map.of("pool", "gpu"))
                .tolerations(PodToleration.exists("nvidia.com/gpu", "NoSchedule"))
                .volumes(PodVolume.persistentVolumeClaim("frames", "frames-pvc"))
                .volumeMounts(PodVolumeMount.of("frames", "/frames"))
                .labels(Map.of("team", "lighting"))
                .priorityClassName("batch-high")
                .startupTimeoutSeconds(300)
                .getLogs(true))
        .retries(2);

    TaskSpec spec = b.build().toSpec().tasks().get(0);

    assertEquals("KubernetesJobOperator", spec.operator());
    assertEquals(KubernetesJobOperator.ACTIVITY_TYPE, spec.activityType());
    assertEquals(List.of("python", "-m", "render"), spec.args().get("cmds"));
    assertEquals(
        Map.of("requests", Map.of("cpu", "2"), "limits", Map.of("nvidia.com/gpu", "1")),
        spec.args().get("container_resources"));
    assertEquals(
        List.of(
            Map.of(
                "deploy_type", "env",
                "deploy_target", "API_TOKEN",
                "secret", "render-secrets",
                "key", "token")),
        spec.args().get("secrets"));
  }

  @Test
  void argumentsMayBeMappedLikeAnyTaskArgument() {
    DagBuilder b = Dag.builder("frames");
    b.add(
        new KubernetesJobOperator("shard", "studio/render:1.4")
            .cmds("render")
            .expand(
                Kwargs.of("arguments", List.of(List.of("--shard", "0"), List.of("--shard", "1")))));

    TaskSpec spec = b.build().toSpec().tasks().get(0);

    assertTrue(spec.expand().containsKey("arguments"), spec.toString());
  }

  @Test
  void everyBadArgumentIsReportedWithTaskFieldValueAndRule() {
    DagBuilder b = Dag.builder("broken_jobs");
    b.add(new KubernetesJobOperator("no_image", null));
    b.add(
        new KubernetesJobOperator("bad", "img")
            .labels(Map.of("-team", "ok"))
            .startupTimeoutSeconds(-5)
            .containerResources(Map.of("memory", "8 GB"), Map.of("nvidia.com/gpu", "0.5"))
            .tolerations(new PodToleration("gpu", "Maybe", null, "NoSchedule"))
            .volumes(new PodVolume("data", "hostPath", "/data"))
            .volumeMounts(PodVolumeMount.of("cache", "cache"))
            .priorityClassName("High_Priority"));

    DagValidationException e = assertThrows(DagValidationException.class, b::build);

    assertEquals(
        List.of(
            "Task 'no_image': image is required: the container image the Job runs, got null",
            "Task 'bad': startup_timeout_seconds must be at least 1, got -5",
            "Task 'bad': labels key '-team' is invalid: its name must be at most 63"
                + " alphanumerics, '-', '_' or '.', starting and ending alphanumeric",
            "Task 'bad': container_resources.requests.memory '8 GB' is not a Kubernetes quantity"
                + " (e.g. '2', '500m', '8Gi')",
            "Task 'bad': container_resources.limits.nvidia.com/gpu '0.5' must be a whole number"
                + " of GPUs",
            "Task 'bad': tolerations operator 'Maybe' is not one of [Equal, Exists]",
            "Task 'bad': volumes type 'hostPath' is not one of [configMap, secret, emptyDir,"
                + " persistentVolumeClaim]",
            "Task 'bad': volume_mounts name 'cache' is not one of the task's volumes [data]",
            "Task 'bad': volume_mounts mount_path 'cache' must be an absolute path",
            "Task 'bad': priority_class_name 'High_Priority' must be a PriorityClass name (a DNS"
                + " subdomain)"),
        e.violations());
    assertTrue(e.getMessage().startsWith("Dag broken_jobs is invalid: "), e.getMessage());
  }

  @Test
  void aJobMayNameItsAffinityServiceAccountDeadlineAndKueueQueue() {
    Map<String, Object> spread =
        Map.of(
            "podAntiAffinity",
            Map.of(
                "preferredDuringSchedulingIgnoredDuringExecution",
                List.of(
                    Map.of(
                        "weight",
                        100,
                        "podAffinityTerm",
                        Map.of(
                            "topologyKey",
                            "kubernetes.io/hostname",
                            "labelSelector",
                            Map.of("matchLabels", Map.of("team", "lighting")))))));
    DagBuilder b = Dag.builder("render");
    b.add(
        new KubernetesJobOperator("render", "studio/render:1.4")
            .affinity(spread)
            .serviceAccountName("renderer")
            .activeDeadlineSeconds(3600)
            .queueName("render-queue"));

    TaskSpec spec = b.build().toSpec().tasks().get(0);

    assertEquals(spread, spec.args().get("affinity"));
    assertEquals("renderer", spec.args().get("service_account_name"));
    assertEquals(3600L, spec.args().get("active_deadline_seconds"));
    assertEquals("render-queue", spec.args().get("queue_name"));
  }

  @Test
  void theNewPlacementArgumentsAreCheckedByTheSameRulesAsATrainOperators() {
    DagBuilder b = Dag.builder("broken_jobs");
    b.add(
        new KubernetesJobOperator("bad", "img")
            .affinity(Map.of("nodeSelector", Map.of("gpu", "l4")))
            .serviceAccountName("Render SA")
            .activeDeadlineSeconds(0)
            .queueName("render.queue"));

    DagValidationException e = assertThrows(DagValidationException.class, b::build);

    assertEquals(
        List.of(
            "Task 'bad': active_deadline_seconds must be a whole number of seconds, at least 1,"
                + " got 0",
            "Task 'bad': affinity key 'nodeSelector' is not one of [nodeAffinity, podAffinity,"
                + " podAntiAffinity]",
            "Task 'bad': service_account_name 'Render SA' must be a ServiceAccount name (a DNS"
                + " subdomain)",
            "Task 'bad': queue_name 'render.queue' must be a Kueue LocalQueue name (a DNS label: at"
                + " most 63 lowercase alphanumerics or '-', starting and ending alphanumeric)"),
        e.violations());
  }

  @Test
  void anUnknownArgumentIsReportedLikePythonsTypeError() {
    DagBuilder b = Dag.builder("typo");
    b.add(new KubernetesJobOperator("job", "img").arg("argumnets", List.of("x")));

    List<String> v = assertThrows(DagValidationException.class, b::build).violations();

    assertEquals(1, v.size(), v.toString());
    assertTrue(v.get(0).contains("'argumnets'"), v.get(0));
  }
}
