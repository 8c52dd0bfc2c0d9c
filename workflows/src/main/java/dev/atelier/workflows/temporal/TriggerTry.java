package dev.atelier.workflows.temporal;

import dev.atelier.workflows.activities.TriggerActivities;
import dev.atelier.workflows.activities.TriggerRequest;
import dev.atelier.workflows.activities.TriggeredRun;
import dev.atelier.workflows.dsl.TaskSpec;
import dev.atelier.workflows.dsl.TaskState;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.Map;

/**
 * One try of a TriggerDagRunOperator: the worker checks the conf against the other Dag's params,
 * then the run starts as a child workflow that is abandoned rather than cancelled with this run (an
 * independent Dag run, id {@code dagrun:<dag>:<run>} like any other). Its run id is pushed as the
 * XCom {@code trigger_run_id}; with {@code wait_for_completion} the try waits for it and fails if
 * it did not succeed.
 */
final class TriggerTry {
  static final String RUN_ID_KEY = "trigger_run_id";

  private TriggerTry() {}

  @SuppressWarnings("unchecked")
  static InstanceResult run(RunContext ctx, TaskSpec task, Invocation inv, int attempt) {
    Map<String, Object> args = inv.args();
    String dagId = (String) args.get("trigger_dag_id");
    Map<String, Object> conf = (Map<String, Object>) args.getOrDefault("conf", Map.of());
    TriggeredRun prepared =
        Workflow.newActivityStub(TriggerActivities.class, Options.bookkeeping())
            .prepareDagRun(new TriggerRequest(dagId, conf));
    String logicalDate = Instant.ofEpochMilli(Workflow.currentTimeMillis()).toString();
    Object requested = args.get(RUN_ID_KEY);
    String runId = requested != null ? String.valueOf(requested) : "manual__" + logicalDate;
    DagRunInput input =
        new DagRunInput(
            dagId,
            runId,
            logicalDate,
            prepared.params(),
            prepared.dag(),
            conf,
            logicalDate,
            logicalDate,
            null,
            null);
    DagRunWorkflow child =
        Workflow.newChildWorkflowStub(
            DagRunWorkflow.class,
            ChildWorkflowOptions.newBuilder()
                .setWorkflowId(AtelierWorkflows.workflowId(dagId, runId))
                .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_ABANDON)
                .build());
    Promise<DagRunResult> result = Async.function(child::run, input);
    Workflow.getWorkflowExecution(child).get();
    Map<String, Object> pushed = Map.of(RUN_ID_KEY, runId);
    if (Boolean.TRUE.equals(args.get("wait_for_completion"))) {
      DagRunResult done = result.get();
      if (!"success".equals(done.state())) {
        throw ApplicationFailure.newFailure(
            "the triggered run " + dagId + "/" + runId + " ended " + done.state(),
            "TriggeredRunFailed");
      }
    }
    return new InstanceResult(
        inv.mapIndex(), TaskState.SUCCESS, attempt, null, pushed, null, null, false, null);
  }
}
