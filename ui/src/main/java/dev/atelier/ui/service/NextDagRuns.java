package dev.atelier.ui.service;

import dev.atelier.ui.repository.DagRunRepository;
import dev.atelier.workflows.schedule.DagRunInfo;
import dev.atelier.workflows.schedule.DagTimetable;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;

/**
 * Airflow's {@code next_dagrun*}: the next run a Dag's schedule will create, from its timetable and
 * its latest scheduled run, as of now. None for manual and dataset-scheduled Dags, after end_date,
 * and after {@code @once} ran.
 */
@ApplicationScoped
public class NextDagRuns {
  private final DagCatalog catalog;
  private final DagRunRepository runs;

  NextDagRuns(DagCatalog catalog, DagRunRepository runs) {
    this.catalog = catalog;
    this.runs = runs;
  }

  public Optional<DagRunInfo> next(String dagId) {
    Optional<DagTimetable> timetable = catalog.timetable(dagId).filter(DagTimetable::clockDriven);
    if (timetable.isEmpty()) {
      return Optional.empty();
    }
    return timetable
        .get()
        .timetable()
        .nextDagRunInfo(
            runs.lastAutomatedInterval(dagId).orElse(null),
            timetable.get().restriction(),
            Instant.now());
  }
}
