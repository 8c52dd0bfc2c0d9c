package dev.atelier.workflows.temporal;

import java.util.List;

/**
 * What a pool looks like now, as Airflow's pool view shows it: size, slots taken, slots asked for
 * by waiting requests, and which task instances hold and wait (highest priority first).
 */
public record PoolStatus(
    String name,
    int slots,
    int occupiedSlots,
    int queuedSlots,
    List<String> holders,
    List<String> waiting) {}
