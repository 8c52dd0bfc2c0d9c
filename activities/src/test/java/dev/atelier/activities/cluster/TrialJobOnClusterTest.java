package dev.atelier.activities.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atelier.activities.jobs.JobState;
import dev.atelier.workflows.activities.TrialHandle;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One trial's Job on the real API server: created by Atelier's ServiceAccount, admitted by Kueue
 * onto a GPU node, run by kwok, and judged from the Job's conditions and the pod's exit code.
 * Creating its pod at all proves the pod passes the namespace's "restricted" Pod Security level.
 */
class TrialJobOnClusterTest {
  @TempDir Path work;

  @Test
  void podExitsZeroAfterOneSecond_trialSucceeds_onAGpuNodeWithItsClaimsMounted() throws Exception {
    try (ClusterTrials c = new ClusterTrials(work, "cluster_trial_ok")) {
      TrialHandle handle = c.launch(0, 1, Map.of("annotations", ClusterTrials.runs("1s", 0)));

      assertEquals(JobState.Phase.SUCCEEDED, c.awaitEnd(handle, Duration.ofSeconds(60)).phase());
      List<Pod> pods = c.pods(handle);
      assertEquals(1, pods.size(), "one pod for one try");
      Pod pod = pods.get(0);
      assertTrue(pod.getSpec().getNodeName().startsWith("gpu-node-"), pod.getSpec().getNodeName());
      PodSpec spec = pod.getSpec();
      assertEquals(ClusterTrials.TRIAL_ACCOUNT, spec.getServiceAccountName());
      assertEquals(Boolean.FALSE, spec.getAutomountServiceAccountToken());
      Container trainer = spec.getContainers().get(0);
      assertEquals("1", trainer.getResources().getLimits().get("nvidia.com/gpu").getAmount());
      assertEquals(Boolean.TRUE, trainer.getSecurityContext().getReadOnlyRootFilesystem());
      // The work folder is the trial's own sub-path of the shared claim, at the same path as on
      // the worker, so the spec's output_dir holds in the pod and a relaunch finds checkpoints.
      VolumeMount workMount = mount(trainer, handle.workDir());
      assertEquals(work.relativize(Path.of(handle.workDir())).toString(), workMount.getSubPath());
      assertEquals(ClusterTrials.WORK_CLAIM, claim(spec, workMount.getName()));
      VolumeMount data =
          trainer.getVolumeMounts().stream()
              .filter(m -> "datasets".equals(claim(spec, m.getName())))
              .findFirst()
              .orElseThrow(() -> new AssertionError("dataset claim not mounted: " + spec));
      assertEquals(Boolean.TRUE, data.getReadOnly());
    }
  }

  @Test
  void podExitsThree_trialFailsWithExitCodeThree() throws Exception {
    try (ClusterTrials c = new ClusterTrials(work, "cluster_trial_exit3")) {
      TrialHandle handle = c.launch(0, 1, Map.of("annotations", ClusterTrials.runs("1s", 3)));

      JobState ended = c.awaitEnd(handle, Duration.ofSeconds(60));
      assertEquals(JobState.Phase.FAILED, ended.phase());
      assertEquals(3, ended.exitCode(), ended.reason());
    }
  }

  @Test
  void jobDeletedBySomeoneElse_trialIsGone() throws Exception {
    try (ClusterTrials c = new ClusterTrials(work, "cluster_trial_gone")) {
      TrialHandle handle = c.launch(0, 1, Map.of("annotations", ClusterTrials.runsForever()));
      awaitPhase(c, handle, JobState.Phase.RUNNING);

      c.admin.batch().v1().jobs().resource(c.job(handle)).delete();

      assertEquals(JobState.Phase.GONE, c.awaitEnd(handle, Duration.ofSeconds(60)).phase());
    }
  }

  @Test
  void cpuTrial_runsOnTheCpuNode() throws Exception {
    try (ClusterTrials c = new ClusterTrials(work, "cluster_trial_cpu")) {
      TrialHandle handle = c.launch(0, 0, Map.of("annotations", ClusterTrials.runs("1s", 0)));

      assertEquals(JobState.Phase.SUCCEEDED, c.awaitEnd(handle, Duration.ofSeconds(60)).phase());
      assertEquals("cpu-node-1", c.pods(handle).get(0).getSpec().getNodeName());
      assertFalse(
          c.pods(handle)
              .get(0)
              .getSpec()
              .getContainers()
              .get(0)
              .getResources()
              .getLimits()
              .containsKey("nvidia.com/gpu"));
    }
  }

  static void awaitPhase(ClusterTrials c, TrialHandle handle, JobState.Phase phase)
      throws InterruptedException {
    long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    JobState s = c.state(handle);
    while (s.phase() != phase && System.nanoTime() < until) {
      Thread.sleep(200);
      s = c.state(handle);
    }
    assertEquals(phase, s.phase(), s.reason());
  }

  private static VolumeMount mount(Container c, String path) {
    return c.getVolumeMounts().stream()
        .filter(m -> m.getMountPath().equals(path))
        .findFirst()
        .orElseThrow(() -> new AssertionError("nothing mounted at " + path + ": " + c));
  }

  private static String claim(PodSpec spec, String volume) {
    return spec.getVolumes().stream()
        .filter(v -> v.getName().equals(volume))
        .map(Volume::getPersistentVolumeClaim)
        .filter(p -> p != null)
        .map(p -> p.getClaimName())
        .findFirst()
        .orElse(null);
  }
}
