/**
 * Cancelling a Dag run end to end on Temporal's test server: the real trial and
 * KubernetesJobOperator activities and the Kubernetes launcher against fabric8's mock API server,
 * so the Jobs a run started are seen to go.
 */
package dev.atelier.activities.cancel;
