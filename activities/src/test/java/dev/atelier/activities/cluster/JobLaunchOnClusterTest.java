package dev.atelier.activities.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atelier.activities.jobs.JobConflictException;
import dev.atelier.activities.jobs.JobId;
import dev.atelier.activities.jobs.JobKey;
import dev.atelier.activities.jobs.JobManifest;
import dev.atelier.activities.jobs.JobRequest;
import dev.atelier.activities.jobs.KubernetesJobLauncher;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A launch's bookkeeping on the real API server, as Atelier's ServiceAccount: a retried launch
 * adopts the Job its first attempt made, a Job of the same name that is not this launch's is never
 * taken over, and a launch that fails after creating its Job leaves no Job behind.
 */
class JobLaunchOnClusterTest {
  @TempDir Path tmp;

  private JobRequest request(String runId) throws Exception {
    Path spec = Files.writeString(tmp.resolve("spec.json"), "{\"steps\": 1}");
    return JobRequest.builder("k8s", new JobKey("cluster_launch", runId, "job", -1, 1))
        .image("ghcr.io/atelier/trainer:0.1.0")
        .cmds(List.of("java", "-version"))
        .annotations(Map.of("atelier.dev/kwok-run", "forever"))
        .specFile(new JobRequest.SpecFile(spec, "/etc/atelier/job"))
        .build();
  }

  private static KubernetesJobLauncher launcher(KubernetesClient atelier) {
    return new KubernetesJobLauncher(atelier, new JobManifest(TestCluster.NAMESPACE, null));
  }

  @Test
  void launch_retried_adoptsTheJobItsFirstAttemptMade() throws Exception {
    JobRequest r = request("manual__" + UUID.randomUUID());
    try (KubernetesClient atelier = TestCluster.atelier();
        KubernetesClient admin = TestCluster.admin()) {
      JobId first = launcher(atelier).launch(r);
      String uid = job(admin, r).getMetadata().getUid();

      JobId again = launcher(atelier).launch(r);

      assertEquals(first, again);
      assertEquals(uid, job(admin, r).getMetadata().getUid(), "the same Job, not a new one");
      launcher(atelier).delete(first);
    }
  }

  @Test
  void launch_aJobOfThatNameIsNotOurs_refusedAndTheOtherJobLeftAlone() throws Exception {
    JobRequest r = request("manual__" + UUID.randomUUID());
    try (KubernetesClient atelier = TestCluster.atelier();
        KubernetesClient admin = TestCluster.admin()) {
      Job foreign =
          admin
              .batch()
              .v1()
              .jobs()
              .inNamespace(TestCluster.NAMESPACE)
              .resource(
                  new JobBuilder(new JobManifest(TestCluster.NAMESPACE, null).job(r))
                      .editMetadata()
                      .removeFromLabels(JobManifest.LAUNCH_KEY_LABEL)
                      .endMetadata()
                      .build())
              .create();

      JobConflictException refused =
          assertThrows(JobConflictException.class, () -> launcher(atelier).launch(r));

      assertTrue(
          refused.getMessage().contains("exists but is not this launch's"), refused.getMessage());
      assertEquals(foreign.getMetadata().getUid(), job(admin, r).getMetadata().getUid());
      admin.batch().v1().jobs().resource(foreign).delete();
    }
  }

  @Test
  void launch_failsAfterCreatingItsJob_theJobIsDeletedAgain() throws Exception {
    JobRequest r = request("manual__" + UUID.randomUUID());
    try (KubernetesClient atelier = TestCluster.atelier();
        KubernetesClient admin = TestCluster.admin()) {
      // Someone else's ConfigMap where the launch puts the spec: the Job is created, then its
      // spec cannot be, and a Job without its spec must not stay behind (or hold a GPU).
      admin
          .configMaps()
          .inNamespace(TestCluster.NAMESPACE)
          .resource(
              new ConfigMapBuilder()
                  .withNewMetadata()
                  .withName(JobManifest.specConfigMapName(r))
                  .endMetadata()
                  .addToData("owner", "someone else")
                  .build())
          .create();

      assertThrows(JobConflictException.class, () -> launcher(atelier).launch(r));

      Job left = job(admin, r);
      assertTrue(
          left == null || left.getMetadata().getDeletionTimestamp() != null,
          "the launch's Job is deleted");
      assertNotNull(
          admin
              .configMaps()
              .inNamespace(TestCluster.NAMESPACE)
              .withName(JobManifest.specConfigMapName(r))
              .get(),
          "the other ConfigMap is left alone");
      admin
          .configMaps()
          .inNamespace(TestCluster.NAMESPACE)
          .withName(JobManifest.specConfigMapName(r))
          .delete();
    }
  }

  private static Job job(KubernetesClient admin, JobRequest r) {
    return admin.batch().v1().jobs().inNamespace(TestCluster.NAMESPACE).withName(r.name()).get();
  }
}
