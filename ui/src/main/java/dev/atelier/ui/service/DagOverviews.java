package dev.atelier.ui.service;

import dev.atelier.ui.repository.DagFilter;
import dev.atelier.ui.repository.DagRepository;
import dev.atelier.ui.repository.DagRow;
import dev.atelier.ui.repository.DagRunStats;
import dev.atelier.ui.repository.DagRunStatsRepository;
import dev.atelier.ui.repository.Page;
import dev.atelier.workflows.schedule.DagRunInfo;
import dev.atelier.workflows.schedule.DagTimetable;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/** The Dags page's data: every registered Dag with its schedule, next run and latest runs. */
@ApplicationScoped
public class DagOverviews {
  static final int RECENT_RUNS = 12;

  private final DagRepository dags;
  private final DagRunStatsRepository stats;
  private final DagCatalog catalog;
  private final NextDagRuns next;

  DagOverviews(
      DagRepository dags, DagRunStatsRepository stats, DagCatalog catalog, NextDagRuns next) {
    this.dags = dags;
    this.stats = stats;
    this.catalog = catalog;
    this.next = next;
  }

  public List<DagOverview> all() {
    Map<String, DagRunStats> byDag = stats.all(RECENT_RUNS);
    return dags.list(new DagFilter(null, List.of(), null), new Page(1000, 0, "dag_id")).stream()
        .map(row -> overview(row, byDag.getOrDefault(row.dagId(), DagRunStats.NONE)))
        .toList();
  }

  private DagOverview overview(DagRow row, DagRunStats runs) {
    DagTimetable timetable = catalog.timetable(row.dagId()).orElse(null);
    DagRunInfo upcoming = next.next(row.dagId()).orElse(null);
    return new DagOverview(
        row.dagId(),
        row.description(),
        row.tags(),
        row.isPaused(),
        timetable == null ? row.schedule() : timetable.timetable().summary(),
        timetable == null ? "no longer defined by the code" : timetable.timetable().description(),
        upcoming == null ? null : upcoming.logicalDate().atOffset(ZoneOffset.UTC),
        upcoming == null ? null : upcoming.runAfter().atOffset(ZoneOffset.UTC),
        catalog.get(row.dagId()).map(d -> d.maxActiveRuns()).orElse(0),
        runs.active(),
        runs.waiting(),
        runs.recent().stream()
            .map(
                r ->
                    new DagOverview.RunSummary(
                        r.runId(),
                        r.state(),
                        r.runType(),
                        r.logicalDateOrRunAfter(),
                        r.startDate(),
                        r.endDate()))
            .toList());
  }
}
