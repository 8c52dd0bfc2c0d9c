/**
 * The {@code RunKubernetesJob} activity behind Airflow-style {@code KubernetesJobOperator} tasks: a
 * general container Job (image, command, env and secrets, resources, placement, volumes) on a
 * cluster through fabric8, or, with the local launcher, the same command as a local process. Apart
 * from {@link dev.atelier.activities.jobs} because trials run one trainer with a spec file, while
 * these run whatever the Dag author names.
 */
package dev.atelier.activities.podjobs;
