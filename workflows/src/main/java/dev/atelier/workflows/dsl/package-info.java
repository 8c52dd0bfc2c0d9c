/**
 * Authoring Dags, Airflow's way: a {@link dev.atelier.workflows.dsl.Dag} of tasks wired with {@code
 * then} / {@link dev.atelier.workflows.dsl.Chain#chain}, trigger rules, typed params and mapped
 * tasks ({@code partial(...).expand(...)}). Everything here is plain Java with no engine types, so
 * a Dag can be defined, validated and serialized ({@link dev.atelier.workflows.dsl.DagSpec})
 * without Temporal; the {@code temporal} package runs the serialized form. Errors are raised when
 * the Dag is built, all at once, each naming the Dag, the task and the bad value.
 */
package dev.atelier.workflows.dsl;
