/**
 * The activity contracts the workflows call: the only way workflow code touches the world.
 * Implementations live in the {@code activities} module, so this module never imports them; the Dag
 * interpreter calls operator activities through untyped stubs by the type names declared here.
 */
package dev.atelier.workflows.activities;
