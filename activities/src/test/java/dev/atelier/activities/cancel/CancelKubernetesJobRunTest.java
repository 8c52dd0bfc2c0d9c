package dev.atelier.activities.cancel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.atelier.activities.jobs.JobManifest;
import dev.atelier.activities.jobs.KubernetesJobLauncher;
import dev.atelier.activities.operators.KubernetesJobActivitiesImpl;
import dev.atelier.workflows.dsl.Dag;
import dev.atelier.workflows.dsl.DagBuilder;
import dev.atelier.workflows.dsl.KubernetesJobOperator;
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
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The real RunKubernetesJob activity under a Dag run on the test server, against fabric8's CRUD
 * mock: cancelling the run reaches the activity through its heartbeat and deletes the Job before
 * the run's workflow closes.
 *
 * <pre>  render (KubernetesJobOperator) ─ Job ─ cancel ─▶ no Job left, instance failed (cancelled)
 * </pre>
 */
@EnableKubernetesMockClient(crud = true)
class CancelKubernetesJobRunTest {
  static KubernetesClient client;
  private static final String NS = "render";

  private final TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance();
  private final CancelDagRunTest.Recorded persistence = new CancelDagRunTest.Recorded();

  @AfterEach
  void close() {
    env.close();
  }

  private static List<Job> jobs() {
    return client.batch().v1().jobs().inNamespace(NS).list().getItems();
  }

  @Test
  void cancel_runningJob_deletesItBeforeTheRunCloses() throws Exception {
    DagBuilder b = Dag.builder("render_cancel");
    b.add(new KubernetesJobOperator("render", "studio/render:1.4").cmds("render")).retries(3);
    Dag dag = b.build();
    Worker worker = env.newWorker(AtelierWorkflows.TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(AtelierWorkflows.implementations());
    worker.registerActivitiesImplementations(
        persistence,
        new KubernetesJobActivitiesImpl(
            new KubernetesJobLauncher(client, new JobManifest(NS, null)), Duration.ofMillis(100)));
    env.start();
    String runId = "manual__2026-11-22T06:00:00+00:00";
    DagRunWorkflow run =
        env.getWorkflowClient()
            .newWorkflowStub(
                DagRunWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setTaskQueue(AtelierWorkflows.TASK_QUEUE)
                    .setWorkflowId(AtelierWorkflows.workflowId(dag.dagId(), runId))
                    .build());
    WorkflowClient.start(
        run::run,
        new DagRunInput(dag.dagId(), runId, "2026-11-22T06:00:00Z", Map.of(), dag.toSpec()));
    WorkflowStub stub = WorkflowStub.fromTyped(run);
    Instant deadline = Instant.now().plusSeconds(60);
    while (jobs().isEmpty() && Instant.now().isBefore(deadline)) {
      Thread.sleep(100);
    }
    assertEquals(1, jobs().size(), "the try created its Job");

    stub.cancel("Dag run deleted through the REST API");

    WorkflowFailedException failed =
        assertThrows(
            WorkflowFailedException.class,
            () -> stub.getResult(90, TimeUnit.SECONDS, DagRunResult.class));
    assertInstanceOf(CanceledFailure.class, failed.getCause());
    assertEquals(List.of(), jobs(), "the Job is deleted before the run's workflow closes");
    assertEquals("failed: cancelled: the Dag run was stopped", persistence.lastNote("render", -1));
  }
}
