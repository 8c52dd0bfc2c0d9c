package dev.atelier.workflows.search;

/** Builds the sampler a {@link SearchSpec} names, seeded with its seed. */
public final class Samplers {
  private Samplers() {}

  /** TPE's defaults, Optuna's: 10 startup trials, 24 candidates. */
  public static final int DEFAULT_STARTUP_TRIALS = 10;

  public static final int DEFAULT_CANDIDATES = 24;

  public static Sampler of(SearchSpec spec) {
    SearchSpace space = SearchSpace.of(spec.space());
    return switch (spec.algorithm().name()) {
      case "grid" -> new GridSampler(space);
      case "random" -> new RandomSampler(space, spec.seed());
      case "tpe" -> new TpeSampler(space, spec.objective(), spec.algorithm(), spec.seed());
      default ->
          throw new IllegalArgumentException(
              "algorithm '" + spec.algorithm().name() + "' is not one of [grid, random, tpe]");
    };
  }
}
