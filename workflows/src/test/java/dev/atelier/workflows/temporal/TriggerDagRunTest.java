package dev.atelier.workflows.temporal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.atelier.workflows.activities.XComEntry;
import dev.atelier.workflows.dsl.Dag;
import dev.atelier.workflows.dsl.DagBuilder;
import dev.atelier.workflows.dsl.FunctionTask;
import dev.atelier.workflows.dsl.Kwargs;
import dev.atelier.workflows.dsl.Param;
import dev.atelier.workflows.dsl.Params;
import dev.atelier.workflows.dsl.TriggerDagRunOperator;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** TriggerDagRunOperator: another Dag's run, its conf checked, waited for when asked. */
class TriggerDagRunTest {
  @RegisterExtension
  static final TestWorkflowExtension TEMPORAL =
      TestWorkflowExtension.newBuilder()
          .registerWorkflowImplementationTypes(AtelierWorkflows.implementations())
          .setDoNotStart(true)
          .build();

  private final RecordingPersistence persistence = new RecordingPersistence();

  /** {@code retrain}: one task returning its params' {@code lr}. */
  private static Dag retrain() {
    DagBuilder b =
        Dag.builder("retrain")
            .params(Params.builder().param("lr", Param.number(0.001).exclusiveMinimum(0)).build());
    b.add(new FunctionTask("fit", ctx -> ctx.params().get("lr")));
    return b.build();
  }

  private static Dag controller(Map<String, Object> conf, boolean wait) {
    DagBuilder b = Dag.builder("controller");
    b.add(new TriggerDagRunOperator("kick_off", "retrain"))
        .conf(conf)
        .triggerRunId("from_controller")
        .waitForCompletion(wait);
    return b.build();
  }

  private TestTriggers triggers;

  private void start(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client, Dag controller) {
    Dag retrain = retrain();
    if (triggers == null) {
      triggers = new TestTriggers(client, worker.getTaskQueue(), retrain);
    }
    worker.registerActivitiesImplementations(
        persistence, new FunctionRunner(controller, retrain), new TestPools(Map.of()), triggers);
    env.start();
  }

  private DagRunResult run(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client, Dag controller) {
    start(env, worker, client, controller);
    return Runs.run(client, worker, controller);
  }

  /**
   *
   *
   * <pre>  controller: kick_off ══▶ retrain: fit      (conf {lr: 0.01}, wait_for_completion)
   * </pre>
   */
  @Test
  void theTriggeredRunGetsItsConfAndTheTriggerWaitsForIt(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    DagRunResult result = run(env, worker, client, controller(Kwargs.of("lr", 0.01), true));

    assertEquals(Map.of("kick_off", "success"), result.taskStates());
    assertEquals("0.01", persistence.last("fit", -1).xcomJson());
    assertEquals("retrain", persistence.last("fit", -1).dagId());
    assertEquals("from_controller", persistence.last("fit", -1).runId());
    DagRunResult triggered =
        client
            .newUntypedWorkflowStub(AtelierWorkflows.workflowId("retrain", "from_controller"))
            .getResult(DagRunResult.class);
    assertEquals(Map.of("fit", "success"), triggered.taskStates());
    assertEquals(
        List.of(new XComEntry("kick_off", -1, "trigger_run_id", "from_controller")),
        client
            .newWorkflowStub(
                DagRunWorkflow.class, AtelierWorkflows.workflowId("controller", "manual__1"))
            .xcomEntries());
  }

  /**
   * The triggered run goes through the app's admission: while {@code retrain} is paused it waits,
   * queued, and a waiting trigger keeps looking every poke_interval until it has run.
   *
   * <pre>
   *   controller: kick_off ══▶ retrain (paused: queued) ·· 10 min ·· unpaused ──▶ fit ──▶ success
   * </pre>
   */
  @Test
  void aTriggerOfAPausedDagWaitsQueuedUntilItIsUnpaused(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    Dag retrain = retrain();
    triggers = new TestTriggers(client, worker.getTaskQueue(), retrain).pause("retrain");
    Dag controller = controller(Kwargs.of("lr", 0.01), true);
    start(env, worker, client, controller);
    DagRunWorkflow run = Runs.stub(client, worker, controller, "manual__1");
    WorkflowClient.start(run::run, Runs.input(controller, "manual__1", Map.of(), null));

    env.sleep(java.time.Duration.ofMinutes(10));
    assertEquals("running", persistence.last("kick_off", -1).state());
    assertEquals(List.of(), persistence.statesOf("fit", -1), "retrain did not run while paused");

    triggers.unpause("retrain");
    DagRunResult result =
        client
            .newUntypedWorkflowStub(AtelierWorkflows.workflowId("controller", "manual__1"))
            .getResult(DagRunResult.class);
    assertEquals(Map.of("kick_off", "success"), result.taskStates());
    assertEquals("0.01", persistence.last("fit", -1).xcomJson());
  }

  /**
   *
   *
   * <pre>  controller: kick_off ══▶ retrain    (conf {lr: -1}: breaks retrain's params)  </pre>
   */
  @Test
  void aConfThatBreaksTheTriggeredDagsParamsFailsTheTrigger(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    DagRunResult result = run(env, worker, client, controller(Kwargs.of("lr", -1), false));

    assertEquals(Map.of("kick_off", "failed"), result.taskStates());
    assertEquals(
        "Invalid conf for Dag retrain: params.lr: -1 is less than or equal to the minimum of 0",
        persistence.last("kick_off", -1).note());
  }
}
