/**
 * Tests against the real Kubernetes control plane that {@code ./atelier test} starts: etcd, the API
 * server with RBAC and PodSecurity, the controller manager, the scheduler, Kueue, and kwok's fake
 * GPU and CPU nodes. kwok simulates the pods (a pod's annotations say when it ends and with which
 * exit code), so the trainer itself does not run here; the Jobs, Workloads, pods, volumes and
 * Atelier's decisions are real.
 */
package dev.atelier.activities.cluster;
