package dev.atelier.trainers.train.loss;

import ai.djl.ndarray.NDArray;
import dev.atelier.trainers.model.CriticGradient;
import java.util.Random;
import java.util.function.Function;

/**
 * What a penalty may use in D's update.
 *
 * @param realSeen the real batch as D saw it (after augmentation)
 * @param fakeSeen the fake batch as D saw it, detached from G
 * @param critic D at given inputs, with its input gradient as differentiable arrays (see {@link
 *     CriticGradient}), using the parameters being trained
 * @param random this step's stream for the penalty's own randomness
 */
public record PenaltyInputs(
    NDArray realSeen,
    NDArray fakeSeen,
    Function<NDArray, CriticGradient.Result> critic,
    Random random) {}
