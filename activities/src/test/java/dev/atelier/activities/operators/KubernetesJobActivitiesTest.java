package dev.atelier.activities.operators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atelier.activities.jobs.JobController;
import dev.atelier.activities.jobs.JobManifest;
import dev.atelier.activities.jobs.KubernetesJobLauncher;
import dev.atelier.activities.persistence.TryPhases;
import dev.atelier.workflows.activities.TaskCall;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.temporal.client.ActivityCanceledException;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The RunKubernetesJob activity against fabric8's mock API server in CRUD mode. Nothing runs a Job
 * there, so each test plays the Job controller and kubelet from the heartbeat: it writes the Job's
 * status and its pod as they would.
 */
@EnableKubernetesMockClient(crud = true)
class KubernetesJobActivitiesTest {
  static KubernetesClient client;
  private static final String NS = "render";

  private final KubernetesJobActivitiesImpl activity =
      new KubernetesJobActivitiesImpl(
          new KubernetesJobLauncher(client, new JobManifest(NS, null)), Duration.ofMillis(20));

  private final JobController controller = new JobController(client, NS);

  private static TaskCall call(String taskId, Map<String, Object> args) {
    return new TaskCall(
        "render_frames",
        "manual__2026-11-21T10:00:00+00:00",
        taskId,
        -1,
        1,
        args,
        Map.of(),
        Map.of());
  }

  /** Everything an Airflow author can set, in the form the Dag's spec carries it. */
  private static Map<String, Object> fullArgs() {
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("image", "studio/render:1.4");
    a.put("cmds", List.of("python", "-m", "render"));
    a.put("arguments", List.of("--frames", "120"));
    a.put("env_vars", Map.of("MODE", "fast"));
    a.put(
        "secrets",
        List.of(
            Map.of(
                "deploy_type", "env",
                "deploy_target", "API_TOKEN",
                "secret", "render-secrets",
                "key", "token")));
    a.put(
        "container_resources",
        Map.of("requests", Map.of("cpu", "2"), "limits", Map.of("nvidia.com/gpu", "1")));
    a.put("node_selector", Map.of("pool", "gpu"));
    a.put(
        "tolerations",
        List.of(Map.of("key", "nvidia.com/gpu", "operator", "Exists", "effect", "NoSchedule")));
    a.put(
        "volumes",
        List.of(
            Map.of("name", "frames", "type", "persistentVolumeClaim", "source", "frames-pvc"),
            Map.of("name", "conf", "type", "configMap", "source", "render-conf"),
            Map.of("name", "keys", "type", "secret", "source", "render-keys"),
            Map.of("name", "scratch", "type", "emptyDir")));
    a.put(
        "volume_mounts",
        List.of(
            Map.of("name", "frames", "mount_path", "/frames", "read_only", false),
            Map.of("name", "conf", "mount_path", "/etc/render", "read_only", true)));
    a.put("labels", Map.of("team", "lighting"));
    a.put("priority_class_name", "batch-high");
    return a;
  }

  @BeforeEach
  void emptyNamespace() {
    client.batch().v1().jobs().inNamespace(NS).delete();
    client.pods().inNamespace(NS).delete();
  }

  private Job onlyJob() {
    List<Job> jobs = client.batch().v1().jobs().inNamespace(NS).list().getItems();
    return jobs.isEmpty() ? null : jobs.get(jobs.size() - 1);
  }

  private String jobName() {
    return onlyJob().getMetadata().getName();
  }

  private void finish(String condition) {
    controller.finish(
        jobName(), condition, condition.equals("Failed") ? "BackoffLimitExceeded" : null);
  }

  private void addPod(String phase, String waitingReason, Integer exitCode) {
    controller.addPod(jobName(), phase, waitingReason, exitCode);
  }

  /** Runs {@code step} on the given heartbeat (1-based), once. */
  private static Consumer<String> onBeat(int n, Runnable step) {
    AtomicInteger beats = new AtomicInteger();
    return phase -> {
      if (beats.incrementAndGet() == n) {
        step.run();
      }
    };
  }

