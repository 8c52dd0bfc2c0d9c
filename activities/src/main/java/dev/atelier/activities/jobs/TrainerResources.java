package dev.atelier.activities.jobs;

/**
 * What one trainer container asks the scheduler for (Kubernetes quantities, e.g. "2", "4Gi"). GPUs
 * are per trial and come from the {@link JobSpec}.
 */
public record TrainerResources(String cpuRequest, String memoryRequest, String memoryLimit) {
  /** Sized for the DCGAN trainer on CPU: DJL's PyTorch natives plus an in-memory image set. */
  public static TrainerResources defaults() {
    return new TrainerResources("2", "4Gi", "8Gi");
  }
}
