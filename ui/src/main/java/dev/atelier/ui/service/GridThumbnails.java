package dev.atelier.ui.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import javax.imageio.ImageIO;

/**
 * A sample grid shrunk for the compare page: 32 trials' full-size grids per step are megabytes the
 * page would decode only to scale down. The shrink is a box average by a whole factor, so each tile
 * stays whole pixels (an 8x8 grid of 64 px tiles at width 256 becomes 32 px tiles); a grid already
 * narrow enough is served as it is. Each thumbnail is computed once and kept beside the artifacts
 * in {@link ArtifactCache}.
 */
@ApplicationScoped
public class GridThumbnails {
  public static final int MIN_WIDTH = 32;
  public static final int MAX_WIDTH = 2048;

  private final MlflowRuns mlflow;
  private final ArtifactCache cache;

  GridThumbnails(MlflowRuns mlflow, ArtifactCache cache) {
    this.mlflow = mlflow;
    this.cache = cache;
  }

  /** The trial's grid at {@code step}, at most {@code width} pixels wide; empty when none. */
  public Optional<byte[]> grid(String runId, long step, int width) {
    String path = String.format("samples/step_%07d.png", step);
    String key = "thumbnail/" + width + "/" + runId + "/" + path;
    Optional<byte[]> cached = cache.get(key);
    if (cached.isPresent()) {
      return cached;
    }
    Optional<byte[]> full = mlflow.artifact(runId, path);
    if (full.isEmpty()) {
      return full;
    }
    byte[] small = shrink(full.get(), width);
    cache.put(key, small);
    return Optional.of(small);
  }

  static byte[] shrink(byte[] png, int width) {
    try {
      BufferedImage in = ImageIO.read(new ByteArrayInputStream(png));
      if (in == null || in.getWidth() <= width) {
        return png;
      }
      return png(shrink(in, width));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * {@code in} box-averaged by the least whole factor that makes it at most {@code width} wide
   * ({@code in} itself when it already is); transparency is averaged too when {@code in} has any.
   */
  public static BufferedImage shrink(BufferedImage in, int width) {
    if (in.getWidth() <= width) {
      return in;
    }
    boolean alpha = in.getColorModel().hasAlpha();
    int factor = (in.getWidth() + width - 1) / width;
    int w = in.getWidth() / factor;
    int h = Math.max(1, in.getHeight() / factor);
    BufferedImage out =
        new BufferedImage(w, h, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
    int rows = Math.min(factor, in.getHeight());
    int[] row = new int[in.getWidth() * rows];
    int area = factor * rows;
    for (int y = 0; y < h; y++) {
      in.getRGB(0, y * rows, in.getWidth(), rows, row, 0, in.getWidth());
      for (int x = 0; x < w; x++) {
        int a = 0;
        int r = 0;
        int g = 0;
        int b = 0;
        for (int dy = 0; dy < rows; dy++) {
          for (int dx = 0; dx < factor; dx++) {
            int p = row[dy * in.getWidth() + x * factor + dx];
            a += (p >>> 24) & 0xff;
            r += (p >> 16) & 0xff;
            g += (p >> 8) & 0xff;
            b += p & 0xff;
          }
        }
        int argb = ((r / area) << 16) | ((g / area) << 8) | (b / area);
        out.setRGB(x, y, alpha ? ((a / area) << 24) | argb : argb);
      }
    }
    return out;
  }

  /** {@code image} as PNG bytes. */
  public static byte[] png(BufferedImage image) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      ImageIO.write(image, "png", bytes);
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
