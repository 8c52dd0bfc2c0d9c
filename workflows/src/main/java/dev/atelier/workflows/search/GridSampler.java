package dev.atelier.workflows.search;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every combination of the discrete dimensions, in a fixed order: declaration order, the first
 * dimension slowest (as {@code expand} maps). A conditional dimension branches only where it is
 * active, so {@code loss ∈ {bce, hinge}} with {@code r1_gamma ∈ {0.1, 1}} when bce gives three
 * points, not four. {@code ask} returns the first point no trial has yet; the grid is exhausted
 * when every point has a trial (failed ones included: a grid point is tried once).
 */
final class GridSampler implements Sampler {
  private final List<Map<String, Object>> points;

  GridSampler(SearchSpace space) {
    List<Map<String, Object>> partial = new ArrayList<>();
    partial.add(new LinkedHashMap<>());
    for (Dimension d : space.dimensions()) {
      List<Map<String, Object>> next = new ArrayList<>();
      for (Map<String, Object> p : partial) {
        if (!d.activeUnder(p)) {
          next.add(p);
          continue;
        }
        for (Object v : d.values()) {
          Map<String, Object> q = new LinkedHashMap<>(p);
          q.put(d.name(), v);
          next.add(q);
        }
      }
      partial = next;
    }
    this.points = List.copyOf(partial);
  }

  List<Map<String, Object>> points() {
    return points;
  }

  @Override
  public Map<String, Object> ask(List<TrialView> trials) {
    for (Map<String, Object> p : points) {
      if (trials.stream().noneMatch(t -> same(p, t.params()))) {
        return new LinkedHashMap<>(p);
      }
    }
    throw new IllegalStateException("the grid's " + points.size() + " points all have a trial");
  }

  @Override
  public boolean exhausted(List<TrialView> trials) {
    return points.stream().allMatch(p -> trials.stream().anyMatch(t -> same(p, t.params())));
  }

  private static boolean same(Map<String, Object> point, Map<String, Object> params) {
    if (params == null || point.size() != params.size()) {
      return false;
    }
    return point.entrySet().stream()
        .allMatch(e -> SameValue.equal(e.getValue(), params.get(e.getKey())));
  }
}