  @Test
  void run_everyArgument_createsJobCarryingEachAndSucceedsWhenComplete() {
    AtomicReference<Job> created = new AtomicReference<>();

    Map<String, Object> xcom =
        activity.run(
            call("render", fullArgs()),
            onBeat(
                2,
                () -> {
                  created.set(onlyJob());
                  addPod("Running", null, null);
                  finish("Complete");
                }));

    Job job = created.get();
    assertEquals(job.getMetadata().getName(), xcom.get("job_name"));
    assertEquals(NS, xcom.get("namespace"));
    assertTrue(xcom.containsKey("logs"), "get_logs defaults to true: " + xcom);
    assertEquals(0, job.getSpec().getBackoffLimit(), "Airflow's retries are the engine's");
    PodSpec pod = job.getSpec().getTemplate().getSpec();
    assertEquals("Never", pod.getRestartPolicy());
    Container c = pod.getContainers().get(0);
    assertEquals("studio/render:1.4", c.getImage());
    assertEquals(List.of("python", "-m", "render"), c.getCommand());
    assertEquals(List.of("--frames", "120"), c.getArgs());
    assertEquals("MODE", c.getEnv().get(0).getName());
    assertEquals("fast", c.getEnv().get(0).getValue());
    var secret = c.getEnv().get(1);
    assertEquals("API_TOKEN", secret.getName());
    assertEquals("render-secrets", secret.getValueFrom().getSecretKeyRef().getName());
    assertEquals("token", secret.getValueFrom().getSecretKeyRef().getKey());
    assertEquals(new Quantity("1"), c.getResources().getLimits().get("nvidia.com/gpu"));
    assertEquals(new Quantity("2"), c.getResources().getRequests().get("cpu"));
    assertEquals(Map.of("pool", "gpu"), pod.getNodeSelector());
    assertEquals("nvidia.com/gpu", pod.getTolerations().get(0).getKey());
    assertEquals("Exists", pod.getTolerations().get(0).getOperator());
    assertEquals("NoSchedule", pod.getTolerations().get(0).getEffect());
    assertEquals("frames-pvc", pod.getVolumes().get(0).getPersistentVolumeClaim().getClaimName());
    assertEquals("render-conf", pod.getVolumes().get(1).getConfigMap().getName());
    assertEquals("render-keys", pod.getVolumes().get(2).getSecret().getSecretName());
    assertNotNull(pod.getVolumes().get(3).getEmptyDir());
    assertEquals("/etc/render", c.getVolumeMounts().get(1).getMountPath());
    assertTrue(c.getVolumeMounts().get(1).getReadOnly());
    assertEquals("batch-high", pod.getPriorityClassName());
    Map<String, String> labels = job.getMetadata().getLabels();
    assertEquals("lighting", labels.get("team"));
    assertEquals("render", labels.get("atelier/task-id"));
    assertEquals("manual__2026-11-21T10_00_00_00_00", labels.get("atelier/run-id"));
    assertEquals(null, labels.get("atelier/map-index"), "an unmapped task has no map index");
    assertEquals("lighting", job.getSpec().getTemplate().getMetadata().getLabels().get("team"));
  }

  @Test
  void run_jobFailed_failsTheTryWithTheContainersExitCode() {
    ApplicationFailure failure =
        assertThrows(
            ApplicationFailure.class,
            () ->
                activity.run(
                    call("fail", fullArgs()),
                    onBeat(
                        1,
                        () -> {
                          addPod("Failed", null, 3);
                          finish("Failed");
                        })));

    assertEquals("KubernetesJobFailed", failure.getType());
    assertTrue(
        failure.getOriginalMessage().contains("failed: container exited with code 3 (Error)"),
        failure.getOriginalMessage());
  }

