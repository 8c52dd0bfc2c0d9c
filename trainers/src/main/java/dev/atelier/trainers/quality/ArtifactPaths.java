package dev.atelier.trainers.quality;

/**
 * Where quality artifacts go in a run, next to {@code samples/step_<7 digits>.png} so a step's
 * pictures sort and pair the same way.
 */
public final class ArtifactPaths {
  private ArtifactPaths() {}

  public static String novelty(int step, String extension) {
    return "novelty/" + stepName(step) + "." + extension;
  }

  /** A latent walk, e.g. {@code walks/final.gif} (the one rendered when training ends). */
  public static String walk(String name, String extension) {
    return "walks/" + name + "." + extension;
  }

  static String stepName(int step) {
    if (step < 0 || step > 9_999_999) {
      throw new IllegalArgumentException("step: " + step + " must be in 0..9999999");
    }
    return String.format("step_%07d", step);
  }
}
