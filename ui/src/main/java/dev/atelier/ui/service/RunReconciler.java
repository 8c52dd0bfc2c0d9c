package dev.atelier.ui.service;

import dev.atelier.ui.repository.DagRunRepository;
import dev.atelier.ui.repository.DagRunRow;
import dev.atelier.ui.repository.TaskInstanceRepository;
import dev.atelier.workflows.temporal.DagRunResult;
import io.quarkus.scheduler.Scheduled;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowStub;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Makes a run row agree with Temporal when the workflow could not say so itself. A Dag run's
 * workflow records its own end (its bookkeeping activities retry for an hour); if PostgreSQL stayed
 * away longer, or the workflow was terminated by hand, the row would say {@code running} for ever.
 * Every {@code atelier.reconcile.every} this finds the runs the database calls queued or running
 * whose workflow closed at least {@link #SETTLE} ago and sets the row as Temporal ended it: a
 * completed workflow's own result (success or failed, and each task instance's state through the
 * usual "mark failed" path), any other close (failed, terminated, timed out, cancelled) failed,
 * with a note saying why. A run whose workflow Temporal does not know (history deleted by
 * retention) is left alone: there is nothing to agree with.
 */
@ApplicationScoped
public class RunReconciler {
  private static final Logger LOG = Logger.getLogger(RunReconciler.class);

  /** How long a workflow has been closed before its row is mended: its own last write wins. */
  static final Duration SETTLE = Duration.ofSeconds(30);

  private final DagRunRepository runs;
  private final TaskInstanceRepository tasks;
  private final WorkflowClient temporal;

  RunReconciler(DagRunRepository runs, TaskInstanceRepository tasks, WorkflowClient temporal) {
    this.runs = runs;
    this.tasks = tasks;
    this.temporal = temporal;
  }

  /** One row mended: the run, the state it now has and why. */
  public record Mended(String dagId, String runId, String state, String note) {}

  @Scheduled(
      every = "${atelier.reconcile.every:30s}",
      delayed = "20s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void tick() {
    try {
      for (Mended m : reconcile(SETTLE)) {
        LOG.warnf("Run %s/%s set %s: %s", m.dagId(), m.runId(), m.state(), m.note());
      }
    } catch (RuntimeException e) {
      LOG.debugf("Runs not reconciled this tick: %s", e.getMessage());
    }
  }

  /** Mends every unfinished row whose workflow closed at least {@code settle} ago. */
  public List<Mended> reconcile(Duration settle) {
    List<Mended> mended = new ArrayList<>();
    for (DagRunRow run : runs.unfinishedStarted()) {
      closedEnding(run, settle).ifPresent(m -> mended.add(mend(run, m)));
    }
    return mended;
  }

  private Optional<Mended> closedEnding(DagRunRow run, Duration settle) {
    WorkflowStub stub =
        temporal.newUntypedWorkflowStub(run.workflowId(), Optional.empty(), Optional.empty());
    DescribeWorkflowExecutionResponse described;
    try {
      described = stub.describe().getRawDescription();
    } catch (WorkflowNotFoundException e) {
      return Optional.empty();
    }
    var info = described.getWorkflowExecutionInfo();
    WorkflowExecutionStatus status = info.getStatus();
    if (status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING
        || status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CONTINUED_AS_NEW
        || !info.hasCloseTime()) {
      return Optional.empty();
    }
    Instant closed = Instant.ofEpochSecond(info.getCloseTime().getSeconds());
    if (closed.plus(settle).isAfter(Instant.now())) {
      return Optional.empty();
    }
    String ended = status.name().replace("WORKFLOW_EXECUTION_STATUS_", "").toLowerCase();
    if (status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED) {
      DagRunResult result = stub.getResult(DagRunResult.class);
      String state = "success".equals(result.state()) ? "success" : "failed";
      return Optional.of(
          new Mended(
              run.dagId(),
              run.runId(),
              state,
              "the run's workflow completed "
                  + state
                  + " but could not record it; set from Temporal"));
    }
    return Optional.of(
        new Mended(
            run.dagId(),
            run.runId(),
            "failed",
            "the run's workflow ended "
                + ended
                + " without recording it (was the database away longer than its retries?); set"
                + " failed from Temporal"));
  }

  private Mended mend(DagRunRow run, Mended m) {
    if ("success".equals(m.state())) {
      tasks.markAllSuccess(run.dagId(), run.runId());
    } else {
      tasks.markUnfinishedFailed(run.dagId(), run.runId());
    }
    runs.endFromTemporal(run.dagId(), run.runId(), m.state(), m.note());
    return m;
  }
}
