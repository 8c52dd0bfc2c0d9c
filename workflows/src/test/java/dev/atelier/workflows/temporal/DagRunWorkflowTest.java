package dev.atelier.workflows.temporal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.atelier.workflows.activities.OperatorActivities;
import dev.atelier.workflows.activities.TaskCall;
import dev.atelier.workflows.activities.TaskInstanceRecord;
import dev.atelier.workflows.activities.TrialRequest;
import dev.atelier.workflows.dags.EmojiDcganSweep;
import dev.atelier.workflows.dsl.ActivityOperator;
import dev.atelier.workflows.dsl.Dag;
import dev.atelier.workflows.dsl.DagBuilder;
import dev.atelier.workflows.dsl.DefaultArgs;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.CanceledFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The demo sweep run on Temporal's in-memory test server with activities faked.
 *
 * <pre>
 *   prepare_dataset ──▶ train[0] ─┐
 *                   ├─▶ train[1] ─┤
 *                   ├─▶ train[2] ─┼──▶ pick_best (all_done)
 *                   └─▶ train[3] ─┘
 *        map index = (lr, latent_dim): 0 = (1e-4, 32), 1 = (1e-4, 64), 2 = (2e-4, 32), 3 = (2e-4, 64)
 * </pre>
 */
class DagRunWorkflowTest {
  static final String RUN_ID = "manual__2026-11-21T10:00:00";

  @RegisterExtension
  static final TestWorkflowExtension TEMPORAL =
      TestWorkflowExtension.newBuilder()
          .registerWorkflowImplementationTypes(AtelierWorkflows.implementations())
          .setDoNotStart(true)
          .build();

  private final RecordingPersistence persistence = new RecordingPersistence();
  private final FakeTracking tracking = new FakeTracking();
  private final FakeOperators operators = new FakeOperators();
  private final FakeTrials trials = new FakeTrials();
  private final Dag dag = new EmojiDcganSweep("/data/emoji").define();

  private DagRunWorkflow start(TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    // The demo Dag ends with a review; nobody answers it here, so its 7-day timeout (skipped)
    // rejects by default and the run succeeds.
    worker.registerActivitiesImplementations(
        persistence, tracking, operators, trials, new FakeReviews());
    env.start();
    return client.newWorkflowStub(
        DagRunWorkflow.class,
        WorkflowOptions.newBuilder()
            .setTaskQueue(worker.getTaskQueue())
            .setWorkflowId(AtelierWorkflows.workflowId(dag.dagId(), RUN_ID))
            .build());
  }

  private DagRunInput input(Map<String, Object> conf) {
    return new DagRunInput(
        dag.dagId(), RUN_ID, "2026-11-21T10:00:00Z", dag.params().resolve(conf), dag.toSpec());
  }

  @Test
  void theDemoSweepRunsFourTrialsAndPicksTheBest(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) throws Exception {
    DagRunResult result = start(env, worker, client).run(input(Map.of()));

    assertEquals("success", result.state());
    assertEquals(
        Map.of(
            "prepare_dataset", "success",
            "train[0]", "success",
            "train[1]", "success",
            "train[2]", "success",
            "train[3]", "success",
            "pick_best", "success",
            "review", "success"),
        result.taskStates());
    assertEquals(List.of("running", "success"), persistence.runStates);

    List<TrialRequest> launched =
        trials.launched.stream()
            .sorted((a, b) -> Integer.compare(a.mapIndex(), b.mapIndex()))
            .toList();
    assertEquals(4, launched.size());
    TrialRequest second = launched.get(1);
    assertEquals(
        Map.of(
            "model", "dcgan32",
            "steps", 300,
            "batch_size", 64,
            "sample_every", 100,
            "lr", 0.0001,
            "latent_dim", 64),
        second.hyperparams());
    assertEquals("/data/emoji", second.dataset().get("path"));
    assertEquals(32, second.dataset().get("image_size"));
    assertEquals(1234L, second.probeSeed());
    assertEquals("parent-1", second.parentRunId());
    assertEquals("atelier/emoji_dcgan_sweep", second.experimentName());
    assertEquals(0.0002, launched.get(3).hyperparams().get("lr"));

    TaskCall pick = operators.pickBestCalls.get(0);
    assertEquals(4, ((List<?>) pick.upstream().get("train")).size());
    assertEquals(
        Map.of("mlflow_run_id", "run-3", "map_index", 3, "metric", "fd_diag_rgb8", "value", 7.0),
        new ObjectMapper().readValue(persistence.last("pick_best", -1).xcomJson(), Map.class));
    assertEquals(List.of("parent-1:FINISHED"), tracking.finished);
    assertEquals(4, tracking.sweeps.get(0).trialCount());
    for (int i = 0; i < 4; i++) {
      assertEquals(
          List.of("scheduled", "running", "running", "success"), persistence.statesOf("train", i));
      assertEquals("run-" + i, persistence.last("train", i).mlflowRunId());
    }
    assertEquals(
        List.of("scheduled", "queued", "running", "success"),
        persistence.statesOf("prepare_dataset", -1));
  }

