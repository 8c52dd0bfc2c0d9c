package dev.atelier.workflows.search;

/** Builds the sampler a {@link SearchSpec} names, seeded with its seed. */
public final class Samplers {
  private Samplers() {}

  public static Sampler of(SearchSpec spec) {
    throw new UnsupportedOperationException("sampler '" + spec.algorithm().name() + "'");
  }
}