  @Test
  void run_podStuckPulling_failsAfterStartupTimeoutSayingWhyAndDeletesTheJob() {
    Map<String, Object> args = fullArgs();
    args.put("startup_timeout_seconds", 1);

    ApplicationFailure failure =
        assertThrows(
            ApplicationFailure.class,
            () ->
                activity.run(
                    call("stuck", args),
                    onBeat(1, () -> addPod("Pending", "ImagePullBackOff", null))));

    assertEquals("PodStartupTimeout", failure.getType());
    assertTrue(
        failure
            .getOriginalMessage()
            .endsWith(
                "pod did not start within startup_timeout_seconds=1: ImagePullBackOff: Back-off"
                    + " pulling image"),
        failure.getOriginalMessage());
    assertNull(onlyJob(), "the Job is deleted");
  }

  @Test
  void run_podUnschedulable_failsAfterStartupTimeoutWithTheSchedulersMessage() {
    Map<String, Object> args = fullArgs();
    args.put("startup_timeout_seconds", 1);
    Runnable unschedulable =
        () ->
            controller.addUnschedulablePod(
                jobName(), "0/3 nodes are available: 3 Insufficient nvidia.com/gpu.");

    ApplicationFailure failure =
        assertThrows(
            ApplicationFailure.class,
            () -> activity.run(call("gpu_hungry", args), onBeat(1, unschedulable)));

    assertTrue(
        failure
            .getOriginalMessage()
            .endsWith("Unschedulable: 0/3 nodes are available: 3 Insufficient nvidia.com/gpu."),
        failure.getOriginalMessage());
    assertNull(onlyJob(), "the Job is deleted");
  }

  @Test
  void run_cancelledWhileRunning_deletesTheJob() {
    AtomicInteger beats = new AtomicInteger();

    assertThrows(
        ActivityCanceledException.class,
        () ->
            activity.run(
                call("cancel", fullArgs()),
                phase -> {
                  if (beats.incrementAndGet() == 1) {
                    addPod("Running", null, null);
                  } else if (beats.get() == 3) {
                    assertNotNull(onlyJob());
                    throw new ActivityCanceledException();
                  }
                }));

    assertNull(onlyJob(), "a cancelled try leaves no Job behind");
  }

  @Test
  void run_missingImage_failsWithoutRetriesNamingTheField() {
    ApplicationFailure failure =
        assertThrows(
            ApplicationFailure.class,
            () -> activity.run(call("noimage", Map.of("cmds", List.of("x"))), phase -> {}));

    assertTrue(failure.isNonRetryable());
    assertEquals(
        "image: null must be a container image name (it is required)",
        failure.getOriginalMessage());
  }

  private void setSuspended(boolean suspended) {
    controller.setSuspended(jobName(), suspended);
  }

  private static Map<String, Object> queuedArgs() {
    Map<String, Object> args = fullArgs();
    args.put("queue_name", "gpu-queue");
    args.put("startup_timeout_seconds", 1);
    return args;
  }

  @Test
  void run_queuedInKueueLongerThanTheStartupTimeout_succeedsOnceAdmitted() {
    List<String> phases = new ArrayList<>();
    long start = System.nanoTime();

    Map<String, Object> xcom =
        activity.run(
            call("queued", queuedArgs()),
            phase -> {
              phases.add(phase);
              if (phase.equals("RUNNING")) {
                finish("Complete");
              } else if (phase.equals("QUEUED") && System.nanoTime() - start > 1_500_000_000L) {
                setSuspended(false);
                addPod("Running", null, null);
              }
            });

    assertEquals(onlyJob().getMetadata().getName(), xcom.get("job_name"));
    assertEquals("QUEUED", phases.get(0), "created suspended: " + phases);
    assertTrue(phases.contains("RUNNING"), phases.toString());
  }

