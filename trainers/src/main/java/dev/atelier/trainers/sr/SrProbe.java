package dev.atelier.trainers.sr;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import dev.atelier.trainers.data.ImageDataset;
import dev.atelier.trainers.spec.ProbeSpec;
import dev.atelier.trainers.spec.SrTrialSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The fixed probe batch every sample step is measured on: {@code probe.count} images picked by
 * {@code probe.seed}, held out of training when the data set has at least four times as many images
 * (otherwise they are trained on too, and the run's params say so); holding out moves them to the
 * end of the data set's array in place. Their low-resolution inputs and nearest-neighbour
 * enlargement are computed once.
 */
final class SrProbe {
  final int count;
  final int size;
  final float[] hr;
  final float[] lr;
  final float[] nearest;
  final double psnrNearest;

  private SrProbe(float[] hr, int count, int size) {
    this.count = count;
    this.size = size;
    this.hr = hr;
    int small = size / SrTrialSpec.SCALE;
    this.lr = HostResampling.areaDown(hr, count, size, SrTrialSpec.SCALE);
    this.nearest = HostResampling.nearestUp(lr, count, small, small, SrTrialSpec.SCALE);
    this.psnrNearest = Psnr.mean(nearest, hr, count, 3 * size * size);
  }

  /** The training images and the probe. */
  record Split(ImageDataset train, SrProbe probe, boolean heldOut) {}

  static Split split(ImageDataset data, ProbeSpec spec) {
    int count = Math.min(spec.count(), data.count());
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < data.count(); i++) {
      order.add(i);
    }
    Collections.shuffle(order, new Random(spec.seed()));
    List<Integer> picked = order.subList(0, count).stream().sorted().toList();
    int len = data.imageLength();
    float[] hr = new float[count * len];
    for (int k = 0; k < count; k++) {
      System.arraycopy(data.pixels(), picked.get(k) * len, hr, k * len, len);
    }
    SrProbe probe = new SrProbe(hr, count, data.size());
    boolean heldOut = data.count() >= 4 * count;
    if (!heldOut) {
      return new Split(data, probe, false);
    }
    // Move the probe images to the end of the array in place and train on the front: a copy of
    // the rest would double the data set's memory (186 MB for the emoji set at 64x64).
    int n = data.count();
    int tail = n - count;
    boolean[] isProbe = new boolean[n];
    picked.forEach(i -> isProbe[i] = true);
    float[] px = data.pixels();
    float[] swap = new float[len];
    int free = tail;
    for (int p : picked) {
      if (p >= tail) {
        continue;
      }
      while (isProbe[free]) {
        free++;
      }
      System.arraycopy(px, p * len, swap, 0, len);
      System.arraycopy(px, free * len, px, p * len, len);
      System.arraycopy(swap, 0, px, free * len, len);
      free++;
    }
    return new Split(new ImageDataset(px, tail, data.size(), data.skipped()), probe, true);
  }

  /** The generator's output on the probe, and its PSNR against the ground truth. */
  record Result(float[] sr, double psnr) {}

  Result evaluate(Block g, NDManager root) {
    int small = size / SrTrialSpec.SCALE;
    float[] sr = SrInference.upscale(g, root, lr, count, small, small);
    return new Result(sr, Psnr.mean(sr, hr, count, 3 * size * size));
  }

  /** Low-res (nearest-enlarged) | SR | ground truth, per probe image. */
  byte[] picture(float[] sr) {
    return Sheet.png(new float[][] {nearest, sr, hr}, count, size);
  }
}
