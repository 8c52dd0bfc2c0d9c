package dev.atelier.trainers.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.atelier.trainers.image.SampleGrid;
import dev.atelier.trainers.model.StyleGan2Generator;
import java.util.Arrays;

/**
 * stylegan2's style-mixing sheet (the StyleGAN papers' figure): an 8x8 grid whose top row holds
 * {@link #SOURCES} source images B (the first tile stays black) and whose first column holds {@link
 * #DESTINATIONS} destination images A, twice. Rows 2-4: A with B's coarse styles (the first half of
 * the style vectors: 4x4 to about 8x8, i.e. pose and layout from B); rows 5-7: A with B's fine
 * styles (the second half: colour and detail from B). Latents are the probe's first 3 + 7; the
 * sheet is drawn at the probe's truncation, with the fixed noise maps.
 */
public final class StyleMixingSheet {
  static final int DESTINATIONS = 3;
  static final int SOURCES = SampleGrid.SIDE - 1;

  private StyleMixingSheet() {}

  /** Where the sheet of {@code step} goes, next to {@code samples/step_<7 digits>.png}. */
  public static String path(int step) {
    return String.format("samples/style_mixing_%07d.png", step);
  }

  /** The sheet as a PNG. */
  public static byte[] png(
      StyleGan2Generator g, NDManager root, long probeSeed, double psi, int imageSize) {
    return SampleGrid.png(tiles(g, root, probeSeed, psi, imageSize), 64, imageSize);
  }

  /** The sheet's 64 tiles, NCHW in [-1, 1] (black = -1 where there is none). */
  static float[] tiles(StyleGan2Generator g, NDManager root, long probeSeed, double psi, int size) {
    int latentDim = g.latentDim();
    int count = DESTINATIONS + SOURCES;
    float[] z = ProbeLatents.draw(probeSeed, count, latentDim);
    int numWs = g.numWs();
    int cut = numWs / 2;
    int side = SampleGrid.SIDE;
    int tiles = side * side;
    float[] out = new float[tiles * 3 * size * size];
    Arrays.fill(out, -1f);
    try (NDManager sm = root.newSubManager()) {
      ParameterStore ps = new ParameterStore(sm, false);
      NDArray w = g.mapping(ps, sm.create(z, new Shape(count, latentDim)), psi, false, false);
      int wDim = (int) w.getShape().get(1);
      float[] wv = w.toFloatArray();
      // Tiles in use: (row, col) -> per style vector, which latent's w it takes.
      int used = 0;
      int[] tileIndex = new int[tiles];
      float[] ws = new float[tiles * numWs * wDim];
      for (int row = 0; row < DESTINATIONS * 2 + 1; row++) {
        for (int col = 0; col < side; col++) {
          if (row == 0 && col == 0) {
            continue;
          }
          int a = row == 0 ? -1 : (row - 1) % DESTINATIONS;
          int b = col == 0 ? -1 : DESTINATIONS + col - 1;
          boolean coarseFromB = row <= DESTINATIONS;
          for (int l = 0; l < numWs; l++) {
            int src;
            if (a < 0) {
              src = b;
            } else if (b < 0) {
              src = a;
            } else {
              src = (l < cut) == coarseFromB ? b : a;
            }
            System.arraycopy(wv, src * wDim, ws, (used * numWs + l) * wDim, wDim);
          }
          tileIndex[used++] = row * side + col;
        }
      }
      float[] images =
          g.synthesis(
                  ps,
                  sm.create(Arrays.copyOf(ws, used * numWs * wDim), new Shape(used, numWs, wDim)),
                  false,
                  null)
              .toFloatArray();
      int len = 3 * size * size;
      for (int i = 0; i < used; i++) {
        System.arraycopy(images, i * len, out, tileIndex[i] * len, len);
      }
    }
    return out;
  }
}
