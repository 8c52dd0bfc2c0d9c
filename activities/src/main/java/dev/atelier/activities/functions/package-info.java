/**
 * Task functions ({@code @task}, branch and short-circuit callables): the worker runs each one in
 * the {@code RunTaskFunction} activity, found by name among the Dags of the worker's DagBag, so the
 * workflow only ever carries the name.
 */
package dev.atelier.activities.functions;
