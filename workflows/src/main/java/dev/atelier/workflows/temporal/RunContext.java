package dev.atelier.workflows.temporal;

import dev.atelier.workflows.activities.RunInfo;
import dev.atelier.workflows.dsl.TaskSpec;
import java.util.Map;
import java.util.Set;

/**
 * What a task runner needs from the workflow it runs in: the run's ids, dates, conf and params, the
 * ids a branch may name (task and group ids; empty where no branch runs), the bookkeeping stub, the
 * workflow's pool slots, the answers to its reviews and the pool every trial takes a slot of (null:
 * none, see {@link TrialSlots}).
 */
record RunContext(
    String dagId,
    String runId,
    RunInfo run,
    Map<String, Object> params,
    Set<String> branchTargets,
    Bookkeeping log,
    PoolSlots pools,
    ReviewInbox reviews,
    String trialPool) {

  TaskInstances instance(TaskSpec task, int mapIndex) {
    return new TaskInstances(log, dagId, runId, task.taskId(), mapIndex, task.operator());
  }
}
