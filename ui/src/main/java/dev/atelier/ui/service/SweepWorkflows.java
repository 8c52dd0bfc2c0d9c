package dev.atelier.ui.service;

import dev.atelier.workflows.temporal.SweepState;
import dev.atelier.workflows.temporal.SweepWorkflow;
import io.temporal.client.WorkflowClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * The Temporal side of a sweep: its running {@link SweepWorkflow}'s state, its updates and its stop
 * signal. A sweep's workflow id is its Dag run's workflow id, a colon and the task id (the Dag run
 * starts it so).
 */
@ApplicationScoped
public class SweepWorkflows {
  private static final Logger LOG = Logger.getLogger(SweepWorkflows.class);
  private static final long QUERY_SECONDS = 5;
  static final String UNREACHABLE = "Temporal could not be asked";
  static final String MLFLOW_ONLY = "; this is what MLflow recorded";

  private final WorkflowClient temporal;
  private final DagRunWorkflows runs;

  SweepWorkflows(WorkflowClient temporal, DagRunWorkflows runs) {
    this.temporal = temporal;
    this.runs = runs;
  }

  public static String workflowId(String dagRunWorkflowId, String taskId) {
    return dagRunWorkflowId + ":" + taskId;
  }

  /**
   * The sweep now, as its workflow says.
   *
   * @param state null when the workflow is not running, has no search (a fixed sweep) or did not
   *     answer; then {@code note} says which
   */
  public record Live(SweepState state, boolean running, String note) {}

  /** Never throws: whatever goes wrong leaves the page with MLflow's record. */
  public Live state(String workflowId) {
    try {
      if (!runs.isOpen(workflowId)) {
        return new Live(null, false, "the sweep's workflow is not running" + MLFLOW_ONLY);
      }
      SweepWorkflow sweep = stub(workflowId);
      SweepState state =
          CompletableFuture.supplyAsync(sweep::state).get(QUERY_SECONDS, TimeUnit.SECONDS);
      if (state == null) {
        return new Live(
            null, true, "a fixed sweep (no search): its trials were given, not searched");
      }
      return new Live(state, true, null);
    } catch (TimeoutException e) {
      return new Live(
          null,
          true,
          "the sweep's workflow did not answer within " + QUERY_SECONDS + " s" + MLFLOW_ONLY);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Live(null, false, "interrupted while asking the sweep's workflow");
    } catch (ExecutionException | RuntimeException e) {
      Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
      LOG.infof("Sweep %s: state query failed: %s", workflowId, cause.toString());
      return new Live(null, false, UNREACHABLE + " (" + cause.getMessage() + ")" + MLFLOW_ONLY);
    }
  }

  public int setMaxParallelTrials(String workflowId, int maxParallelTrials) {
    return stub(workflowId).setMaxParallelTrials(maxParallelTrials);
  }

  public int addTrials(String workflowId, int count) {
    return stub(workflowId).addTrials(count);
  }

  public void stop(String workflowId, String who) {
    stub(workflowId).stopSweep(who);
  }

  private SweepWorkflow stub(String workflowId) {
    return temporal.newWorkflowStub(SweepWorkflow.class, workflowId);
  }
}
