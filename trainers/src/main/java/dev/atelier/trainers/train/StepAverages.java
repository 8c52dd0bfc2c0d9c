package dev.atelier.trainers.train;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The means of a step's numbers over the steps since the previous sample step, logged at each
 * sample step ({@code loss_g_avg}, {@code loss_d_avg}, {@code d_real_avg}, {@code d_fake_avg},
 * {@code d_accuracy_avg}). A sweep's stop rules read evaluations, and one step's losses are too
 * noisy to judge a trial by (a GAN's losses swing from step to step).
 */
final class StepAverages {
  private double lossG;
  private double lossD;
  private double dReal;
  private double dFake;
  private double dAccuracy;
  private int steps;
  private int accuracySteps;

  void add(StepStats s) {
    lossG += s.lossG();
    lossD += s.lossD();
    dReal += s.dReal();
    dFake += s.dFake();
    steps++;
    if (!Float.isNaN(s.dAccuracy())) {
      dAccuracy += s.dAccuracy();
      accuracySteps++;
    }
  }

  /** The means since the last call (empty when no step was added), and a fresh start. */
  Map<String, Double> takeMeans() {
    Map<String, Double> m = new LinkedHashMap<>();
    if (steps > 0) {
      m.put("loss_g_avg", lossG / steps);
      m.put("loss_d_avg", lossD / steps);
      m.put("d_real_avg", dReal / steps);
      m.put("d_fake_avg", dFake / steps);
    }
    if (accuracySteps > 0) {
      m.put("d_accuracy_avg", dAccuracy / accuracySteps);
    }
    lossG = lossD = dReal = dFake = dAccuracy = 0;
    steps = accuracySteps = 0;
    return m;
  }
}
