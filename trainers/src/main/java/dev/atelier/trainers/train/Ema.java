package dev.atelier.trainers.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;

/**
 * An exponential moving average of the generator's weights (Karras et al. 2018; Yazici et al.
 * 2019), which draws visibly steadier samples than the raw generator. It averages every parameter,
 * BatchNorm's running statistics included, so the average is a complete generator.
 *
 * <p>Used by the GAN trainer and by srgan4x alike.
 *
 * <p>The decay ramps up as min(decay, (1 + t) / (10 + t)) after t updates, as TensorFlow's
 * ExponentialMovingAverage does with num_updates: with a fixed 0.999 the average of a run of a few
 * hundred steps would still be mostly the random initialisation.
 */
public final class Ema {
  private final Network source;
  private final Network average;
  private final double decay;
  private final NDManager root;

  public Ema(Network source, Network average, double decay, NDManager root) {
    this.source = source;
    this.average = average;
    this.decay = decay;
    this.root = root;
  }

  /** A fresh run's average starts as a copy of the freshly initialised generator. */
  public void startFromSource() {
    for (int i = 0; i < source.all.size(); i++) {
      source.all.get(i).getValue().getArray().copyTo(array(average, i));
    }
  }

  public Network network() {
    return average;
  }

  static double decayAfter(double decay, long updates) {
    return Math.min(decay, (1.0 + updates) / (10.0 + updates));
  }

  /**
   * Folds in the source's current weights; {@code updates} counts the ones folded in before. Runs
   * outside any gradient collector, so the in-place updates record nothing.
   */
  public void update(long updates) {
    float d = (float) decayAfter(decay, updates);
    try (NDManager sm = root.newSubManager()) {
      for (int i = 0; i < source.all.size(); i++) {
        // A view owned by the step's manager, so the temporary below is freed with it.
        NDArray s = source.all.get(i).getValue().getArray().stopGradient();
        s.attach(sm);
        array(average, i).muli(d).addi(s.mul(1 - d));
      }
    }
  }

  private static NDArray array(Network net, int i) {
    Pair<String, Parameter> p = net.all.get(i);
    return p.getValue().getArray();
  }
}
