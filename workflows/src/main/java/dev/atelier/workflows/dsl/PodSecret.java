package dev.atelier.workflows.dsl;

import java.util.Map;

/**
 * Airflow's {@code Secret("env", deploy_target, secret, key)} for a {@link KubernetesJobOperator}:
 * the environment variable {@code deployTarget} takes the value of {@code key} in the Kubernetes
 * Secret {@code secret} (a {@code secretKeyRef}), so the value never passes through the engine.
 */
public record PodSecret(String deployTarget, String secret, String key) {
  /** Airflow's {@code Secret("env", deploy_target, secret, key)}. */
  public static PodSecret env(String deployTarget, String secret, String key) {
    return new PodSecret(deployTarget, secret, key);
  }

  Map<String, Object> toArg() {
    return PodArgs.ordered(
        "deploy_type", "env", "deploy_target", deployTarget, "secret", secret, "key", key);
  }
}
