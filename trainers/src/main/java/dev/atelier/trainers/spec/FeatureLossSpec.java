package dev.atelier.trainers.spec;

import dev.atelier.trainers.quality.InputRange;
import java.nio.file.Path;

/**
 * An optional feature-space (perceptual) content loss for {@code srgan4x}: the mean squared
 * difference between a user-supplied TorchScript network's first output on the SR image and on the
 * ground truth, weighted and added to the pixel loss (SRGAN's VGG loss, with the network the studio
 * chooses; nothing is downloaded).
 *
 * @param path the TorchScript file
 * @param weight the feature term's weight in the content loss
 * @param range how [-1, 1] images are converted before the network
 */
public record FeatureLossSpec(Path path, double weight, InputRange range) {}
