package dev.atelier.trainers.sr;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import dev.atelier.trainers.model.Scalars;
import dev.atelier.trainers.spec.ContentLoss;
import dev.atelier.trainers.spec.SrHyperparams;
import dev.atelier.trainers.spec.SrTrialSpec;
import dev.atelier.trainers.train.Adam;
import dev.atelier.trainers.train.Ema;
import dev.atelier.trainers.train.Network;
import dev.atelier.trainers.train.StepParameters;
import dev.atelier.trainers.train.StepStats;
import dev.atelier.trainers.train.loss.AdversarialLoss;
import dev.atelier.trainers.train.loss.NonSaturatingLoss;
import java.util.List;
import java.util.Optional;

/**
 * One SR training step on a batch of ground-truth images: the inputs are their 4x area
 * downsamplings; D is updated on the real batch and the detached SR batch (BCE); then G on content
 * loss + adversarial_weight x non-saturating loss through the just-updated D, whose parameters are
 * constants for that pass (so nothing leaks into D and nothing needs freezing). During {@code
 * content_only_steps} the adversarial term is left out of G's loss; D still trains. The content
 * loss is the pixel loss, plus the weighted {@link FeatureContent} term when the spec has one.
 * After G's update the weight average, when there is one, folds in G's new weights.
 */
final class SrStep {
  private final Network g;
  private final Network d;
  private final Adam adamG;
  private final Adam adamD;
  private final SrHyperparams hp;
  private final AdversarialLoss adversarial = new NonSaturatingLoss();
  private final Engine engine;
  private final Optional<FeatureContent> features;
  private final Optional<Ema> ema;

  SrStep(
      Network g,
      Network d,
      Adam adamG,
      Adam adamD,
      SrHyperparams hp,
      Optional<FeatureContent> features,
      Optional<Ema> ema) {
    this.features = features;
    this.ema = ema;
    this.g = g;
    this.d = d;
    this.adamG = adamG;
    this.adamD = adamD;
    this.hp = hp;
    this.engine = g.model.getNDManager().getEngine();
  }

  /**
   * What a step reports: the GAN trainer's numbers (gradient norms L2 over all of a network's
   * gradients) and SR's content and adversarial terms.
   */
  record Stats(StepStats common, float content, float adversarial, float pixel, float feature) {}

  /**
   * @param sm the step's manager; everything allocated here belongs to it
   * @param hr ground truth, (N, 3, H, H) in [-1, 1]
   * @param step the 0-based step, which decides whether the adversarial term is on yet
   */
  Stats run(NDManager sm, NDArray hr, int step) {
    StepParameters gLeaves = StepParameters.trainable(g, sm);
    StepParameters dLeaves = StepParameters.trainable(d, sm);
    StepParameters dFixed = StepParameters.frozen(d, sm);
    NDArray lr = Resampling.areaDown(hr, SrTrialSpec.SCALE);
    boolean adversarialOn = step >= hp.contentOnlySteps() && hp.adversarialWeight() > 0;
    NDArray lossD;
    NDArray lossG;
    NDArray content;
    NDArray pixel;
    NDArray feature;
    NDArray adv;
    NDArray dReal;
    NDArray dFake;
    NDArray normD;
    NDArray normG;
    try (GradientCollector gc = engine.newGradientCollector()) {
      NDArray sr = forward(g, gLeaves, lr);
      NDArray outReal = forward(d, dLeaves, hr);
      NDArray outFake = forward(d, dLeaves, sr.stopGradient());
      dReal = outReal.mean();
      dFake = outFake.mean();
      lossD = adversarial.discriminator(outReal, outFake);
      gc.backward(lossD);
      List<NDArray> gradsD = dLeaves.gradients();
      normD = squaredNorm(gradsD);
      adamD.update(gradsD);

      pixel = content(sr, hr, hp.contentLoss());
      feature = features.map(f -> f.loss(sr, hr)).orElse(pixel.zerosLike());
      content =
          features.isPresent()
              ? pixel.add(Scalars.times(feature, (float) features.get().weight()))
              : pixel;
      adv = adversarial.generator(forward(d, dFixed, sr));
      lossG =
          adversarialOn ? content.add(Scalars.times(adv, (float) hp.adversarialWeight())) : content;
      gc.backward(lossG);
      List<NDArray> gradsG = gLeaves.gradients();
      normG = squaredNorm(gradsG);
      adamG.update(gradsG);
    }
    // Outside the collector; the step count is the number of updates folded in before, as in
    // the GAN trainer, so a resumed run's average is the uninterrupted run's.
    ema.ifPresent(e -> e.update(step));
    float[] v =
        NDArrays.stack(
                new NDList(lossG, lossD, dReal, dFake, normG, normD, content, adv, pixel, feature))
            .toFloatArray();
    return new Stats(StepStats.fromStacked(v), v[6], v[7], v[8], v[9]);
  }

  static NDArray content(NDArray sr, NDArray hr, ContentLoss kind) {
    NDArray diff = sr.sub(hr);
    return kind == ContentLoss.L1 ? diff.abs().mean() : diff.square().mean();
  }

  private static NDArray squaredNorm(List<NDArray> grads) {
    NDArray total = null;
    for (NDArray grad : grads) {
      NDArray s = grad.square().sum();
      total = total == null ? s : total.add(s);
    }
    return total;
  }

  private static NDArray forward(Network net, StepParameters params, NDArray x) {
    return net.block.forward(params, new NDList(x), true).singletonOrThrow();
  }
}
