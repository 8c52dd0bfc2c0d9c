package dev.atelier.ui.repository;

/**
 * A pool as the API last set it: its size ({@code -1}: unlimited), description and Airflow's {@code
 * include_deferred}; {@code deleted} hides a pool that {@code ATELIER_POOLS} names.
 */
public record PoolRow(
    String name, int slots, String description, boolean includeDeferred, boolean deleted) {}
