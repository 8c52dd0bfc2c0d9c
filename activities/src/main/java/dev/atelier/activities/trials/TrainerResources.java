package dev.atelier.activities.trials;

/**
 * What one trainer container asks the scheduler for by default (Kubernetes quantities, e.g. "2",
 * "4Gi"); a train task's own {@code container_resources} win. GPUs are per trial and come from the
 * trial request.
 */
public record TrainerResources(String cpuRequest, String memoryRequest, String memoryLimit) {
  /** Sized for the DCGAN trainer on CPU: DJL's PyTorch natives plus an in-memory image set. */
  public static TrainerResources defaults() {
    return new TrainerResources("2", "4Gi", "8Gi");
  }
}
