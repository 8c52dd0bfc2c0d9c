package dev.atelier.workflows.temporal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atelier.workflows.activities.OperatorActivities;
import dev.atelier.workflows.dsl.ActivityOperator;
import dev.atelier.workflows.dsl.Dag;
import dev.atelier.workflows.dsl.DagBuilder;
import dev.atelier.workflows.dsl.FunctionTask;
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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Pools shared by every run, priority weights when slots are scarce, per-run concurrency caps. */
class PoolTest {
  @RegisterExtension
  static final TestWorkflowExtension TEMPORAL =
      TestWorkflowExtension.newBuilder()
          .registerWorkflowImplementationTypes(AtelierWorkflows.implementations())
          .setDoNotStart(true)
          .build();

  private final RecordingPersistence persistence = new RecordingPersistence();
  private final Concurrency gpu = new Concurrency();

  private void start(TestWorkflowEnvironment env, Worker worker, Dag... dags) {
    worker.registerActivitiesImplementations(
        persistence, new FunctionRunner(dags), new TestPools(Map.of("gpu", 1)));
    env.start();
  }

  private static WorkflowStub trigger(WorkflowClient client, Worker worker, Dag dag, String runId) {
    DagRunWorkflow wf = Runs.stub(client, worker, dag, runId);
    WorkflowClient.start(wf::run, Runs.input(dag, runId, Map.of(), null));
    return WorkflowStub.fromTyped(wf);
  }

  /**
   *
   *
   * <pre>
   *   run 1:  train[0] train[1] train[2]      (pool gpu)
   *   run 2:  train[0] train[1] train[2]      (pool gpu)        gpu = 1 slot
   * </pre>
   */
  @Test
  void aOneSlotGpuPoolRunsOneGpuTaskAtATimeAcrossDagRuns(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    DagBuilder b = Dag.builder("gpu_jobs");
    b.add(new FunctionTask("train", gpu.busy(150)))
        .expand(Kwargs.of("seed", List.of(1, 2, 3)))
        .pool("gpu");
    Dag dag = b.build();
    start(env, worker, dag);

    WorkflowStub first = trigger(client, worker, dag, "run_1");
    WorkflowStub second = trigger(client, worker, dag, "run_2");

    assertEquals("success", first.getResult(DagRunResult.class).state());
    assertEquals("success", second.getResult(DagRunResult.class).state());
    assertEquals(6, gpu.started.size());
    assertEquals(1, gpu.max.get(), "GPU tasks running at once");
  }

  /**
   *
   *
   * <pre>
   *   run 1:  prepare_dataset ──▶ train[0] train[1]   (TrainOperator, pool gpu, 2 trials at once)
   *   run 2:  prepare_dataset ──▶ train[0] train[1]                      gpu = 1 slot
   * </pre>
   */
  @Test
  void aGpuPoolCapsTrainingTrialsAcrossSweepsOfDifferentRuns(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    DagBuilder b = Dag.builder("gpu_sweep");
    Task prepare =
        b.add(
            new ActivityOperator("prepare_dataset", OperatorActivities.PREPARE_DATASET)
                .arg("path", "/data/emoji")
                .arg("image_size", 32));
    Task train =
        b.add(
                TrainOperator.partial(
                        "train", Kwargs.of("steps", 10, "max_parallel_trials", 2, "gpus", 1))
                    .expand(Kwargs.of("lr", List.of(0.0001, 0.0002))))
            .pool("gpu");
    prepare.then(train);
    Dag dag = b.build();
    FakeTrials trials = new FakeTrials();
    trials.holdMillis = 150;
    worker.registerActivitiesImplementations(new FakeOperators(), new FakeTracking(), trials);
    start(env, worker, dag);

    WorkflowStub first = trigger(client, worker, dag, "run_1");
    WorkflowStub second = trigger(client, worker, dag, "run_2");

    assertEquals("success", first.getResult(DagRunResult.class).state());
    assertEquals("success", second.getResult(DagRunResult.class).state());
    assertEquals(4, trials.launched.size());
    assertEquals(1, trials.maxRunning.get(), "GPU trials running at once");
  }

