package dev.atelier.trainers.train.augment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;

/**
 * DiffAugment's "cutout": per image, a square of half the image's side, centred anywhere in the
 * image (clipped at its edges), is set to zero. The mask is the outer product of a row and a column
 * indicator, broadcast over channels.
 */
public final class CutoutAugment implements Augmentation {
  @Override
  public NDArray apply(NDArray x, Random random) {
    Shape s = x.getShape();
    int n = (int) s.get(0);
    int h = (int) s.get(2);
    int w = (int) s.get(3);
    int sizeH = (int) (h * 0.5 + 0.5);
    int sizeW = (int) (w * 0.5 + 0.5);
    float[] rows = new float[n * h];
    float[] cols = new float[n * w];
    for (int i = 0; i < n; i++) {
      // Centres as the authors draw them: [0, size + (1 - cut % 2)).
      int cy = random.nextInt(h + 1 - sizeH % 2);
      int cx = random.nextInt(w + 1 - sizeW % 2);
      for (int y = Math.max(0, cy - sizeH / 2); y < Math.min(h, cy - sizeH / 2 + sizeH); y++) {
        rows[i * h + y] = 1;
      }
      for (int c = Math.max(0, cx - sizeW / 2); c < Math.min(w, cx - sizeW / 2 + sizeW); c++) {
        cols[i * w + c] = 1;
      }
    }
    NDManager m = x.getManager();
    NDArray inside =
        m.create(rows, new Shape(n, 1, h, 1)).mul(m.create(cols, new Shape(n, 1, 1, w)));
    return x.mul(inside.neg().add(1));
  }
}
