package dev.atelier.ui.service;

import dev.atelier.ui.repository.DagRepository;
import dev.atelier.ui.repository.DagRow;
import dev.atelier.ui.repository.DagRunRepository;
import dev.atelier.ui.repository.DagRunRow;
import dev.atelier.workflows.schedule.DagRunInfo;
import dev.atelier.workflows.schedule.DagTimetable;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

/**
 * What a Dag's Temporal Schedule firing means: the run for the interval that ended at the firing
 * ({@code scheduled__<logical date>}, run type {@code scheduled}), created through {@link
 * DagRunService} like any run. Idempotent, so retries, backfills and a firing that raced the
 * catch-up create each run once.
 */
@ApplicationScoped
public class ScheduledRuns {
  private final DagCatalog catalog;
  private final DagRepository dags;
  private final DagRunRepository runs;
  private final DagRunService service;

  ScheduledRuns(
      DagCatalog catalog, DagRepository dags, DagRunRepository runs, DagRunService service) {
    this.catalog = catalog;
    this.dags = dags;
    this.runs = runs;
    this.service = service;
  }

  /**
   * @return what happened, in words (the workflow's result in the Temporal UI)
   */
  public String fired(String dagId, Instant fire) {
    Optional<DagTimetable> timetable = catalog.timetable(dagId);
    if (timetable.isEmpty()) {
      return "skipped: this build defines no Dag " + dagId;
    }
    if (dags.find(dagId).map(DagRow::isPaused).orElse(true)) {
      return "skipped: Dag " + dagId + " is paused";
    }
    Optional<DagRunInfo> info =
        timetable.get().timetable().runFiredAt(fire, timetable.get().restriction());
    if (info.isEmpty()) {
      return "skipped: " + fire + " ends no interval within the Dag's start_date and end_date";
    }
    if (!timetable.get().restriction().catchup() && superseded(timetable.get(), info.get())) {
      // Firings that waited while the app was down: catchup=False owes only the latest.
      return "skipped: catchup=False and a later interval than "
          + info.get().logicalDate()
          + " has ended";
    }
    return create(dagId, info.get());
  }

  private static boolean superseded(DagTimetable timetable, DagRunInfo info) {
    Instant now = Instant.now();
    return timetable
        .timetable()
        .nextDagRunInfo(info.interval(), timetable.restriction(), now)
        .filter(later -> !later.runAfter().isAfter(now))
        .isPresent();
  }

  private String create(String dagId, DagRunInfo info) {
    OffsetDateTime logicalDate = info.logicalDate().atOffset(ZoneOffset.UTC);
    String runId = AutomatedRuns.runId(AutomatedRuns.SCHEDULED, info);
    Optional<String> other = runs.runIdAt(dagId, logicalDate);
    if (other.isPresent()) {
      return other.get().equals(runId)
          ? "exists: " + runId
          : "skipped: run " + other.get() + " already has logical date " + logicalDate;
    }
    DagRunRow row = AutomatedRuns.row(dagId, AutomatedRuns.SCHEDULED, Map.of(), info);
    return service.create(row) ? "created: " + runId : "exists: " + runId;
  }
}
