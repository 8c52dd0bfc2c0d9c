package dev.atelier.activities.jobs;

import java.util.Optional;

/**
 * A launched job as its launcher knows it: {@code <namespace>/<name>} for a Kubernetes Job (the
 * namespace travels with the id because an operator task may name its own), {@code <pid>@<start
 * millis>} for a local process (the start time tells a reused pid from ours). A bare value, as
 * handles from before this form hold, is a Job name in the launcher's namespace or a pid.
 */
public record JobId(String value) {
  public JobId {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("jobId: '" + value + "' must not be blank");
    }
  }

  public static JobId kubernetes(String namespace, String name) {
    return new JobId(namespace + "/" + name);
  }

  /** The namespace part, or empty for a local id or a bare Job name. */
  public Optional<String> namespace() {
    int slash = value.indexOf('/');
    return slash < 0 ? Optional.empty() : Optional.of(value.substring(0, slash));
  }

  /** The Job's (or process's) own name: what follows the namespace. */
  public String name() {
    return value.substring(value.indexOf('/') + 1);
  }

  @Override
  public String toString() {
    return value;
  }
}
