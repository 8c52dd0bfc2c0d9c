package dev.atelier.ui.rest.airflow.v2;

import java.time.OffsetDateTime;

/**
 * Airflow 3's HealthInfoResponse. Temporal stands in for both the scheduler and the triggerer (it
 * schedules tasks and holds their timers and deferred waits), so both report its status; neither
 * heartbeats. There is no Dag processor: Dags are compiled into the build, so it is null.
 */
public record HealthInfoResponse(
    Status metadatabase, Scheduler scheduler, Triggerer triggerer, Object dagProcessor) {

  public record Status(String status) {}

  public record Scheduler(String status, OffsetDateTime latestSchedulerHeartbeat) {}

  public record Triggerer(String status, OffsetDateTime latestTriggererHeartbeat) {}
}
