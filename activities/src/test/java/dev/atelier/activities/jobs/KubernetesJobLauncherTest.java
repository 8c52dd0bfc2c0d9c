package dev.atelier.activities.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kubernetes launcher against fabric8's mock API server in CRUD mode. Nothing runs a Job there,
 * so each test writes the Job's status (and its pod's, and Kueue's Workload) as the Job controller,
 * the kubelet and Kueue would.
 */
@EnableKubernetesMockClient(crud = true)
class KubernetesJobLauncherTest {
  static KubernetesClient client;
  static KubernetesMockServer server;
  private static final String NS = "atelier";
  private static final String RUN_ID = "manual__2026-11-21T10:00:00+00:00";

  @TempDir Path tmp;

  private final KubernetesJobLauncher launcher =
      new KubernetesJobLauncher(client, new JobManifest(NS, null));
  private final JobController controller = new JobController(client, NS);

  @BeforeEach
  void emptyNamespace() {
    client.batch().v1().jobs().inNamespace(NS).delete();
    client.pods().inNamespace(NS).delete();
    client.configMaps().inNamespace(NS).delete();
    client.genericKubernetesResources(KueueWorkloads.WORKLOADS).inNamespace(NS).delete();
    server.clearExpectations();
  }

  private JobRequest.Builder request(String taskId) {
    return JobRequest.builder("trial", new JobKey("emoji_dcgan_sweep", RUN_ID, taskId, 0, 1))
        .image("atelier/trainer:dev")
        .cmds(List.of("java", "-cp", "/app/lib/*", "dev.atelier.trainers.TrainerMain"));
  }

  private JobRequest.Builder withSpec(JobRequest.Builder b) throws IOException {
    Path spec = tmp.resolve("spec.json");
    Files.writeString(spec, "{\"trial_id\": \"emoji/0\"}");
    return b.specFile(new JobRequest.SpecFile(spec, "/etc/atelier/trial"));
  }

  private Job job(JobId id) {
    return controller.job(id.name());
  }

  @Test
  void launch_requestWithSpecFile_createsJobThenTheSpecConfigMapOwnedByIt() throws IOException {
    JobId id = launcher.launch(withSpec(request("train")).build());

    Job job = job(id);
    assertNotNull(job, "the Job exists");
    assertEquals(NS + "/" + id.name(), id.value(), "the id says where the Job is");
    assertEquals(0, job.getSpec().getBackoffLimit(), "the engine retries, not Kubernetes");
    assertEquals(24 * 3600, job.getSpec().getTtlSecondsAfterFinished());
    assertNull(job.getSpec().getSuspend(), "no queue: the Job starts at once");
    PodSpec pod = job.getSpec().getTemplate().getSpec();
    assertEquals("Never", pod.getRestartPolicy());
    Container c = pod.getContainers().get(0);
    assertEquals("atelier/trainer:dev", c.getImage());
    assertEquals(
        List.of("java", "-cp", "/app/lib/*", "dev.atelier.trainers.TrainerMain"), c.getCommand());
    assertEquals(List.of("/etc/atelier/trial/spec.json"), c.getArgs(), "the spec path as mounted");
    assertEquals(
        "manual__2026-11-21T10_00_00_00_00",
        job.getMetadata().getLabels().get("atelier/run-id"),
        "label values follow Kubernetes' rules");
    assertEquals(RUN_ID, job.getMetadata().getAnnotations().get("atelier/run-id"));

    ConfigMap spec = client.configMaps().inNamespace(NS).withName(id.name() + "-spec").get();
    assertEquals("{\"trial_id\": \"emoji/0\"}", spec.getData().get("spec.json"));
    assertEquals(
        job.getMetadata().getUid(),
        spec.getMetadata().getOwnerReferences().get(0).getUid(),
        "the Job owns its spec from the start, so deleting the Job removes it");
    assertEquals(JobState.Phase.PENDING, launcher.state(id).phase(), "no pod yet");
  }

