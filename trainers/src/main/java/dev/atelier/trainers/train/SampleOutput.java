package dev.atelier.trainers.train;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a {@link SampleHook} returns: metrics, logged at the sample step (and usable as the spec's
 * {@code keep_best_by}), and artifacts, logged under their relative path (e.g. {@code
 * "quality/walk_0000500.gif"}).
 */
public record SampleOutput(Map<String, Double> metrics, Map<String, byte[]> artifacts) {
  public static final SampleOutput EMPTY = new SampleOutput(Map.of(), Map.of());

  public SampleOutput {
    metrics = Map.copyOf(metrics);
    artifacts = Map.copyOf(artifacts);
    for (String path : artifacts.keySet()) {
      if (path.isEmpty()
          || path.startsWith("/")
          || path.contains("\\")
          || ("/" + path + "/").contains("/../")
          || ("/" + path + "/").contains("/./")) {
        throw new IllegalArgumentException(
            "artifact path '" + path + "' must be relative, with no '.' or '..' parts");
      }
    }
  }

  public static SampleOutput metrics(Map<String, Double> metrics) {
    return new SampleOutput(metrics, Map.of());
  }

  /** Both outputs together; a name both define is a mistake in how the hooks were combined. */
  public SampleOutput plus(SampleOutput other) {
    Map<String, Double> m = new LinkedHashMap<>(metrics);
    other.metrics.forEach((k, v) -> put(m, k, v, "metric"));
    Map<String, byte[]> a = new LinkedHashMap<>(artifacts);
    other.artifacts.forEach((k, v) -> put(a, k, v, "artifact"));
    return new SampleOutput(m, a);
  }

  private static <V> void put(Map<String, V> map, String key, V value, String what) {
    if (map.putIfAbsent(key, value) != null) {
      throw new IllegalStateException("two sample hooks both produce the " + what + " " + key);
    }
  }
}
