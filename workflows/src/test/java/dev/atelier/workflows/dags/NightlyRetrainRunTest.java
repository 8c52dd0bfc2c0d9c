package dev.atelier.workflows.dags;

import dev.atelier.workflows.activities.PersistenceActivities;
import dev.atelier.workflows.activities.PoolActivities;
import dev.atelier.workflows.activities.SlotRequest;
import dev.atelier.workflows.activities.TaskCall;
import dev.atelier.workflows.activities.TaskFunctionActivities;
import dev.atelier.workflows.activities.TaskFunctionInvoker;
import dev.atelier.workflows.activities.TaskInstanceRecord;
import dev.atelier.workflows.activities.TaskResult;
import dev.atelier.workflows.dsl.Dag;
import dev.atelier.workflows.dsl.TaskFunctionRegistry;
import dev.atelier.workflows.temporal.AtelierWorkflows;
import dev.atelier.workflows.temporal.DagRunInput;
import dev.atelier.workflows.temporal.DagRunResult;
import dev.atelier.workflows.temporal.DagRunWorkflow;
import dev.atelier.workflows.temporal.EngineLimits;
import dev.atelier.workflows.temporal.PoolStarter;
import io.temporal.activity.Activity;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.util.List;
import java.util.Map;

/**
 * Runs the README's example Dag on a test worker: its functions for real, pools with a 1-slot
 * {@code gpu}, persistence dropped. Used by the run test and to record replay histories.
 */
final class NightlyRetrainRunTest {
  static final String RUN_ID = "scheduled__2026-11-23T03:00:00+00:00";
  static final String LOGICAL_DATE = "2026-11-23T03:00:00Z";

  /** Small limits, so clean_shard's three instances run in two MappedTaskWorkflow children. */
  static final EngineLimits LIMITS = new EngineLimits(4_000, 2, 2);

  private NightlyRetrainRunTest() {}

  static DagRunResult run(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client, Map<String, Object> conf) {
    Dag dag = new NightlyRetrain().define();
    TaskFunctionInvoker invoker = new TaskFunctionInvoker(TaskFunctionRegistry.of(List.of(dag)));
    worker.registerActivitiesImplementations(
        new TaskFunctionActivities() {
          @Override
          public TaskResult run(TaskCall call) {
            return invoker.invoke(call);
          }
        },
        new PoolActivities() {
          @Override
          public void requestSlot(SlotRequest request) {
            var ctx = Activity.getExecutionContext();
            PoolStarter.request(
                ctx.getWorkflowClient(),
                ctx.getInfo().getActivityTaskQueue(),
                Map.of("gpu", 1),
                request);
          }
        },
        new PersistenceActivities() {
          @Override
          public void recordTaskInstance(TaskInstanceRecord record) {}

          @Override
          public void recordTaskInstances(List<TaskInstanceRecord> records) {}

          @Override
          public void recordDagRunState(String dagId, String runId, String state, long at) {}
        });
    env.start();
    DagRunWorkflow wf =
        client.newWorkflowStub(
            DagRunWorkflow.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(worker.getTaskQueue())
                .setWorkflowId(AtelierWorkflows.workflowId(dag.dagId(), RUN_ID))
                .build());
    return wf.run(
        new DagRunInput(
            dag.dagId(),
            RUN_ID,
            LOGICAL_DATE,
            dag.params().resolve(conf),
            dag.toSpec(),
            conf,
            "2026-11-20T03:00:00Z",
            LOGICAL_DATE,
            LIMITS,
            null));
  }
}