  @Test
  void launch_anyRequest_podRunsHardenedWithAWritableTmp() {
    JobId id = launcher.launch(request("harden").build());

    PodSpec pod = job(id).getSpec().getTemplate().getSpec();
    var podSecurity = pod.getSecurityContext();
    assertTrue(podSecurity.getRunAsNonRoot());
    assertEquals(1000L, podSecurity.getRunAsUser(), "numeric, so runAsNonRoot can be verified");
    assertEquals(1000L, podSecurity.getRunAsGroup());
    assertEquals(1000L, podSecurity.getFsGroup());
    assertEquals("RuntimeDefault", podSecurity.getSeccompProfile().getType());
    var container = pod.getContainers().get(0).getSecurityContext();
    assertFalse(container.getAllowPrivilegeEscalation());
    assertEquals(List.of("ALL"), container.getCapabilities().getDrop());
    assertTrue(container.getReadOnlyRootFilesystem());
    var tmp =
        pod.getContainers().get(0).getVolumeMounts().stream()
            .filter(m -> m.getMountPath().equals("/tmp"))
            .findFirst()
            .orElseThrow();
    assertNotNull(
        pod.getVolumes().stream()
            .filter(v -> v.getName().equals(tmp.getName()))
            .findFirst()
            .orElseThrow()
            .getEmptyDir(),
        "/tmp is an emptyDir: the root filesystem is read-only");
  }

  @Test
  void launch_withQueueName_jobCreatedSuspendedForKueueWithPriorityOnThePod() {
    JobId id =
        launcher.launch(
            request("queued").queueName("gpu-queue").priorityClassName("sweeps").build());

    Job job = job(id);
    assertTrue(job.getSpec().getSuspend(), "Kueue unsuspends it on admission");
    assertEquals("gpu-queue", job.getMetadata().getLabels().get("kueue.x-k8s.io/queue-name"));
    assertEquals("sweeps", job.getSpec().getTemplate().getSpec().getPriorityClassName());
  }

  @Test
  void launch_defaultQueueConfigured_requestWithoutOneIsQueuedThere() {
    var queued = new KubernetesJobLauncher(client, new JobManifest(NS, "studio-queue"));

    JobId id = queued.launch(request("default_queue").build());

    assertTrue(job(id).getSpec().getSuspend());
    assertEquals("studio-queue", job(id).getMetadata().getLabels().get(JobManifest.QUEUE_LABEL));
  }

  @Test
  void launch_sameRequestTwice_adoptsItsOwnJob() throws IOException {
    JobRequest r = withSpec(request("twice")).build();

    JobId first = launcher.launch(r);
    JobId second = launcher.launch(r);

    assertEquals(first, second);
    assertEquals(1, client.batch().v1().jobs().inNamespace(NS).list().getItems().size());
  }

  @Test
  void launch_jobOfThatNameNotOurs_failsNamingTheJobAndLeavesIt() {
    JobRequest r = request("taken").build();
    client
        .batch()
        .v1()
        .jobs()
        .inNamespace(NS)
        .resource(
            new JobBuilder()
                .withNewMetadata()
                .withName(r.name())
                .addToLabels("team", "someone-else")
                .endMetadata()
                .withNewSpec()
                .withNewTemplate()
                .withNewSpec()
                .addNewContainer()
                .withName("x")
                .withImage("busybox")
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build())
        .create();

    JobConflictException e = assertThrows(JobConflictException.class, () -> launcher.launch(r));

    assertEquals(
        "Job "
            + NS
            + "/"
            + r.name()
            + " exists but is not this launch's: its label atelier/launch-key is missing,"
            + " expected '"
            + r.launchKey()
            + "'; delete that Job or rename the task",
        e.getMessage());
    assertNotNull(client.batch().v1().jobs().inNamespace(NS).withName(r.name()).get());
  }

  @Test
  void launch_specConfigMapCreateForbidden_deletesTheJobItCreated() throws IOException {
    server
        .expect()
        .post()
        .withPath("/api/v1/namespaces/" + NS + "/configmaps")
        .andReturn(403, "{\"kind\":\"Status\",\"code\":403,\"message\":\"forbidden\"}")
        .once();
    JobRequest r = withSpec(request("forbidden")).build();

    assertThrows(KubernetesClientException.class, () -> launcher.launch(r));

    assertNull(
        client.batch().v1().jobs().inNamespace(NS).withName(r.name()).get(),
        "a Job that cannot read its spec is not left behind");
  }

