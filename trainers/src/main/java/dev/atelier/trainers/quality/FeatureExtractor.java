package dev.atelier.trainers.quality;

/**
 * Maps images to feature vectors. Images are the generator's format: NCHW floats in [-1, 1], RGB,
 * {@code count} images of {@code size x size}. Implementations convert to whatever range and size
 * their network wants.
 */
public interface FeatureExtractor extends AutoCloseable {
  /**
   * The feature space's name in metric names ({@code fd_<name>}): lower case, [a-z0-9_]. It says
   * which network produced the features, so numbers from different spaces are never confused.
   */
  String name();

  /** One row of features per image, in input order. */
  float[][] features(float[] nchw, int count, int size);

  @Override
  default void close() {}
}
