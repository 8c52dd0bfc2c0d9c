/**
 * The Dags that ship with Atelier, written in the {@code dsl} and registered for {@link
 * dev.atelier.workflows.dsl.DagBag} in {@code META-INF/services}. A Dag here is data: it names
 * activities by type, so it carries no engine code.
 */
package dev.atelier.workflows.dags;
