package dev.atelier.activities.cancel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atelier.activities.Services;
import dev.atelier.activities.functions.TaskFunctionActivitiesImpl;
import dev.atelier.activities.jobs.JobManifest;
import dev.atelier.activities.jobs.KubernetesJobLauncher;
import dev.atelier.activities.mlflow.TrackingActivitiesImpl;
import dev.atelier.activities.trials.TrainerResources;
import dev.atelier.activities.trials.TrialActivitiesImpl;
import dev.atelier.activities.trials.TrialJobSettings;
import dev.atelier.workflows.activities.PersistenceActivities;
import dev.atelier.workflows.activities.TaskInstanceRecord;
import dev.atelier.workflows.dsl.Dag;
import dev.atelier.workflows.dsl.DagBuilder;
import dev.atelier.workflows.dsl.FunctionTask;
import dev.atelier.workflows.dsl.Kwargs;
import dev.atelier.workflows.dsl.TaskFunctionRegistry;
import dev.atelier.workflows.dsl.TrainOperator;
import dev.atelier.workflows.temporal.AtelierWorkflows;
import dev.atelier.workflows.temporal.DagRunInput;
import dev.atelier.workflows.temporal.DagRunResult;
import dev.atelier.workflows.temporal.DagRunWorkflow;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.CanceledFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cancelling a Dag run (what {@code PATCH state=failed} and {@code DELETE} of a run do through
 * {@code DagRunWorkflows.cancelAndAwait}) stops its sweep's trials and deletes their Kubernetes
 * Jobs before the run's workflow closes, and records each instance as cancelled.
 *
 * <pre>
 *   dataset ──▶ train[0] ─ Job ─┐
 *           └─▶ train[1] ─ Job ─┴─ cancel ─▶ no Jobs left, both instances failed (cancelled)
 * </pre>
 */
@EnableKubernetesMockClient(crud = true)
class CancelDagRunTest {
  static KubernetesClient client;
  private static final String NS = "atelier";

  @TempDir Path workDir;

  private final TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance();
  private final Recorded persistence = new Recorded();
  private final String dagId = "test_cancel_" + UUID.randomUUID().toString().substring(0, 8);

  @AfterEach
  void close() {
    env.close();
  }

  /** The task instances' records, kept in order. */
  static final class Recorded implements PersistenceActivities {
    final List<TaskInstanceRecord> records = new CopyOnWriteArrayList<>();

    @Override
    public void recordTaskInstance(TaskInstanceRecord record) {
      records.add(record);
    }

    @Override
    public void recordTaskInstances(List<TaskInstanceRecord> batch) {
      records.addAll(batch);
    }

    @Override
    public void recordDagRunState(String dagId, String runId, String state, long atMillis) {}

    String lastNote(String taskId, int mapIndex) {
      return records.stream()
          .filter(r -> r.taskId().equals(taskId) && r.mapIndex() == mapIndex)
          .reduce((a, b) -> b)
          .map(r -> r.state() + ": " + r.note())
          .orElse("none");
    }
  }

  private Dag dag(int trials) {
    DagBuilder b = Dag.builder(dagId);
    var dataset =
        b.add(new FunctionTask("dataset", ctx -> Map.of("path", "/data/emoji", "version", "v1")));
    var train =
        b.add(
            TrainOperator.partial(
                    "train", Kwargs.of("steps", 5, "image_size", 32, "latent_dim", 64))
                .expand(Kwargs.of("lr", trials == 1 ? List.of(1e-4) : List.of(1e-4, 2e-4))));
    dataset.then(train);
    return b.build();
  }

  private WorkflowStub start(Dag dag, GatedLauncher launcher) {
    Worker worker = env.newWorker(AtelierWorkflows.TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(AtelierWorkflows.implementations());
    worker.registerActivitiesImplementations(
        persistence,
        new TaskFunctionActivitiesImpl(TaskFunctionRegistry.of(List.of(dag))),
        new TrackingActivitiesImpl(Services.mlflow()),
        new TrialActivitiesImpl(
            Services.mlflow(),
            launcher,
            TrialJobSettings.kubernetes(
                List.of("java", "dev.atelier.trainers.TrainerMain"),
                "atelier/trainer:test",
                TrainerResources.defaults(),
                Map.of(),
                null,
                null),
            workDir,
            Services.env("ATELIER_MLFLOW_URI"),
            OptionalInt.empty(),
            Duration.ofMillis(100)));
    env.start();
    WorkflowClient temporal = env.getWorkflowClient();
    String runId = "manual__2026-11-22T06:00:00+00:00";
    DagRunWorkflow run =
        temporal.newWorkflowStub(
            DagRunWorkflow.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(AtelierWorkflows.TASK_QUEUE)
                .setWorkflowId(AtelierWorkflows.workflowId(dagId, runId))
                .build());
    WorkflowClient.start(
        run::run, new DagRunInput(dagId, runId, "2026-11-22T06:00:00Z", Map.of(), dag.toSpec()));
    return WorkflowStub.fromTyped(run);
  }

  private static GatedLauncher kubernetes(boolean gated) {
    return new GatedLauncher(new KubernetesJobLauncher(client, new JobManifest(NS, null)), gated);
  }

  private static List<Job> jobs() {
    return client.batch().v1().jobs().inNamespace(NS).list().getItems();
  }

  private static void awaitJobs(int n) throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(60);
    while (jobs().size() < n) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("expected " + n + " Jobs, saw " + jobs().size());
      }
      Thread.sleep(100);
    }
  }

  private static void assertCancelled(WorkflowStub run) {
    WorkflowFailedException failed =
        assertThrows(
            WorkflowFailedException.class,
            () -> run.getResult(90, TimeUnit.SECONDS, DagRunResult.class));
    assertInstanceOf(CanceledFailure.class, failed.getCause());
  }

  @Test
  void cancel_runningSweep_deletesEveryJobItStarted() throws Exception {
    jobs().forEach(j -> client.resource(j).delete());
    GatedLauncher launcher = kubernetes(false);
    WorkflowStub run = start(dag(2), launcher);
    awaitJobs(2);

    run.cancel("Dag run deleted through the REST API");

    assertCancelled(run);
    assertEquals(2, launcher.launched.size());
    assertEquals(List.of(), jobs(), "the run's Jobs are deleted before its workflow closes");
    assertEquals("failed: cancelled: the Dag run was stopped", persistence.lastNote("train", 0));
    assertEquals("failed: cancelled: the Dag run was stopped", persistence.lastNote("train", 1));
  }

  /** A cancel that arrives while the Job is being created still finds and deletes it. */
  @Test
  void cancel_whileAJobIsBeingLaunched_deletesItOnceLaunched() throws Exception {
    jobs().forEach(j -> client.resource(j).delete());
    GatedLauncher launcher = kubernetes(true);
    WorkflowStub run = start(dag(1), launcher);
    assertTrue(launcher.entered.await(60, TimeUnit.SECONDS), "the launch began");

    run.cancel("marked failed through the REST API");
    Thread.sleep(500); // let the cancel reach the workflow while the launch is held
    launcher.gate.countDown();

    assertCancelled(run);
    Instant deadline = Instant.now().plusSeconds(30);
    while (launcher.launched.isEmpty() && Instant.now().isBefore(deadline)) {
      Thread.sleep(100); // a launch the workflow stopped waiting for may still be finishing
    }
    assertEquals(1, launcher.launched.size(), "the held launch created its Job");
    assertEquals(List.of(), jobs(), "and the cancelled run deleted it");
    assertEquals("failed: cancelled: the Dag run was stopped", persistence.lastNote("train", 0));
  }
}
