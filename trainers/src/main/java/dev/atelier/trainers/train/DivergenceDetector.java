package dev.atelier.trainers.train;

import dev.atelier.trainers.spec.DivergenceSpec;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.function.IntPredicate;

/**
 * Decides when a trial has diverged: a NaN or infinite loss, or D's loss below the spec's floor for
 * a window of consecutive steps (D wins outright and G's gradient vanishes, the usual way a GAN
 * collapses without ever producing a NaN). The floor does not apply to a Wasserstein critic, whose
 * loss is signed and may legitimately sit near zero. The run of low steps is part of a checkpoint,
 * so a resumed trial stops where the uninterrupted one would have.
 */
public final class DivergenceDetector {
  private final DivergenceSpec spec;
  private final IntPredicate floorApplies;
  private int lowRun;

  public DivergenceDetector(DivergenceSpec spec, boolean floorApplies, int lowRun) {
    this(spec, step -> floorApplies, lowRun);
  }

  /**
   * @param floorApplies whether D's loss floor applies at a step (1-based): srgan4x's D only
   *     matters to G while the adversarial term is in G's loss
   */
  public DivergenceDetector(DivergenceSpec spec, IntPredicate floorApplies, int lowRun) {
    this.spec = spec;
    this.floorApplies = floorApplies;
    this.lowRun = lowRun;
  }

  /** The consecutive steps so far with loss_d below the floor. */
  public int lowRun() {
    return lowRun;
  }

  /**
   * @param step the step just done (1-based, as logged)
   * @return why the trial diverged, if it did
   */
  Optional<String> check(int step, StepStats s) {
    return check(step, s.lossD(), s.lossG());
  }

  /**
   * @param step the step just done (1-based, as logged)
   * @return why the trial diverged, if it did
   */
  public Optional<String> check(int step, float lossD, float lossG) {
    Optional<String> bad = nonFinite("loss_d", lossD, step);
    if (bad.isEmpty()) {
      bad = nonFinite("loss_g", lossG, step);
    }
    if (bad.isPresent()) {
      return bad;
    }
    lowRun = floorApplies.test(step) && lossD < spec.dLossFloor() ? lowRun + 1 : 0;
    if (lowRun >= spec.window()) {
      return Optional.of(
          "loss_d stayed below "
              + BigDecimal.valueOf(spec.dLossFloor()).stripTrailingZeros().toPlainString()
              + " for "
              + lowRun
              + " consecutive steps (steps "
              + (step - lowRun + 1)
              + " to "
              + step
              + "): D wins outright and G gets no gradient");
    }
    return Optional.empty();
  }

  private static Optional<String> nonFinite(String name, float v, int step) {
    if (Float.isFinite(v)) {
      return Optional.empty();
    }
    return Optional.of(
        name + " was " + (Float.isNaN(v) ? "NaN" : v > 0 ? "+Inf" : "-Inf") + " at step " + step);
  }
}
