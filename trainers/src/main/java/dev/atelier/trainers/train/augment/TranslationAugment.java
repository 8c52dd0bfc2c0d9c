package dev.atelier.trainers.train.augment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;

/**
 * DiffAugment's "translation": each image shifted by up to 1/8 of its size in each direction
 * (integers in [-s, s], s = round(size / 8)), vacated pixels zero, as in the authors' code. Done as
 * two gathers (rows, then columns) from the image with one zero row (column) appended, whose
 * indices are tiny per-image vectors broadcast to the batch; a gather's gradient is a scatter-add,
 * so G receives gradients for every pixel that stays in view.
 */
public final class TranslationAugment implements Augmentation {
  @Override
  public NDArray apply(NDArray x, Random random) {
    Shape s = x.getShape();
    int n = (int) s.get(0);
    int c = (int) s.get(1);
    int h = (int) s.get(2);
    int w = (int) s.get(3);
    long[] rows = new long[n * h];
    long[] cols = new long[n * w];
    int shiftH = (int) (h * 0.125 + 0.5);
    int shiftW = (int) (w * 0.125 + 0.5);
    for (int i = 0; i < n; i++) {
      int dy = random.nextInt(2 * shiftH + 1) - shiftH;
      int dx = random.nextInt(2 * shiftW + 1) - shiftW;
      for (int y = 0; y < h; y++) {
        int from = y + dy;
        rows[i * h + y] = from >= 0 && from < h ? from : h; // h: the appended zero row
      }
      for (int col = 0; col < w; col++) {
        int from = col + dx;
        cols[i * w + col] = from >= 0 && from < w ? from : w;
      }
    }
    NDManager m = x.getManager();
    Shape full = new Shape(n, c, h, w);
    NDArray padded = x.concat(m.zeros(new Shape(n, c, 1, w), x.getDataType()), 2);
    NDArray shifted = padded.gather(m.create(rows, new Shape(n, 1, h, 1)).broadcast(full), 2);
    padded = shifted.concat(m.zeros(new Shape(n, c, h, 1), x.getDataType()), 3);
    return padded.gather(m.create(cols, new Shape(n, 1, 1, w)).broadcast(full), 3);
  }
}
