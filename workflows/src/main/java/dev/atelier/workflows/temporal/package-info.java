/**
 * Running Dags on Temporal. {@link dev.atelier.workflows.temporal.DagRunWorkflow} interprets a
 * serialized Dag: ready tasks start in parallel, trigger rules settle the rest, operator tasks run
 * as activities called by type name, and a mapped {@code TrainOperator} becomes a {@link
 * dev.atelier.workflows.temporal.SweepWorkflow} of {@link
 * dev.atelier.workflows.temporal.TrialWorkflow}s. Workflow code here is deterministic: it touches
 * the world only through activities and reads time only through {@code Workflow}. Every state
 * change of a run or task instance is written through {@code PersistenceActivities}.
 */
package dev.atelier.workflows.temporal;
