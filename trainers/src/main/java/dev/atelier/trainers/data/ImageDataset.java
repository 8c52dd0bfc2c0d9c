package dev.atelier.trainers.data;

import java.util.List;

/**
 * Every image of a data set, prepared and packed: image {@code i} occupies {@code
 * pixels[i*imageLength() .. (i+1)*imageLength())} in CHW order (3 x size x size), values in [-1,
 * 1].
 *
 * @param skipped files that were found but could not be decoded
 * @param labels image i's class, an index into {@code classNames}, or {@link
 *     ImageClasses#UNLABELLED} for an image directly in the data set's folder
 * @param classNames the class names (the data set's sub-folders that hold images), sorted
 * @param excluded files that were found but left out because the spec's exclude file names them
 */
public record ImageDataset(
    float[] pixels,
    int count,
    int size,
    int skipped,
    int[] labels,
    List<String> classNames,
    int excluded) {

  /** A data set that left nothing out. */
  public ImageDataset(
      float[] pixels, int count, int size, int skipped, int[] labels, List<String> classNames) {
    this(pixels, count, size, skipped, labels, classNames, 0);
  }

  /** An unlabelled data set. */
  public ImageDataset(float[] pixels, int count, int size, int skipped) {
    this(pixels, count, size, skipped, new int[count], List.of());
    java.util.Arrays.fill(labels, ImageClasses.UNLABELLED);
  }

  public int imageLength() {
    return 3 * size * size;
  }

  public int numClasses() {
    return classNames.size();
  }
}
