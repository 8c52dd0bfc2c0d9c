package dev.atelier.trainers.model;

import java.util.ArrayList;
import java.util.List;

/**
 * The layer shapes of R3GAN's networks (Huang et al. 2024, the brownvc/R3GAN configs), scaled by
 * the spec: one stage per resolution from 4x4 to the image size, each {@code blocksPerStage}
 * residual blocks wide {@link #channels(int)}; a block expands its channels 2x and groups its 3x3
 * convolution by {@link #groups(int)}. The reference configs have 768 channels up to 32x32 and
 * halve them per doubling above (FFHQ-64: 768, 768, 768, 768, 384), 16 channels per group and 2
 * blocks per stage; here {@code width} takes the 768's place.
 *
 * @param width the channels of every stage up to 32x32 ({@code g_width} or {@code d_width})
 * @param imageSize 32, 64, 128 or 256
 * @param blocksPerStage residual blocks per stage (R3GAN: 2)
 * @param groupChannels the channels of each group of a block's grouped convolution, at most (R3GAN:
 *     16); a stage whose expanded channels it does not divide takes the largest divisor below it
 */
public record R3ganShape(int width, int imageSize, int blocksPerStage, int groupChannels) {
  /** R3GAN's inverted bottleneck: a block's inner channels are this many times its width. */
  public static final int EXPANSION = 2;

  /** The resolutions of the stages, 4 first. */
  public List<Integer> resolutions() {
    List<Integer> r = new ArrayList<>();
    for (int s = 4; s <= imageSize; s *= 2) {
      r.add(s);
    }
    return r;
  }

  /** The channels of the stage at resolution {@code r}. */
  public int channels(int r) {
    return r <= 32 ? width : Math.max(1, (int) ((long) width * 32 / r));
  }

  /** The group count of a block of {@code channels}' grouped convolution (its cardinality). */
  public int groups(int channels) {
    int expanded = channels * EXPANSION;
    int c = Math.min(groupChannels, expanded);
    while (expanded % c != 0) {
      c--;
    }
    return expanded / c;
  }

  /** All residual blocks of one network: R3GAN's variance scaling parameter. */
  public int totalBlocks() {
    return resolutions().size() * blocksPerStage;
  }
}
