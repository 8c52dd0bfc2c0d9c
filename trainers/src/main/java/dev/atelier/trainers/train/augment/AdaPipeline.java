package dev.atelier.trainers.train.augment;

import ai.djl.ndarray.NDArray;
import java.util.Random;

/**
 * StyleGAN2-ADA's 'bgc' augmentation at probability p: {@link AdaGeometric} (blit and general
 * geometric transforms), then {@link AdaColor}. At p = 0 the batch is returned untouched and
 * nothing is drawn.
 */
public final class AdaPipeline {
  private AdaPipeline() {}

  public static NDArray apply(NDArray x, double p, Random random) {
    if (!(p > 0)) {
      return x;
    }
    int n = (int) x.getShape().get(0);
    int h = (int) x.getShape().get(2);
    int w = (int) x.getShape().get(3);
    NDArray y = AdaGeometric.warp(x, AdaGeometric.draw(n, h, w, p, random));
    return AdaColor.apply(y, AdaColor.draw(n, p, random));
  }
}
