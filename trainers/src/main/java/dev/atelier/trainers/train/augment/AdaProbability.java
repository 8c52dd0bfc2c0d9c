package dev.atelier.trainers.train.augment;

import dev.atelier.trainers.spec.AdaSpec;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * ADA's probability and its controller, as in StyleGAN2-ADA's training loop: each step adds the
 * mean of sign(D(real)) over the step's (augmented) real batch; after every {@code interval} steps
 * r_t is their mean and p moves by sign(r_t − target) · batch · interval / (kimg · 1000), never
 * below 0. Its whole state (p and the interval's partial sums) goes into checkpoints.
 */
public final class AdaProbability {
  private final AdaSpec spec;
  private final double adjustment;
  private double p;
  private double signSum;
  private int signSteps;
  private double rt = Double.NaN;

  public AdaProbability(AdaSpec spec, int batchSize) {
    this.spec = spec;
    this.adjustment = spec.adjustment(batchSize);
    this.p = spec.p();
  }

  /** The probability the next step augments with. */
  public double p() {
    return p;
  }

  /** r_t over the current interval so far, including the last step (NaN before any step). */
  public double rt() {
    return rt;
  }

  /**
   * @param meanSignReal the mean of sign(D(real)) over one step's real batch
   */
  public void observe(double meanSignReal) {
    signSum += meanSignReal;
    signSteps++;
    rt = signSum / signSteps;
    if (signSteps == spec.interval()) {
      p = Math.max(0, p + Math.signum(rt - spec.target()) * adjustment);
      signSum = 0;
      signSteps = 0;
    }
  }

  /** For a checkpoint's descriptor. */
  public Map<String, Object> state() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("p", p);
    m.put("sign_sum", signSum);
    m.put("sign_steps", signSteps);
    m.put("rt", Double.isNaN(rt) ? null : rt);
    return m;
  }

  /** Back to a checkpoint's {@link #state()}. */
  public void restore(double p, double signSum, int signSteps, double rt) {
    this.p = p;
    this.signSum = signSum;
    this.signSteps = signSteps;
    this.rt = rt;
  }
}
