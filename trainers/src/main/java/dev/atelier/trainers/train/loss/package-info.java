/**
 * The adversarial objectives, one small class per loss behind {@link
 * dev.atelier.trainers.train.loss.AdversarialLoss}, and the gradient penalties on the
 * discriminator's input (R1, WGAN-GP). A penalty differentiates D twice: {@link
 * dev.atelier.trainers.train.loss.InputGradient} takes the input gradient with the autograd graph
 * kept (PyTorch's {@code create_graph}), so the penalty's own gradient reaches D's parameters
 * exactly, with no finite-difference approximation.
 */
package dev.atelier.trainers.train.loss;