  @Test
  void aBadSpecTrialFailsWithItsReasonWhilePickBestStillPicksAmongTheOthers(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    trials.endWith(1, "BAD_SPEC");
    DagRunResult result = start(env, worker, client).run(input(Map.of()));

    assertEquals("failed", result.taskStates().get("train[1]"));
    assertEquals("success", result.taskStates().get("train[0]"));
    assertEquals("success", result.taskStates().get("pick_best"));
    // Airflow's leaf rule: the run succeeds because its leaf, pick_best, did.
    assertEquals("success", result.state());
    TaskInstanceRecord failed = persistence.last("train", 1);
    assertEquals("failed", failed.state());
    assertEquals("BAD_SPEC: dataset.path: '/data/emoji' holds no images", failed.note());
    assertEquals("run-1", failed.mlflowRunId());
    assertEquals(4, ((List<?>) operators.pickBestCalls.get(0).upstream().get("train")).size());
    assertEquals(List.of("parent-1:FINISHED"), tracking.finished);
  }

  @Test
  void anInterruptedTrialIsLaunchedAgainAsItsNextTry(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    trials.endWith(2, "INTERRUPTED");
    DagRunResult result = start(env, worker, client).run(input(Map.of()));

    assertEquals("success", result.taskStates().get("train[2]"));
    assertEquals(2, trials.launched.stream().filter(r -> r.mapIndex() == 2).count());
    assertEquals(
        List.of("scheduled", "running", "running", "up_for_retry", "running", "running", "success"),
        persistence.statesOf("train", 2));
    assertEquals(2, persistence.last("train", 2).tryNumber());
  }

  @Test
  void aMissingDatasetFailsPrepareAndNoTrialStarts(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    operators.datasetMissing = true;
    DagRunResult result = start(env, worker, client).run(input(Map.of()));

    assertEquals("failed", result.state());
    assertEquals(
        Map.of(
            "prepare_dataset", "failed",
            "train", "upstream_failed",
            "pick_best", "failed",
            "review", "failed"),
        result.taskStates());
    assertEquals(
        "dataset.path: '/data/emoji' does not exist",
        persistence.last("prepare_dataset", -1).note());
    assertEquals(1, operators.prepareCalls.size());
    assertTrue(trials.launched.isEmpty());
    assertEquals(List.of("running", "failed"), persistence.runStates);
  }

  @Test
  void airflowRetriesRetryAFailedOperatorWithTheNextTryNumber(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    operators.prepareFailuresLeft.set(1);
    DagBuilder builder =
        Dag.builder("retrying")
            .defaultArgs(
                DefaultArgs.defaults().withRetries(2).withRetryDelay(Duration.ofMinutes(5)));
    builder.add(
        new ActivityOperator("prepare_dataset", OperatorActivities.PREPARE_DATASET)
            .arg("path", "/data/emoji")
            .arg("image_size", 32));
    DagRunResult result =
        start(env, worker, client)
            .run(
                new DagRunInput(
                    "retrying",
                    RUN_ID,
                    "2026-11-21T10:00:00Z",
                    Map.of(),
                    builder.build().toSpec()));

    assertEquals("success", result.state());
    assertEquals(
        List.of("scheduled", "queued", "running", "up_for_retry", "queued", "running", "success"),
        persistence.statesOf("prepare_dataset", -1));
    TaskInstanceRecord last = persistence.last("prepare_dataset", -1);
    assertEquals(2, last.tryNumber());
    assertTrue(
        last.endMillis() - last.startMillis() >= 300_000, "retry_delay of 5 min was honoured");
    assertEquals(List.of(1, 2), operators.prepareCalls.stream().map(TaskCall::tryNumber).toList());
  }

  @Test
  void cancellingTheRunStopsTheRunningTrials(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) throws Exception {
    trials.runUntilCancelled = true;
    trials.awaiting = new CountDownLatch(2);
    DagRunWorkflow wf = start(env, worker, client);
    WorkflowClient.start(wf::run, input(Map.of()));
    assertTrue(trials.awaiting.await(30, TimeUnit.SECONDS), "two trials should be running");

    WorkflowStub stub = WorkflowStub.fromTyped(wf);
    stub.cancel();
    WorkflowFailedException e =
        assertThrows(WorkflowFailedException.class, () -> stub.getResult(DagRunResult.class));

    assertInstanceOf(CanceledFailure.class, e.getCause());
    // max_parallel_trials = 2: trials 0 and 1 were running, 2 and 3 never started.
    assertEquals(Set.of(0, 1), Set.copyOf(trials.cancelled));
    assertEquals(2, trials.launched.size());
    for (int i = 0; i < 2; i++) {
      TaskInstanceRecord last = persistence.last("train", i);
      assertEquals("failed", last.state());
      assertEquals("cancelled: the Dag run was stopped", last.note());
    }
    assertEquals(List.of("scheduled"), persistence.statesOf("train", 3));
    assertEquals(List.of("parent-1:KILLED"), tracking.finished);
    assertEquals(List.of("running", "failed"), persistence.runStates);
  }
}
