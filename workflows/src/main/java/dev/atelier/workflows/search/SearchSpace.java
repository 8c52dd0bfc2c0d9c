package dev.atelier.workflows.search;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * The dimensions of a search in declaration order (a conditional one after its parent, which {@code
 * dsl.Search}'s checks guarantee). A configuration holds only the active dimensions.
 */
public record SearchSpace(List<Dimension> dimensions) {

  public static SearchSpace of(List<ParamSpec> params) {
    return new SearchSpace(params.stream().map(Dimension::of).toList());
  }

  /** A configuration drawn uniformly, dimension by dimension, skipping inactive ones. */
  public Map<String, Object> random(RandomGenerator rng) {
    Map<String, Object> config = new LinkedHashMap<>();
    for (Dimension d : dimensions) {
      if (d.activeUnder(config)) {
        config.put(d.name(), d.random(rng));
      }
    }
    return config;
  }

  /** The dimensions that are always active (no parent). */
  public List<Dimension> unconditional() {
    List<Dimension> out = new ArrayList<>();
    dimensions.forEach(
        d -> {
          if (d.parent() == null) {
            out.add(d);
          }
        });
    return out;
  }
}
