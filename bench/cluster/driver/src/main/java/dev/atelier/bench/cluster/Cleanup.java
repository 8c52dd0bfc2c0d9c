package dev.atelier.bench.cluster;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Deletes the benchmark's Jobs (by its label, as the cluster admin) and waits until their pods and
 * Kueue Workloads are gone, so a scenario starts on an empty queue and nothing is left behind.
 */
final class Cleanup {
  private Cleanup() {}

  static int run(KubernetesClient admin, String namespace) throws InterruptedException {
    var jobs =
        admin
            .batch()
            .v1()
            .jobs()
            .inNamespace(namespace)
            .withLabel(BenchTrials.LABEL, BenchTrials.LABEL_VALUE);
    int n = jobs.list().getItems().size();
    if (n > 0) {
      jobs.withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
    }
    long deadline = System.nanoTime() + 180_000_000_000L;
    while (System.nanoTime() < deadline) {
      boolean empty =
          jobs.list().getItems().isEmpty()
              && admin
                  .pods()
                  .inNamespace(namespace)
                  .withLabel(BenchTrials.LABEL, BenchTrials.LABEL_VALUE)
                  .list()
                  .getItems()
                  .isEmpty()
              && admin
                  .genericKubernetesResources(Observer.WORKLOADS)
                  .inNamespace(namespace)
                  .list()
                  .getItems()
                  .stream()
                  .noneMatch(
                      w -> w.getMetadata().getName().contains(BenchTrials.DAG.replace('_', '-')));
      if (empty) {
        return n;
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException(
        "benchmark Jobs, pods or Workloads labelled "
            + BenchTrials.SELECTOR
            + " still exist 180 s after deleting them");
  }
}
