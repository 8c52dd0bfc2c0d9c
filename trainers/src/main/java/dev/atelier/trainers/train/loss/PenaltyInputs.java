package dev.atelier.trainers.train.loss;

import ai.djl.ndarray.NDArray;
import java.util.Random;
import java.util.function.UnaryOperator;

/**
 * What a penalty may use in D's update.
 *
 * @param real the real batch as loaded, a leaf recording gradients when a penalty asked for it
 * @param realOutput D's output on the real batch as D saw it (after augmentation)
 * @param realSeen the real batch as D saw it (after augmentation)
 * @param fakeSeen the fake batch as D saw it, detached from G
 * @param critic D itself, with the parameters being trained
 * @param gradient takes input gradients through D with the graph kept
 * @param random this step's stream for the penalty's own randomness
 */
public record PenaltyInputs(
    NDArray real,
    NDArray realOutput,
    NDArray realSeen,
    NDArray fakeSeen,
    UnaryOperator<NDArray> critic,
    InputGradient gradient,
    Random random) {}
