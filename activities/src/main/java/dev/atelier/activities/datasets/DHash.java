package dev.atelier.activities.datasets;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * The 64-bit difference hash (dHash, after Neal Krawetz's "Kind of Like That", 2013): the image
 * shrunk to 9×8 grey pixels, one bit per pair of horizontal neighbours, set when the left one is
 * brighter. Re-encoding, small resizes and slight colour shifts keep most bits; the Hamming
 * distance between two hashes ({@link #distance}) says how alike two images look. No maintained
 * Java library for perceptual hashes was at hand, and the algorithm is these few lines.
 */
public final class DHash {
  private DHash() {}

  public static long of(BufferedImage image) {
    BufferedImage small = new BufferedImage(9, 8, BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = small.createGraphics();
    g.setRenderingHint(
        RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
    g.drawImage(image, 0, 0, 9, 8, null);
    g.dispose();
    long hash = 0;
    for (int y = 0; y < 8; y++) {
      for (int x = 0; x < 8; x++) {
        int left = small.getRaster().getSample(x, y, 0);
        int right = small.getRaster().getSample(x + 1, y, 0);
        hash = (hash << 1) | (left > right ? 1 : 0);
      }
    }
    return hash;
  }

  /** How many of the 64 bits differ. */
  public static int distance(long a, long b) {
    return Long.bitCount(a ^ b);
  }
}
