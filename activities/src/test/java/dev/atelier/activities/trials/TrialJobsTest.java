package dev.atelier.activities.trials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atelier.activities.jobs.JobManifest;
import dev.atelier.activities.jobs.JobRequest;
import dev.atelier.workflows.activities.TrialRequest;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A trial try as the Job a cluster would get: this worker's defaults, then the task's own. */
class TrialJobsTest {
  private static final Path WORK = Path.of("/var/atelier/work");
  private static final String RUN = "manual__2026-11-21T10:00:00+00:00";
  private static final Path DIR = TrialDirs.of(WORK, "emoji", RUN, "train", 2);

  private static TrialJobSettings kubernetes(String workClaim) {
    return TrialJobSettings.kubernetes(
        List.of("java", "dev.atelier.trainers.TrainerMain"),
        "atelier/trainer:dev",
        TrainerResources.defaults(),
        Map.of("DJL_OFFLINE", "true"),
        workClaim,
        "trainer");
  }

  private static TrialRequest trial(int gpus, Map<String, Object> kubernetes, String dataset) {
    return new TrialRequest(
        "emoji",
        RUN,
        "train",
        2,
        null,
        "parent",
        Map.of("lr", 0.0002),
        Map.of("path", dataset),
        7,
        gpus,
        kubernetes);
  }

  private static JobRequest request(TrialJobSettings settings, TrialRequest r) {
    TrialJobs jobs = new TrialJobs(settings);
    return jobs.request(r, 3, WORK, DIR, DIR.resolve("spec.json"), jobs.dataset(r));
  }

  private static PodSpec pod(JobRequest r) {
    return new JobManifest("atelier", null).job(r).getSpec().getTemplate().getSpec();
  }

  private static VolumeMount mount(PodSpec pod, String name) {
    return pod.getContainers().get(0).getVolumeMounts().stream()
        .filter(m -> m.getName().equals(name))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void request_tasksKubernetesArguments_mergedOverTheTrainersDefaults() {
    Map<String, Object> k8s =
        Map.of(
            "node_selector", Map.of("pool", "gpu"),
            "container_resources", Map.of("limits", Map.of("memory", "16Gi")),
            "queue_name", "gpu-queue",
            "priority_class_name", "sweeps",
            "tolerations",
                List.of(
                    Map.of("key", "nvidia.com/gpu", "operator", "Exists", "effect", "NoSchedule")));

    JobRequest r = request(kubernetes(null), trial(2, k8s, "/data/emoji"));

    assertEquals("2", r.requests().get("cpu"), "the trainer's default stays");
    assertEquals("16Gi", r.limits().get("memory"), "the task's own wins");
    assertEquals("2", r.limits().get("nvidia.com/gpu"), "gpus=2 as a GPU limit");
    assertEquals(Map.of("pool", "gpu"), r.nodeSelector());
    assertEquals("gpu-queue", r.queueName());
    assertEquals("sweeps", r.priorityClassName());
    assertEquals("NoSchedule", r.tolerations().get(0).getEffect());
    assertEquals("gpu", r.envVars().get("ATELIER_DEVICE"), "the trainer must not fall back to CPU");
    assertEquals(3, r.key().tryNumber(), "the Job is named for the try");
    assertTrue(r.name().startsWith("trial-emoji-train-2-t3-"), r.name());
  }

  @Test
  void request_nullKubernetesFromAnOldHistory_trainerDefaultsOnly() {
    JobRequest r = request(kubernetes(null), trial(0, null, "/data/emoji"));

    assertNull(r.limits().get("nvidia.com/gpu"));
    assertEquals(
        new Quantity("8Gi"),
        pod(r).getContainers().get(0).getResources().getLimits().get("memory"));
    assertEquals("cpu", r.envVars().get("ATELIER_DEVICE"));
    assertEquals(TrialJobs.STARTUP_TIMEOUT_SECONDS, r.startupTimeoutSeconds());
  }

  @Test
  void request_anyTrialPod_noApiTokenAndTheTrialServiceAccount() {
    PodSpec pod = pod(request(kubernetes(null), trial(0, Map.of(), "/data/emoji")));

    assertFalse(pod.getAutomountServiceAccountToken(), "trials never talk to the API server");
    assertEquals("trainer", pod.getServiceAccountName());
  }

  @Test
  void request_workClaimConfigured_trialFolderIsItsOwnSubPathOfTheClaim() {
    PodSpec pod = pod(request(kubernetes("atelier-work"), trial(0, Map.of(), "/data/emoji")));

    VolumeMount work = mount(pod, TrialJobs.WORK_VOLUME);
    assertEquals(DIR.toString(), work.getMountPath(), "where the spec's output_dir points");
    assertEquals(WORK.relativize(DIR).toString(), work.getSubPath());
    assertEquals(
        "atelier-work",
        pod.getVolumes().stream()
            .filter(v -> v.getName().equals(TrialJobs.WORK_VOLUME))
            .findFirst()
            .orElseThrow()
            .getPersistentVolumeClaim()
            .getClaimName());
  }

  @Test
  void request_noWorkClaim_trialFolderOnAnEmptyDir() {
    PodSpec pod = pod(request(kubernetes(null), trial(0, Map.of(), "/data/emoji")));

    assertNull(mount(pod, TrialJobs.WORK_VOLUME).getSubPath());
    assertTrue(
        pod.getVolumes().stream()
            .anyMatch(v -> v.getName().equals(TrialJobs.WORK_VOLUME) && v.getEmptyDir() != null));
  }

  @Test
  void request_datasetOnAClaim_mountedReadOnlyAtTheFixedPath() {
    PodSpec pod = pod(request(kubernetes(null), trial(0, Map.of(), "pvc://datasets/emoji/64")));

    VolumeMount data = mount(pod, TrialJobs.DATASET_VOLUME);
    assertEquals(TrialJobs.DATASET_MOUNT_DIR, data.getMountPath());
    assertTrue(data.getReadOnly());
  }

  @Test
  void request_gpuCountGivenTwiceDifferently_refusedNamingBoth() {
    Map<String, Object> k8s =
        Map.of("container_resources", Map.of("limits", Map.of("nvidia.com/gpu", "4")));

    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> request(kubernetes(null), trial(1, k8s, "/data/emoji")));

    assertEquals(
        "kubernetes.container_resources.limits.nvidia.com/gpu: '4' disagrees with gpus=1; give"
            + " the GPU count once",
        e.getMessage());
  }

