/**
 * MLflow as Atelier lays it out (DESIGN.md, "MLflow layout"): an experiment per Dag, a parent run
 * per sweep, a child run per trial, and promoted checkpoints as versions of a registered model with
 * an alias. Runs, params and metrics go through MLflow's Java client; the registry calls it lacks
 * go through the same client's raw REST helpers.
 */
package dev.atelier.activities.mlflow;
