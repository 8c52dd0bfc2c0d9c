package dev.atelier.ui.service;

import dev.atelier.ui.repository.DagFilter;
import dev.atelier.ui.repository.DagRepository;
import dev.atelier.ui.repository.DagRow;
import dev.atelier.ui.repository.Page;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Airflow's pause switch. Pausing is stored on the Dag and honoured wherever a run would start: a
 * run triggered while its Dag is paused waits, queued, without a workflow; the Dag's Temporal
 * Schedule is paused too, and dataset events stay queued. Unpausing starts the runs that waited,
 * unpauses the Schedule and catches up the scheduled runs the pause skipped (Airflow's catchup);
 * the app's start and the scheduler loop start runs whose unpause was missed.
 */
@ApplicationScoped
public class DagPauses {
  private static final Logger LOG = Logger.getLogger(DagPauses.class);

  private final DagRepository dags;
  private final DagRunService runs;
  private final DagSchedules schedules;

  DagPauses(DagRepository dags, DagRunService runs, DagSchedules schedules) {
    this.dags = dags;
    this.runs = runs;
    this.schedules = schedules;
  }

  /**
   * @throws ApiProblem 404 when no Dag has this id
   */
  public DagRow setPaused(String dagId, boolean paused) {
    if (!dags.setPaused(dagId, paused)) {
      throw ApiProblem.notFound("DAG not found", "DAG with dag_id: '" + dagId + "' not found");
    }
    try {
      schedules.setPaused(dagId, paused);
    } catch (RuntimeException e) {
      // The stored switch is what counts: a firing of a paused Dag creates nothing, and the
      // Schedule is put in step again when the app next syncs them.
      LOG.warnf("Temporal Schedule of %s not %s: %s", dagId, paused ? "paused" : "unpaused", e);
    }
    if (!paused) {
      int started = runs.startWaitingRuns(dagId);
      if (started > 0) {
        LOG.infof("Dag %s unpaused: started %d run(s) that waited", dagId, started);
      }
    }
    return dags.find(dagId).orElseThrow();
  }

  // After DagSync (priority 20) has registered the Dags.
  void onStart(@Observes @Priority(30) StartupEvent event) {
    List<DagRow> unpaused =
        dags.list(new DagFilter(false, List.of(), null), new Page(10_000, 0, "dag_id"));
    for (DagRow dag : unpaused) {
      try {
        runs.startWaitingRuns(dag.dagId());
      } catch (RuntimeException e) {
        LOG.warnf("Runs of %s that wait for an unpause stay waiting: %s", dag.dagId(), e);
      }
    }
  }
}
