/**
 * Everything the workflows do to the world, behind the activity contracts of {@code
 * dev.atelier.workflows.activities}: trial jobs, MLflow runs and the model registry, dataset scans
 * and the PostgreSQL rows the API reads. {@link dev.atelier.activities.AtelierActivities} wires
 * them from one {@link dev.atelier.activities.ActivitiesConfig} so a worker registers them in one
 * call.
 */
package dev.atelier.activities;
