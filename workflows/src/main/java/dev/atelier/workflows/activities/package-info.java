/**
 * The activity contracts the workflows call: the only way workflow code touches the world.
 * Implementations live in the {@code activities} module, so this module never imports them; the Dag
 * interpreter calls operator activities, task functions and sensor pokes through untyped stubs by
 * the type names declared here. {@link dev.atelier.workflows.activities.TaskFunctionInvoker} holds
 * the work both the worker and the tests need to run a task function by name, so both behave the
 * same. Contracts whose work needs the app's own services (runs, datasets) are implemented by the
 * app: {@link dev.atelier.workflows.activities.TriggerActivities} and {@link
 * dev.atelier.workflows.activities.DatasetActivities}.
 */
package dev.atelier.workflows.activities;
