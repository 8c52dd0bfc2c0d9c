package dev.atelier.ui.service;

import dev.atelier.ui.repository.DagRunRow;
import dev.atelier.workflows.dsl.Dag;
import dev.atelier.workflows.temporal.AtelierWorkflows;
import dev.atelier.workflows.temporal.DagRunInput;
import dev.atelier.workflows.temporal.DagRunWorkflow;
import dev.atelier.workflows.temporal.TrialSlots;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The Temporal side of a Dag run: start its {@link DagRunWorkflow}, ask whether it still runs, and
 * cancel it. Cancelling goes through the workflows' own cancellation path, which stops every trial
 * (killing its local process or deleting its Kubernetes Job) before the workflow closes; so once
 * {@link #cancelAndAwait} says closed, nothing of the run is left running.
 */
@ApplicationScoped
public class DagRunWorkflows {
  private static final Duration POLL = Duration.ofMillis(250);

  private final WorkflowClient temporal;

  DagRunWorkflows(WorkflowClient temporal) {
    this.temporal = temporal;
  }

  /**
   * Starts the run's workflow with the Dag as the code defines it now, the run's resolved params,
   * its conf and its data interval. A workflow id whose previous execution closed may start again
   * (a re-run).
   *
   * @throws io.temporal.client.WorkflowExecutionAlreadyStarted if its workflow is running
   */
  public void start(Dag dag, DagRunRow run, Map<String, Object> params) {
    DagRunWorkflow workflow =
        temporal.newWorkflowStub(
            DagRunWorkflow.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(AtelierWorkflows.TASK_QUEUE)
                .setWorkflowId(run.workflowId())
                .build());
    WorkflowClient.start(
        workflow::run,
        new DagRunInput(
            run.dagId(),
            run.runId(),
            AirflowDates.iso(run.logicalDateOrRunAfter()),
            params,
            dag.toSpec(),
            // The whole conf (a dataset-triggered run's triggering_dataset_events included) and the
            // data interval reach every task's context.
            run.conf(),
            AirflowDates.iso(
                run.dataIntervalStart() != null
                    ? run.dataIntervalStart()
                    : run.logicalDateOrRunAfter()),
            AirflowDates.iso(
                run.dataIntervalEnd() != null
                    ? run.dataIntervalEnd()
                    : run.logicalDateOrRunAfter()),
            null,
            null,
            // Every trial of the run takes a slot of the cap on trials at once.
            TrialSlots.POOL));
  }

  /** Whether the run's latest workflow execution is running. */
  public boolean isOpen(String workflowId) {
    try {
      return stub(workflowId).describe().getStatus()
          == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
    } catch (WorkflowNotFoundException e) {
      return false;
    }
  }

  /**
   * Requests cancellation and waits until the workflow has closed, at most {@code limit}.
   *
   * @return true when no execution of the workflow runs any more
   */
  public boolean cancelAndAwait(String workflowId, String reason, Duration limit)
      throws InterruptedException {
    if (!isOpen(workflowId)) {
      return true;
    }
    try {
      stub(workflowId).cancel(reason);
    } catch (WorkflowNotFoundException closedMeanwhile) {
      return true;
    }
    Instant deadline = Instant.now().plus(limit);
    while (Instant.now().isBefore(deadline)) {
      if (!isOpen(workflowId)) {
        return true;
      }
      Thread.sleep(POLL.toMillis());
    }
    return !isOpen(workflowId);
  }

  private WorkflowStub stub(String workflowId) {
    return temporal.newUntypedWorkflowStub(workflowId, Optional.empty(), Optional.empty());
  }
}
