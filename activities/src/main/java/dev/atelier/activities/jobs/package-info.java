/**
 * Trainer jobs behind one narrow facade, {@link dev.atelier.activities.jobs.JobLauncher}: a local
 * child process for one machine, a Kubernetes batch/v1 Job for a cluster. Both run the same trainer
 * command and report the same three endings (succeeded, failed with an exit code, gone), so the
 * trial activity does not care where a trial ran.
 */
package dev.atelier.activities.jobs;
