package dev.atelier.workflows.search;

import java.util.List;
import java.util.Map;

/** Independent uniform draws from the space (Optuna's {@code RandomSampler}), seeded. */
final class RandomSampler implements Sampler {
  private final SearchSpace space;
  private final Draws rng;

  RandomSampler(SearchSpace space, long seed) {
    this(space, seed, 0);
  }

  RandomSampler(SearchSpace space, long seed, long position) {
    this.space = space;
    this.rng = Draws.at(seed, position);
  }

  @Override
  public List<Long> positions() {
    return List.of(rng.position());
  }

  @Override
  public Map<String, Object> ask(List<TrialView> trials) {
    return space.random(rng);
  }
}
