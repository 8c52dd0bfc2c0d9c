package dev.atelier.activities.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kubernetes launcher against fabric8's mock API server in CRUD mode. Nothing runs a Job there,
 * so each test writes the Job's status (and its pod's) as the Job controller would.
 */
@EnableKubernetesMockClient(crud = true)
class KubernetesJobLauncherTest {
  static KubernetesClient client;
  private static final String NS = "atelier";
  private static final List<String> COMMAND =
      List.of("java", "-cp", "/app/lib/*", "dev.atelier.trainers.TrainerMain");

  @TempDir Path tmp;

  private final KubernetesJobLauncher launcher =
      new KubernetesJobLauncher(
          client,
          NS,
          new KubernetesJobManifest(COMMAND, "atelier/trainer:dev", TrainerResources.defaults()));

  private JobSpec spec(String name, int gpus) throws IOException {
    Path specFile = tmp.resolve("spec.json");
    Files.writeString(specFile, "{\"trial_id\": \"" + name + "\"}");
    return new JobSpec(
        name,
        specFile,
        Path.of("/var/atelier/trials/emoji/run/train/0"),
        Map.of(
            "atelier/dag-id", "emoji_dcgan_sweep",
            "atelier/run-id", "manual__2026-11-21T10:00:00+00:00",
            "atelier/task-id", "train",
            "atelier/map-index", "0"),
        gpus);
  }

  private Job job(JobId id) {
    return client.batch().v1().jobs().inNamespace(NS).withName(id.value()).get();
  }

  private void setJobStatus(JobId id, String conditionType, int succeeded, int failed) {
    client
        .batch()
        .v1()
        .jobs()
        .inNamespace(NS)
        .withName(id.value())
        .editStatus(
            j -> {
              j.setStatus(
                  new JobStatusBuilder()
                      .withSucceeded(succeeded)
                      .withFailed(failed)
                      .withConditions(
                          new JobConditionBuilder()
                              .withType(conditionType)
                              .withStatus("True")
                              .withReason(
                                  conditionType.equals("Failed") ? "BackoffLimitExceeded" : null)
                              .withMessage(
                                  conditionType.equals("Failed")
                                      ? "Job has reached the specified backoff limit"
                                      : null)
                              .build())
                      .build());
              return j;
            });
  }

  private void addTerminatedPod(JobId id, int exitCode) {
    client
        .pods()
        .inNamespace(NS)
        .resource(
            new PodBuilder()
                .withNewMetadata()
                .withName(id.value() + "-abcde")
                .addToLabels(KubernetesJobLauncher.JOB_NAME_LABEL, id.value())
                .endMetadata()
                .withNewStatus()
                .addNewContainerStatus()
                .withName(KubernetesJobManifest.CONTAINER)
                .withNewState()
                .withNewTerminated()
                .withExitCode(exitCode)
                .withReason("Error")
                .endTerminated()
                .endState()
                .endContainerStatus()
                .endStatus()
                .build())
        .create();
  }

  @Test
  void launch_newTrial_createsJobRunningTheTrainerWithItsSpecMounted() throws IOException {
    JobId id = launcher.launch(spec("trial-emoji-0-aaaa1111", 0));

    Job job = job(id);
    assertNotNull(job, "the Job exists");
    assertEquals(0, job.getSpec().getBackoffLimit());
    var pod = job.getSpec().getTemplate().getSpec();
    assertEquals("Never", pod.getRestartPolicy());
    Container trainer = pod.getContainers().get(0);
    assertEquals("atelier/trainer:dev", trainer.getImage());
    assertEquals(
        List.of(
            "java",
            "-cp",
            "/app/lib/*",
            "dev.atelier.trainers.TrainerMain",
            "/etc/atelier/trial/spec.json"),
        trainer.getCommand());
    assertEquals("atelier-trainer", job.getMetadata().getLabels().get("app.kubernetes.io/name"));
    assertEquals(
        "manual__2026-11-21T10_00_00_00_00",
        job.getMetadata().getLabels().get("atelier/run-id"),
        "label values follow Kubernetes' rules");
    assertEquals(
        "manual__2026-11-21T10:00:00+00:00",
        job.getMetadata().getAnnotations().get("atelier/run-id"),
        "the exact run id stays readable");

    ConfigMap specMap = client.configMaps().inNamespace(NS).withName(id.value() + "-spec").get();
    assertEquals("{\"trial_id\": \"trial-emoji-0-aaaa1111\"}", specMap.getData().get("spec.json"));
    assertEquals(
        job.getMetadata().getUid(),
        specMap.getMetadata().getOwnerReferences().get(0).getUid(),
        "the Job owns its spec, so deleting the Job removes it");
    assertEquals(Optional.empty(), launcher.status(id), "no status yet: still running");
  }

