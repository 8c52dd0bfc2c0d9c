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

  private DagRunResult run(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client, Dag controller) {
    Dag retrain = retrain();
    worker.registerActivitiesImplementations(
        persistence,
        new FunctionRunner(controller, retrain),
        new TestPools(Map.of()),
        new TestTriggers(retrain));
    env.start();
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
