package dev.atelier.activities.cluster;

import static org.junit.jupiter.api.Assertions.fail;

import dev.atelier.activities.jobs.JobId;
import dev.atelier.activities.jobs.JobManifest;
import dev.atelier.activities.jobs.JobState;
import dev.atelier.activities.jobs.KubernetesJobLauncher;
import dev.atelier.activities.trials.TrainerResources;
import dev.atelier.activities.trials.TrialActivitiesImpl;
import dev.atelier.activities.trials.TrialJobSettings;
import dev.atelier.workflows.activities.TrialHandle;
import dev.atelier.workflows.activities.TrialRequest;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.UUID;
import org.mlflow.tracking.MlflowClient;

/**
 * Trials launched the way the worker launches them ({@link TrialActivitiesImpl} over {@link
 * KubernetesJobLauncher}, as the atelier ServiceAccount) into the test cluster's namespace, queue
 * and work claim, with the settings k8s/ configures (ATELIER_WORK_PVC=atelier-work,
 * ATELIER_TRIAL_SERVICE_ACCOUNT=atelier-trainer, ATELIER_KUEUE_QUEUE=atelier). What a trial's pod
 * does is steered through kwok's annotations (cluster/kwok-stages.yaml).
 */
final class ClusterTrials implements AutoCloseable {
  static final String IMAGE = "ghcr.io/atelier/trainer:0.1.0";
  static final String WORK_CLAIM = "atelier-work";
  static final String TRIAL_ACCOUNT = "atelier-trainer";

  final KubernetesClient atelier = TestCluster.atelier();
  final KubernetesClient admin = TestCluster.admin();
  final KubernetesJobLauncher launcher =
      new KubernetesJobLauncher(atelier, new JobManifest(TestCluster.NAMESPACE, TestCluster.QUEUE));
  final TrialActivitiesImpl trials;
  final String dagId;
  final String runId = "manual__" + UUID.randomUUID();
  private final MlflowClient mlflow;

  ClusterTrials(Path workDir, String dagId) {
    String uri = System.getenv("ATELIER_MLFLOW_URI");
    if (uri == null || uri.isBlank()) {
      fail("ATELIER_MLFLOW_URI is not set: run ./atelier test");
    }
    this.dagId = dagId;
    this.mlflow = new MlflowClient(uri);
    TrialJobSettings settings =
        TrialJobSettings.kubernetes(
            List.of("java", "-cp", "@/app/jib-classpath-file", "dev.atelier.trainers.TrainerMain"),
            IMAGE,
            TrainerResources.defaults(),
            Map.of("DJL_OFFLINE", "true"),
            WORK_CLAIM,
            TRIAL_ACCOUNT);
    this.trials =
        new TrialActivitiesImpl(
            mlflow, launcher, settings, workDir, uri, OptionalInt.empty(), Duration.ofMillis(200));
  }

  /** The kwok annotations for a pod that runs {@code runFor} and exits with {@code exitCode}. */
  static Map<String, String> runs(String runFor, int exitCode) {
    return Map.of(
        "atelier.dev/kwok-run-for",
        runFor,
        "atelier.dev/kwok-exit-code",
        Integer.toString(exitCode));
  }

  /** The kwok annotation for a pod that runs until it is deleted. */
  static Map<String, String> runsForever() {
    return Map.of("atelier.dev/kwok-run", "forever");
  }

  TrialHandle launch(int mapIndex, int gpus, Map<String, Object> kubernetes) {
    Map<String, Object> dataset = new LinkedHashMap<>();
    dataset.put("path", "pvc://datasets/emoji");
    dataset.put("image_size", 32);
    return trials.launchTrial(
        new TrialRequest(
            dagId,
            runId,
            "train",
            mapIndex,
            "atelier/" + dagId,
            null,
            Map.of("lr", 0.0002),
            dataset,
            1234,
            gpus,
            kubernetes));
  }

  JobState state(TrialHandle handle) {
    return launcher.state(new JobId(handle.jobId()));
  }

  Job job(TrialHandle handle) {
    return admin
        .batch()
        .v1()
        .jobs()
        .inNamespace(TestCluster.NAMESPACE)
        .withName(new JobId(handle.jobId()).name())
        .get();
  }

  List<Pod> pods(TrialHandle handle) {
    return admin
        .pods()
        .inNamespace(TestCluster.NAMESPACE)
        .withLabel("job-name", new JobId(handle.jobId()).name())
        .list()
        .getItems();
  }

  /** Polls until {@code handle}'s Job has ended, failing after {@code limit}. */
  JobState awaitEnd(TrialHandle handle, Duration limit) throws InterruptedException {
    long until = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < until) {
      JobState s = state(handle);
      if (s.ended()) {
        return s;
      }
      Thread.sleep(200);
    }
    return fail("trial " + handle.jobId() + " did not end within " + limit + ": " + state(handle));
  }

  @Override
  public void close() {
    admin
        .batch()
        .v1()
        .jobs()
        .inNamespace(TestCluster.NAMESPACE)
        .withLabel("atelier/dag-id", dagId)
        .delete();
    mlflow.close();
    atelier.close();
    admin.close();
  }
}
