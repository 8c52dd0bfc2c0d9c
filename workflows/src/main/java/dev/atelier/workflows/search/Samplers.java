package dev.atelier.workflows.search;

import java.util.List;

/** Builds the sampler a {@link SearchSpec} names, seeded with its seed. */
public final class Samplers {
  private Samplers() {}

  /** TPE's defaults, Optuna's: 10 startup trials, 24 candidates. */
  public static final int DEFAULT_STARTUP_TRIALS = 10;

  public static final int DEFAULT_CANDIDATES = 24;

  public static Sampler of(SearchSpec spec) {
    return of(spec, List.of());
  }

  /**
   * The sampler with its random streams at {@code positions} ({@link Sampler#positions} of the one
   * it continues; empty for a fresh one): it then proposes what that one would have.
   */
  public static Sampler of(SearchSpec spec, List<Long> positions) {
    SearchSpace space = SearchSpace.of(spec.space());
    return switch (spec.algorithm().name()) {
      case "grid" -> new GridSampler(space);
      case "random" -> new RandomSampler(space, spec.seed(), position(positions, 0));
      case "tpe" ->
          new TpeSampler(
              space,
              spec.objective(),
              spec.algorithm(),
              spec.seed(),
              position(positions, 0),
              position(positions, 1));
      default ->
          throw new IllegalArgumentException(
              "algorithm '" + spec.algorithm().name() + "' is not one of [grid, random, tpe]");
    };
  }

  private static long position(List<Long> positions, int i) {
    return positions == null || positions.size() <= i ? 0 : positions.get(i);
  }
}
