package dev.atelier.ui.rest.airflow.v2;

import dev.atelier.ui.service.PoolView;

/**
 * Airflow 3's PoolResponse. Held slots are Airflow's running ones (an instance is queued only for
 * the moment between its grant and its start), waiting requests its scheduled slots, and nothing is
 * ever deferred. {@code slots} and {@code open_slots} are -1 for an unlimited pool.
 */
public record PoolResponse(
    String name,
    int slots,
    String description,
    boolean includeDeferred,
    int occupiedSlots,
    int runningSlots,
    int queuedSlots,
    int scheduledSlots,
    int openSlots,
    int deferredSlots,
    String teamName) {

  static PoolResponse of(PoolView p) {
    return new PoolResponse(
        p.name(),
        p.slots(),
        p.description(),
        p.includeDeferred(),
        p.occupiedSlots(),
        p.occupiedSlots(),
        0,
        p.waitingSlots(),
        p.openSlots(),
        0,
        null);
  }
}
