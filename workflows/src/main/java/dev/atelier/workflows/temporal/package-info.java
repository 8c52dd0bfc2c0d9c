/**
 * Running Dags on Temporal. {@link dev.atelier.workflows.temporal.DagRunWorkflow} interprets a
 * serialized Dag as Airflow's scheduler would: trigger rules decide, decided tasks become units
 * (instances, {@link dev.atelier.workflows.temporal.MappedTaskWorkflow} chunks of large mappings,
 * {@link dev.atelier.workflows.temporal.SweepWorkflow}s of {@link
 * dev.atelier.workflows.temporal.TrialWorkflow}s) started by priority within the run's limits, each
 * instance tried per Airflow's retries, and long runs continue as new. {@link
 * dev.atelier.workflows.temporal.PoolWorkflow} is one pool shared by every run. Workflow code here
 * is deterministic: it touches the world only through activities and reads time only through {@code
 * Workflow}. Every state change of a run or task instance is written through {@code
 * PersistenceActivities}.
 */
package dev.atelier.workflows.temporal;
