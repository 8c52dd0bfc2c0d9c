package dev.atelier.trainers.train.loss;

import ai.djl.ndarray.NDArray;
import dev.atelier.trainers.model.CriticGradient;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What a penalty may use in D's update.
 *
 * @param realSeen the real batch as D saw it (after augmentation)
 * @param fakeSeen the fake batch as D saw it, detached from G
 * @param critic D at given inputs, with its input gradient as differentiable arrays (see {@link
 *     CriticGradient}), using the parameters being trained
 * @param random this step's stream for the penalty's own randomness
 * @param atReal D and its input gradient at {@code realSeen}: in a training step the very pass D's
 *     loss scores the real batch with, when a due penalty {@link GradientPenalty#atReal() asks for
 *     it}, as R3GAN's trainer differentiates its loss's own forward passes
 * @param atFake the same at {@code fakeSeen}
 */
public record PenaltyInputs(
    NDArray realSeen,
    NDArray fakeSeen,
    Function<NDArray, CriticGradient.Result> critic,
    Random random,
    Supplier<CriticGradient.Result> atReal,
    Supplier<CriticGradient.Result> atFake) {

  /** Inputs whose {@code atReal} and {@code atFake} run the critic when asked (a pass each). */
  public PenaltyInputs(
      NDArray realSeen,
      NDArray fakeSeen,
      Function<NDArray, CriticGradient.Result> critic,
      Random random) {
    this(
        realSeen,
        fakeSeen,
        critic,
        random,
        () -> critic.apply(realSeen.stopGradient()),
        () -> critic.apply(fakeSeen.stopGradient()));
  }
}
