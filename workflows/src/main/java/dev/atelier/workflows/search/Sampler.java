package dev.atelier.workflows.search;

import java.util.List;
import java.util.Map;

/**
 * Proposes the next configuration (Optuna's {@code ask}). A sampler is built from a {@link
 * SearchSpec} and its seed and holds its own random stream: the same sequence of calls gives the
 * same configurations, which is what lets the sweep workflow replay.
 */
public interface Sampler {
  /**
   * The next configuration: a value for every active parameter of the space (inactive conditional
   * parameters are absent). {@code trials} holds every trial so far, running ones included (a TPE
   * sampler treats those with its parallel strategy, e.g. constant liar).
   */
  Map<String, Object> ask(List<TrialView> trials);

  /** Grid search ends when the grid is done; other samplers never run dry. */
  default boolean exhausted(List<TrialView> trials) {
    return false;
  }

  /**
   * Where each of its random streams is ({@link Draws#position}), in a fixed order; {@link
   * Samplers#of(SearchSpec, List)} rebuilds the sampler there. Empty for a sampler without any.
   */
  default List<Long> positions() {
    return List.of();
  }
}
