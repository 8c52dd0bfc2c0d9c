package dev.atelier.ui.service;

/**
 * One Airflow pool now: its size, the slots held by task instances (queued or running: Atelier
 * marks an instance queued when it is granted its slots and running right after), and the slots
 * waiting requests ask for (Airflow's scheduled task instances that wait for the pool).
 */
public record PoolView(String name, int slots, int occupiedSlots, int waitingSlots) {

  public int openSlots() {
    return slots - occupiedSlots;
  }
}
