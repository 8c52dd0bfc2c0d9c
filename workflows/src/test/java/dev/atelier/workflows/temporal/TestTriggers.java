package dev.atelier.workflows.temporal;

import dev.atelier.workflows.activities.TriggerActivities;
import dev.atelier.workflows.activities.TriggerRequest;
import dev.atelier.workflows.activities.TriggeredRun;
import dev.atelier.workflows.dsl.Dag;
import dev.atelier.workflows.dsl.InvalidParamsException;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The app's TriggerDagRun and DagRunState over the given Dags, as its run admission behaves: the
 * conf is checked, and a run of a paused Dag stays {@code queued} (no workflow) until {@link
 * #unpause}; other runs start on the test worker's queue at once.
 */
class TestTriggers implements TriggerActivities {
  private final WorkflowClient client;
  private final String taskQueue;
  private final Map<String, Dag> dags;
  private final Set<String> paused = new HashSet<>();
  private final Map<String, DagRunInput> waiting = new java.util.concurrent.ConcurrentHashMap<>();

  TestTriggers(WorkflowClient client, String taskQueue, Dag... dags) {
    this.client = client;
    this.taskQueue = taskQueue;
    this.dags = Arrays.stream(dags).collect(Collectors.toMap(Dag::dagId, Function.identity()));
  }

  TestTriggers pause(String dagId) {
    paused.add(dagId);
    return this;
  }

  /** Unpauses the Dag and starts its waiting runs, as the scheduler loop would. */
  void unpause(String dagId) {
    paused.remove(dagId);
    waiting
        .values()
        .removeIf(
            input -> {
              if (!input.dagId().equals(dagId)) {
                return false;
              }
              start(input);
              return true;
            });
  }

  @Override
  public TriggeredRun triggerDagRun(TriggerRequest request) {
    Dag dag =
        Optional.ofNullable(dags.get(request.dagId()))
            .orElseThrow(
                () ->
                    ApplicationFailure.newNonRetryableFailure(
                        "DAG with dag_id: '" + request.dagId() + "' not found", "DagNotFound"));
    Map<String, Object> params;
    try {
      params = dag.params().resolve(request.conf());
    } catch (InvalidParamsException e) {
      throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), "InvalidParams");
    }
    String runId = request.runId() != null ? request.runId() : "manual__" + request.logicalDate();
    DagRunInput input =
        new DagRunInput(
            dag.dagId(),
            runId,
            request.logicalDate(),
            params,
            dag.toSpec(),
            request.conf(),
            request.logicalDate(),
            request.logicalDate(),
            null,
            null);
    if (paused.contains(dag.dagId())) {
      waiting.put(runId, input);
      return new TriggeredRun(dag.dagId(), runId, "queued");
    }
    start(input);
    return new TriggeredRun(dag.dagId(), runId, "running");
  }

  @Override
  public String dagRunState(String dagId, String runId) {
    if (waiting.containsKey(runId)) {
      return "queued";
    }
    WorkflowStub stub = client.newUntypedWorkflowStub(AtelierWorkflows.workflowId(dagId, runId));
    WorkflowExecutionStatus status = stub.describe().getStatus();
    if (status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
      return "running";
    }
    return status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED
        ? stub.getResult(DagRunResult.class).state()
        : "failed";
  }

  private void start(DagRunInput input) {
    DagRunWorkflow run =
        client.newWorkflowStub(
            DagRunWorkflow.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(taskQueue)
                .setWorkflowId(AtelierWorkflows.workflowId(input.dagId(), input.runId()))
                .build());
    WorkflowClient.start(run::run, input);
  }
}
