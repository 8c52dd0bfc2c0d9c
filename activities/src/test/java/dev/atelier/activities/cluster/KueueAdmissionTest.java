package dev.atelier.activities.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atelier.activities.jobs.JobState;
import dev.atelier.activities.jobs.KueueWorkloads;
import dev.atelier.workflows.activities.TrialHandle;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep wider than the GPU quota waits in Kueue, not in a startup timeout: the test cluster's
 * ClusterQueue has 4 GPUs (k8s/overlays/kueue), ten trials ask 2 each, so Kueue admits two at a
 * time and the rest stay queued (suspended Jobs) until quota frees.
 */
class KueueAdmissionTest {
  static final ResourceDefinitionContext WORKLOADS = KueueWorkloads.WORKLOADS;

  @TempDir Path work;

  @Test
  void tenTrialsOfTwoGpusAgainstFourGpus_neverMoreThanTwoAdmitted_allSucceedEachJobCreatedOnce()
      throws Exception {
    try (ClusterTrials c = new ClusterTrials(work, "cluster_kueue_sweep")) {
      List<TrialHandle> handles = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        handles.add(c.launch(i, 2, Map.of("annotations", ClusterTrials.runs("2s", 0))));
      }
      Map<String, Set<String>> uidsByJob = new HashMap<>();
      Set<String> reasonsWhileQueued = new HashSet<>();
      int mostAdmitted = 0;
      int mostRunning = 0;
      long until = System.nanoTime() + Duration.ofMinutes(3).toNanos();
      Map<TrialHandle, JobState> states = new HashMap<>();
      while (System.nanoTime() < until) {
        int running = 0;
        for (TrialHandle h : handles) {
          JobState s = c.state(h);
          states.put(h, s);
          if (s.phase() == JobState.Phase.RUNNING) {
            running++;
          }
          if (s.phase() == JobState.Phase.QUEUED && !s.reason().isBlank()) {
            reasonsWhileQueued.add(s.reason());
          }
        }
        for (Job job : jobs(c)) {
          uidsByJob
              .computeIfAbsent(job.getMetadata().getName(), k -> new HashSet<>())
              .add(job.getMetadata().getUid());
        }
        mostRunning = Math.max(mostRunning, running);
        mostAdmitted = Math.max(mostAdmitted, admitted(c));
        if (states.values().stream().allMatch(JobState::ended)) {
          break;
        }
        Thread.sleep(150);
      }

      assertTrue(
          states.values().stream().allMatch(s -> s.phase() == JobState.Phase.SUCCEEDED),
          "every trial succeeds: " + states.values());
      assertEquals(2, mostAdmitted, "Kueue admits exactly the quota's worth: 4 GPUs / 2");
      assertTrue(mostRunning <= 2, "at most 2 pods running at once, saw " + mostRunning);
      assertEquals(10, uidsByJob.size(), "one Job per trial: " + uidsByJob.keySet());
      uidsByJob.forEach((name, uids) -> assertEquals(1, uids.size(), name + " created once"));
      assertTrue(
          reasonsWhileQueued.stream().anyMatch(r -> r.contains("nvidia.com/gpu")),
          "a queued trial says why, naming the GPU quota: " + reasonsWhileQueued);
    }
  }

  private static List<Job> jobs(ClusterTrials c) {
    return c.admin
        .batch()
        .v1()
        .jobs()
        .inNamespace(TestCluster.NAMESPACE)
        .withLabel("atelier/dag-id", c.dagId)
        .list()
        .getItems();
  }

  /** Workloads of this sweep holding quota now: admitted and not finished. */
  static int admitted(ClusterTrials c) {
    int n = 0;
    for (GenericKubernetesResource w :
        c.admin
            .genericKubernetesResources(WORKLOADS)
            .inNamespace(TestCluster.NAMESPACE)
            .list()
            .getItems()) {
      if (condition(w, "Admitted") && !condition(w, "Finished")) {
        n++;
      }
    }
    return n;
  }

  @SuppressWarnings("unchecked")
  static boolean condition(GenericKubernetesResource w, String type) {
    Object status = w.getAdditionalProperties().get("status");
    if (!(status instanceof Map<?, ?> s) || !(s.get("conditions") instanceof List<?> conditions)) {
      return false;
    }
    return conditions.stream()
        .map(o -> (Map<String, Object>) o)
        .anyMatch(m -> type.equals(m.get("type")) && "True".equals(m.get("status")));
  }
}
