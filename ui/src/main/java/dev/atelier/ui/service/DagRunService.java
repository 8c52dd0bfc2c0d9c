package dev.atelier.ui.service;

import dev.atelier.ui.repository.DagRepository;
import dev.atelier.ui.repository.DagRow;
import dev.atelier.ui.repository.DagRunRepository;
import dev.atelier.ui.repository.DagRunRow;
import dev.atelier.ui.repository.TaskInstanceKey;
import dev.atelier.ui.repository.TaskInstanceRepository;
import dev.atelier.workflows.dsl.Dag;
import dev.atelier.workflows.dsl.InvalidParamsException;
import dev.atelier.workflows.temporal.AtelierWorkflows;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Dag runs through their life: trigger, hold while the Dag is paused, mark success or failed,
 * re-run, delete.
 *
 * <p>Pausing follows Airflow: a run triggered while its Dag is paused is stored queued and its
 * workflow is not started until the Dag is unpaused (oldest logical date first). A run row exists
 * only while its workflow may: when Temporal refuses a start, the row is removed again; deleting a
 * run first cancels its workflow and waits for it to close.
 */
@ApplicationScoped
public class DagRunService {
  private static final Logger LOG = Logger.getLogger(DagRunService.class);

  /** How long a delete or a mark-as waits for a run's trials to stop before answering 503. */
  static final Duration STOP_LIMIT = Duration.ofSeconds(90);

  private final DagCatalog catalog;
  private final DagRepository dags;
  private final DagRunRepository runs;
  private final TaskInstanceRepository tasks;
  private final DagRunWorkflows workflows;

  DagRunService(
      DagCatalog catalog,
      DagRepository dags,
      DagRunRepository runs,
      TaskInstanceRepository tasks,
      DagRunWorkflows workflows) {
    this.catalog = catalog;
    this.dags = dags;
    this.runs = runs;
    this.tasks = tasks;
    this.workflows = workflows;
  }

