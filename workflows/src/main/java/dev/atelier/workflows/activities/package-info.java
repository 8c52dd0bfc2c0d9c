/**
 * The activity contracts the workflows call: the only way workflow code touches the world.
 * Implementations live in the {@code activities} module, so this module never imports them; the Dag
 * interpreter calls operator activities, task functions and sensor pokes through untyped stubs by
 * the type names declared here. Two helpers hold the work both the worker and the tests need, so
 * they behave the same: {@link dev.atelier.workflows.activities.TaskFunctionInvoker} (runs a task
 * function by name) and {@link dev.atelier.workflows.activities.DagRunPreparer} (checks a triggered
 * run's conf against its Dag).
 */
package dev.atelier.workflows.activities;
