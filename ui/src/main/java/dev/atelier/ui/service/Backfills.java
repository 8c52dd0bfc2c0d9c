package dev.atelier.ui.service;

import dev.atelier.ui.repository.DagRunRepository;
import dev.atelier.ui.repository.DagRunRow;
import dev.atelier.workflows.dsl.Dag;
import dev.atelier.workflows.schedule.DagRunInfo;
import dev.atelier.workflows.schedule.DagTimetable;
import dev.atelier.workflows.schedule.TimeRestriction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Airflow's backfill: one {@code backfill}-type run per data interval of the Dag's schedule whose
 * logical date lies in the range (within the Dag's start_date and end_date), found by the same walk
 * as catch-up ({@link dev.atelier.workflows.schedule.Timetable#runsBetween}). The runs are stored
 * together, queued, and started by the run admission like every other run, oldest first, so
 * max_active_runs and the pause switch hold. A logical date that already has a run (scheduled,
 * manual or an earlier backfill) is left alone, as Airflow's default reprocess behaviour does.
 */
@ApplicationScoped
public class Backfills {
  private final DagCatalog catalog;
  private final DagRunRepository runs;
  private final DagRunService service;
  private final RunParams params;

  Backfills(DagCatalog catalog, DagRunRepository runs, DagRunService service, RunParams params) {
    this.catalog = catalog;
    this.runs = runs;
    this.service = service;
    this.params = params;
  }

  /**
   * @throws ApiProblem 404 unknown Dag; 400 a missing or bad date, a range that runs backwards, a
   *     Dag without a time-based schedule, a range with no interval or too many
   * @throws dev.atelier.workflows.dsl.InvalidParamsException 400, the conf breaks the Dag's params
   *     or data roots
   */
  public Backfill backfill(String dagId, BackfillRequest request) {
    Dag dag =
        catalog
            .get(dagId)
            .orElseThrow(
                () ->
                    ApiProblem.notFound(
                        "DAG not found", "DAG with dag_id: '" + dagId + "' not found"));
    OffsetDateTime from = date("from_date", request.fromDate());
    OffsetDateTime to = date("to_date", request.toDate());
    if (from.isAfter(to)) {
      throw ApiProblem.badRequest(
          "from_date: '"
              + request.fromDate()
              + "' is after to_date '"
              + request.toDate()
              + "'; a backfill range must not run backwards");
    }
    Map<String, Object> conf = request.dagRunConf() == null ? Map.of() : request.dagRunConf();
    params.resolve(dag, conf);
    DagTimetable timetable =
        catalog.timetable(dagId).filter(DagTimetable::clockDriven).orElse(null);
    if (timetable == null) {
      String what = catalog.timetable(dagId).map(t -> t.timetable().description()).orElse("None");
      throw ApiProblem.badRequest(
          "dag_id: '"
              + dagId
              + "' is scheduled '"
              + what
              + "'; only a time-based schedule (cron, preset, interval, @once) has data"
              + " intervals to backfill");
    }
    List<DagRunInfo> intervals = intervals(dagId, timetable, from, to, request);
    List<DagRunRow> wanted = new ArrayList<>();
    List<String> existing = new ArrayList<>();
    for (DagRunInfo info : intervals) {
      Optional<String> other = runs.runIdAt(dagId, info.logicalDate().atOffset(ZoneOffset.UTC));
      if (other.isPresent()) {
        existing.add(other.get());
      } else {
        wanted.add(AutomatedRuns.row(dagId, AutomatedRuns.BACKFILL, conf, info));
      }
    }
    List<DagRunRow> created = runs.insertAll(wanted);
    service.startWaitingRuns(dagId);
    List<DagRunRow> now = created.stream().map(r -> runs.find(dagId, r.runId()).orElse(r)).toList();
    return new Backfill(dagId, from, to, conf, now, existing);
  }

  private static List<DagRunInfo> intervals(
      String dagId,
      DagTimetable timetable,
      OffsetDateTime from,
      OffsetDateTime to,
      BackfillRequest request) {
    TimeRestriction dates = timetable.restriction();
    List<DagRunInfo> intervals;
    try {
      intervals = timetable.timetable().runsBetween(from.toInstant(), to.toInstant(), dates);
    } catch (IllegalStateException tooMany) {
      throw ApiProblem.badRequest(
          "from_date..to_date: '"
              + request.fromDate()
              + "' to '"
              + request.toDate()
              + "' holds more than "
              + dev.atelier.workflows.schedule.Timetable.MAX_CATCHUP_RUNS
              + " data intervals of Dag "
              + dagId
              + "; backfill a shorter range");
    }
    if (intervals.isEmpty()) {
      throw ApiProblem.badRequest(
          "from_date..to_date: no data interval of Dag "
              + dagId
              + " ("
              + timetable.timetable().description()
              + ", start_date "
              + dates.earliest()
              + (dates.latest() == null ? "" : ", end_date " + dates.latest())
              + ") starts between '"
              + request.fromDate()
              + "' and '"
              + request.toDate()
              + "'");
    }
    return intervals;
  }

  private static OffsetDateTime date(String field, String value) {
    if (value == null || value.isBlank()) {
      throw ApiProblem.badRequest(
          field + ": is required, an ISO-8601 date-time with offset (2026-01-01T00:00:00Z)");
    }
    return InputRules.dateTime("body", field, value);
  }
}
