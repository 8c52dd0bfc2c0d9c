package dev.atelier.trainers.train.augment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import dev.atelier.trainers.model.Scalars;
import java.util.Random;

/**
 * DiffAugment's "color": per image, brightness + U(-0.5, 0.5), then saturation (distance from the
 * pixel's channel mean) scaled by U(0, 2), then contrast (distance from the image mean) scaled by
 * U(0.5, 1.5), as in the authors' code.
 */
public final class ColorAugment implements Augmentation {
  @Override
  public NDArray apply(NDArray x, Random random) {
    NDArray brightness = perImage(x, random, -0.5f, 1);
    NDArray saturation = perImage(x, random, 0, 2);
    NDArray contrast = perImage(x, random, 0.5f, 1);
    NDArray y = x.add(brightness);
    NDArray pixelMean = y.mean(new int[] {1}, true);
    y = y.sub(pixelMean).mul(saturation).add(pixelMean);
    // The engine's mean takes one axis; sum takes several.
    NDArray imageMean =
        Scalars.dividedBy(y.sum(new int[] {1, 2, 3}, true), y.getShape().size(1, 2, 3));
    return y.sub(imageMean).mul(contrast).add(imageMean);
  }

  /** (N, 1, 1, 1) values offset + scale * U(0, 1). */
  private static NDArray perImage(NDArray x, Random random, float offset, float scale) {
    int n = (int) x.getShape().get(0);
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = offset + scale * random.nextFloat();
    }
    return x.getManager().create(v, new Shape(n, 1, 1, 1));
  }
}
