package dev.atelier.workflows.temporal;

import dev.atelier.workflows.activities.TriggerActivities;
import dev.atelier.workflows.activities.TriggerRequest;
import dev.atelier.workflows.activities.TriggeredRun;
import dev.atelier.workflows.dsl.TaskSpec;
import dev.atelier.workflows.dsl.TaskState;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * One try of a TriggerDagRunOperator: the app creates the run through its run admission, like a
 * REST trigger (so a paused Dag or one at {@code max_active_runs} keeps it queued), as an
 * independent Dag run that outlives this one. Its run id is pushed as the XCom {@code
 * trigger_run_id}; with {@code wait_for_completion} the try looks at the run's state every {@code
 * poke_interval} (a durable timer between looks) and fails if it did not succeed.
 */
final class TriggerTry {
  static final String RUN_ID_KEY = "trigger_run_id";
  static final long DEFAULT_POKE_SECONDS = 60;

  private TriggerTry() {}

  @SuppressWarnings("unchecked")
  static InstanceResult run(RunContext ctx, TaskSpec task, Invocation inv, int attempt) {
    Map<String, Object> args = inv.args();
    String dagId = (String) args.get("trigger_dag_id");
    Map<String, Object> conf = (Map<String, Object>) args.getOrDefault("conf", Map.of());
    TriggerActivities app =
        Workflow.newActivityStub(TriggerActivities.class, Options.bookkeeping());
    String logicalDate = Instant.ofEpochMilli(Workflow.currentTimeMillis()).toString();
    Object requested = args.get(RUN_ID_KEY);
    String who =
        ctx.dagId()
            + "/"
            + ctx.runId()
            + "/"
            + task.taskId()
            + (inv.mapIndex() >= 0 ? "[" + inv.mapIndex() + "]" : "");
    TriggeredRun triggered =
        app.triggerDagRun(
            new TriggerRequest(
                dagId,
                requested == null ? null : String.valueOf(requested),
                logicalDate,
                conf,
                "triggered by " + who + " (try " + attempt + ")"));
    String runId = triggered.runId();
    if (Boolean.TRUE.equals(args.get("wait_for_completion"))) {
      Duration poke = Duration.ofSeconds(pokeSeconds(args.get("poke_interval")));
      String state = triggered.state();
      while (!"success".equals(state) && !"failed".equals(state)) {
        Workflow.sleep(poke);
        state = app.dagRunState(dagId, runId);
      }
      if (!"success".equals(state)) {
        throw ApplicationFailure.newFailure(
            "the triggered run " + dagId + "/" + runId + " ended " + state, "TriggeredRunFailed");
      }
    }
    return new InstanceResult(
        inv.mapIndex(),
        TaskState.SUCCESS,
        attempt,
        null,
        Map.of(RUN_ID_KEY, runId),
        null,
        null,
        false,
        null);
  }

  private static long pokeSeconds(Object value) {
    return value instanceof Number n ? Math.max(1, n.longValue()) : DEFAULT_POKE_SECONDS;
  }
}
