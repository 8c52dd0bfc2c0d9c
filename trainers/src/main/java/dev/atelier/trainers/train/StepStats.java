package dev.atelier.trainers.train;

import java.util.Map;

/**
 * The numbers every trainer's step computes on the engine (the GAN trainer's {@link GanStep} and
 * srgan4x's), copied to the host in one transfer.
 *
 * @param dAccuracy how well D told the batches apart: (fraction of real images scored > 0 +
 *     fraction of fakes scored < 0) / 2; NaN where a step does not compute it (srgan4x)
 */
public record StepStats(
    float lossG,
    float lossD,
    float dReal,
    float dFake,
    float gradNormG,
    float gradNormD,
    float dAccuracy) {

  public StepStats(
      float lossG, float lossD, float dReal, float dFake, float gradNormG, float gradNormD) {
    this(lossG, lossD, dReal, dFake, gradNormG, gradNormD, Float.NaN);
  }

  /** Laid out as the steps stack them, first: squared gradient norms. */
  public static StepStats fromStacked(float[] v) {
    return new StepStats(v[0], v[1], v[2], v[3], (float) Math.sqrt(v[4]), (float) Math.sqrt(v[5]));
  }

  /** The same step with D's accuracy, which travels in the same copy as the rest. */
  public StepStats withDAccuracy(float accuracy) {
    return new StepStats(lossG, lossD, dReal, dFake, gradNormG, gradNormD, accuracy);
  }

  /**
   * This step for the {@link StepLoop}: its losses, and its metrics once images/s is known.
   *
   * @param extra a model's own per-step values (see {@link StepMetrics#extra()})
   */
  public StepLoop.Step toStep(double lrG, double lrD, Map<String, Double> extra) {
    return new StepLoop.Step(
        lossG,
        lossD,
        ips ->
            new StepMetrics(
                lossG, lossD, dReal, dFake, gradNormG, gradNormD, lrG, lrD, ips, extra));
  }
}
