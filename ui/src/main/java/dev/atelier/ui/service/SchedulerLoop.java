package dev.atelier.ui.service;

import dev.atelier.ui.repository.DagRunRepository;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * The part of Airflow's scheduler loop that Temporal does not do: every few seconds, start the runs
 * that wait for a free max_active_runs slot (a run that finished frees one), create the runs that
 * queued dataset events owe, and retry syncing the Temporal Schedules if Temporal was down at
 * start. Each step's failure is logged and retried on the next tick.
 */
@ApplicationScoped
public class SchedulerLoop {
  private static final Logger LOG = Logger.getLogger(SchedulerLoop.class);
  private static final Duration SYNC_RETRY = Duration.ofSeconds(30);

  private final DagRunRepository runs;
  private final DagRunService service;
  private final DatasetTriggers datasets;
  private final DagSchedules schedules;
  private Instant lastSyncTry = Instant.EPOCH;

  SchedulerLoop(
      DagRunRepository runs,
      DagRunService service,
      DatasetTriggers datasets,
      DagSchedules schedules) {
    this.runs = runs;
    this.service = service;
    this.datasets = datasets;
    this.schedules = schedules;
  }

  @Scheduled(
      every = "${atelier.scheduler.every:2s}",
      delayed = "5s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void tick() {
    try {
      for (String dagId : runs.dagsWithWaitingRuns()) {
        service.startWaitingRuns(dagId);
      }
    } catch (RuntimeException e) {
      LOG.warnf("Waiting runs stay waiting this tick: %s", e.getMessage());
    }
    try {
      datasets.evaluateAll();
    } catch (RuntimeException e) {
      LOG.warnf("Dataset triggers not evaluated this tick: %s", e.getMessage());
    }
    if (!schedules.synced() && Instant.now().isAfter(lastSyncTry.plus(SYNC_RETRY))) {
      lastSyncTry = Instant.now();
      try {
        schedules.sync();
      } catch (RuntimeException e) {
        LOG.warnf(
            "Temporal Schedules not synced yet (retried in %s): %s", SYNC_RETRY, e.getMessage());
      }
    }
  }
}
