package dev.atelier.trainers.data;

/**
 * Every image of a data set, prepared and packed: image {@code i} occupies {@code
 * pixels[i*imageLength() .. (i+1)*imageLength())} in CHW order (3 x size x size), values in [-1,
 * 1].
 *
 * @param skipped files that were found but could not be decoded
 */
public record ImageDataset(float[] pixels, int count, int size, int skipped) {
  public int imageLength() {
    return 3 * size * size;
  }
}
