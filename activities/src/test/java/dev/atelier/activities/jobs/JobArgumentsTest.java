package dev.atelier.activities.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A KubernetesJobOperator's arguments as the Dag's spec carries them, read into a request. */
class JobArgumentsTest {
  private static JobRequest read(Map<String, Object> args) {
    return JobArguments.apply(
            args,
            "",
            JobArguments.NAMES,
            JobRequest.builder("k8s", new JobKey("render", "manual__1", "frames", -1, 1)))
        .build();
  }

  private static String error(Map<String, Object> args) {
    return assertThrows(IllegalArgumentException.class, () -> read(args)).getMessage();
  }

  @Test
  void apply_affinityInKubernetesForm_passedThroughAsAnAffinity() {
    Map<String, Object> term =
        Map.of(
            "matchExpressions",
            List.of(Map.of("key", "gpu-type", "operator", "In", "values", List.of("a100"))));
    JobRequest r =
        read(
            Map.of(
                "image",
                "studio/render:1.4",
                "affinity",
                Map.of(
                    "nodeAffinity",
                    Map.of(
                        "requiredDuringSchedulingIgnoredDuringExecution",
                        Map.of("nodeSelectorTerms", List.of(term))))));

    var expression =
        r.affinity()
            .getNodeAffinity()
            .getRequiredDuringSchedulingIgnoredDuringExecution()
            .getNodeSelectorTerms()
            .get(0)
            .getMatchExpressions()
            .get(0);
    assertEquals("gpu-type", expression.getKey());
    assertEquals(List.of("a100"), expression.getValues());
  }

  @Test
  void apply_newArguments_readIntoTheRequest() {
    Map<String, Object> args = new LinkedHashMap<>();
    args.put("image", "studio/render:1.4");
    args.put("service_account_name", "render-bot");
    args.put("active_deadline_seconds", 3600.0); // a JSON number after Temporal
    args.put("queue_name", "gpu-queue");
    args.put(
        "volumes",
        List.of(Map.of("name", "frames", "type", "persistentVolumeClaim", "source", "frames")));
    args.put(
        "volume_mounts",
        List.of(Map.of("name", "frames", "mount_path", "/frames", "sub_path", "shots/12")));
    args.put(
        "tolerations",
        List.of(Map.of("key", "nvidia.com/gpu", "operator", "Exists", "tolerationSeconds", 60)));

    JobRequest r = read(args);

    assertEquals("render-bot", r.serviceAccountName());
    assertEquals(3600L, r.activeDeadlineSeconds());
    assertEquals("gpu-queue", r.queueName());
    assertEquals(
        new JobRequest.Mount("frames", "/frames", false, "shots/12"), r.volumeMounts().get(0));
    assertEquals(60L, r.tolerations().get(0).getTolerationSeconds());
    assertEquals(JobRequest.DEFAULT_STARTUP_TIMEOUT_SECONDS, r.startupTimeoutSeconds());
    assertNull(r.namespace(), "the launcher's namespace");
  }

  @Test
  void apply_severalBadValues_oneErrorNamingEachFieldValueAndRule() {
    Map<String, Object> args = new LinkedHashMap<>();
    args.put("image", "studio/render:1.4");
    args.put("volumes", List.of(Map.of("name", "frames", "type", "nfs", "source", "x")));
    args.put("container_resources", Map.of("limits", Map.of("nvidia.com/gpu", "0.5")));
    args.put("startup_timeout_seconds", 0);
    args.put("affinity", Map.of("nodeAfinity", Map.of()));
    args.put("labels", Map.of("team", "light ing"));

    assertEquals(
        "container_resources.limits.nvidia.com/gpu: '0.5' must be a whole number of GPUs;"
            + " affinity: {nodeAfinity={}} has keys a Kubernetes Affinity does not: [nodeAfinity];"
            + " volumes[0].type: 'nfs' is not one of [configMap, secret, emptyDir,"
            + " persistentVolumeClaim]; labels.team: 'light ing' must be at most 63"
            + " alphanumerics, '-', '_' or '.', starting and ending alphanumeric;"
            + " startup_timeout_seconds: 0 must be a whole number of seconds, at least 1",
        error(args));
  }

  @Test
  void apply_unknownArgument_refusedListingTheAcceptedOnes() {
    String message = error(Map.of("image", "img", "node_selecter", Map.of("pool", "gpu")));

    assertEquals(
        "node_selecter: {pool=gpu} is not an accepted argument; accepted: " + JobArguments.NAMES,
        message);
  }

  @Test
  void apply_volumeNamedLikeAtelierOwn_refused() {
    String message =
        error(
            Map.of(
                "image",
                "img",
                "volumes",
                List.of(Map.of("name", "atelier-tmp", "type", "emptyDir"))));

    assertEquals(
        "volumes[0].name: 'atelier-tmp' must not start with 'atelier-' (Atelier's own volumes)",
        message);
  }

  @Test
  void apply_mountOfAVolumeNotGiven_refusedNamingTheVolumes() {
    String message =
        error(
            Map.of(
                "image",
                "img",
                "volumes",
                List.of(Map.of("name", "scratch", "type", "emptyDir")),
                "volume_mounts",
                List.of(Map.of("name", "frames", "mount_path", "/frames"))));

    assertEquals("volume_mounts.name: 'frames' must be one of the volumes [scratch]", message);
  }

  @Test
  void apply_subPathClimbingOut_refused() {
    String message =
        error(
            Map.of(
                "image",
                "img",
                "volumes",
                List.of(Map.of("name", "data", "type", "persistentVolumeClaim", "source", "data")),
                "volume_mounts",
                List.of(Map.of("name", "data", "mount_path", "/data", "sub_path", "../other"))));

    assertEquals(
        "volume_mounts[0].sub_path: '../other' must be a relative path inside the volume (no '..')",
        message);
  }
}