  /**
   *
   *
   * <pre>
   *   hog (holds the only gpu slot) … then, waiting for it:
   *   low (priority_weight 1)   high (priority_weight 10)   mid (priority_weight 5)
   * </pre>
   */
  @Test
  void whenSlotsAreScarceTheHighestPriorityWeightGoesFirst(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) throws Exception {
    CountDownLatch hogRunning = new CountDownLatch(1);
    CountDownLatch releaseHog = new CountDownLatch(1);
    Dag hog =
        single(
            "hog",
            new FunctionTask(
                "hog",
                ctx -> {
                  hogRunning.countDown();
                  releaseHog.await(30, TimeUnit.SECONDS);
                  return null;
                }),
            1);
    Dag low = single("low", new FunctionTask("low", gpu.busy(0)), 1);
    Dag high = single("high", new FunctionTask("high", gpu.busy(0)), 10);
    Dag mid = single("mid", new FunctionTask("mid", gpu.busy(0)), 5);
    start(env, worker, hog, low, high, mid);

    WorkflowStub hogRun = trigger(client, worker, hog, "r");
    assertTrue(hogRunning.await(30, TimeUnit.SECONDS));
    List<WorkflowStub> waiting =
        List.of(
            trigger(client, worker, low, "r"),
            trigger(client, worker, high, "r"),
            trigger(client, worker, mid, "r"));
    PoolWorkflow pool = client.newWorkflowStub(PoolWorkflow.class, PoolWorkflow.workflowId("gpu"));
    long deadline = System.currentTimeMillis() + 30_000;
    while (pool.status().waiting().size() < 3 && System.currentTimeMillis() < deadline) {
      Thread.sleep(50);
    }
    assertEquals(List.of("high/r/high", "mid/r/mid", "low/r/low"), pool.status().waiting());
    releaseHog.countDown();

    hogRun.getResult(DagRunResult.class);
    waiting.forEach(w -> w.getResult(DagRunResult.class));
    assertEquals(List.of("high", "mid", "low"), gpu.started);
  }

  private static Dag single(String dagId, FunctionTask task, int priorityWeight) {
    DagBuilder b = Dag.builder(dagId);
    b.add(task).pool("gpu").priorityWeight(priorityWeight);
    return b.build();
  }

  /**
   *
   *
   * <pre>  t0  t1  t2  t3  t4    (max_active_tasks = 2)  </pre>
   */
  @Test
  void maxActiveTasksCapsTheTasksOfOneRunRunningAtOnce(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    DagBuilder b = Dag.builder("capped").maxActiveTasks(2);
    for (int i = 0; i < 5; i++) {
      b.add(new FunctionTask("t" + i, gpu.busy(150)));
    }
    Dag dag = b.build();
    start(env, worker, dag);

    assertEquals("success", Runs.run(client, worker, dag).state());
    assertEquals(5, gpu.started.size());
    assertEquals(2, gpu.max.get(), "tasks running at once");
  }

  /**
   *
   *
   * <pre>  train[0..3]    (max_active_tis_per_dagrun = 1)  </pre>
   */
  @Test
  void maxActiveTisPerDagrunRunsOneMappedInstanceAtATime(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    DagBuilder b = Dag.builder("one_at_a_time");
    b.add(new FunctionTask("train", gpu.busy(100)))
        .expand(Kwargs.of("seed", List.of(1, 2, 3, 4)))
        .maxActiveTisPerDagrun(1);
    Dag dag = b.build();
    start(env, worker, dag);

    assertEquals("success", Runs.run(client, worker, dag).state());
    assertEquals(List.of("train[0]", "train[1]", "train[2]", "train[3]"), gpu.started);
    assertEquals(1, gpu.max.get());
  }

  /**
   *
   *
   * <pre>  render (pool "tpu", which is not configured)  </pre>
   */
  @Test
  void aTaskInAnUnknownPoolFailsNamingThePoolAndTheConfiguredOnes(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    DagBuilder b = Dag.builder("no_such_pool");
    b.add(new FunctionTask("render", gpu.busy(0))).pool("tpu").retries(2);
    Dag dag = b.build();
    start(env, worker, dag);

    assertEquals(Map.of("render", "failed"), Runs.run(client, worker, dag).taskStates());
    assertEquals(
        "pool 'tpu' does not exist (configured pools: {gpu=1}); set ATELIER_POOLS, e.g."
            + " gpu=2,default_pool=128",
        persistence.last("render", -1).note());
    assertTrue(gpu.started.isEmpty());
  }
}
