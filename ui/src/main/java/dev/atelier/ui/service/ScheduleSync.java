package dev.atelier.ui.service;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * At start, after the Dags are registered (priority 20): puts the Temporal Schedules in step with
 * the code. Temporal being down does not stop the app; the scheduler loop retries.
 */
@ApplicationScoped
public class ScheduleSync {
  private static final Logger LOG = Logger.getLogger(ScheduleSync.class);

  private final DagSchedules schedules;

  ScheduleSync(DagSchedules schedules) {
    this.schedules = schedules;
  }

  void onStart(@Observes @Priority(40) StartupEvent event) {
    try {
      schedules.sync();
    } catch (RuntimeException e) {
      LOG.warnf("Temporal Schedules not synced at start (retried by the scheduler loop): %s", e);
    }
  }
}
