/**
 * Sample-quality metrics for a GAN at one sample step, as a pure library the training loop calls:
 * Frechet distance and KID between generated and real images in a feature space (a TorchScript
 * extractor the user supplies, e.g. Inception-v3 pool3), within-sample diversity with a
 * mode-collapse flag, a memorisation check (each probe sample's nearest training images), and a
 * latent walk rendered as GIF and PNG. Without an extractor only what raw pixels honestly support
 * is reported, under {@code _pixels} names. Statistics are accumulated in doubles; the real data's
 * features are computed once per evaluator and reused at every step.
 */
package dev.atelier.trainers.quality;
