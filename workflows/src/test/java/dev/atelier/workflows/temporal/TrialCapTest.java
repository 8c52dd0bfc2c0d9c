package dev.atelier.workflows.temporal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atelier.workflows.activities.OperatorActivities;
import dev.atelier.workflows.activities.TaskInstanceRecord;
import dev.atelier.workflows.dsl.ActivityOperator;
import dev.atelier.workflows.dsl.Dag;
import dev.atelier.workflows.dsl.DagBuilder;
import dev.atelier.workflows.dsl.Kwargs;
import dev.atelier.workflows.dsl.Task;
import dev.atelier.workflows.dsl.TrainOperator;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The cap on trials running at once across every sweep and Dag run ({@link TrialSlots}): each
 * trial's try takes a slot of the built-in trial pool that the run names, waits {@code queued} for
 * one rather than failing, and runs once it has one.
 *
 * <pre>
 *   dag a:  prepare_dataset ──▶ train[0] train[1]   (max_parallel_trials 2, no task pool)
 *   dag b:  prepare_dataset ──▶ train[0] train[1]   (max_parallel_trials 2, no task pool)
 * </pre>
 */
class TrialCapTest {
  @RegisterExtension
  static final TestWorkflowExtension TEMPORAL =
      TestWorkflowExtension.newBuilder()
          .registerWorkflowImplementationTypes(AtelierWorkflows.implementations())
          .setDoNotStart(true)
          .build();

  private final RecordingPersistence persistence = new RecordingPersistence();
  private final FakeTrials trials = new FakeTrials();

  @Test
  void withTheCapAtOneTwoSweepsTrialsNeverOverlapAndTheWaitingOnesAreQueued(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    start(env, worker, 1);

    WorkflowStub a = trigger(client, worker, sweep("sweep_a"), TrialSlots.POOL);
    WorkflowStub b = trigger(client, worker, sweep("sweep_b"), TrialSlots.POOL);

    assertEquals("success", a.getResult(DagRunResult.class).state());
    assertEquals("success", b.getResult(DagRunResult.class).state());
    assertEquals(4, trials.launched.size());
    assertEquals(1, trials.maxRunning.get(), "trials running at once");
    List<TaskInstanceRecord> waited =
        persistence.records.stream()
            .filter(r -> r.taskId().equals("train") && "queued".equals(r.state()))
            .filter(r -> TrialSlots.WAITING.equals(r.note()))
            .toList();
    assertEquals(4, waited.size(), "each trial's try is queued for a slot first: " + waited);
    for (String dag : List.of("sweep_a", "sweep_b")) {
      for (int i = 0; i < 2; i++) {
        int mapIndex = i;
        TaskInstanceRecord last =
            persistence.records.stream()
                .filter(r -> r.dagId().equals(dag) && r.mapIndex() == mapIndex)
                .filter(r -> r.taskId().equals("train"))
                .reduce((x, y) -> y)
                .orElseThrow();
        assertEquals("success", last.state(), last.toString());
      }
    }
  }

  @Test
  void withTheCapAtTwoTwoTrialsRunAtOnceAndNoMore(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    start(env, worker, 2);

    WorkflowStub a = trigger(client, worker, sweep("sweep_a"), TrialSlots.POOL);
    WorkflowStub b = trigger(client, worker, sweep("sweep_b"), TrialSlots.POOL);

    assertEquals("success", a.getResult(DagRunResult.class).state());
    assertEquals("success", b.getResult(DagRunResult.class).state());
    assertEquals(4, trials.launched.size());
    assertTrue(trials.maxRunning.get() <= 2, "trials at once: " + trials.maxRunning.get());
  }

  /** A run that names no trial pool (started before the cap, or by a test) is not capped. */
  @Test
  void aRunThatNamesNoTrialPoolIsNotCapped(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    start(env, worker, 1);

    WorkflowStub a = trigger(client, worker, sweep("sweep_a"), null);
    WorkflowStub b = trigger(client, worker, sweep("sweep_b"), null);

    assertEquals("success", a.getResult(DagRunResult.class).state());
    assertEquals("success", b.getResult(DagRunResult.class).state());
    assertTrue(trials.maxRunning.get() > 1, "trials at once: " + trials.maxRunning.get());
  }

  private void start(TestWorkflowEnvironment env, Worker worker, int cap) {
    trials.holdMillis = 300;
    worker.registerActivitiesImplementations(
        persistence,
        new FakeOperators(),
        new FakeTracking(),
        trials,
        new TestPools(Map.of(TrialSlots.POOL, cap)));
    env.start();
  }

  private static Dag sweep(String dagId) {
    DagBuilder b = Dag.builder(dagId);
    Task prepare =
        b.add(
            new ActivityOperator("prepare_dataset", OperatorActivities.PREPARE_DATASET)
                .arg("path", "/data/emoji")
                .arg("image_size", 32));
    Task train =
        b.add(
            TrainOperator.partial("train", Kwargs.of("steps", 10, "max_parallel_trials", 2))
                .expand(Kwargs.of("lr", List.of(0.0001, 0.0002))));
    prepare.then(train);
    return b.build();
  }

  private static WorkflowStub trigger(
      WorkflowClient client, Worker worker, Dag dag, String trialPool) {
    DagRunWorkflow wf = Runs.stub(client, worker, dag, "run_1");
    DagRunInput in = Runs.input(dag, "run_1", Map.of(), null);
    WorkflowClient.start(
        wf::run,
        new DagRunInput(
            in.dagId(),
            in.runId(),
            in.logicalDate(),
            in.params(),
            in.dag(),
            in.conf(),
            in.dataIntervalStart(),
            in.dataIntervalEnd(),
            null,
            null,
            trialPool));
    return WorkflowStub.fromTyped(wf);
  }
}
