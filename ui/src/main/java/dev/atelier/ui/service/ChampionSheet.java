package dev.atelier.ui.service;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/**
 * The champion-vs-challenger sheet kept with a promotion: the champion's grid on the left and the
 * challenger's on the right, each at the step that was compared, under a label saying which run,
 * version and step it is. Grids are scaled to one height with nearest-neighbour sampling, so pixels
 * stay pixels and the two sides compare like for like.
 */
public final class ChampionSheet {
  static final int GRID_HEIGHT = 512;
  private static final int PAD = 16;
  private static final int LABEL = 44;
  private static final Color BACKGROUND = new Color(0x1e, 0x1f, 0x24);
  private static final Color TEXT = new Color(0xf2, 0xf2, 0xf2);
  private static final Color MUTED = new Color(0x9a, 0x9c, 0xa6);

  private ChampionSheet() {}

  /** One side of the sheet: the grid's PNG (null when there is none) and what it is. */
  public record Side(byte[] png, String title, String detail) {}

  /** The sheet as PNG bytes. */
  public static byte[] compose(Side champion, Side challenger) {
    BufferedImage left = read(champion.png());
    BufferedImage right = read(challenger.png());
    int wl = width(left);
    int wr = width(right);
    int w = PAD + wl + PAD + wr + PAD;
    int h = PAD + LABEL + GRID_HEIGHT + PAD;
    BufferedImage sheet = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = sheet.createGraphics();
    try {
      g.setColor(BACKGROUND);
      g.fillRect(0, 0, w, h);
      g.setRenderingHint(
          RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setRenderingHint(
          RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
      panel(g, PAD, wl, left, champion);
      panel(g, PAD + wl + PAD, wr, right, challenger);
    } finally {
      g.dispose();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(sheet, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static void panel(Graphics2D g, int x, int w, BufferedImage grid, Side side) {
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
    g.setColor(TEXT);
    g.drawString(fit(g, side.title(), w), x, PAD + 16);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    g.setColor(MUTED);
    g.drawString(fit(g, side.detail(), w), x, PAD + 36);
    int y = PAD + LABEL;
    if (grid == null) {
      g.setColor(new Color(0x2c, 0x2e, 0x35));
      g.fillRect(x, y, w, GRID_HEIGHT);
      g.setColor(MUTED);
      g.drawString("no grid", x + w / 2 - 24, y + GRID_HEIGHT / 2);
      return;
    }
    g.drawImage(grid, x, y, w, GRID_HEIGHT, null);
  }

  private static int width(BufferedImage img) {
    if (img == null) {
      return GRID_HEIGHT;
    }
    return Math.max(1, Math.round(img.getWidth() * (GRID_HEIGHT / (float) img.getHeight())));
  }

  private static String fit(Graphics2D g, String text, int width) {
    String t = text == null ? "" : text;
    FontMetrics m = g.getFontMetrics();
    while (t.length() > 1 && m.stringWidth(t) > width) {
      t = t.substring(0, t.length() - 2) + "…";
    }
    return t;
  }

  private static BufferedImage read(byte[] png) {
    if (png == null) {
      return null;
    }
    try {
      return ImageIO.read(new ByteArrayInputStream(png));
    } catch (IOException e) {
      return null;
    }
  }
}
