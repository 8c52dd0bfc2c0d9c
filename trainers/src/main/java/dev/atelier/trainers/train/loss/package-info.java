/**
 * The adversarial objectives, one small class per loss behind {@link
 * dev.atelier.trainers.train.loss.AdversarialLoss}, and the gradient penalties on the
 * discriminator's input (R1, WGAN-GP). A penalty needs D's input gradient as something it can
 * differentiate again; {@link dev.atelier.trainers.model.CriticGradient} provides it as explicit,
 * exact NDArray operations, so one ordinary backward pass gives the penalty's parameter gradients
 * (no finite differences, and no autograd double backward, whose graphs DJL cannot free).
 */
package dev.atelier.trainers.train.loss;
