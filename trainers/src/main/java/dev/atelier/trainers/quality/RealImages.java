package dev.atelier.trainers.quality;

import java.util.List;

/**
 * The training images the samples are compared with: NCHW floats in [-1, 1] (the layout of {@code
 * data.ImageDataset#pixels}) and, when known, each image's file name for the novelty report.
 *
 * @param names one per image in the same order, or empty when the loader did not keep them
 */
public record RealImages(float[] pixels, int count, int size, List<String> names) {
  public RealImages {
    if (count < 2 || size < 1 || pixels.length != count * 3 * size * size) {
      throw new IllegalArgumentException(
          "real images: "
              + pixels.length
              + " floats for "
              + count
              + " images of 3x"
              + size
              + "x"
              + size
              + " (need at least 2 images, exactly filling the array)");
    }
    if (!names.isEmpty() && names.size() != count) {
      throw new IllegalArgumentException(
          "real images: " + names.size() + " names for " + count + " images");
    }
    names = List.copyOf(names);
  }

  public static RealImages of(float[] pixels, int count, int size) {
    return new RealImages(pixels, count, size, List.of());
  }

  public String name(int i) {
    return names.isEmpty() ? null : names.get(i);
  }
}
