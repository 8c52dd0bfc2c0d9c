/**
 * The Kubernetes benchmark: how long a trial Job launched through {@code KubernetesJobLauncher}
 * takes to have a running pod, against the same Job created without the facade, with and without
 * Kueue; and how 100 queued one-GPU trials drain through the 4-GPU ClusterQueue (wall time, most
 * admitted at once, API requests and worker CPU per trial). It runs on the real control plane of
 * {@code ./atelier cluster up} with kwok's fake nodes. Numbers go to {@code bench/RESULTS.md}
 * through {@code ./bench/cluster.sh}; nothing here is a test, and nothing asserts a timing.
 */
package dev.atelier.bench.cluster;
