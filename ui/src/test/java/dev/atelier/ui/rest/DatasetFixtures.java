package dev.atelier.ui.rest;

import io.restassured.specification.RequestSpecification;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;
import java.util.function.Supplier;
import javax.imageio.ImageIO;

/**
 * What the dataset tests share: images that never look alike, a source's versions and a dataset's
 * events through the APIs, and waiting for the watcher.
 */
final class DatasetFixtures {
  /** How long the watcher gets to notice a change (it looks every 2 s, after a quiet period). */
  static final Duration WAIT = Duration.ofSeconds(40);

  private DatasetFixtures() {}

  /** A 32×32 PNG of random 4×4 colour blocks: no two seeds look alike (no near duplicates). */
  static byte[] blocks(int seed) throws Exception {
    return blocks(seed, 32);
  }

  /** A {@code side}×{@code side} PNG of 8×8 random colour blocks (blocks of side/8 pixels). */
  static byte[] blocks(int seed, int side) throws Exception {
    int block = side / 8;
    BufferedImage img = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    Random r = new Random(seed);
    for (int y = 0; y < side; y += block) {
      for (int x = 0; x < side; x += block) {
        g.setColor(new Color(r.nextInt(256), r.nextInt(256), r.nextInt(256)));
        g.fillRect(x, y, block, block);
      }
    }
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(img, "png", out);
    return out.toByteArray();
  }

  /** Writes {@link #blocks} of {@code seed} to {@code file}, making its folder. */
  static void png(Path file, int seed) throws Exception {
    Files.createDirectories(file.getParent());
    Files.write(file, blocks(seed));
  }

  /** A source's versions, newest first, as {@code viewer} reads them. */
  static List<Map<String, Object>> versions(RequestSpecification viewer, String name) {
    return viewer.get("/api/atelier/datasets/" + name + "/versions").jsonPath().getList("$");
  }

  /** A dataset's events, oldest first, through Airflow's API. */
  static List<Map<String, Object>> events(Supplier<RequestSpecification> viewer, String uri) {
    List<Integer> ids =
        viewer
            .get()
            .queryParam("uri_pattern", uri)
            .get("/api/v1/datasets")
            .then()
            .statusCode(200)
            .extract()
            .path("datasets.id");
    if (ids.isEmpty()) {
      return List.of();
    }
    return viewer
        .get()
        .queryParam("dataset_id", ids.get(0))
        .get("/api/v1/datasets/events")
        .jsonPath()
        .getList("dataset_events");
  }

  /** Polls {@code probe} until {@code done} holds, at most {@link #WAIT}. */
  static <T> T await(String what, Supplier<T> probe, Predicate<T> done) throws Exception {
    Instant deadline = Instant.now().plus(WAIT);
    T last = probe.get();
    while (!done.test(last)) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError(
            "not within " + WAIT.toSeconds() + " s: " + what + "; last: " + last);
      }
      Thread.sleep(250);
      last = probe.get();
    }
    return last;
  }
}
