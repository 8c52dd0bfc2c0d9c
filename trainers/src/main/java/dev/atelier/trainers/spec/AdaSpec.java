package dev.atelier.trainers.spec;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Adaptive discriminator augmentation (Karras et al. 2020, StyleGAN2-ADA), with that paper's
 * defaults.
 *
 * @param target the value of r_t = E[sign(D(real))] the probability is steered towards
 * @param interval steps between adjustments; r_t is the mean over those steps' real images
 * @param kimg thousands of real images over which p can move by 1: each adjustment moves it by
 *     sign(r_t − target) · batch · interval / (kimg · 1000)
 * @param p the probability at step 0
 */
public record AdaSpec(double target, int interval, double kimg, double p) {
  public static final AdaSpec DEFAULTS = new AdaSpec(0.6, 4, 500, 0);

  /** The per-adjustment step for this batch size. */
  public double adjustment(int batchSize) {
    return (double) batchSize * interval / (kimg * 1000);
  }

  public Map<String, Object> asSpecMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("target", target);
    m.put("interval", interval);
    m.put("kimg", kimg);
    m.put("p", p);
    return m;
  }
}
