package dev.atelier.trainers.train;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one step reports, logged every step under the names of {@link #asMap()}.
 *
 * @param dReal D's mean output (logit or critic score) on the real batch, in D's update
 * @param dFake D's mean output on the fake batch, in D's update
 * @param gradNormG the L2 norm of all of G's gradients in this step's update
 * @param gradNormD the L2 norm of all of D's gradients (penalties included)
 * @param imagesPerSec real images per second over the last 20 steps
 * @param extra a model's own per-step values, logged after the others (progan: {@code resolution},
 *     {@code alpha})
 */
public record StepMetrics(
    double lossG,
    double lossD,
    double dReal,
    double dFake,
    double gradNormG,
    double gradNormD,
    double lrG,
    double lrD,
    double imagesPerSec,
    Map<String, Double> extra) {

  public StepMetrics(
      double lossG,
      double lossD,
      double dReal,
      double dFake,
      double gradNormG,
      double gradNormD,
      double lrG,
      double lrD,
      double imagesPerSec) {
    this(lossG, lossD, dReal, dFake, gradNormG, gradNormD, lrG, lrD, imagesPerSec, Map.of());
  }

  public Map<String, Double> asMap() {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("loss_g", lossG);
    m.put("loss_d", lossD);
    m.put("d_real", dReal);
    m.put("d_fake", dFake);
    m.put("grad_norm_g", gradNormG);
    m.put("grad_norm_d", gradNormD);
    m.put("lr_g", lrG);
    m.put("lr_d", lrD);
    m.put("images_per_sec", imagesPerSec);
    m.putAll(extra);
    return m;
  }
}