  @Test
  void launch_strangersConfigMapHasTheSpecsName_deletesTheJobButNotTheirConfigMap()
      throws IOException {
    JobRequest r = withSpec(request("cm_taken")).build();
    client
        .configMaps()
        .inNamespace(NS)
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName(JobManifest.specConfigMapName(r))
                .endMetadata()
                .addToData("x", "theirs")
                .build())
        .create();

    JobConflictException e = assertThrows(JobConflictException.class, () -> launcher.launch(r));

    assertTrue(
        e.getMessage().contains("is not the spec of Job " + NS + "/" + r.name()), e.getMessage());
    assertNull(client.batch().v1().jobs().inNamespace(NS).withName(r.name()).get());
    assertEquals(
        "theirs",
        client
            .configMaps()
            .inNamespace(NS)
            .withName(JobManifest.specConfigMapName(r))
            .get()
            .getData()
            .get("x"));
  }

  @Test
  void state_suspendedJobWithoutQuota_queuedWithKueuesMessage() {
    JobId id = launcher.launch(request("no_quota").queueName("gpu-queue").build());
    String message =
        "couldn't assign flavors to pod set main: insufficient unused quota for nvidia.com/gpu in"
            + " flavor gpu, 4 more needed";
    controller.addWorkload(
        id.name(), List.of(JobController.condition("QuotaReserved", "False", message)));

    JobState state = launcher.state(id);

    assertEquals(JobState.queued(message), state);
  }

  @Test
  void state_suspendedJobBeforeKueueMadeItsWorkload_queuedSayingSo() {
    JobId id = launcher.launch(request("no_workload").queueName("gpu-queue").build());

    assertEquals(
        JobState.queued("suspended, waiting for Kueue to admit it (no Workload yet)"),
        launcher.state(id));
  }

  @Test
  void state_evictedAndSuspendedAgain_queuedNotFailed() {
    JobId id = launcher.launch(request("evicted").queueName("gpu-queue").build());
    controller.setSuspended(id.name(), false);
    controller.addPod(id.name(), "Running", null, null);
    assertEquals(JobState.Phase.RUNNING, launcher.state(id).phase());
    // Kueue preempts the Workload: it suspends the Job again and the Job controller stops its pod.
    controller.setSuspended(id.name(), true);
    client.pods().inNamespace(NS).delete();
    controller.addWorkload(
        id.name(),
        List.of(
            JobController.condition(
                "Evicted", "True", "Preempted to accommodate a higher priority Workload"),
            JobController.condition("QuotaReserved", "False", "waiting for quota")));

    JobState state = launcher.state(id);

    assertEquals(
        JobState.queued(
            "evicted: Preempted to accommodate a higher priority Workload; waiting for quota"),
        state);
  }

  @Test
  void awaitCompletion_jobCompleteCondition_succeeded() {
    JobId id = launcher.launch(request("succeed").build());
    AtomicInteger polls = new AtomicInteger();

    JobState ended =
        launcher.awaitCompletion(
            id,
            Duration.ofMillis(10),
            s -> {
              if (polls.incrementAndGet() == 2) {
                controller.finish(id.name(), "Complete", null);
              }
            });

    assertEquals(JobState.succeeded(), ended);
  }

  @Test
  void awaitCompletion_jobFailedWithExitCode2_failedWithThatCode() {
    JobId id = launcher.launch(request("bad_spec").build());
    controller.addPod(id.name(), "Failed", null, 2);
    controller.finish(id.name(), "Failed", "BackoffLimitExceeded");

    JobState ended = launcher.awaitCompletion(id, Duration.ofMillis(10), s -> {});

    assertEquals(JobState.failed(2, "container exited with code 2 (Error)"), ended);
  }

  @Test
  void state_failedButNoPodLeftWithAnExitCode_gone() {
    JobId id = launcher.launch(request("vanished").build());
    controller.finish(id.name(), "Failed", "BackoffLimitExceeded");

    JobState state = launcher.state(id);

    assertEquals(JobState.Phase.GONE, state.phase(), "no exit code: the pod vanished");
    assertTrue(state.reason().contains("vanished without an exit code"), state.reason());
  }

  @Test
  void state_activeDeadlineExceeded_failedSayingSo() {
    JobId id = launcher.launch(request("too_long").activeDeadlineSeconds(60L).build());
    assertEquals(60L, job(id).getSpec().getActiveDeadlineSeconds());
    controller.finish(id.name(), "Failed", "DeadlineExceeded");

    JobState state = launcher.state(id);

    assertEquals(
        JobState.failed(
            JobState.UNKNOWN_EXIT_CODE,
            "DeadlineExceeded: Job was active longer than specified deadline"),
        state);
  }

  @Test
  void awaitCompletion_jobDeletedUnderUs_gone() {
    JobId id = launcher.launch(request("deleted").build());
    client.batch().v1().jobs().inNamespace(NS).withName(id.name()).delete();

    JobState ended = launcher.awaitCompletion(id, Duration.ofMillis(10), s -> {});

    assertEquals(JobState.gone("Job " + id.name() + " no longer exists"), ended);
  }

  @Test
  void awaitCompletion_queuedLongerThanTheStartupTimeout_waitsOnUntilItEnds() {
    JobId id =
        launcher.launch(request("patient").queueName("gpu-queue").startupTimeoutSeconds(1).build());
    List<JobState.Phase> seen = new ArrayList<>();
    AtomicBoolean admitted = new AtomicBoolean();
    long start = System.nanoTime();

    JobState ended =
        launcher.awaitCompletion(
            id,
            Duration.ofMillis(50),
            s -> {
              seen.add(s.phase());
              if (s.phase() == JobState.Phase.RUNNING) {
                controller.finish(id.name(), "Complete", null);
              } else if (!admitted.get() && System.nanoTime() - start > 1_500_000_000L) {
                // Kueue admits it after 1.5 s in the queue, past the 1 s startup timeout.
                admitted.set(true);
                controller.setSuspended(id.name(), false);
                controller.addPod(id.name(), "Running", null, null);
              }
            });

    assertEquals(JobState.succeeded(), ended);
    assertEquals(JobState.Phase.QUEUED, seen.get(0));
    assertTrue(seen.contains(JobState.Phase.RUNNING), seen.toString());
  }

  @Test
  void delete_runningJob_jobRemovedAndStateGone() {
    JobId id = launcher.launch(request("cancel").build());

    launcher.delete(id);
    launcher.delete(id); // cancelling twice is fine

    assertNull(job(id));
    assertEquals(JobState.Phase.GONE, launcher.state(id).phase());
  }

  @Test
  void state_bareJobNameFromAnOldHandle_readInTheConfiguredNamespace() {
    JobId id = launcher.launch(request("old_handle").build());

    assertEquals(JobState.Phase.PENDING, launcher.state(new JobId(id.name())).phase());
  }

  @Test
  void launch_noImage_refusedNamingTheField() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> launcher.launch(request("x").image(null).build()));

    assertEquals(
        "image: null must be a container image name: a Kubernetes Job runs one", e.getMessage());
  }

  private static Map<String, String> env(Job job) {
    Map<String, String> env = new HashMap<>();
    job.getSpec()
        .getTemplate()
        .getSpec()
        .getContainers()
        .get(0)
        .getEnv()
        .forEach(e -> env.put(e.getName(), e.getValue()));
    return env;
  }

  @Test
  void launch_envAndSecrets_reachTheContainer() {
    JobId id =
        launcher.launch(
            request("env")
                .envVars(Map.of("MODE", "fast"))
                .secret(new JobRequest.SecretEnv("API_TOKEN", "render-secrets", "token"))
                .build());

    Job job = job(id);
    assertEquals("fast", env(job).get("MODE"));
    var secret = job.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().get(1);
    assertEquals("render-secrets", secret.getValueFrom().getSecretKeyRef().getName());
  }
}
