/**
 * One training trial from launch to outcome: the MLflow child run, the trainer spec on disk, the
 * job on the {@link dev.atelier.activities.jobs.JobLauncher} (one per try, resuming the same run),
 * heartbeats while it trains, and the mapping from the trainer's exit code and files to a {@code
 * TrialOutcome} the sweep can judge.
 */
package dev.atelier.activities.trials;
