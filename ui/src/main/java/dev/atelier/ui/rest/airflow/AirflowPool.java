package dev.atelier.ui.rest.airflow;

import dev.atelier.ui.service.PoolView;

/**
 * Airflow's Pool object. Atelier's held slots are Airflow's running ones (an instance is queued
 * only for the moment between its grant and its start), waiting requests are Airflow's scheduled
 * slots, and nothing is ever deferred.
 */
public record AirflowPool(
    String name,
    int slots,
    int occupiedSlots,
    int runningSlots,
    int queuedSlots,
    int scheduledSlots,
    int deferredSlots,
    int openSlots,
    String description,
    boolean includeDeferred) {

  static AirflowPool of(PoolView p) {
    return new AirflowPool(
        p.name(),
        p.slots(),
        p.occupiedSlots(),
        p.occupiedSlots(),
        0,
        p.waitingSlots(),
        0,
        p.openSlots(),
        p.description(),
        p.includeDeferred());
  }
}
