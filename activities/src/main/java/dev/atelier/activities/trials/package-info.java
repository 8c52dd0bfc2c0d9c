/**
 * One training trial from launch to outcome: the MLflow child run, the trainer spec on disk, the
 * job on the {@link dev.atelier.activities.jobs.JobLauncher} (one per try, resuming the same run),
 * heartbeats while it trains, and the mapping from the trainer's exit code and files to a {@code
 * TrialOutcome} the sweep can judge. For a searching sweep, also what travels between it and the
 * trainer: the trial's evaluations as they are written ({@link EvaluationFeed}, {@link
 * SweepReports}), its stop request (an MLflow tag the trainer polls), and a PBT trial's start from
 * its donor's checkpoint ({@link DonorCheckpoint}).
 */
package dev.atelier.activities.trials;
