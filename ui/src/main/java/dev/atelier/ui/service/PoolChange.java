package dev.atelier.ui.service;

/**
 * An edit of a pool (Airflow's pool PATCH): each field null when it stays as it is. {@code name} is
 * the pool's name as the body gives it, which must be the pool's own (pools are not renamed).
 */
public record PoolChange(String name, Integer slots, String description, Boolean includeDeferred) {}
