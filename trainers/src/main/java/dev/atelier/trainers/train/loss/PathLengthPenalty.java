package dev.atelier.trainers.train.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.atelier.trainers.model.Scalars;
import dev.atelier.trainers.model.StyleGan2Generator;
import dev.atelier.trainers.model.StyleGradientTape;
import java.util.Random;

/**
 * StyleGAN2's path-length regularisation (Karras et al. 2020, section 3.2, as NVlabs/
 * stylegan2-ada-pytorch's {@code training/loss.py}), added to G's loss: on the first half of the
 * step's latents ({@link #BATCH_SHRINK}), with their own style mixing and noise, and y ~ N(0, I) /
 * sqrt(H W) an image of random directions, the lengths Lᵢ = sqrt(mean over the layers of |J_wᵀ y|²)
 * for each image (J_w: the synthesis network's Jacobian in its styles ws), a = the running mean of
 * the lengths moved {@link #DECAY} of the way to this batch's mean, and the penalty weight ·
 * mean((Lᵢ − a)²). The reference's gradient runs through a as well (a is not detached there), and
 * so does this one's. J_wᵀ y comes from {@link StyleGradientTape} as differentiable operations, so
 * one ordinary backward pass carries the penalty to G's parameters.
 *
 * <p>Lazy, as the reference: every {@code interval} steps at {@code interval} times the weight
 * ({@code hyperparams.pl_interval}, default 4). Unlike the reference, it rides in G's ordinary
 * update rather than a separate one, so Adam's learning rate and betas are left as they are (as
 * {@link LazyPenalty} does for R1), and its mapping pass leaves w_avg alone (as the later stylegan3
 * code does; stylegan2-ada-pytorch also moved w_avg in this pass). The running mean {@link #mean()}
 * is state: the checkpoint carries it.
 */
public final class PathLengthPenalty {
  /** The running mean's step towards each batch's mean length (the reference's pl_decay). */
  public static final float DECAY = 0.01f;

  /** The batch is this many times smaller than the step's (the reference's pl_batch_shrink). */
  public static final int BATCH_SHRINK = 2;

  private final double weight;
  private final int interval;
  private float mean;
  private float lastLoss = Float.NaN;

  /**
   * @param weight {@code pl_weight} (the reference's default is 2)
   * @param interval {@code pl_interval}
   * @param mean the running mean to start from: 0, or a checkpoint's
   */
  public PathLengthPenalty(double weight, int interval, float mean) {
    this.weight = weight;
    this.interval = interval;
    this.mean = mean;
  }

  /**
   * What one penalised step computes.
   *
   * @param scaled the term added to G's loss: {@code loss} times the interval
   * @param loss weight · mean((Lᵢ − a)²), logged as {@code loss_pl}
   * @param mean the new running mean a, logged as {@code pl_mean}
   * @param lengths the lengths Lᵢ, (N / 2)
   */
  public record Terms(NDArray scaled, NDArray loss, NDArray mean, NDArray lengths) {}

  public boolean appliesAt(int step) {
    return step % interval == 0;
  }

  /**
   * The penalty at latents {@code z} (its first half is used), differentiable in G's parameters.
   *
   * @param params G's parameter values (this step's autograd leaves)
   * @param random this step's draws for mixing, noise and y
   */
  public Terms penalty(StyleGan2Generator g, ParameterStore params, NDArray z, Random random) {
    long n = Math.max(1, z.getShape().get(0) / BATCH_SHRINK);
    NDArray ws = g.styles(params, z.get("0:" + n), 1, true, random, false);
    StyleGradientTape tape = g.synthesisWithStyleGradient(params, ws, random);
    Shape s = tape.images().getShape();
    float[] y = new float[(int) s.size()];
    float scale = (float) (1 / Math.sqrt(s.get(2) * s.get(3)));
    for (int i = 0; i < y.length; i++) {
      y[i] = (float) random.nextGaussian() * scale;
    }
    NDArray directions;
    try (NDArray raw = z.getManager().create(y, s)) {
      // A copy in engine-owned memory: the backward pass reads y, and the created array lies
      // over a Java buffer that a garbage collection may free first (see Scalars). toType is no
      // copy when the type already matches (the engine's to() then returns the same storage).
      directions = raw.duplicate().toType(tape.images().getDataType(), false);
    }
    NDArray grads = tape.styleGradient(directions); // (N, numWs, w_dim)
    NDArray lengths = grads.square().sum(new int[] {2}).mean(new int[] {1}).sqrt();
    NDArray a = Scalars.times(lengths.mean().sub(mean), DECAY).add(mean);
    NDArray loss = Scalars.times(lengths.sub(a).square().mean(), (float) weight);
    return new Terms(Scalars.times(loss, interval), loss, a, lengths);
  }

  /** The running mean, moved by a penalised step once its value is on the host. */
  public void update(float newMean, float loss) {
    this.mean = newMean;
    this.lastLoss = loss;
  }

  /** The running mean of the path lengths (the reference's pl_mean); 0 before the first. */
  public float mean() {
    return mean;
  }

  /** The last penalised step's {@code loss_pl}. */
  public float lastLoss() {
    return lastLoss;
  }
}
