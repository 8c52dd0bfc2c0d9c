package dev.atelier.activities.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atelier.activities.jobs.JobState;
import dev.atelier.workflows.activities.TrialHandle;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two low-priority trials fill the 4-GPU quota; a high-priority trial arrives. Kueue preempts one
 * low trial: its Job is suspended and its pod removed, the launcher reports it QUEUED (no startup
 * timeout fails it), and when the high trial is done it is admitted again and its new pod mounts
 * the same work folder (the claim's sub-path holding its checkpoints). The Job is the same one
 * throughout: eviction is not a relaunch, and nothing is created twice.
 */
class KueuePreemptionTest {
  @TempDir Path work;

  @Test
  void highPriorityTrialArrives_lowTrialEvictedToQueued_thenReadmittedOnTheSameWorkFolder()
      throws Exception {
    try (ClusterTrials c = new ClusterTrials(work, "cluster_kueue_preempt")) {
      Map<String, Object> low =
          Map.of("annotations", ClusterTrials.runsForever(), "priority_class_name", "atelier-low");
      List<TrialHandle> lows = List.of(c.launch(0, 2, low), c.launch(1, 2, low));
      for (TrialHandle h : lows) {
        TrialJobOnClusterTest.awaitPhase(c, h, JobState.Phase.RUNNING);
      }
      String uidBefore0 = c.job(lows.get(0)).getMetadata().getUid();
      String uidBefore1 = c.job(lows.get(1)).getMetadata().getUid();

      TrialHandle high =
          c.launch(
              2,
              2,
              Map.of(
                  "annotations",
                  ClusterTrials.runs("3s", 0),
                  "priority_class_name",
                  "atelier-high"));

      // One low trial is evicted: it reads QUEUED while the high one runs.
      TrialHandle evicted = awaitEviction(c, lows);
      List<JobState.Phase> evictedPhases = new ArrayList<>();
      String evictedReason = c.state(evicted).reason();
      assertEquals(JobState.Phase.SUCCEEDED, c.awaitEnd(high, Duration.ofSeconds(90)).phase());

      // Quota is back: the evicted trial is admitted again and runs on its own work folder.
      long until = System.nanoTime() + Duration.ofSeconds(90).toNanos();
      JobState s = c.state(evicted);
      while (s.phase() != JobState.Phase.RUNNING && System.nanoTime() < until) {
        evictedPhases.add(s.phase());
        Thread.sleep(100);
        s = c.state(evicted);
      }
      assertEquals(JobState.Phase.RUNNING, s.phase(), "re-admitted after " + evictedPhases);
      Pod pod =
          c.pods(evicted).stream()
              .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
              .findFirst()
              .orElseThrow();
      VolumeMount workMount =
          pod.getSpec().getContainers().get(0).getVolumeMounts().stream()
              .filter(m -> m.getMountPath().equals(evicted.workDir()))
              .findFirst()
              .orElseThrow();
      assertEquals(work.relativize(Path.of(evicted.workDir())).toString(), workMount.getSubPath());
      assertEquals(
          uidBefore0, c.job(lows.get(0)).getMetadata().getUid(), "same Job, not a new one");
      assertEquals(
          uidBefore1, c.job(lows.get(1)).getMetadata().getUid(), "same Job, not a new one");
      assertTrue(!evictedReason.isBlank(), "QUEUED says why");
    }
  }

  private static TrialHandle awaitEviction(ClusterTrials c, List<TrialHandle> lows)
      throws InterruptedException {
    long until = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (System.nanoTime() < until) {
      for (TrialHandle h : lows) {
        if (c.state(h).phase() == JobState.Phase.QUEUED) {
          return h;
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no low-priority trial was evicted for the high-priority one");
  }
}
