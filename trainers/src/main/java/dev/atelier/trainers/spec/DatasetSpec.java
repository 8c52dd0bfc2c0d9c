package dev.atelier.trainers.spec;

import java.nio.file.Path;

/**
 * Where the images are and how they are prepared.
 *
 * @param background RGB that transparent pixels are composited on, as 0xRRGGBB
 */
public record DatasetSpec(Path path, int imageSize, int background) {}
