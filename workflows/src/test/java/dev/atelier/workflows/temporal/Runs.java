package dev.atelier.workflows.temporal;

import dev.atelier.workflows.dsl.Dag;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.worker.Worker;
import java.util.Map;

/** Starts Dag runs of test Dags on the test worker's queue, as the REST trigger would. */
final class Runs {
  static final String LOGICAL_DATE = "2026-11-21T10:00:00Z";

  private Runs() {}

  static DagRunInput input(Dag dag, String runId, Map<String, Object> conf, EngineLimits limits) {
    return new DagRunInput(
        dag.dagId(),
        runId,
        LOGICAL_DATE,
        dag.params().resolve(conf),
        dag.toSpec(),
        conf,
        "2026-11-20T10:00:00Z",
        LOGICAL_DATE,
        limits,
        null);
  }

  static DagRunWorkflow stub(WorkflowClient client, Worker worker, Dag dag, String runId) {
    return client.newWorkflowStub(
        DagRunWorkflow.class,
        WorkflowOptions.newBuilder()
            .setTaskQueue(worker.getTaskQueue())
            .setWorkflowId(AtelierWorkflows.workflowId(dag.dagId(), runId))
            .build());
  }

  static DagRunResult run(WorkflowClient client, Worker worker, Dag dag) {
    return stub(client, worker, dag, "manual__1").run(input(dag, "manual__1", Map.of(), null));
  }
}
