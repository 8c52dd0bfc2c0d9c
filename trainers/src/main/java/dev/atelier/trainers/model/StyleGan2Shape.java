package dev.atelier.trainers.model;

import java.util.ArrayList;
import java.util.List;

/**
 * The layer shapes of StyleGAN2's networks (Karras et al. 2020, NVlabs/stylegan2-ada-pytorch's
 * {@code training/networks.py}), scaled by the spec: one block per resolution from 4x4 to the image
 * size. The reference has min(32768 / r, 512) channels at resolution r (512 up to 64x64, then
 * halving); here {@code width} takes the 512's place up to 32x32 and halves per doubling above, as
 * {@link R3ganShape} does.
 *
 * @param width the channels of every block up to 32x32 ({@code g_width} or {@code d_width})
 * @param imageSize 32, 64, 128 or 256
 */
public record StyleGan2Shape(int width, int imageSize) {
  /** The resolutions of the blocks, 4 first. */
  public List<Integer> resolutions() {
    List<Integer> r = new ArrayList<>();
    for (int s = 4; s <= imageSize; s *= 2) {
      r.add(s);
    }
    return r;
  }

  /** The channels of the block at resolution {@code r}. */
  public int channels(int r) {
    return r <= 32 ? width : Math.max(1, (int) ((long) width * 32 / r));
  }

  /**
   * The generator's style vectors per image (the reference's {@code num_ws}): one per synthesis
   * layer (one at 4x4, two per block above) plus the last toRGB's; each toRGB shares the next
   * block's first.
   */
  public int numWs() {
    return 2 * resolutions().size();
  }
}
