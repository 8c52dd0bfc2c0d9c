package dev.atelier.trainers.quality;

import java.util.ArrayList;
import java.util.List;

/**
 * What one evaluation measures and how hard it looks.
 *
 * @param samples generated images for FD, KID and diversity (drawn from probe seed + 1, like
 *     fd_diag_rgb8)
 * @param probeCount probe images (probe seed) for the novelty check and the walk's keyframes
 * @param neighbours k nearest training images shown per probe sample
 * @param collapseThreshold mode_collapse = 1 when sample diversity < this x the data's
 * @param kidSubsets KID subsets averaged
 * @param kidSubsetSize KID subset size, capped at the smaller of the two sets
 * @param walkKeyframes probe latents the walk passes through (a closed loop)
 * @param walkFrames frames per leg of the walk
 * @param seed draws KID's subsets; the same for every trial so trials compare like for like
 */
public record QualityOptions(
    int samples,
    int probeCount,
    int neighbours,
    double collapseThreshold,
    int kidSubsets,
    int kidSubsetSize,
    int walkKeyframes,
    int walkFrames,
    long seed) {
  public static final int DEFAULT_SAMPLES = 256;
  public static final int DEFAULT_PROBE_COUNT = 64;

  public static QualityOptions defaults() {
    return new QualityOptions(
        DEFAULT_SAMPLES,
        DEFAULT_PROBE_COUNT,
        Novelty.DEFAULT_NEIGHBOURS,
        Diversity.DEFAULT_THRESHOLD,
        Kid.DEFAULT_SUBSETS,
        Kid.DEFAULT_SUBSET_SIZE,
        LatentWalk.DEFAULT_KEYFRAMES,
        LatentWalk.DEFAULT_FRAMES_PER_LEG,
        0);
  }

  public QualityOptions withSamples(int n) {
    return new QualityOptions(
        n,
        probeCount,
        neighbours,
        collapseThreshold,
        kidSubsets,
        kidSubsetSize,
        walkKeyframes,
        walkFrames,
        seed);
  }

  public QualityOptions withProbeCount(int n) {
    return new QualityOptions(
        samples,
        n,
        neighbours,
        collapseThreshold,
        kidSubsets,
        kidSubsetSize,
        Math.min(walkKeyframes, Math.max(2, n)),
        walkFrames,
        seed);
  }

  /** Every broken rule as "prefix.field: value rule"; empty when usable. */
  public List<String> violations(String prefix) {
    String p = prefix.isEmpty() ? "" : prefix + ".";
    List<String> v = new ArrayList<>();
    range(v, p + "samples", samples, 2, 10_000);
    range(v, p + "probe_count", probeCount, 2, 1024);
    range(v, p + "neighbours", neighbours, 1, 16);
    if (!(collapseThreshold > 0 && collapseThreshold <= 1)) {
      v.add(p + "collapse_threshold: " + collapseThreshold + " must be > 0 and <= 1");
    }
    range(v, p + "kid_subsets", kidSubsets, 1, 1000);
    range(v, p + "kid_subset_size", kidSubsetSize, 2, 100_000);
    range(v, p + "walk_keyframes", walkKeyframes, 2, Math.max(2, probeCount));
    range(v, p + "walk_frames", walkFrames, 1, 60);
    return v;
  }

  private static void range(List<String> v, String field, int value, int min, int max) {
    if (value < min || value > max) {
      v.add(field + ": " + value + " must be in " + min + ".." + max);
    }
  }
}
