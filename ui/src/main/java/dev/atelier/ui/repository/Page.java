package dev.atelier.ui.repository;

/**
 * One page of a list: how many rows, from where, in which SQL order ({@code "dag_id asc"}). The
 * order is built from a whitelist in the HTTP layer, never from raw client text.
 */
public record Page(int limit, int offset, String orderBy) {}
