package dev.atelier.trainers.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import dev.atelier.trainers.model.CriticGradient;
import dev.atelier.trainers.model.StyleGan2Generator;
import dev.atelier.trainers.train.augment.AdaPipeline;
import dev.atelier.trainers.train.augment.AdaProbability;
import dev.atelier.trainers.train.augment.DiffAugment;
import dev.atelier.trainers.train.loss.GradientPenalty;
import dev.atelier.trainers.train.loss.Objective;
import dev.atelier.trainers.train.loss.PathLengthPenalty;
import dev.atelier.trainers.train.loss.PenaltyInputs;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.UnaryOperator;

/**
 * One training step: D is updated on a real batch and a detached fake batch (plus any gradient
 * penalty; R1 and R2 differentiate the very passes that score the batches for D's loss, as R3GAN's
 * trainer does, so D runs twice in its update, not four times), then G is updated through the
 * just-updated D, with D's parameters as constants, on the same fake batch (one generator forward
 * pass per step). Every batch D sees, real or fake, goes through the same kind of differentiable
 * augmentation, each with its own draws: adaptive augmentation at this step's probability, then
 * DiffAugment. On the steps it is due, stylegan2's path-length penalty joins G's loss (its own,
 * smaller generator pass; see {@link PathLengthPenalty}). Last, G's weight average takes in the new
 * weights, and ADA's probability the step's mean sign of D on the real batch.
 */
final class GanStep {
  private final Network g;
  private final Network d;
  private final Adam adamG;
  private final Adam adamD;
  private final Objective objective;
  private final Optional<Ema> ema;
  private final DiffAugment augment;
  private final Optional<AdaProbability> ada;
  private final Optional<PathLengthPenalty> pathLength;
  private final Engine engine;

  GanStep(
      Network g,
      Network d,
      Adam adamG,
      Adam adamD,
      Objective objective,
      Optional<Ema> ema,
      DiffAugment augment) {
    this(g, d, adamG, adamD, objective, ema, augment, Optional.empty());
  }

  GanStep(
      Network g,
      Network d,
      Adam adamG,
      Adam adamD,
      Objective objective,
      Optional<Ema> ema,
      DiffAugment augment,
      Optional<AdaProbability> ada) {
    this(g, d, adamG, adamD, objective, ema, augment, ada, Optional.empty());
  }

  /**
   * @param pathLength stylegan2's path-length penalty (G must be a {@link StyleGan2Generator})
   */
  GanStep(
      Network g,
      Network d,
      Adam adamG,
      Adam adamD,
      Objective objective,
      Optional<Ema> ema,
      DiffAugment augment,
      Optional<AdaProbability> ada,
      Optional<PathLengthPenalty> pathLength) {
    this.ada = ada;
    this.pathLength = pathLength;
    this.g = g;
    this.d = d;
    this.adamG = adamG;
    this.adamD = adamD;
    this.objective = objective;
    this.ema = ema;
    this.augment = augment;
    this.engine = g.model.getNDManager().getEngine();
  }

  /**
   * @param sm the step's manager; everything allocated here belongs to it
   */
  StepStats run(NDManager sm, NDArray real, NDArray z, long seed, int step) {
    return run(sm, real, z, Condition.NONE, seed, step);
  }

