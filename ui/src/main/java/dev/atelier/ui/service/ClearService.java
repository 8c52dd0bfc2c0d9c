package dev.atelier.ui.service;

import dev.atelier.ui.repository.ClearSelection;
import dev.atelier.ui.repository.DagRunRow;
import dev.atelier.ui.repository.TaskInstanceKey;
import dev.atelier.ui.repository.TaskInstanceRepository;
import dev.atelier.workflows.dsl.Dag;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Airflow's POST /dags/{dag_id}/clearTaskInstances: picks task instances by run (one run, or a
 * logical-date range), task (plus upstream/downstream) and state, and - unless it is a dry run -
 * clears them and runs their Dag runs again (see {@link DagRunService#rerun}).
 */
@ApplicationScoped
public class ClearService {
  private static final List<String> FAILED = List.of("failed", "upstream_failed");

  private final DagCatalog catalog;
  private final DagRunService runs;
  private final TaskInstanceRepository tasks;

  ClearService(DagCatalog catalog, DagRunService runs, TaskInstanceRepository tasks) {
    this.catalog = catalog;
    this.runs = runs;
    this.tasks = tasks;
  }

  /**
   * @return the instances cleared (or, for a dry run, that would be)
   * @throws ApiProblem 400 contradictory or malformed fields, 404 unknown Dag or run
   */
  public List<TaskInstanceKey> clear(String dagId, ClearRequest body) {
    Dag dag =
        catalog
            .get(dagId)
            .orElseThrow(
                () ->
                    ApiProblem.notFound(
                        "DAG not found", "DAG with dag_id: '" + dagId + "' not found"));
    boolean onlyFailed = ClearRequest.on(body.onlyFailed(), true);
    boolean onlyRunning = ClearRequest.on(body.onlyRunning(), false);
    if (onlyFailed && onlyRunning) {
      throw ApiProblem.badRequest(
          "only_failed and only_running: both true, but an instance cannot be both; set one false"
              + " (only_failed defaults to true)");
    }
    OffsetDateTime start = date("start_date", body.startDate());
    OffsetDateTime end = date("end_date", body.endDate());
    if (start != null && end != null && end.isBefore(start)) {
      throw ApiProblem.badRequest(
          "end_date: '" + body.endDate() + "' is before start_date '" + body.startDate() + "'");
    }
    String runId = body.dagRunId();
    if (runId != null) {
      if (start != null || end != null) {
        throw ApiProblem.badRequest(
            "dag_run_id: '"
                + runId
                + "' cannot be combined with start_date or end_date; give one or the other");
      }
      DagRunRow run = runs.requireRun(dagId, runId);
      boolean past = ClearRequest.on(body.includePast(), false);
      boolean future = ClearRequest.on(body.includeFuture(), false);
      if (past || future) {
        // Airflow widens the run's logical date into a range in the asked directions.
        start = past ? null : run.logicalDateOrRunAfter();
        end = future ? null : run.logicalDateOrRunAfter();
        runId = null;
      }
    }
    Set<String> taskIds = taskIds(dag, body);
    List<String> states = onlyFailed ? FAILED : onlyRunning ? List.of("running") : List.of();
    List<TaskInstanceKey> selected =
        tasks.select(new ClearSelection(dagId, runId, start, end, taskIds, states));
    if (!ClearRequest.on(body.dryRun(), true)) {
      Map<String, List<TaskInstanceKey>> byRun = new LinkedHashMap<>();
      selected.forEach(k -> byRun.computeIfAbsent(k.runId(), r -> new ArrayList<>()).add(k));
      byRun.forEach((run, keys) -> runs.rerun(runs.requireRun(dagId, run), keys));
    }
    return selected;
  }

  private static Set<String> taskIds(Dag dag, ClearRequest body) {
    if (body.taskIds() == null || body.taskIds().isEmpty()) {
      return Set.of();
    }
    TaskGraph graph = new TaskGraph(dag.toSpec());
    Set<String> asked = new LinkedHashSet<>();
    for (String taskId : body.taskIds()) {
      if (taskId == null || !graph.has(taskId)) {
        throw ApiProblem.badRequest(
            "task_ids: '"
                + taskId
                + "' is not a task of Dag '"
                + dag.dagId()
                + "' (its tasks: "
                + dag.tasks().stream().map(t -> t.taskId()).toList()
                + ")");
      }
      asked.add(taskId);
    }
    return graph.closure(
        asked,
        ClearRequest.on(body.includeUpstream(), false),
        ClearRequest.on(body.includeDownstream(), false));
  }

  private static OffsetDateTime date(String field, String value) {
    return InputRules.dateTime("body", field, value);
  }
}