  @Test
  void launch_sameNameTwice_keepsOneJob() throws IOException {
    JobId first = launcher.launch(spec("trial-emoji-0-twice", 0));
    JobId second = launcher.launch(spec("trial-emoji-0-twice", 0));

    assertEquals(first, second);
    assertEquals(
        1,
        client
            .batch()
            .v1()
            .jobs()
            .inNamespace(NS)
            .withLabel("atelier/task-id", "train")
            .list()
            .getItems()
            .stream()
            .filter(j -> j.getMetadata().getName().equals("trial-emoji-0-twice"))
            .count());
  }

  @Test
  void awaitCompletion_jobCompleteCondition_succeeded() throws IOException {
    JobId id = launcher.launch(spec("trial-emoji-1-succeed", 0));
    AtomicInteger polls = new AtomicInteger();

    JobOutcome outcome =
        launcher.awaitCompletion(
            id,
            Duration.ofMillis(10),
            () -> {
              if (polls.incrementAndGet() == 2) {
                setJobStatus(id, "Complete", 1, 0);
              }
            });

    assertEquals(JobOutcome.succeeded(), outcome);
  }

  @Test
  void awaitCompletion_jobFailedWithTrainerExitCode2_failedWithThatCode() throws IOException {
    JobId id = launcher.launch(spec("trial-emoji-2-badspec", 0));
    addTerminatedPod(id, 2);
    setJobStatus(id, "Failed", 0, 1);

    JobOutcome outcome = launcher.awaitCompletion(id, Duration.ofMillis(10), () -> {});

    assertEquals(JobOutcome.Result.FAILED, outcome.result());
    assertEquals(2, outcome.exitCode(), "the trainer's exit code survives, so BAD_SPEC stays");
    assertEquals("trainer exited with code 2 (Error)", outcome.reason());
  }

  @Test
  void status_failedCountWithoutConditionOrPod_failedWithUnknownCode() throws IOException {
    JobId id = launcher.launch(spec("trial-emoji-3-failcount", 0));
    client
        .batch()
        .v1()
        .jobs()
        .inNamespace(NS)
        .withName(id.value())
        .editStatus(
            j -> {
              j.setStatus(new JobStatusBuilder().withFailed(1).build());
              return j;
            });

    JobOutcome outcome = launcher.status(id).orElseThrow();

    assertEquals(JobOutcome.Result.FAILED, outcome.result());
    assertEquals(JobOutcome.UNKNOWN_EXIT_CODE, outcome.exitCode());
  }

  @Test
  void awaitCompletion_jobDeletedUnderUs_gone() throws IOException {
    JobId id = launcher.launch(spec("trial-emoji-4-deleted", 0));
    client.batch().v1().jobs().inNamespace(NS).withName(id.value()).delete();

    JobOutcome outcome = launcher.awaitCompletion(id, Duration.ofMillis(10), () -> {});

    assertEquals(JobOutcome.Result.GONE, outcome.result());
    assertEquals("Job trial-emoji-4-deleted no longer exists", outcome.reason());
  }

  @Test
  void delete_runningJob_jobRemoved() throws IOException {
    JobId id = launcher.launch(spec("trial-emoji-5-cancel", 0));

    launcher.delete(id);
    launcher.delete(id); // cancelling twice is fine

    assertNull(job(id), "the cancelled Job is gone");
    assertEquals(JobOutcome.Result.GONE, launcher.status(id).orElseThrow().result());
  }

  @Test
  void launch_trialAsksForTwoGpus_gpuLimitPresent() throws IOException {
    JobId id = launcher.launch(spec("trial-emoji-6-gpu", 2));

    var limits =
        job(id).getSpec().getTemplate().getSpec().getContainers().get(0).getResources().getLimits();
    assertEquals("2", limits.get("nvidia.com/gpu").getAmount());
    assertEquals("gpu", env(id).get("ATELIER_DEVICE"), "the trainer must not fall back to CPU");
  }

  private java.util.Map<String, String> env(JobId id) {
    java.util.Map<String, String> env = new java.util.HashMap<>();
    job(id)
        .getSpec()
        .getTemplate()
        .getSpec()
        .getContainers()
        .get(0)
        .getEnv()
        .forEach(e -> env.put(e.getName(), e.getValue()));
    return env;
  }

  @Test
  void launch_trialAsksForNoGpu_noGpuLimit() throws IOException {
    JobId id = launcher.launch(spec("trial-emoji-7-cpu", 0));

    var resources = job(id).getSpec().getTemplate().getSpec().getContainers().get(0).getResources();
    assertFalse(resources.getLimits().containsKey("nvidia.com/gpu"));
    assertTrue(resources.getRequests().containsKey("cpu"));
    assertTrue(resources.getLimits().containsKey("memory"));
    assertEquals("cpu", env(id).get("ATELIER_DEVICE"));
  }
}
