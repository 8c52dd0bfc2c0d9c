package dev.atelier.ui.service;

/**
 * One Airflow pool now: its size ({@code -1}: unlimited), the slots held by task instances (queued
 * or running: Atelier marks an instance queued when it is granted its slots and running right
 * after), the slots waiting requests ask for (Airflow's scheduled task instances that wait for the
 * pool), and its description.
 */
public record PoolView(
    String name,
    int slots,
    int occupiedSlots,
    int waitingSlots,
    String description,
    boolean includeDeferred) {

  public static final int UNLIMITED = -1;

  /** Slots free now; {@code -1} for an unlimited pool. */
  public int openSlots() {
    return slots == UNLIMITED ? UNLIMITED : slots - occupiedSlots;
  }
}
