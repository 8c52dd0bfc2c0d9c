package dev.atelier.workflows.dsl;

import java.util.Map;

/**
 * A Kubernetes toleration ({@code key}, {@code operator} Equal or Exists, {@code value}, {@code
 * effect} NoSchedule, PreferNoSchedule or NoExecute; null for any), as Airflow's {@code
 * tolerations=[{...}]} list gives it.
 */
public record PodToleration(String key, String operator, String value, String effect) {
  /** Tolerates a taint {@code key=value:effect}. */
  public static PodToleration equal(String key, String value, String effect) {
    return new PodToleration(key, "Equal", value, effect);
  }

  /** Tolerates any taint with {@code key} and {@code effect} (e.g. {@code nvidia.com/gpu}). */
  public static PodToleration exists(String key, String effect) {
    return new PodToleration(key, "Exists", null, effect);
  }

  Map<String, Object> toArg() {
    return PodArgs.ordered("key", key, "operator", operator, "value", value, "effect", effect);
  }
}
