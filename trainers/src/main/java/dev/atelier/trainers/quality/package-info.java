/**
 * Sample-quality metrics for a GAN, measured during training by {@link
 * dev.atelier.trainers.quality.QualityHook} (every {@code quality.every} steps) and usable as a
 * library: Frechet distance and KID between generated and real images in a feature space (the
 * built-in 8x8 RGB space {@code rgb8}, or a TorchScript extractor the user supplies, e.g.
 * Inception-v3 pool3), within-sample diversity with a mode-collapse flag, a memorisation check
 * (each probe sample's nearest training images), and a latent walk rendered as GIF and PNG. Every
 * metric carries its feature space's name ({@code fd_rgb8}, {@code fd_inception}), never "fid".
 * Statistics are accumulated in doubles; the real data's features are computed once per evaluator
 * and reused at every step.
 */
package dev.atelier.trainers.quality;
