package dev.atelier.workflows.search;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Independent uniform draws from the space (Optuna's {@code RandomSampler}), seeded. */
final class RandomSampler implements Sampler {
  private final SearchSpace space;
  private final SplittableRandom rng;

  RandomSampler(SearchSpace space, long seed) {
    this.space = space;
    this.rng = new SplittableRandom(seed);
  }

  @Override
  public Map<String, Object> ask(List<TrialView> trials) {
    return space.random(rng);
  }
}
