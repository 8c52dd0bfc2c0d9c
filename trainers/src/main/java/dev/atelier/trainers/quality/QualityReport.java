package dev.atelier.trainers.quality;

import java.util.Map;

/**
 * One step's quality evaluation.
 *
 * @param metrics MLflow metric name to value, in a stable order
 * @param artifacts run-relative artifact path (e.g. {@code novelty/step_0000100.png}) to bytes
 * @param seconds wall time of the evaluation, the first one including the real data's features
 */
public record QualityReport(
    int step, Map<String, Double> metrics, Map<String, byte[]> artifacts, double seconds) {
  public QualityReport {
    metrics = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metrics));
    artifacts = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(artifacts));
  }
}
