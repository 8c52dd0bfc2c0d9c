/**
 * The one job path, for sweep trials and KubernetesJobOperator tries alike: a {@link
 * dev.atelier.activities.jobs.JobRequest} (Airflow's argument names, read by {@link
 * dev.atelier.activities.jobs.JobArguments}) goes to a {@link
 * dev.atelier.activities.jobs.JobLauncher}, which runs it as a Kubernetes batch/v1 Job written by
 * {@link dev.atelier.activities.jobs.JobManifest} (hardened, Kueue-queued when asked) or as a local
 * child process, and reports the same {@link dev.atelier.activities.jobs.JobState}s either way:
 * queued, pending, running, succeeded, failed with an exit code, or gone.
 */
package dev.atelier.activities.jobs;
