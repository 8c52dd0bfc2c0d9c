package dev.atelier.ui.service;

import dev.atelier.ui.repository.DagRepository;
import dev.atelier.ui.repository.DagRow;
import dev.atelier.ui.repository.DagRunRow;
import dev.atelier.ui.repository.DatasetRepository;
import dev.atelier.ui.repository.DatasetTriggerRepository;
import dev.atelier.workflows.dsl.Dag;
import dev.atelier.workflows.schedule.DagTimetable;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Dataset events start the Dags scheduled on them. Evaluated right after an event arrives through
 * the API, and every few seconds by the scheduler loop for events written any other way (a task's
 * outlet, SQL). A paused Dag consumes nothing: its events stay queued and trigger one run when it
 * is unpaused, as in Airflow.
 */
@ApplicationScoped
public class DatasetTriggers {
  private static final Logger LOG = Logger.getLogger(DatasetTriggers.class);

  private final DagCatalog catalog;
  private final DagRepository dags;
  private final DatasetRepository datasets;
  private final DatasetTriggerRepository triggers;
  private final DatasetRunFactory factory;
  private final DagRunService service;

  DatasetTriggers(
      DagCatalog catalog,
      DagRepository dags,
      DatasetRepository datasets,
      DatasetTriggerRepository triggers,
      DatasetRunFactory factory,
      DagRunService service) {
    this.catalog = catalog;
    this.dags = dags;
    this.datasets = datasets;
    this.triggers = triggers;
    this.factory = factory;
    this.service = service;
  }

  /**
   * At registration: each dataset-scheduled Dag watches exactly its datasets (which exist, as in
   * Airflow), starting after their latest event; other Dags watch none.
   */
  public void register() {
    for (DagTimetable dag : catalog.timetables()) {
      if (dag.assets() == null) {
        triggers.unregister(dag.dagId());
      } else {
        dag.assets().uris().forEach(datasets::ensure);
        triggers.register(dag.dagId(), dag.assets().uris());
      }
    }
  }

  /** Evaluates the Dags scheduled on {@code uri}; answers the runs created. */
  public List<DagRunRow> evaluateFor(String uri) {
    List<DagRunRow> created = new ArrayList<>();
    for (DagTimetable dag : catalog.timetables()) {
      if (dag.assets() != null && dag.assets().uris().contains(uri)) {
        evaluate(dag).ifPresent(created::add);
      }
    }
    return created;
  }

  /** Evaluates every dataset-scheduled Dag; answers the runs created. */
  public List<DagRunRow> evaluateAll() {
    List<DagRunRow> created = new ArrayList<>();
    for (DagTimetable dag : catalog.timetables()) {
      if (dag.assets() != null) {
        evaluate(dag).ifPresent(created::add);
      }
    }
    return created;
  }

  private Optional<DagRunRow> evaluate(DagTimetable timetable) {
    Optional<Dag> dag = catalog.get(timetable.dagId());
    if (dag.isEmpty() || dags.find(timetable.dagId()).map(DagRow::isPaused).orElse(true)) {
      return Optional.empty();
    }
    Optional<DagRunRow> run = factory.createIfSatisfied(dag.get(), timetable.assets());
    run.ifPresent(
        r -> {
          LOG.infof("Dataset events on %s started %s", timetable.assets().describe(), r.runId());
          service.startWaitingRuns(r.dagId());
        });
    return run;
  }
}
