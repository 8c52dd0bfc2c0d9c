package dev.atelier.ui.service;

import dev.atelier.ui.repository.BackfillRepository;
import dev.atelier.ui.repository.BackfillRow;
import dev.atelier.ui.repository.DagRunRepository;
import dev.atelier.ui.repository.DagRunRow;
import dev.atelier.ui.repository.Page;
import dev.atelier.workflows.dsl.Dag;
import dev.atelier.workflows.schedule.DagRunInfo;
import dev.atelier.workflows.schedule.DagTimetable;
import dev.atelier.workflows.schedule.TimeRestriction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Airflow's backfill: one {@code backfill}-type run per data interval of the Dag's schedule whose
 * logical date lies in the range (within the Dag's start_date and end_date), found by the same walk
 * as catch-up ({@link dev.atelier.workflows.schedule.Timetable#runsBetween}). The backfill and its
 * runs are stored together, queued, and started by the run admission like every other run, so the
 * Dag's max_active_runs and pause switch hold, and so do the backfill's own: its {@code
 * max_active_runs}, its pause, and {@code run_backwards} (newest logical date first). A logical
 * date that already has a run (scheduled, manual or an earlier backfill) is left alone unless
 * {@code reprocess_behavior} says to run it again: {@code failed} re-runs a failed run, {@code
 * completed} a failed or successful one; a queued or running run is never touched. A Dag has at
 * most one backfill that has not completed, as in Airflow.
 */
@ApplicationScoped
public class Backfills {
  public static final List<String> REPROCESS = List.of("none", "failed", "completed");

  private final DagCatalog catalog;
  private final DagRunRepository runs;
  private final BackfillRepository backfills;
  private final DagRunService service;
  private final RunParams params;

  Backfills(
      DagCatalog catalog,
      DagRunRepository runs,
      BackfillRepository backfills,
      DagRunService service,
      RunParams params) {
    this.catalog = catalog;
    this.runs = runs;
    this.backfills = backfills;
    this.service = service;
    this.params = params;
  }

  /**
   * Creates the backfill and starts what its switches allow.
   *
   * @throws ApiProblem 404 unknown Dag; 409 the Dag has a backfill that has not completed; 400 a
   *     missing or bad date, a range that runs backwards, a Dag without a time-based schedule, a
   *     range with no interval or too many, a bad reprocess_behavior or max_active_runs
   * @throws dev.atelier.workflows.dsl.InvalidParamsException 400, the conf breaks the Dag's params
   *     or data roots
   */
  public Backfill backfill(String dagId, BackfillRequest request) {
    BackfillPlan plan = plan(dagId, request);
    List<DagRunRow> wanted = new ArrayList<>();
    List<DagRunRow> again = new ArrayList<>();
    List<String> existing = new ArrayList<>();
    for (BackfillPlan.Step step : plan.steps()) {
      switch (step.action()) {
        case CREATE -> wanted.add(step.create());
        case REPROCESS -> again.add(step.existing());
        case SKIP -> existing.add(step.existing().runId());
      }
    }
    BackfillRepository.Stored stored =
        backfills
            .insert(
                new BackfillRepository.NewBackfill(
                    dagId,
                    plan.fromDate(),
                    plan.toDate(),
                    plan.conf(),
                    plan.reprocessBehavior(),
                    plan.maxActiveRuns(),
                    plan.runBackwards(),
                    null),
                wanted,
                again.stream().map(DagRunRow::runId).toList())
            .orElseThrow(
                () ->
                    ApiProblem.conflict(
                        "Backfill already running",
                        "There is already a running backfill for Dag "
                            + dagId
                            + " (backfill "
                            + backfills.running(dagId).map(b -> String.valueOf(b.id())).orElse("?")
                            + "); cancel it or wait for it to complete"));
    for (DagRunRow run : again) {
      service.rerun(run, List.of());
    }
    service.startWaitingRuns(dagId);
    List<DagRunRow> now =
        stored.created().stream().map(r -> runs.find(dagId, r.runId()).orElse(r)).toList();
    BackfillRow row = backfills.find(stored.backfill().id()).orElse(stored.backfill());
    return new Backfill(
        row,
        dagId,
        plan.fromDate(),
        plan.toDate(),
        plan.conf(),
        now,
        again.stream().map(DagRunRow::runId).toList(),
        existing);
  }

  /**
   * The backfill worked out, nothing stored (Airflow's dry run).
   *
   * @throws ApiProblem as {@link #backfill} does, except 409
   */
  public BackfillPlan plan(String dagId, BackfillRequest request) {
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
    String reprocess = request.reprocessBehavior() == null ? "none" : request.reprocessBehavior();
    if (!REPROCESS.contains(reprocess)) {
      throw ApiProblem.badRequest(
          "reprocess_behavior: '" + reprocess + "' is not one of " + REPROCESS);
    }
    int maxActive =
        request.maxActiveRuns() == null
            ? BackfillRequest.DEFAULT_MAX_ACTIVE_RUNS
            : request.maxActiveRuns();
    if (maxActive < 1) {
      throw ApiProblem.badRequest(
          "max_active_runs: " + maxActive + " must be at least 1 (runs of the backfill at once)");
    }
    boolean backwards = Boolean.TRUE.equals(request.runBackwards());
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
    List<DagRunInfo> intervals = new ArrayList<>(intervals(dagId, timetable, from, to, request));
    if (backwards) {
      Collections.reverse(intervals);
    }
    List<BackfillPlan.Step> steps = new ArrayList<>();
    for (DagRunInfo info : intervals) {
      OffsetDateTime logical = info.logicalDate().atOffset(ZoneOffset.UTC);
      Optional<DagRunRow> other = runs.runIdAt(dagId, logical).flatMap(id -> runs.find(dagId, id));
      if (other.isEmpty()) {
        steps.add(
            new BackfillPlan.Step(
                logical,
                AutomatedRuns.row(dagId, AutomatedRuns.BACKFILL, conf, info),
                null,
                BackfillPlan.Action.CREATE));
      } else {
        boolean again =
            switch (reprocess) {
              case "failed" -> other.get().state().equals("failed");
              case "completed" ->
                  other.get().state().equals("failed") || other.get().state().equals("success");
              default -> false;
            };
        steps.add(
            new BackfillPlan.Step(
                logical,
                null,
                other.get(),
                again ? BackfillPlan.Action.REPROCESS : BackfillPlan.Action.SKIP));
      }
    }
    return new BackfillPlan(dagId, from, to, conf, reprocess, maxActive, backwards, steps);
  }

  public Optional<BackfillRow> find(long id) {
    backfills.completeFinished();
    return backfills.find(id);
  }

  public List<BackfillRow> list(String dagId, Page page) {
    backfills.completeFinished();
    return backfills.list(dagId, page);
  }

  public long count(String dagId) {
    return backfills.count(dagId);
  }

  /**
   * Holds the backfill's runs that have not started; those running go on.
   *
   * @throws ApiProblem 404 unknown backfill, 409 it has completed
   */
  public BackfillRow pause(long id) {
    open(id);
    backfills.setPaused(id, true);
    return backfills.find(id).orElseThrow();
  }

  /**
   * Lets the backfill's waiting runs start again.
   *
   * @throws ApiProblem 404 unknown backfill, 409 it has completed
   */
  public BackfillRow unpause(long id) {
    BackfillRow b = open(id);
    backfills.setPaused(id, false);
    service.startWaitingRuns(b.dagId());
    return backfills.find(id).orElseThrow();
  }

  /**
   * Airflow's cancel: the runs that have not started fail (their note says why), those running
   * finish, and the backfill completes now.
   *
   * @throws ApiProblem 404 unknown backfill, 409 it has completed
   */
  public BackfillRow cancel(long id) {
    BackfillRow b = open(id);
    backfills.setPaused(id, true);
    for (String runId : backfills.waitingRunIds(id)) {
      runs.failUnstarted(
          b.dagId(), runId, "backfill " + id + " was cancelled before the run started");
    }
    backfills.setCompleted(id);
    service.startWaitingRuns(b.dagId());
    return backfills.find(id).orElseThrow();
  }

  private BackfillRow open(long id) {
    BackfillRow b = find(id).orElseThrow(() -> notFound(id));
    if (b.completedAt() != null) {
      throw ApiProblem.conflict(
          "Backfill completed",
          "Backfill "
              + id
              + " is already completed (at "
              + AirflowDates.iso(b.completedAt())
              + ")");
    }
    return b;
  }

  public static ApiProblem notFound(long id) {
    return ApiProblem.notFound("Backfill not found", "Could not find backfill with id " + id);
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
