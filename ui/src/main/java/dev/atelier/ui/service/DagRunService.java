package dev.atelier.ui.service;

import dev.atelier.ui.repository.DagRunRepository;
import dev.atelier.ui.repository.DagRunRow;
import dev.atelier.workflows.dsl.Dag;
import dev.atelier.workflows.temporal.AtelierWorkflows;
import dev.atelier.workflows.temporal.DagRunInput;
import dev.atelier.workflows.temporal.DagRunWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Triggers Dag runs. The order of checks is the order a user fixes things in: an unknown Dag, then
 * a conf that breaks the Dag's params, then a run id already taken. A run row exists only while its
 * workflow does: when Temporal refuses the start, the row is removed again.
 */
@ApplicationScoped
public class DagRunService {
  private static final Logger LOG = Logger.getLogger(DagRunService.class);

  private final DagCatalog catalog;
  private final DagRunRepository runs;
  private final WorkflowClient temporal;

  DagRunService(DagCatalog catalog, DagRunRepository runs, WorkflowClient temporal) {
    this.catalog = catalog;
    this.runs = runs;
    this.temporal = temporal;
  }

  /**
   * @throws ApiProblem 404 unknown Dag, 400 bad conf or date, 409 duplicate run id, 503 Temporal
   *     refused the start
   */
  public DagRunRow trigger(String dagId, TriggerRequest request) {
    Dag dag =
        catalog
            .get(dagId)
            .orElseThrow(
                () ->
                    ApiProblem.notFound(
                        "DAG not found", "DAG with dag_id: '" + dagId + "' not found"));
    Map<String, Object> conf = request.conf() == null ? Map.of() : request.conf();
    // Throws InvalidParamsException (400, every violation listed) before anything is written.
    Map<String, Object> params = dag.params().resolve(conf);
    OffsetDateTime logicalDate = logicalDate(request.logicalDate());
    String runId = runId(request.dagRunId(), logicalDate);
    String workflowId = AtelierWorkflows.workflowId(dagId, runId);
    DagRunRow row =
        new DagRunRow(
            dagId,
            runId,
            "queued",
            "manual",
            conf,
            logicalDate,
            logicalDate,
            logicalDate,
            null,
            null,
            true,
            workflowId,
            request.note());
    if (!runs.insert(row)) {
      throw duplicate(dagId, runId);
    }
    try {
      DagRunWorkflow workflow =
          temporal.newWorkflowStub(
              DagRunWorkflow.class,
              WorkflowOptions.newBuilder()
                  .setTaskQueue(AtelierWorkflows.TASK_QUEUE)
                  .setWorkflowId(workflowId)
                  .build());
      WorkflowClient.start(
          workflow::run,
          new DagRunInput(dagId, runId, AirflowDates.iso(logicalDate), params, dag.toSpec()));
    } catch (WorkflowExecutionAlreadyStarted e) {
      runs.delete(dagId, runId);
      throw duplicate(dagId, runId);
    } catch (RuntimeException e) {
      runs.delete(dagId, runId);
      LOG.errorf(e, "Temporal refused to start %s", workflowId);
      throw ApiProblem.unavailable(
          "the workflow engine did not accept run '" + runId + "'; nothing was stored; retry");
    }
    return row;
  }

  private static ApiProblem duplicate(String dagId, String runId) {
    return ApiProblem.conflict(
        "DAGRun already exists",
        "DAGRun with DAG ID: '" + dagId + "' and DAGRun ID: '" + runId + "' already exists");
  }

  private static OffsetDateTime logicalDate(String value) {
    if (value == null) {
      // Microseconds are what PostgreSQL keeps; truncating keeps the run id and the row equal.
      return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }
    try {
      return OffsetDateTime.parse(value).withOffsetSameInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw ApiProblem.badRequest(
          "logical_date: '" + value + "' is not an ISO-8601 date-time with offset");
    }
  }

  private static String runId(String requested, OffsetDateTime logicalDate) {
    if (requested == null) {
      return "manual__" + AirflowDates.iso(logicalDate);
    }
    if (requested.isBlank()) {
      throw ApiProblem.badRequest("dag_run_id: '" + requested + "' must not be blank");
    }
    return requested;
  }
}