  @Test
  void run_evictedWhileRunning_queuedAgainWithoutFailingThenSucceeds() {
    List<String> phases = new ArrayList<>();
    AtomicInteger admissions = new AtomicInteger();
    AtomicLong queuedSince = new AtomicLong(System.nanoTime());

    activity.run(
        call("evicted", queuedArgs()),
        phase -> {
          phases.add(phase);
          if (phase.equals("QUEUED") && System.nanoTime() - queuedSince.get() > 1_200_000_000L) {
            admissions.incrementAndGet();
            setSuspended(false);
            addPod("Running", null, null);
          } else if (phase.equals("RUNNING") && admissions.get() == 1) {
            // Preempted: Kueue suspends the Job again, its pod goes; longer than the timeout.
            queuedSince.set(System.nanoTime());
            setSuspended(true);
            client.pods().inNamespace(NS).delete();
            admissions.incrementAndGet();
          } else if (phase.equals("RUNNING")) {
            finish("Complete");
          }
        });

    List<String> changes = new ArrayList<>();
    phases.forEach(
        p -> {
          if (changes.isEmpty() || !changes.get(changes.size() - 1).equals(p)) {
            changes.add(p);
          }
        });
    assertEquals(List.of("QUEUED", "RUNNING", "QUEUED", "RUNNING"), changes);
  }

  /**
   * What the task instance shows while the try waits: the phases reach {@link TryPhases} on the
   * call's own try, with Kueue's reason while the Job is suspended, and only when they change.
   */
  @Test
  void run_evictedWhileRunning_showsQueuedWithKueuesReasonOnItsTaskInstanceEachTime() {
    List<String> shown = new CopyOnWriteArrayList<>();
    KubernetesJobActivitiesImpl showing =
        new KubernetesJobActivitiesImpl(
            new KubernetesJobLauncher(client, new JobManifest(NS, null)),
            Duration.ofMillis(20),
            (instance, state, note) -> {
              shown.add(
                  instance.taskId()
                      + " try "
                      + instance.tryNumber()
                      + ": "
                      + state
                      + (note == null ? "" : " (" + note + ")"));
              return true;
            });
    AtomicInteger admissions = new AtomicInteger();
    AtomicInteger queuedPolls = new AtomicInteger();

    showing.run(
        new TaskCall(
            "render_frames",
            "manual__2026-11-21T10:00:00+00:00",
            "render",
            -1,
            2,
            queuedArgs(),
            Map.of(),
            Map.of()),
        phase -> {
          if (phase.equals("QUEUED") && queuedPolls.incrementAndGet() == 3) {
            queuedPolls.set(0);
            admissions.incrementAndGet();
            setSuspended(false);
            addPod("Running", null, null);
          } else if (phase.equals("RUNNING") && admissions.get() == 1) {
            // Preempted: Kueue suspends the Job again, says why on its Workload, the pod goes.
            setSuspended(true);
            client.pods().inNamespace(NS).delete();
            controller.addWorkload(
                jobName(),
                List.of(
                    JobController.condition(
                        "Evicted", "True", "Preempted to accommodate a higher priority Workload")));
            admissions.incrementAndGet();
          } else if (phase.equals("RUNNING")) {
            finish("Complete");
          }
        });

    assertEquals(
        List.of(
            "render try 2: queued (suspended, waiting for Kueue to admit it (no Workload yet))",
            "render try 2: running",
            "render try 2: queued (evicted: Preempted to accommodate a higher priority Workload)",
            "render try 2: running"),
        shown);
  }

  @Test
  void run_badArgumentValue_failsWithoutRetriesNamingFieldValueAndRule() {
    Map<String, Object> args = fullArgs();
    args.put("active_deadline_seconds", "soon");

    ApplicationFailure failure =
        assertThrows(ApplicationFailure.class, () -> activity.run(call("bad", args), p -> {}));

    assertTrue(failure.isNonRetryable());
    assertEquals(
        "active_deadline_seconds: 'soon' must be a whole number of seconds, at least 1",
        failure.getOriginalMessage());
    assertNull(onlyJob(), "nothing was created");
  }
}
