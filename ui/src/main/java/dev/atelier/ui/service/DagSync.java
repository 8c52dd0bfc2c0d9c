package dev.atelier.ui.service;

import dev.atelier.ui.repository.DagRepository;
import dev.atelier.ui.repository.JsonColumns;
import dev.atelier.workflows.dsl.Dag;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Registers every Dag of the code in the {@code dag} table at start, as Airflow's Dag processor
 * does: the definition, description, schedule and tags follow the code; whether a Dag is paused
 * stays the operator's choice.
 */
@ApplicationScoped
public class DagSync {
  private static final Logger LOG = Logger.getLogger(DagSync.class);

  private final DagCatalog catalog;
  private final DagRepository dags;

  DagSync(DagCatalog catalog, DagRepository dags) {
    this.catalog = catalog;
    this.dags = dags;
  }

  void onStart(@Observes @Priority(20) StartupEvent event) {
    sync();
  }

  public void sync() {
    int count = 0;
    for (Dag dag : catalog.all()) {
      dags.upsert(
          dag.dagId(),
          dag.description(),
          dag.schedule(),
          dag.tags(),
          JsonColumns.write(dag.toSpec()));
      count++;
    }
    LOG.infof("Registered %d Dag(s) from the code", count);
  }
}
