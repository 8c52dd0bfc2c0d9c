package dev.atelier.ui.service;

import dev.atelier.ui.repository.DagRunRepository;
import dev.atelier.ui.repository.DagRunRow;
import dev.atelier.workflows.dsl.Limits;
import dev.atelier.workflows.temporal.SweepState;
import io.temporal.client.WorkflowException;
import io.temporal.failure.ApplicationFailure;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * A lead's controls over a running searching sweep: how many trials run at once, how many trials in
 * all, and stopping it early (its best trial stands). Each checks first that there is such a sweep
 * to control, so a refusal says why (404 no run, 409 not running or not searching or stopping, or
 * the workflow's own refusal) and Temporal's errors never reach the client as 5xx.
 */
@ApplicationScoped
public class SweepControls {
  private final DagRunRepository runs;
  private final SweepWorkflows workflows;

  SweepControls(DagRunRepository runs, SweepWorkflows workflows) {
    this.runs = runs;
    this.workflows = workflows;
  }

  /** What a control left the sweep at. */
  public record Result(String workflowId, int maxParallelTrials, int maxTrials, boolean stopping) {}

  public Result setMaxParallelTrials(String dagId, String runId, String taskId, int value) {
    Target t = target(dagId, runId, taskId);
    refuseWhenStopping(t, "its max_parallel_trials cannot change");
    int now = call(t, () -> workflows.setMaxParallelTrials(t.workflowId(), value));
    return after(t, now, t.state().maxTrials());
  }

  public Result addTrials(String dagId, String runId, String taskId, int count) {
    Target t = target(dagId, runId, taskId);
    refuseWhenStopping(t, "it takes no more trials");
    long budget = (long) t.state().maxTrials() + count;
    if (budget > Limits.MAX_TRIALS_PER_SWEEP) {
      throw ApiProblem.badRequest(
          "count: "
              + count
              + " would raise max_trials of "
              + t.label()
              + " from "
              + t.state().maxTrials()
              + " to "
              + budget
              + "; a sweep has at most "
              + Limits.MAX_TRIALS_PER_SWEEP
              + " trials");
    }
    int now = call(t, () -> workflows.addTrials(t.workflowId(), count));
    return after(t, t.state().maxParallelTrials(), now);
  }

  public Result stop(String dagId, String runId, String taskId, String who) {
    Target t = target(dagId, runId, taskId);
    if (!t.state().stopping()) {
      call(
          t,
          () -> {
            workflows.stop(t.workflowId(), who);
            return 0;
          });
    }
    return new Result(t.workflowId(), t.state().maxParallelTrials(), t.state().maxTrials(), true);
  }

  private record Target(String label, String workflowId, SweepState state) {}

  private Target target(String dagId, String runId, String taskId) {
    DagRunRow run =
        runs.find(dagId, runId)
            .orElseThrow(
                () ->
                    ApiProblem.notFound(
                        "DAGRun not found",
                        "DAGRun with DAG ID: '"
                            + dagId
                            + "' and DagRun ID: '"
                            + runId
                            + "' not found"));
    String label = "sweep '" + taskId + "' of DAGRun '" + runId + "'";
    String workflowId = SweepWorkflows.workflowId(run.workflowId(), taskId);
    SweepWorkflows.Live live = workflows.state(workflowId);
    if (!live.running() && live.note().startsWith(SweepWorkflows.UNREACHABLE)) {
      throw ApiProblem.conflict(
          "Sweep unreachable",
          label + " cannot be changed now: " + live.note().replace(SweepWorkflows.MLFLOW_ONLY, ""));
    }
    if (!live.running()) {
      throw ApiProblem.conflict(
          "Sweep not running",
          label
              + " is not running (DAGRun state: "
              + run.state()
              + "): only a running sweep can be changed or stopped");
    }
    if (live.state() == null) {
      throw ApiProblem.conflict(
          "Sweep not searching", label + " cannot be changed: " + live.note());
    }
    return new Target(label, workflowId, live.state());
  }

  private static void refuseWhenStopping(Target t, String consequence) {
    if (t.state().stopping()) {
      throw ApiProblem.conflict(
          "Sweep stopping",
          t.label() + " is stopping (stopped early, or its budget ran out): " + consequence);
    }
  }

  /**
   * The control's call; the workflow's refusal (an update validator) becomes a 409 with its words.
   */
  private static int call(Target t, java.util.function.IntSupplier action) {
    try {
      return action.getAsInt();
    } catch (WorkflowException e) {
      throw ApiProblem.conflict("Sweep refused", t.label() + " refused: " + reason(e));
    }
  }

  private static String reason(Throwable e) {
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof ApplicationFailure f) {
        return f.getOriginalMessage();
      }
    }
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getMessage();
  }

  private Result after(Target t, int maxParallelTrials, int maxTrials) {
    return new Result(t.workflowId(), maxParallelTrials, maxTrials, false);
  }
}
