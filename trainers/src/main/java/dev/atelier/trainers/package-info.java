/**
 * The trainer CLI: one process trains one trial from a JSON spec, logs to MLflow and exits with a
 * documented code, so a Kubernetes Job and the local launcher run exactly the same command. {@link
 * dev.atelier.trainers.TrainerMain} is the entry point; {@link dev.atelier.trainers.TrialRunner} is
 * the same logic as a function that returns the exit code, which is what tests call.
 */
package dev.atelier.trainers;