  /**
   * @throws ApiProblem 404 unknown Dag, 400 bad conf or date, 409 run id or logical date taken, 503
   *     Temporal refused the start
   */
  public DagRunRow trigger(String dagId, TriggerRequest request) {
    Dag dag = dag(dagId);
    Map<String, Object> conf = request.conf() == null ? Map.of() : request.conf();
    // Throws InvalidParamsException (400, every violation listed) before anything is written.
    Map<String, Object> params = dag.params().resolve(conf);
    OffsetDateTime logicalDate = logicalDate(request);
    String runId = runId(request.dagRunId(), logicalDate);
    runs.runIdAt(dagId, logicalDate)
        .filter(other -> !other.equals(runId))
        .ifPresent(
            other -> {
              throw ApiProblem.conflict(
                  "DAGRun already exists",
                  "DAGRun with DAG ID: '"
                      + dagId
                      + "' and DAGRun logical date: '"
                      + AirflowDates.iso(logicalDate)
                      + "' already exists (run '"
                      + other
                      + "')");
            });
    boolean paused = dags.find(dagId).map(DagRow::isPaused).orElse(false);
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
            AtelierWorkflows.workflowId(dagId, runId),
            request.note(),
            paused);
    if (!runs.insert(row)) {
      throw duplicate(dagId, runId);
    }
    if (paused) {
      LOG.infof("Dag %s is paused: run %s waits, queued, until it is unpaused", dagId, runId);
      // An unpause that happened between the check and the insert would have missed this run.
      if (!dags.find(dagId).map(DagRow::isPaused).orElse(true)) {
        startWaitingRuns(dagId);
        return runs.find(dagId, runId).orElse(row);
      }
      return row;
    }
    try {
      workflows.start(dag, row, params);
    } catch (WorkflowExecutionAlreadyStarted e) {
      runs.delete(dagId, runId);
      throw duplicate(dagId, runId);
    } catch (RuntimeException e) {
      runs.delete(dagId, runId);
      LOG.errorf(e, "Temporal refused to start %s", row.workflowId());
      throw ApiProblem.unavailable(
          "the workflow engine did not accept run '" + runId + "'; nothing was stored; retry");
    }
    return row;
  }

  /**
   * Starts the workflows of the Dag's runs that waited for an unpause, oldest first. A run whose
   * stored conf no longer fits the Dag's params fails with the reason; when Temporal refuses a
   * start, the rest keep waiting for the next unpause (or the next start of the app).
   *
   * @return how many runs were started
   */
  public int startWaitingRuns(String dagId) {
    int started = 0;
    Dag dag = catalog.get(dagId).orElse(null);
    if (dag == null) {
      return 0;
    }
    for (DagRunRow run : runs.awaitingUnpause(dagId)) {
      Map<String, Object> params;
      try {
        params = dag.params().resolve(run.conf());
      } catch (InvalidParamsException e) {
        LOG.warnf("Run %s of %s no longer fits the Dag's params: %s", run.runId(), dagId, e);
        runs.setFinalState(dagId, run.runId(), "failed");
        continue;
      }
      try {
        workflows.start(dag, run, params);
      } catch (WorkflowExecutionAlreadyStarted e) {
        LOG.infof("Run %s of %s was already started", run.runId(), dagId);
      } catch (RuntimeException e) {
        LOG.errorf(e, "Temporal refused to start %s; it waits for the next unpause", run.runId());
        return started;
      }
      runs.markStarted(dagId, run.runId());
      started++;
    }
    return started;
  }

  /**
   * Airflow's PATCH dagRun state. {@code success} and {@code failed} stop a running run first (its
   * trials are cancelled), then settle its task instances as Airflow does. {@code queued} on a
   * finished run runs it again from the start; on a run that is queued or running it changes
   * nothing.
   *
   * @throws ApiProblem 404 unknown run, 503 the run's trials did not stop in time
   */
  public DagRunRow setState(String dagId, String runId, String state) {
    DagRunRow run = requireRun(dagId, runId);
    switch (state) {
      case "success", "failed" -> {
        stop(run, "marked " + state + " through the REST API");
        runs.setFinalState(dagId, runId, state);
        if (state.equals("success")) {
          tasks.markAllSuccess(dagId, runId);
        } else {
          tasks.markUnfinishedFailed(dagId, runId);
        }
      }
      case "queued" -> {
        if (run.state().equals("success") || run.state().equals("failed")) {
          rerun(run, List.of());
        }
      }
      default -> throw new IllegalArgumentException("unchecked state " + state);
    }
    return requireRun(dagId, runId);
  }

  /**
   * Clears the given instances of one run and runs it again: a running run is stopped first, the
   * run goes back to queued, and a new execution of its workflow starts (or waits, if the Dag is
   * paused). A Dag run is one Temporal workflow, so every task of the run executes again, not only
   * the cleared ones.
   */
  public void rerun(DagRunRow run, Collection<TaskInstanceKey> cleared) {
    Dag dag = dag(run.dagId());
    Map<String, Object> params = dag.params().resolve(run.conf());
    stop(run, "cleared through the REST API");
    cleared.forEach(tasks::clear);
    boolean paused = dags.find(run.dagId()).map(DagRow::isPaused).orElse(false);
    runs.requeue(run.dagId(), run.runId(), paused);
    if (paused) {
      return;
    }
    try {
      workflows.start(dag, run, params);
    } catch (RuntimeException e) {
      LOG.errorf(e, "Temporal refused to re-run %s", run.workflowId());
      runs.requeue(run.dagId(), run.runId(), true);
      throw ApiProblem.unavailable(
          "the workflow engine did not accept the re-run of '"
              + run.runId()
              + "'; it stays queued and starts when the Dag is next unpaused");
    }
  }

  /**
   * Airflow's DELETE dagRun: cancels the run's workflow (its trials stop, Kubernetes Jobs are
   * deleted), waits for it to close, then removes the run and its task instances. MLflow runs stay.
   *
   * @throws ApiProblem 404 unknown run, 503 the trials did not stop in time (nothing was deleted)
   */
  public void delete(String dagId, String runId) {
    DagRunRow run = requireRun(dagId, runId);
    stop(run, "Dag run deleted through the REST API");
    runs.delete(dagId, runId);
  }

  public DagRunRow requireRun(String dagId, String runId) {
    return runs.find(dagId, runId)
        .orElseThrow(
            () ->
                ApiProblem.notFound(
                    "DAGRun not found",
                    "DAGRun with DAG ID: '"
                        + dagId
                        + "' and DagRun ID: '"
                        + runId
                        + "' not found"));
  }

  /** Cancels the run's workflow if it runs and waits for its trials to stop. */
  private void stop(DagRunRow run, String reason) {
    if (run.awaitingUnpause()) {
      return;
    }
    boolean closed;
    try {
      closed = workflows.cancelAndAwait(run.workflowId(), reason, STOP_LIMIT);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closed = false;
    } catch (RuntimeException e) {
      LOG.errorf(e, "Could not stop %s", run.workflowId());
      throw ApiProblem.unavailable(
          "the workflow engine could not be asked to stop run '"
              + run.runId()
              + "'; nothing was changed; retry");
    }
    if (!closed) {
      throw ApiProblem.unavailable(
          "run '"
              + run.runId()
              + "' was asked to stop but its tasks are still stopping after "
              + STOP_LIMIT.toSeconds()
              + " s; nothing was changed; retry");
    }
  }

  private Dag dag(String dagId) {
    return catalog
        .get(dagId)
        .orElseThrow(
            () ->
                ApiProblem.notFound("DAG not found", "DAG with dag_id: '" + dagId + "' not found"));
  }

  private static ApiProblem duplicate(String dagId, String runId) {
    return ApiProblem.conflict(
        "DAGRun already exists",
        "DAGRun with DAG ID: '" + dagId + "' and DAGRun ID: '" + runId + "' already exists");
  }

  private static OffsetDateTime logicalDate(TriggerRequest request) {
    OffsetDateTime logical = parseDate("logical_date", request.logicalDate());
    OffsetDateTime execution = parseDate("execution_date", request.executionDate());
    if (logical != null && execution != null && !logical.isEqual(execution)) {
      throw ApiProblem.badRequest(
          "execution_date: '"
              + request.executionDate()
              + "' differs from logical_date '"
              + request.logicalDate()
              + "'; they name the same date, give one");
    }
    OffsetDateTime date = logical != null ? logical : execution;
    // Microseconds are what PostgreSQL keeps; truncating keeps the run id and the row equal.
    return (date != null ? date : OffsetDateTime.now(ZoneOffset.UTC))
        .truncatedTo(ChronoUnit.MICROS);
  }

  private static OffsetDateTime parseDate(String field, String value) {
    if (value == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(value).withOffsetSameInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw ApiProblem.badRequest(
          field + ": '" + value + "' is not an ISO-8601 date-time with offset");
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
