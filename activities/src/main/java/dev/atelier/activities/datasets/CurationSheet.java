package dev.atelier.activities.datasets;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * A version's curation report as one PNG contact sheet, drawn with the JDK (ImageIO, Java2D): the
 * counts and rules on top, then each group with its images side by side and a label under each:
 * unreadable and truncated files by name and reason (there is nothing to show), images too small
 * (at their size, scaled up), each exact-duplicate group with the kept file first, each
 * near-duplicate pair (the earlier image, then the later one with the distance), and each small
 * class with its files. Long groups are cut with "… and n more" (the JSON report has them all).
 */
public final class CurationSheet {
  static final int TILE = 96;
  static final int PAD = 16;
  static final int GAP = 10;
  static final int PER_ROW = 8;
  static final int WIDTH = 2 * PAD + PER_ROW * TILE + (PER_ROW - 1) * GAP;
  static final int ROWS = 10;
  static final int LINES = 20;

  private static final int LABEL = 34;
  private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 18);
  private static final Font HEADING = new Font(Font.SANS_SERIF, Font.BOLD, 15);
  private static final Font TEXT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
  private static final Font SMALL = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
  private static final Color INK = new Color(0x222222);
  private static final Color MUTED = new Color(0x666666);
  private static final Color KEPT = new Color(0x1b7f3a);
  private static final Color FLAGGED = new Color(0xb3261e);
  private static final Color TILE_BACK = new Color(0xf0f0f0);
  private static final Color RULE = new Color(0xcccccc);

  private CurationSheet() {}

  public static byte[] png(VersionCuration c) {
    Layout probe = new Layout(null, c.root());
    draw(probe, c);
    BufferedImage img = new BufferedImage(WIDTH, probe.y + PAD, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    try {
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, img.getWidth(), img.getHeight());
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(
          RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      draw(new Layout(g, c.root()), c);
    } finally {
      g.dispose();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(img, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static void draw(Layout l, VersionCuration c) {
    CurationReport r = c.report();
    l.text(TITLE, INK, c.name() + " v" + c.version() + " — curation report");
    l.text(
        TEXT,
        INK,
        count(c.manifest().files().size(), "file")
            + " · "
            + r.unreadable()
            + " unreadable · "
            + r.truncated()
            + " truncated · "
            + r.tooSmall()
            + " too small · "
            + count(r.exactDuplicateCount(), "exact duplicate")
            + " · "
            + count(r.nearDuplicates().size(), "near duplicate")
            + " · "
            + count(r.smallClasses().size(), "small class")
            + " · "
            + r.usable()
            + " usable");
    l.text(
        TEXT,
        MUTED,
        "rules: images at least "
            + c.rules().minImageSize()
            + " px, classes at least "
            + count(c.rules().minClassSize(), "file")
            + ", near duplicates within "
            + c.rules().nearDupDistance()
            + " bits of dHash · training leaves out: "
            + leftOut(c));

    List<Map.Entry<String, String>> unreadable =
        r.rejected().entrySet().stream()
            .filter(e -> !e.getValue().startsWith("too small"))
            .toList();
    l.heading("Unreadable or truncated (" + unreadable.size() + ")");
    unreadable.stream()
        .limit(LINES)
        .forEach(e -> l.text(TEXT, FLAGGED, e.getKey() + " — " + e.getValue()));
    l.more(unreadable.size() - LINES, "files");

    List<String> small =
        r.rejected().entrySet().stream()
            .filter(e -> e.getValue().startsWith("too small"))
            .map(Map.Entry::getKey)
            .toList();
    l.heading("Too small (" + small.size() + ")");
    List<Tile> smallTiles = new ArrayList<>();
    for (String p : small.subList(0, Math.min(small.size(), PER_ROW * 2))) {
      ManifestEntry e = entry(c, p);
      smallTiles.add(
          new Tile(p, e == null ? "" : e.width() + "×" + e.height() + " px", FLAGGED, true));
    }
    l.tiles(smallTiles);
    l.more(small.size() - PER_ROW * 2, "images");

    l.heading(
        "Exact duplicates ("
            + count(r.exactDuplicates().size(), "group")
            + ", "
            + count(r.exactDuplicateCount(), "extra copy")
            + ")");
    for (List<String> group : r.exactDuplicates().subList(0, Math.min(ROWS, groups(r)))) {
      List<Tile> row = new ArrayList<>();
      for (int i = 0; i < Math.min(group.size(), PER_ROW); i++) {
        row.add(
            i == 0
                ? new Tile(group.get(i), "kept", KEPT, false)
                : new Tile(group.get(i), "copy", FLAGGED, false));
      }
      l.tiles(row);
      l.more(group.size() - PER_ROW, "copies in this group");
    }
    l.more(groups(r) - ROWS, "groups");

    l.heading("Near duplicates (" + count(r.nearDuplicates().size(), "pair") + ")");
    List<Tile> pairs = new ArrayList<>();
    int pairsShown = 0;
    for (Map.Entry<String, CurationReport.NearDuplicate> e : r.nearDuplicates().entrySet()) {
      if (pairsShown == ROWS * PER_ROW / 2) {
        break;
      }
      pairs.add(new Tile(e.getValue().of(), "kept", KEPT, false));
      pairs.add(
          new Tile(e.getKey(), "distance " + e.getValue().distance() + " bits", FLAGGED, false));
      pairsShown++;
    }
    l.pairs(pairs);
    l.more(r.nearDuplicates().size() - pairsShown, "pairs");

    l.heading("Small classes (" + r.smallClasses().size() + ")");
    int classes = 0;
    for (Map.Entry<String, Integer> e : r.smallClasses().entrySet()) {
      if (classes++ == ROWS) {
        break;
      }
      l.text(
          TEXT,
          FLAGGED,
          e.getKey()
              + ": "
              + count(e.getValue(), "file")
              + ", below the minimum "
              + c.rules().minClassSize());
      l.tiles(
          c.manifest().files().stream()
              .filter(f -> f.className().equals(e.getKey()))
              .limit(PER_ROW)
              .map(f -> new Tile(f.path(), "", MUTED, true))
              .toList());
    }
    l.more(r.smallClasses().size() - ROWS, "classes");
  }

  /** "1 file", "2 files", "1 extra copy", "3 extra copies", "1 small class", "2 small classes". */
  static String count(int n, String noun) {
    if (n == 1) {
      return n + " " + noun;
    }
    if (noun.endsWith("y")) {
      return n + " " + noun.substring(0, noun.length() - 1) + "ies";
    }
    return n + " " + noun + (noun.endsWith("s") ? "es" : "s");
  }

  private static int groups(CurationReport r) {
    return r.exactDuplicates().size();
  }

  private static String leftOut(VersionCuration c) {
    if (c.excludeDuplicates() && c.excludeRejects()) {
      return "duplicates and rejects (" + count(c.excluded().size(), "file") + ")";
    }
    if (c.excludeDuplicates()) {
      return "duplicates (" + count(c.excluded().size(), "file") + ")";
    }
    if (c.excludeRejects()) {
      return "rejects (" + count(c.excluded().size(), "file") + ")";
    }
    return "nothing";
  }

  private static ManifestEntry entry(VersionCuration c, String path) {
    return c.manifest().files().stream()
        .filter(f -> f.path().equals(path))
        .findFirst()
        .orElse(null);
  }

  /**
   * @param pixelArt scale a small image up without smoothing, so a too-small image shows its pixels
   */
  private record Tile(String path, String note, Color noteColour, boolean pixelArt) {}

  /** Draws top to bottom; with no graphics it only measures the height. */
  private static final class Layout {
    private final Graphics2D g;
    private final Path root;
    int y = PAD;

    Layout(Graphics2D g, Path root) {
      this.g = g;
      this.root = root;
    }

    void text(Font font, Color colour, String s) {
      int h = font.getSize() + 6;
      if (g != null) {
        g.setFont(font);
        g.setColor(colour);
        g.drawString(fit(s, WIDTH - 2 * PAD), PAD, y + font.getSize());
      }
      y += h;
    }

    void heading(String s) {
      y += 10;
      if (g != null) {
        g.setColor(RULE);
        g.drawLine(PAD, y, WIDTH - PAD, y);
      }
      y += 8;
      text(HEADING, INK, s);
    }

    void more(int n, String what) {
      if (n > 0) {
        text(TEXT, MUTED, "… and " + n + " more " + what + " (curation.json lists them all)");
      }
    }

    void tiles(List<Tile> tiles) {
      for (int i = 0; i < tiles.size(); i += PER_ROW) {
        List<Tile> row = tiles.subList(i, Math.min(tiles.size(), i + PER_ROW));
        for (int k = 0; k < row.size(); k++) {
          tile(row.get(k), PAD + k * (TILE + GAP));
        }
        y += TILE + LABEL + 6;
      }
    }

    /** Pairs side by side, a wider gap between pairs than within one. */
    void pairs(List<Tile> tiles) {
      int perRow = PER_ROW / 2;
      int pairWidth = 2 * TILE + 4;
      int between = (WIDTH - 2 * PAD - perRow * pairWidth) / (perRow - 1);
      for (int i = 0; i < tiles.size(); i += 2 * perRow) {
        List<Tile> row = tiles.subList(i, Math.min(tiles.size(), i + 2 * perRow));
        for (int k = 0; k < row.size(); k++) {
          int pair = k / 2;
          tile(row.get(k), PAD + pair * (pairWidth + between) + (k % 2) * (TILE + 4));
        }
        y += TILE + LABEL + 6;
      }
    }

    private void tile(Tile t, int x) {
      if (g == null) {
        return;
      }
      g.setColor(TILE_BACK);
      g.fillRect(x, y, TILE, TILE);
      BufferedImage img = read(root.resolve(t.path()));
      if (img == null) {
        g.setFont(SMALL);
        g.setColor(MUTED);
        g.drawString("not readable", x + 14, y + TILE / 2);
      } else {
        double scale = Math.min((double) TILE / img.getWidth(), (double) TILE / img.getHeight());
        int w = Math.max(1, (int) Math.round(img.getWidth() * scale));
        int h = Math.max(1, (int) Math.round(img.getHeight() * scale));
        g.setRenderingHint(
            RenderingHints.KEY_INTERPOLATION,
            t.pixelArt() && scale > 1
                ? RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR
                : RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(shrunk(img, w), x + (TILE - w) / 2, y + (TILE - h) / 2, w, h, null);
      }
      g.setColor(RULE);
      g.drawRect(x, y, TILE - 1, TILE - 1);
      g.setFont(SMALL);
      g.setColor(INK);
      g.drawString(fit(t.path(), TILE), x, y + TILE + 13);
      g.setColor(t.noteColour());
      g.drawString(fit(t.note(), TILE), x, y + TILE + 27);
    }

    private String fit(String s, int width) {
      FontMetrics m = g.getFontMetrics();
      if (m.stringWidth(s) <= width) {
        return s;
      }
      int keep = s.length();
      while (keep > 2 && m.stringWidth(middle(s, keep)) > width) {
        keep--;
      }
      return middle(s, keep);
    }
  }

  /** {@code s} cut in the middle to {@code keep} characters, with an ellipsis. */
  static String middle(String s, int keep) {
    int head = (keep - 1) / 2;
    int tail = keep - 1 - head;
    return s.substring(0, head) + "…" + s.substring(s.length() - tail);
  }

  /**
   * Halves a large image while it stays at least twice {@code width}, so one step never aliases.
   */
  private static BufferedImage shrunk(BufferedImage img, int width) {
    BufferedImage cur = img;
    while (cur.getWidth() / 2 >= width * 2) {
      int w = cur.getWidth() / 2;
      int h = Math.max(1, cur.getHeight() / 2);
      BufferedImage half = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
      Graphics2D g = half.createGraphics();
      try {
        g.setRenderingHint(
            RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(cur, 0, 0, w, h, null);
      } finally {
        g.dispose();
      }
      cur = half;
    }
    return cur;
  }

  private static BufferedImage read(Path file) {
    if (!Files.isRegularFile(file)) {
      return null;
    }
    try {
      return ImageIO.read(file.toFile());
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