  @Test
  void request_operatorOnlyArgument_refusedWithTheKubernetesPrefix() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> request(kubernetes(null), trial(0, Map.of("image", "other:1"), "/data/emoji")));

    assertEquals(
        "kubernetes.image: 'other:1' is not an accepted argument; accepted: " + TrialJobs.ARGUMENTS,
        e.getMessage());
  }

  @Test
  void dataset_claimOnTheLocalLauncher_refusedSayingWhichLauncherCanMountIt() {
    TrialJobs local = new TrialJobs(TrialJobSettings.local(List.of("trainer"), Map.of()));

    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> local.dataset(trial(0, Map.of(), "pvc://datasets/emoji")));

    assertEquals(
        "dataset.path: 'pvc://datasets/emoji' is on a PersistentVolumeClaim, which only the"
            + " Kubernetes launcher mounts (ATELIER_LAUNCHER=kubernetes); give a folder on this"
            + " machine",
        e.getMessage());
  }

  @Test
  void request_localLauncher_noKubernetesVolumesOrResources() {
    TrialJobSettings local =
        TrialJobSettings.local(List.of("trainer"), Map.of("DJL_OFFLINE", "true"));

    JobRequest r = request(local, trial(1, Map.of(), "/data/emoji"));

    assertEquals(List.of(), r.volumes());
    assertTrue(r.requests().isEmpty());
    assertEquals(DIR, r.workDir());
    assertNull(r.image());
  }

  @Test
  void request_localR3ganTrial_runsOnGlibcWhereOthersGetJemalloc() {
    Map<String, String> env =
        Map.of("LD_PRELOAD", "/lib/libjemalloc.so.2", "MALLOC_CONF", "dirty_decay_ms:-1");
    TrialJobSettings local = TrialJobSettings.local(List.of("trainer"), env);
    TrialRequest dcgan = trial(0, Map.of(), "/data/emoji");
    TrialRequest r3gan =
        new TrialRequest(
            "emoji",
            RUN,
            "train",
            2,
            null,
            "parent",
            Map.of("model", "r3gan"),
            Map.of("path", "/data/emoji"),
            7,
            0,
            Map.of());

    assertEquals(env, request(local, dcgan).envVars());
    assertNull(request(local, r3gan).envVars().get("LD_PRELOAD"));
    assertNull(request(local, r3gan).envVars().get("MALLOC_CONF"));
  }
}
