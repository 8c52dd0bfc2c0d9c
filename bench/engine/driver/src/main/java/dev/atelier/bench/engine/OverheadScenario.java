package dev.atelier.bench.engine;

import dev.atelier.workflows.dsl.Dag;
import dev.atelier.workflows.temporal.DagRunResult;
import io.temporal.client.WorkflowClient;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one large Dag to completion and sets its wall time against the ideal: what its tasks need
 * themselves with the Dag's max_active_tasks as the only limit. Everything else is the engine:
 * deciding, recording states in PostgreSQL, Temporal round trips, chunking, continue-as-new.
 */
final class OverheadScenario {
  private final Trigger trigger;
  private final WorkflowClient client;
  private final CpuMeter cpu;

  OverheadScenario(Trigger trigger, WorkflowClient client, CpuMeter cpu) {
    this.trigger = trigger;
    this.client = client;
    this.cpu = cpu;
  }

  /**
   * @param instances task instances the run executes
   * @param idealSeconds what the tasks need at best (0 for no-ops)
   */
  Map<String, Object> run(Dag dag, String runId, int instances, double idealSeconds)
      throws Exception {
    Probe.reset();
    cpu.start();
    long t0 = System.nanoTime();
    String workflowId = trigger.trigger(dag, runId);
    DagRunResult result =
        client
            .newUntypedWorkflowStub(workflowId)
            .getResult(30, TimeUnit.MINUTES, DagRunResult.class);
    double wall = (System.nanoTime() - t0) / 1e9;
    CpuMeter.Usage usage = cpu.stop();
    long succeeded = result.taskStates().values().stream().filter("success"::equals).count();
    if (!"success".equals(result.state()) || Probe.calls() != instances) {
      throw new IllegalStateException(
          runId
              + " ended "
              + result.state()
              + " with "
              + succeeded
              + " successful instances and "
              + Probe.calls()
              + " task calls, expected "
              + instances);
    }
    HistorySummary history = HistorySummary.of(client, workflowId);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("dag_id", dag.dagId());
    out.put("tasks", dag.tasks().size());
    out.put("instances", instances);
    out.put("max_active_tasks", dag.maxActiveTasks());
    out.put("wall_s", wall);
    out.put("ideal_s", idealSeconds);
    out.put("functions_own_s", Probe.busyNanos() / 1e9);
    out.put("overhead_per_task_ms", (wall - idealSeconds) * 1000 / instances);
    out.put("overhead_pct", idealSeconds > 0 ? 100 * (wall - idealSeconds) / idealSeconds : null);
    out.put("tasks_per_s", instances / wall);
    out.put("cpu", usage);
    // When each task's functions first and last ran: gaps between them are the engine's time.
    out.put("task_calls_s", Probe.taskCalls(runId, t0));
    out.put("history", history);
    out.put("activities_per_instance", (double) history.activityCount() / instances);
    out.put("local_activities_per_instance", (double) history.localActivityCount() / instances);
    out.put("workflow_tasks_per_instance", (double) history.workflowTasks() / instances);
    return out;
  }
}
