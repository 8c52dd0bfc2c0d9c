package dev.atelier.ui.service;

import dev.atelier.ui.repository.DagRunRepository;
import dev.atelier.ui.repository.DagRunRow;
import dev.atelier.ui.repository.TaskInstanceKey;
import dev.atelier.ui.repository.TaskInstanceRepository;
import dev.atelier.workflows.dsl.Dag;
import dev.atelier.workflows.schedule.DataInterval;
import dev.atelier.workflows.temporal.AtelierWorkflows;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Dag runs through their life: trigger or create (schedules, dataset events), hold while the Dag is
 * paused or at max_active_runs, mark success or failed, re-run, delete. Every run, whatever created
 * it, is stored queued and started by {@link RunAdmission}.
 *
 * <p>A manual trigger answers at once: when Temporal refuses its start, its row is removed again
 * (409 or 503), so a refused trigger leaves nothing behind. Deleting a run first cancels its
 * workflow and waits for it to close.
 */
@ApplicationScoped
public class DagRunService {
  private static final Logger LOG = Logger.getLogger(DagRunService.class);

  /** How long a delete or a mark-as waits for a run's trials to stop before answering 503. */
  static final Duration STOP_LIMIT = Duration.ofSeconds(90);

  private final DagCatalog catalog;
  private final DagRunRepository runs;
  private final TaskInstanceRepository tasks;
  private final DagRunWorkflows workflows;
  private final RunAdmission admission;
  private final RunParams params;

  DagRunService(
      DagCatalog catalog,
      DagRunRepository runs,
      TaskInstanceRepository tasks,
      DagRunWorkflows workflows,
      RunAdmission admission,
      RunParams params) {
    this.catalog = catalog;
    this.runs = runs;
    this.tasks = tasks;
    this.workflows = workflows;
    this.admission = admission;
    this.params = params;
  }

  /**
   * @throws ApiProblem 404 unknown Dag, 400 bad conf (a param's rule, a dataset outside the data
   *     roots) or date, 409 run id or logical date taken, 503 Temporal refused the start
   */
  public DagRunRow trigger(String dagId, TriggerRequest request) {
    return trigger(dagId, request, "manual");
  }

  /**
   * A run of the given type made on request: {@code manual}, or Airflow 3's {@code
   * asset_materialization} ({@code POST /api/v2/assets/{id}/materialize}).
   */
  public DagRunRow trigger(String dagId, TriggerRequest request, String runType) {
    return trigger(dagId, request, runType, null);
  }

  /**
   * @param runAfter null: Airflow 2's trigger, whose logical date defaults to now and which is
   *     ordered by it; given: Airflow 3's, whose logical date stays null unless the request names
   *     one, and which is ordered by this time
   */
  public DagRunRow trigger(
      String dagId, TriggerRequest request, String runType, OffsetDateTime runAfter) {
    Dag dag = dag(dagId);
    Map<String, Object> conf = request.conf() == null ? Map.of() : request.conf();
    // Throws InvalidParamsException (400, every violation listed, dataset folders outside the data
    // roots among them) before anything is written.
    params.resolve(dag, conf);
    OffsetDateTime given = logicalDate(request);
    OffsetDateTime logicalDate = given != null || runAfter != null ? given : now();
    OffsetDateTime after = runAfter != null ? runAfter.truncatedTo(ChronoUnit.MICROS) : logicalDate;
    String runId = runId(request.dagRunId(), logicalDate != null ? logicalDate : after);
    if (logicalDate != null) {
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
    }
    // Airflow: a manual run of a scheduled Dag covers the last complete interval. A run without a
    // logical date has no data interval (Airflow 3).
    DataInterval interval =
        logicalDate == null
            ? null
            : catalog
                .timetable(dagId)
                .map(t -> t.timetable().inferManualDataInterval(logicalDate.toInstant()))
                .orElse(DataInterval.exact(logicalDate.toInstant()));
    DagRunRow row =
        new DagRunRow(
            dagId,
            runId,
            "queued",
            runType,
            conf,
            logicalDate,
            after,
            interval == null ? null : utc(interval.start()),
            interval == null ? null : utc(interval.end()),
            null,
            null,
            true,
            AtelierWorkflows.workflowId(dagId, runId),
            request.note(),
            true);
    Admission admitted = admission.insertAndAdmit(row);
    Admission.Outcome outcome = admitted == null ? null : admitted.caller();
    if (outcome == null || outcome == Admission.Outcome.ALREADY_STARTED) {
      throw duplicate(dagId, runId);
    }
    if (outcome == Admission.Outcome.FAILED) {
      // Another try would be refused the same way (its input is too large for Temporal).
      throw ApiProblem.badRequest(
          "conf: run '"
              + runId
              + "' cannot start: "
              + admitted.callerNote()
              + "; nothing was stored");
    }
    if (outcome == Admission.Outcome.REFUSED) {
      throw ApiProblem.unavailable(
          "the workflow engine did not accept run '" + runId + "'; nothing was stored; retry");
    }
    return runs.find(dagId, runId).orElse(row);
  }

  /**
   * Stores a run that a schedule or dataset events owe and starts it when pause and max_active_runs
   * allow; a run that cannot start now waits, queued, and the scheduler loop starts it later.
   *
   * @return false when a run with this id exists already (nothing changed)
   */
  public boolean create(DagRunRow run) {
    if (!runs.insert(run)) {
      return false;
    }
    startWaitingRuns(run.dagId());
    return true;
  }

  /**
   * Starts the Dag's runs that wait, oldest first, as far as pause and max_active_runs allow. A run
   * whose stored conf no longer fits the Dag's params fails with the reason; when Temporal refuses
   * a start, the rest keep waiting for the next pass.
   *
   * @return how many runs were started
   */
  public int startWaitingRuns(String dagId) {
    return admission.admit(dagId, null).started();
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
   * run goes back to queued, and a new execution of its workflow starts (or waits, while the Dag is
   * paused or at max_active_runs). A Dag run is one Temporal workflow, so every task of the run
   * executes again, not only the cleared ones.
   */
  public void rerun(DagRunRow run, Collection<TaskInstanceKey> cleared) {
    dag(run.dagId());
    stop(run, "cleared through the REST API");
    cleared.forEach(tasks::clear);
    runs.requeue(run.dagId(), run.runId());
    Admission admitted = admission.admit(run.dagId(), run.runId());
    if (admitted.caller() == Admission.Outcome.REFUSED) {
      throw ApiProblem.unavailable(
          "the workflow engine did not accept the re-run of '"
              + run.runId()
              + "'; it stays queued and the scheduler retries it");
    }
    if (admitted.caller() == Admission.Outcome.FAILED) {
      throw ApiProblem.conflict(
          "DAGRun cannot start",
          "the re-run of '"
              + run.runId()
              + "' cannot start: "
              + admitted.callerNote()
              + "; the run is failed");
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
    if (run.awaitingStart()) {
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
    return date == null ? null : date.truncatedTo(ChronoUnit.MICROS);
  }

  private static OffsetDateTime now() {
    return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
  }

  private static OffsetDateTime parseDate(String field, String value) {
    return InputRules.dateTime("body", field, value);
  }

  private static OffsetDateTime utc(java.time.Instant t) {
    return t.atOffset(ZoneOffset.UTC);
  }

  /** Airflow's {@code manual__<date>}: the logical date, or run_after for a run without one. */
  private static String runId(String requested, OffsetDateTime date) {
    if (requested == null) {
      return "manual__" + AirflowDates.iso(date);
    }
    return InputRules.runId("body", "dag_run_id", requested);
  }
}
