/**
 * Authoring Dags, Airflow's way: a {@link dev.atelier.workflows.dsl.Dag} of tasks (Java functions
 * as {@code @task}s, activity operators, training sweeps, branches, short-circuits, sensors, Dag
 * triggers) wired with {@code then} / {@link dev.atelier.workflows.dsl.Chain#chain} and task
 * groups, with trigger rules, typed params, XComArgs, retries, pools and mapping ({@code
 * partial(...).expand(...)}, {@code expand_kwargs}) or searching ({@code partial(...).search(...)},
 * declared with {@link dev.atelier.workflows.dsl.Search}). Everything here is plain Java with no
 * engine types, so a Dag can be defined, validated and serialized ({@link
 * dev.atelier.workflows.dsl.DagSpec}) without Temporal; the {@code temporal} package runs the
 * serialized form. Errors are raised when the Dag is built, all at once, each naming the task and
 * the bad value.
 */
package dev.atelier.workflows.dsl;
