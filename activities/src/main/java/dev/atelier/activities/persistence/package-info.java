/**
 * Dag run and task instance state in PostgreSQL (tables {@code dag_run} and {@code task_instance}
 * of the V1 migration), written with plain JDBC. Every write is an idempotent upsert or update,
 * because Temporal may run an activity more than once. The workflows write every state through
 * {@code PersistenceActivitiesImpl}; the one exception is a waiting job's queued/running phase
 * ({@code TryPhaseWriter}), which its waiting activity writes as a compare-and-set that a state the
 * workflow wrote always wins over.
 */
package dev.atelier.activities.persistence;
