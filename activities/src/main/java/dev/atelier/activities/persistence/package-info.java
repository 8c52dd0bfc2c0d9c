/**
 * Dag run and task instance state in PostgreSQL (tables {@code dag_run} and {@code task_instance}
 * of the V1 migration), written with plain JDBC. Every write is an idempotent upsert or update,
 * because Temporal may run an activity more than once.
 */
package dev.atelier.activities.persistence;
