package dev.atelier.ui.service;

import dev.atelier.ui.repository.AssetAliasRepository;
import dev.atelier.ui.repository.DagRepository;
import dev.atelier.ui.repository.DagRow;
import dev.atelier.ui.repository.DagRunRow;
import dev.atelier.ui.repository.DatasetRepository;
import dev.atelier.ui.repository.DatasetTriggerRepository;
import dev.atelier.workflows.dsl.Dag;
import dev.atelier.workflows.schedule.AssetCondition;
import dev.atelier.workflows.schedule.DagTimetable;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Dataset events start the Dags scheduled on them. Evaluated right after an event arrives through
 * the API, and every few seconds by the scheduler loop for events written any other way (a task's
 * outlet, SQL). A paused Dag consumes nothing: its events stay queued and trigger one run when it
 * is unpaused, as in Airflow. A Dag scheduled on an {@code AssetAlias} is scheduled on the assets
 * the alias resolves to at each evaluation ({@link AssetCondition#resolve}).
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
  private final AssetAliasRepository aliases;
  private final AssetDeclarations declarations;

  DatasetTriggers(
      DagCatalog catalog,
      DagRepository dags,
      DatasetRepository datasets,
      DatasetTriggerRepository triggers,
      DatasetRunFactory factory,
      DagRunService service,
      AssetAliasRepository aliases,
      AssetDeclarations declarations) {
    this.catalog = catalog;
    this.dags = dags;
    this.datasets = datasets;
    this.triggers = triggers;
    this.factory = factory;
    this.service = service;
    this.aliases = aliases;
    this.declarations = declarations;
  }

  /**
   * At registration: each dataset-scheduled Dag watches exactly its datasets (which exist, as in
   * Airflow) and those its aliases resolve to, starting after their latest event; other Dags watch
   * none. Every alias the Dags declare gets its row, as Airflow stores them when it parses Dags.
   */
  public void register() {
    declarations.aliases().values().forEach(a -> aliases.ensure(a.name(), a.group()));
    Map<String, List<String>> resolution = aliases.resolution();
    for (DagTimetable dag : catalog.timetables()) {
      if (dag.assets() == null) {
        triggers.unregister(dag.dagId());
      } else {
        AssetCondition condition = resolved(dag.assets(), resolution);
        condition.uris().forEach(datasets::ensure);
        triggers.register(dag.dagId(), condition.uris());
      }
    }
  }

  /** Evaluates the Dags scheduled on {@code uri} (directly or through an alias); the runs made. */
  public List<DagRunRow> evaluateFor(String uri) {
    List<DagRunRow> created = new ArrayList<>();
    Map<String, List<String>> resolution = aliases.resolution();
    for (DagTimetable dag : catalog.timetables()) {
      if (dag.assets() == null) {
        continue;
      }
      AssetCondition condition = resolved(dag.assets(), resolution);
      if (condition.uris().contains(uri)) {
        evaluate(dag, condition).ifPresent(created::add);
      }
    }
    return created;
  }

  /** Evaluates every dataset-scheduled Dag; answers the runs created. */
  public List<DagRunRow> evaluateAll() {
    List<DagRunRow> created = new ArrayList<>();
    Map<String, List<String>> resolution = null;
    for (DagTimetable dag : catalog.timetables()) {
      if (dag.assets() != null) {
        if (resolution == null) {
          resolution = aliases.resolution();
        }
        evaluate(dag, resolved(dag.assets(), resolution)).ifPresent(created::add);
      }
    }
    return created;
  }

  private static AssetCondition resolved(
      AssetCondition condition, Map<String, List<String>> resolution) {
    return condition.aliases().isEmpty() ? condition : condition.resolve(resolution);
  }

  private Optional<DagRunRow> evaluate(DagTimetable timetable, AssetCondition condition) {
    Optional<Dag> dag = catalog.get(timetable.dagId());
    if (dag.isEmpty() || dags.find(timetable.dagId()).map(DagRow::isPaused).orElse(true)) {
      return Optional.empty();
    }
    Optional<DagRunRow> run = factory.createIfSatisfied(dag.get(), condition);
    run.ifPresent(
        r -> {
          LOG.infof("Dataset events on %s started %s", condition.describe(), r.runId());
          service.startWaitingRuns(r.dagId());
        });
    return run;
  }
}
