package dev.atelier.ui.service;

import dev.atelier.ui.repository.DagRepository;
import dev.atelier.ui.repository.JsonColumns;
import dev.atelier.workflows.dsl.Dag;
import dev.atelier.workflows.schedule.DagTimetable;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Registers every Dag of the code in the {@code dag} table at start, as Airflow's Dag processor
 * does: the definition, description, schedule and tags follow the code; whether a Dag is paused
 * stays the operator's choice (a new Dag starts as its {@code is_paused_upon_creation} says). A
 * dataset-scheduled Dag starts watching its datasets from their latest event, and the asset
 * watchers declared on them become dataset sources ({@link DatasetWatchDeclarations}). A Dag whose
 * definition changed gets its next version ({@link DagVersions}).
 */
@ApplicationScoped
public class DagSync {
  private static final Logger LOG = Logger.getLogger(DagSync.class);

  private final DagCatalog catalog;
  private final DagRepository dags;
  private final DatasetTriggers datasets;
  private final DatasetWatchDeclarations watchers;
  private final DagVersions versions;

  DagSync(
      DagCatalog catalog,
      DagRepository dags,
      DatasetTriggers datasets,
      DatasetWatchDeclarations watchers,
      DagVersions versions) {
    this.versions = versions;
    this.catalog = catalog;
    this.dags = dags;
    this.datasets = datasets;
    this.watchers = watchers;
  }

  void onStart(@Observes @Priority(20) StartupEvent event) {
    sync();
  }

  public void sync() {
    int count = 0;
    for (Dag dag : catalog.all()) {
      DagTimetable timetable = catalog.timetable(dag.dagId()).orElseThrow();
      dags.upsert(
          dag.dagId(),
          dag.description(),
          timetable.timetable().summary(),
          dag.tags(),
          JsonColumns.write(dag.toSpec()),
          timetable.pausedUponCreation());
      versions.record(dag);
      count++;
    }
    datasets.register();
    watchers.ensure(DatasetWatchDeclarations.of(catalog.timetables()));
    LOG.infof("Registered %d Dag(s) from the code", count);
  }
}
