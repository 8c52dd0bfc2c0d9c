package dev.atelier.activities.jobs;

/** A launched job as its launcher knows it: a Kubernetes Job name or a local process id. */
public record JobId(String value) {
  public JobId {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("jobId: '" + value + "' must not be blank");
    }
  }

  @Override
  public String toString() {
    return value;
  }
}