  /**
   * @param cond the classes of this step's real images, also the classes G draws (so every real
   *     image has a fake of its own class, and WGAN-GP's mixes stay within a class)
   */
  StepStats run(NDManager sm, NDArray real, NDArray z, Condition cond, long seed, int step) {
    StepParameters gLeaves = StepParameters.trainable(g, sm);
    StepParameters dLeaves = StepParameters.trainable(d, sm);
    StepParameters dFixed = StepParameters.frozen(d, sm);
    Random augRandom = StepRandom.AUGMENT.at(seed, step);
    double adaP = ada.map(AdaProbability::p).orElse(0.0);
    Random adaRandom = StepRandom.ADA.at(seed, step);
    UnaryOperator<NDArray> seen =
        x -> {
          NDArray y = AdaPipeline.apply(x, adaP, adaRandom);
          return augment.isIdentity() ? y : augment.apply(y, augRandom);
        };
    NDArray lossD;
    NDArray lossG;
    NDArray dReal;
    NDArray dFake;
    NDArray normD;
    NDArray normG;
    NDArray dAccuracy;
    NDArray signReal;
    PathLengthPenalty pl = pathLength.filter(p -> p.appliesAt(step)).orElse(null);
    NDArray plLoss = null;
    NDArray plMean = null;
    try (GradientCollector gc = engine.newGradientCollector()) {
      NDArray fake = forward(g, gLeaves, cond.generatorInput(z));
      NDArray realSeen = seen.apply(real);
      NDArray fakeSeen = seen.apply(fake.stopGradient());
      List<GradientPenalty> due =
          objective.penalties().stream().filter(p -> p.appliesAt(step)).toList();
      // A penalty on D's input gradient at a batch (R1, R2) and D's loss share one pass there.
      CriticGradient.Result atReal =
          due.stream().anyMatch(GradientPenalty::atReal) ? critic(dLeaves, cond, realSeen) : null;
      CriticGradient.Result atFake =
          due.stream().anyMatch(GradientPenalty::atFake) ? critic(dLeaves, cond, fakeSeen) : null;
      NDArray outReal =
          atReal != null ? atReal.output() : forward(d, dLeaves, cond.discriminatorInput(realSeen));
      NDArray outFake =
          atFake != null ? atFake.output() : forward(d, dLeaves, cond.discriminatorInput(fakeSeen));
      dReal = outReal.mean();
      dFake = outFake.mean();
      signReal = outReal.stopGradient().sign().mean();
      dAccuracy = correct(outReal.gt(0)).add(correct(outFake.lt(0))).div(2);
      lossD = objective.loss().discriminator(outReal, outFake);
      NDArray total = lossD;
      if (!due.isEmpty()) {
        PenaltyInputs in =
            new PenaltyInputs(
                realSeen,
                fakeSeen,
                x -> critic(dLeaves, cond, x),
                StepRandom.PENALTY.at(seed, step),
                atReal != null ? () -> atReal : () -> critic(dLeaves, cond, realSeen),
                atFake != null ? () -> atFake : () -> critic(dLeaves, cond, fakeSeen));
        for (GradientPenalty p : due) {
          total = total.add(p.penalty(in));
        }
      }
      gc.backward(total);
      List<NDArray> gradsD = dLeaves.gradients();
      normD = squaredNorm(gradsD);
      adamD.update(gradsD);

      NDArray outFakeG = forward(d, dFixed, cond.discriminatorInput(seen.apply(fake)));
      lossG =
          objective.loss().pairsWithReal()
              ? objective
                  .loss()
                  .generator(
                      forward(d, dFixed, cond.discriminatorInput(seen.apply(real))), outFakeG)
              : objective.loss().generator(outFakeG);
      NDArray totalG = lossG;
      if (pl != null) {
        PathLengthPenalty.Terms t =
            pl.penalty(
                (StyleGan2Generator) g.block, gLeaves, z, StepRandom.PATH_LENGTH.at(seed, step));
        totalG = lossG.add(t.scaled());
        plLoss = t.loss();
        plMean = t.mean();
      }
      gc.backward(totalG);
      List<NDArray> gradsG = gLeaves.gradients();
      normG = squaredNorm(gradsG);
      adamG.update(gradsG);
    }
    ema.ifPresent(e -> e.update(step));
    // One copy to the host for everything the loop reports.
    NDList host = new NDList(lossG, lossD, dReal, dFake, normG, normD, dAccuracy, signReal);
    if (pl != null) {
      host.add(plLoss);
      host.add(plMean);
    }
    float[] v = NDArrays.stack(host).toFloatArray();
    ada.ifPresent(a -> a.observe(v[7]));
    if (pl != null) {
      pl.update(v[9], v[8]);
    }
    return StepStats.fromStacked(v).withDAccuracy(v[6]);
  }

  /** Adaptive augmentation's probability and controller, when the spec turns it on. */
  Optional<AdaProbability> ada() {
    return ada;
  }

  /** stylegan2's path-length penalty, when the spec turns it on. */
  Optional<PathLengthPenalty> pathLength() {
    return pathLength;
  }

  /** The fraction of a batch's scores on the right side of 0. */
  private static NDArray correct(NDArray right) {
    return right.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).mean();
  }

  private static NDArray squaredNorm(List<NDArray> grads) {
    NDArray total = null;
    for (NDArray g : grads) {
      NDArray s = g.square().sum();
      total = total == null ? s : total.add(s);
    }
    return total;
  }

  private static NDArray forward(Network net, StepParameters params, NDArray x) {
    return forward(net, params, new NDList(x));
  }

  private static NDArray forward(Network net, StepParameters params, NDList x) {
    return net.block.forward(params, x, true).singletonOrThrow();
  }

  /** D and its gradient with respect to the image channels only, not the label planes. */
  private CriticGradient.Result critic(StepParameters params, Condition cond, NDArray x) {
    CriticGradient.Result r = CriticGradient.of(d.block, params, cond.discriminatorInput(x));
    return cond.isNone()
        ? r
        : new CriticGradient.Result(
            r.output(), r.inputGradient().get(new ai.djl.ndarray.index.NDIndex(":, 0:3")));
  }
}
