package dev.atelier.workflows.dsl;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keyword arguments in the order written, like Python's {@code **kwargs}. Order matters for {@code
 * expand}: as in Airflow, the first argument varies slowest in the cartesian product.
 */
public final class Kwargs {
  private Kwargs() {}

  /** {@code of("lr", 0.1, "latent_dim", 64)}; keys are strings, values literals or ParamRefs. */
  public static Map<String, Object> of(Object... keysAndValues) {
    if (keysAndValues.length % 2 != 0) {
      throw new IllegalArgumentException(
          "Kwargs.of needs key/value pairs, got " + keysAndValues.length + " items");
    }
    Map<String, Object> out = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      if (!(keysAndValues[i] instanceof String key)) {
        throw new IllegalArgumentException(
            "Kwargs.of: key at position " + i + " must be a string, got " + keysAndValues[i]);
      }
      out.put(key, keysAndValues[i + 1]);
    }
    return out;
  }
}
