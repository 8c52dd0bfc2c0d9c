package dev.atelier.trainers.train;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code keep_best_by} metric's latest value when a checkpoint was made, and the step it was
 * measured at: the {@code quality} entry of {@code checkpoint.json}, by which {@link
 * CheckpointRetention} ranks step checkpoints. The GAN trainer and srgan4x write it alike.
 */
public record BestMetric(String metric, double value, int measuredAt) {

  /** The descriptor's {@code quality} object. */
  public Map<String, Object> asDescriptor() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("metric", metric);
    m.put("value", value);
    m.put("measured_at_step", measuredAt);
    return m;
  }

  /** Read back from a whole {@code checkpoint.json}; empty when it has none. */
  public static Optional<BestMetric> fromDescriptor(JsonNode descriptor) {
    JsonNode q = descriptor.path("quality");
    return q.isObject()
        ? Optional.of(
            new BestMetric(
                q.path("metric").asText(),
                q.path("value").asDouble(),
                q.path("measured_at_step").asInt()))
        : Optional.empty();
  }
}
